"""The parser on the seed pages: structure, dates, kinds, speakers and events."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from curator.core.parse import (
    PARSER_NAME,
    PARSER_VERSION,
    build_context,
    parse_document,
    parse_text,
)
from curator.core.store import Corpus
from tests.test_parse_checks import assert_well_formed

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
TEXTS = {p.stem: p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))}
CONTEXT = build_context(TEXTS.values())

EXPECTED = {
    # id prefix: (title start, article date, kind, speaker of the body, event type, event date, place)
    "000": ("The CSTO Secretary General Imangali Tasmagambetov delivered", dt.date(2023, 11, 8), "speech",
            "imangali-tasmagambetov", "meeting", dt.date(2023, 11, 8), "Moscow"),
    "001": ("Interview of the CSTO Secretary General", None, "interview", "imangali-tasmagambetov",
            "interview", None, None),
    "002": ("The CSTO Secretary General Stanislav Zas spoke", dt.date(2021, 11, 17), "speech", "stanislav-zas",
            "meeting", dt.date(2021, 11, 17), "Moscow"),
    "003": ("Interview of the CSTO Secretary General", dt.date(2024, 3, 12), "interview", "imangali-tasmagambetov",
            "interview", dt.date(2024, 3, 12), None),
    "004": ("On November 28, 2019, a session", dt.date(2020, 1, 14), "news", None,
            "session", dt.date(2019, 11, 28), "Bishkek"),
}


def _seed(prefix: str) -> tuple[str, str]:
    for name, text in TEXTS.items():
        if name.startswith(prefix):
            return name, text
    raise KeyError(prefix)


@pytest.mark.parametrize("prefix", sorted(EXPECTED))
@pytest.mark.parametrize("with_context", [True, False])
def test_seed_structure(prefix: str, with_context: bool) -> None:
    name, text = _seed(prefix)
    cur = parse_text(text, name, CONTEXT if with_context else None)
    assert_well_formed(cur, text)
    title, date, kind, speaker, etype, edate, place = EXPECTED[prefix]
    assert len(cur.articles) == 1
    art = cur.articles[0]
    assert art.title.startswith(title)
    assert art.date == date
    assert art.kind == kind
    labels = [s.label for s in cur.segments]
    first = labels.index("title")
    assert all(lab == "teaser" for lab in labels[:first])
    assert first >= 3  # every seed has a sidebar before its article
    inside = [s for s in cur.segments if s.article == "a1"]
    assert [s.label for s in cur.segments[first : first + len(inside)]] == [s.label for s in inside]
    after = labels[first + len(inside) :]
    assert after and all(lab == "boilerplate" for lab in after)
    assert cur.segments[-1].text == "Back to the all news"
    if speaker is not None:
        spoken = {s.speaker for s in inside if s.label in ("paragraph", "answer")}
        assert spoken == {speaker}
    (ev,) = cur.events
    assert (ev.type, ev.date, ev.place) == (etype, edate, place)
    for span in ev.evidence:
        assert text[span.start : span.end].strip()
    assert cur.parser.name == PARSER_NAME and cur.parser.version == PARSER_VERSION


def test_seed_004_dateline_date_and_quotes() -> None:
    name, text = _seed("004")
    cur = parse_text(text, name, CONTEXT)
    dateline = next(s for s in cur.segments if s.label == "dateline")
    assert dateline.text.endswith("14.01.2020")
    def speaker_of(start: str) -> str | None:
        return next(s.speaker for s in cur.segments if s.text.startswith(start))

    # near-miss spelling "Jeebekov" resolves to the registry's Jeenbekov
    assert speaker_of("Opening the session, President of the Kyrgyz") == "sooronbai-jeenbekov"
    # "According to him" continues the last speaker
    assert speaker_of("According to him, work was actively") == "sooronbai-jeenbekov"
    # an initial: "V. Semerikov said"
    quote = next(s for s in cur.segments if "V. Semerikov said" in s.text)
    assert quote.speaker == "valery-semerikov"
    # a paragraph with only a name in quotes (“Mercenary”) is nobody's speech
    plain = next(s for s in cur.segments if s.text.startswith("The session participants were informed"))
    assert plain.speaker is None
    # the press contact in Russian is footer, not article
    assert next(s for s in cur.segments if s.text.startswith("Пресс-секретарь")).label == "boilerplate"
    ev = cur.events[0]
    assert {"vladimir-putin", "valery-semerikov", "sooronbai-jeenbekov"} <= set(ev.participants)


def test_seed_002_speech_heading_is_one_segment() -> None:
    name, text = _seed("002")
    cur = parse_text(text, name)
    heading = next(s for s in cur.segments if s.label == "heading")
    assert heading.text.startswith("of the CSTO Secretary General\n")
    assert heading.text.endswith("Commonwealth of Independent States")
    sal = [s.text for s in cur.segments if s.label == "salutation"]
    assert sal == ["Dear Nikolai Platonovich!", "Dear meeting participants!", "Dear friends!"]


def test_seed_003_dash_turns_alternate() -> None:
    name, text = _seed("003")
    cur = parse_text(text, name)
    turns = [s for s in cur.segments if s.label in ("question", "answer")]
    assert [s.label for s in turns] == ["question", "answer"] * 7
    assert all(s.speaker is None for s in turns if s.label == "question")
    lead = next(s for s in cur.segments if s.label == "lead")
    assert lead.text.startswith("In an exclusive interview with the TASS agency")
    # the dated sidebar entries (date line + summary) are teasers
    assert [s.label for s in cur.segments[:6]] == ["teaser"] * 6


def test_parse_document_uses_the_given_ref() -> None:
    corpus = Corpus(SEEDS)
    doc_id = corpus.document_ids()[0]
    source = corpus.read_source(doc_id)
    ref = corpus.document_ref(doc_id, source)
    cur = parse_document(source.text, doc=ref, context=CONTEXT)
    assert cur.document == ref and cur.status == "auto"
    assert_well_formed(cur, source.text)
