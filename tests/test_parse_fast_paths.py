"""The parser's fast paths find exactly what the patterns they stand in for find.

Each speed-up of the parser replaces a regular-expression scan by an equivalent faster one; these
tests compare both on made-up lines that probe the edges (word boundaries, case folding, overlaps).
`curator bench identity` compares whole parses against the reference revision's.
"""

from __future__ import annotations

import dataclasses
import random
import re

from curator.core.parse.people import _report_patterns
from curator.core.parse.rules import load_gazetteer, load_rules, literal_trie


def _all_matches(pattern: re.Pattern[str] | object, text: str) -> list[tuple[tuple[int, int], str]]:
    """Every match found searching from each position (a stronger test than ``finditer``)."""
    out, pos = [], 0
    while (m := pattern.search(text, pos)) is not None:  # type: ignore[attr-defined]
        out.append((m.span(), m.group()))
        pos = m.start() + 1
    return out


def test_literal_trie_matches_like_the_plain_alternation() -> None:
    rng = random.Random(3)
    for _ in range(300):
        words = sorted({"".join(rng.choice("ab-") for _ in range(rng.randint(1, 4))) for _ in range(rng.randint(1, 8))},
                       key=len, reverse=True)
        plain = re.compile("(?:" + "|".join(map(re.escape, words)) + r")(?![\w])")
        trie = re.compile(literal_trie(words) + r"(?![\w])")
        for _ in range(5):
            text = "".join(rng.choice("ab- x") for _ in range(rng.randint(0, 20)))
            assert _all_matches(plain, text) == _all_matches(trie, text), (words, text)
    assert re.compile(literal_trie([])).search("anything") is None


def test_gazetteer_scan_finds_what_its_pattern_finds() -> None:
    gaz = load_gazetteer()
    forms = sorted(gaz.by_form, key=len, reverse=True)
    lines = [
        "xMinsk Minsk-x -Moscow Moscow_ Moscow 9Minsk, Minsk; Nur-Sultan Astana",
        "The session in Moscow region and the Minsk region, then Saint Petersburg.",
        " ".join(forms), "-".join(forms), "x".join(forms), "".join(forms[:40]), "",
    ]
    for line in lines:
        want = [(m.span(), m.group()) for m in gaz.pattern.finditer(line)]
        assert [(m.span(), m.group()) for m in gaz.finditer(line)] == want, line


def test_role_subject_search_is_the_patterns_search() -> None:
    role_subject = _report_patterns(load_rules())[2]
    lines = [
        "the CSTO Acting SECRETARY GENERAL noted that the work went on.",
        "ſecretary General said", "İ PRESİDENT said", "xCSTO President said",
        "The  Secretary   General ,  in his speech , said that all is well.",
        "In turn, the Deputy Secretary General of the CSTO stressed the point.",
        "He met the President. The Chairman of the Council said it was time.",
        "Nobody with a role speaks here, the text only reports.", "", "President",
        "the the the the Secretary General noted", "CSTO  Acting\tDeputy Chief said so",
    ]
    for line in lines:
        want = role_subject.pattern.search(line)
        got = role_subject.search(line)
        assert (got and (got.span(), got.groupdict())) == (want and (want.span(), want.groupdict())), line


_PROBES = [
    "Press service of the CSTO Secretariat", "PRESS-SECRETARY", "E-mail: odkb@gov.ru", "Tel.: +7 495", "© 2024 CSTO",
    "Пресс-служба ОДКБ", "ПРЕСС-СЕКРЕТАРЬ", "Тел. 123", "ᲀсе новости", "All Rights Reserved", "Address: Moscow",
    "ſpeech of the Secretary General", "İNTERVIEW with the Chief", "Photo: press service", "Source: TASS",
    "Related news", "READ ALSO:", "Article 5. Entry into force", "CHAPTER VIII", "Annex 2.pdf", "IMG_0012.JPG In turn",
    "Dear colleagues!", "Dear friends! Ladies and gentlemen!", "Statement of the Ministers", "Biography", "Go back",
    "He noted that the situation is stable, according to him.", "the text holds none of the words", "", "x",
    "He sent a congratulatory message to the participants.", "In his MESSAGE, the Secretary General wrote",
    "The telegram reads: we mourn.", "She WRITES that the letter says nothing", "sent  message", "wrote",
]


def test_prefiltered_rule_patterns_match_like_the_patterns() -> None:
    from curator.core.parse.prefilter import PrefilteredPattern

    rules = load_rules()
    # dir(), not vars(): the compiled build's Rules has no instance __dict__
    wrapped = {name: p for name in dir(rules) if isinstance(p := getattr(rules, name), PrefilteredPattern)}
    assert {"contact", "speech_title", "image_file", "written_message"} <= set(wrapped)
    for name, p in wrapped.items():
        for line in _PROBES:
            for method in ("search", "match", "fullmatch"):
                want, got = getattr(p.original, method)(line), getattr(p, method)(line)
                assert (got and got.span()) == (want and want.span()), (name, method, line)
            assert [m.span() for m in p.finditer(line)] == [m.span() for m in p.original.finditer(line)]


def test_prefilter_required_pieces() -> None:
    from curator.core.parse.prefilter import PrefilteredPattern, fold_text, prefiltered

    p = prefiltered(re.compile(r"press[- ]service|e-?mail\s*:|©|пресс-служба", re.IGNORECASE))
    assert isinstance(p, PrefilteredPattern)
    assert set(p.pieces) == {"service", "mail", "©"} and p.non_ascii
    assert p.search("no such words here") is None
    assert p.search("ПРЕСС-СЛУЖБА") is not None  # a Russian letter in the text lets the pattern run
    assert prefiltered(re.compile("a|b?", re.IGNORECASE)).pattern == "a|b?"  # may match empty: unchanged
    assert not isinstance(prefiltered(re.compile("a|b?", re.IGNORECASE)), PrefilteredPattern)
    kelvin = prefiltered(re.compile("park", re.IGNORECASE))
    assert kelvin.search("PAR\u212a") is not None and fold_text("PAR\u212a\u0130") == "parki"


def test_parsed_curation_is_what_validating_its_dump_gives() -> None:
    """The parser builds its Curation without a dict round trip: the result must be a Curation
    that ``model_validate`` accepts unchanged, field for field."""
    from pathlib import Path

    from curator.core.model import Curation
    from curator.core.parse import build_context, parse_text

    texts = [p.read_text(encoding="utf-8") for p in sorted(Path("seeds").glob("*.txt"))]
    assert texts
    ctx = build_context(texts)
    for text in [*texts, "", "One line only", "Title\n\nTitle\n01.02.2020\n\nLead paragraph here, long enough."]:
        for context in (None, ctx):
            cur = parse_text(text, context=context)
            again = Curation.model_validate(cur.model_dump())
            assert again == cur
            assert again.model_dump_json() == cur.model_dump_json()


def test_parsed_curation_is_still_checked_whole() -> None:
    """What ``Curation`` refuses, the parser's own builder refuses: a field out of range, a broken
    invariant."""
    import pytest

    from curator.core.model import DocumentRef
    from curator.core.parse.api import _curation, _segment
    from curator.core.textio import sha256_text

    text = "Title\n\nBody"
    doc = DocumentRef(id="d", path="d.txt", sha256=sha256_text(text), length=len(text))
    seg = _segment(1, 0, 5, "title", text, article="a1")
    ok = _curation(doc, {"segments": [seg], "articles": [{"id": "a1", "title": "Title", "confidence": 0.5}]})
    assert ok.articles[0].confidence == 0.5 and ok.document == doc and ok.document is not doc
    with pytest.raises(ValueError, match="less than or equal to 1"):
        _curation(doc, {"segments": [seg], "articles": [{"id": "a1", "title": "Title", "confidence": 2}]})
    with pytest.raises(ValueError, match="unknown article"):
        _curation(doc, {"segments": [seg]})
    with pytest.raises(ValueError, match="used more than once"):
        _curation(doc, {"segments": [seg, _segment(1, 7, 11, "paragraph", text)],
                        "articles": [{"id": "a1", "title": "Title"}]})


def test_any_of_finds_a_word_exactly_when_one_is_in_the_text() -> None:
    from curator.core.parse.prefilter import any_of

    rng = random.Random(5)
    for _ in range(300):
        words = {"".join(rng.choice("ab -") for _ in range(rng.randint(1, 4))) for _ in range(rng.randint(0, 8))}
        scan = any_of(words)
        for _ in range(5):
            text = "".join(rng.choice("ab- x") for _ in range(rng.randint(0, 20)))
            assert (scan(text) is not None) == any(w in text for w in words), (words, text)


def test_parser_models_are_what_validating_their_dicts_gives() -> None:
    """``_article``, ``_speaker`` and ``_event`` build without validation what ``model_validate``
    builds from the same dict, and leave to it every dict it would refuse or change."""
    import datetime as dt

    import pytest

    from curator.core.model import Article, Event, Speaker
    from curator.core.parse.api import _article, _event, _speaker

    def same(built: object, validated: object) -> None:
        assert built == validated
        assert type(built) is type(validated)
        assert built.model_fields_set == validated.model_fields_set  # type: ignore[attr-defined]
        assert built.model_dump_json() == validated.model_dump_json()  # type: ignore[attr-defined]

    article = {"id": "a1", "title": "T", "date": dt.date(2020, 2, 1), "kind": "news", "confidence": 0.98,
               "reasons": ["title repeated, then its date"]}
    for a in (article, {**article, "date": None, "confidence": None, "reasons": []}, {**article, "confidence": 1},
              {"id": "a1", "title": "T"}, {**article, "date": "2020-02-01"}):
        same(_article(a), Article.model_validate(a))
    for bad in ({**article, "kind": "essay"}, {**article, "confidence": 1.5}, {**article, "id": ""},
                {**article, "date": 20200201}):
        with pytest.raises(ValueError):
            _article(bad)
    speaker = {"id": "p1", "name": "Imangali Tasmagambetov", "role": None}
    for s in (speaker, {**speaker, "role": "CSTO Secretary General"}, {"id": "p1", "name": "X"}):
        same(_speaker(s), Speaker.model_validate(s))
    with pytest.raises(ValueError):
        _speaker({**speaker, "name": ""})
    event = {"id": "e1", "type": "meeting", "date": dt.date(2020, 2, 1), "place": "Moscow", "participants": ["p1"],
             "evidence": [{"start": 92, "end": 95}, {"start": 114, "end": 120}]}
    for e in (event, {**event, "date": None, "place": None, "participants": [], "evidence": []}):
        built = _event(e)
        same(built, Event.model_validate(e))
        assert built.participants is not e["participants"]
    for bad in ({**event, "evidence": [{"start": 5, "end": 2}]}, {**event, "type": ""},
                {**event, "evidence": [{"start": -1, "end": 2}]}):
        with pytest.raises(ValueError):
            _event(bad)


def test_mentions_skip_only_words_that_start_no_known_form() -> None:
    """``People.mentions`` skips a run's word that starts no registry form: the same mentions as
    looking every word up (possessives, initials, patronymic forms, unknown names)."""
    from pathlib import Path

    from curator.core.parse.people import People, default_registry
    from curator.core.parse.rules import load_rules

    reg = default_registry()
    lines = [line for p in sorted(Path("seeds").glob("*.txt")) for line in p.read_text(encoding="utf-8").splitlines()]
    lines += ["Imangali Tasmagambetov's visit", "Secretary General Tasmagambetov's Visit",
              "I. Tasmagambetov and Nikolai Bordyuzha’s report",
              "Stanislav Zas spoke", "Zas's words", "Meeting Of The Council With Stanislav Vasilyevich Zas"]
    filtered = People(reg, load_rules())
    assert reg.first_words() and "Tasmagambetov" in reg.first_words()
    reference = [filtered.mentions(line) for line in lines]
    # The reference skips nothing: every word of the lines (split every way a run's head can be cut)
    # counts as a form's first word. The cache is set, not the method replaced: a compiled Registry's
    # methods cannot be monkeypatched.
    words = {w for line in lines for w in (*line.split(), *re.findall(r"[^\W\d_][\w'’.-]*", line))}
    words |= {w.strip(".,;:!?()«»\"“”'’") for w in list(words)}
    saved = reg._first_words
    try:
        reg._first_words = (len(reg.forms), frozenset(words | reg.first_words()))
        everything = People(reg, load_rules())
        for line, got in zip(lines, reference, strict=True):
            assert everything.mentions(line) == got, line
    finally:
        reg._first_words = saved


def test_parsed_curation_check_refuses_what_check_invariants_refuses() -> None:
    """``api._checked`` (one pass for a parsed Curation) raises exactly where ``check_invariants``
    does, with its message: out of order, overlapping, past the end, unknown article, speaker or
    participant, evidence past the end, a repeated id of any kind."""
    import pytest

    from curator.core.model import check_invariants
    from curator.core.parse import parse_text
    from curator.core.parse.api import _checked

    text = ("Title of the page here\n\nTitle of the page here\n01.02.2020\n\nThe CSTO Secretary General "
            "Imangali Tasmagambetov met the delegation in Moscow. “We agreed,” Tasmagambetov said.\n\nFooter")
    cur = parse_text(text)
    assert cur.speakers and cur.events and _checked(cur) is cur
    breakages = [
        lambda c: c.segments.reverse(),
        lambda c: setattr(c.segments[1], "start", c.segments[0].start),
        lambda c: setattr(c.segments[-1], "end", c.document.length + 1),
        lambda c: setattr(c.segments[0], "article", "a9"),
        lambda c: setattr(c.segments[0], "speaker", "nobody"),
        lambda c: c.events[0].participants.append("nobody"),
        lambda c: setattr(c.events[0].evidence[0], "end", c.document.length + 5),
        lambda c: setattr(c.segments[1], "id", c.segments[0].id),
        lambda c: c.articles.append(c.articles[0].model_copy()),
        lambda c: c.speakers.append(c.speakers[0].model_copy()),
        lambda c: c.events.append(c.events[0].model_copy()),
    ]
    for k, breakage in enumerate(breakages):
        broken = cur.model_copy(deep=True)
        breakage(broken)
        with pytest.raises(ValueError) as expected:
            check_invariants(broken)
        with pytest.raises(ValueError) as got:
            _checked(broken)
        assert str(got.value) == str(expected.value), k


def test_the_models_the_parser_builds_unvalidated_are_the_ones_its_checks_were_written_for() -> None:
    """``api._article``, ``_speaker`` and ``_event`` repeat by hand what validating Article, Speaker,
    Event and Span refuses. A change to those models' fields or constraints must change those checks
    too: this pins the models' JSON schemas, so such a change fails here until both are updated
    (then record the new digests)."""
    import hashlib
    import json

    from curator.core.model import Article, Event, Span, Speaker

    pinned = {"Article": "7d99fee4d484e877", "Speaker": "771eaf8adf15bff8", "Event": "9ae794b9ca029975",
              "Span": "9b5ea64b9a1bbce2"}
    for model in (Article, Speaker, Event, Span):
        digest = hashlib.sha256(json.dumps(model.model_json_schema(), sort_keys=True).encode()).hexdigest()[:16]
        assert digest == pinned[model.__name__], (
            f"{model.__name__} changed: update the checks in curator/core/parse/api.py "
            f"(_article/_speaker/_event) to refuse what it refuses, then pin {digest}")


def test_reporting_verb_scan_finds_what_the_pattern_finds() -> None:
    from curator.core.parse.people import _verb_scan

    rules = load_rules()
    scan = _verb_scan(rules)
    fast = getattr(scan, "__self__", None)
    assert isinstance(fast, re.Pattern)  # the trie form, not the fallback
    verbs = [w for w in re.split(r"(?<!\\)\|", rules.reporting_verb.pattern[5:-3])]
    words = [re.sub(r"\\(.)", r"\1", w) for w in verbs]
    lines = [*_PROBES, " ".join(words), "".join(words), "_".join(words), "-".join(words), "9said said9 saidx xsaid",
             "He expressed confidence that; she expressed hope. They drew the attention, drew attention",
             "pointed outward, summed up. summed upx called form called for", "Saidsaid СКАЗАЛsaid said́ saidé"]
    for line in lines:
        for i in range(len(line) + 1):
            want, got = rules.reporting_verb.search(line, i), fast.search(line, i)
            assert (got and (got.span(), got.group())) == (want and (want.span(), want.group())), (line, i)
        assert (scan(line) is None) == (rules.reporting_verb.search(line) is None)
    # a pattern of another form keeps the substring test and the pattern itself
    other = _verb_scan(dataclasses.replace(rules, reporting_verb=re.compile(r"\b(?:said|told)(?=\s)")))
    assert other("he told us") is not None and other("he told") is None and other("resaid ") is None


def test_table_row_test_is_the_patterns_fullmatch() -> None:
    """``_table_row`` skips ``_TABLE_ROW`` on lines that cannot end as a row: the same answer on rows,
    near-rows and prose (Unicode digits and trailing stops, percent signs and spaces included)."""
    from curator.core.parse.layout import _TABLE_ROW
    from curator.core.parse.layout import table_row as _table_row

    lines = [
        "Armenia 1505 142", "Republic of Belarus\t12\t7.5 %", "Kazakhstan 3,200 18.", "Total 12 ,%. ",
        "Armenia 1505 142\n", "Armenia 1505 142x", "Armenia\u00a0١٢٣", "Armenia ١٢٣ ", "Armenia １２", "12 34",
        "The exercise involved 1500 servicemen.", "A line of prose with no number at all.", "x 1", " 1", "",
        "Tajikistan\u00a0 7\u00a0%", "Kyrgyzstan 5 representatives", "Chapter 2", "Point 7: 3",
    ]
    rng = random.Random(7)
    lines += ["".join(rng.choice("Ab 1٢.,%\t\u00a0\n") for _ in range(rng.randint(0, 12))) for _ in range(3000)]
    for line in lines:
        assert _table_row(line) == (_TABLE_ROW.fullmatch(line) is not None), repr(line)


def test_media_link_end_needs_its_closing_bracket() -> None:
    """``_is_heading`` tries ``_MEDIA_LINK_END`` only on a line ending in ``)``: every match does."""
    from curator.core.parse.article import _MEDIA_LINK_END

    rng = random.Random(11)
    lines = ["Servicemen met the cadets of the academy (Photo gallery)", "The exercise ended (video)",
             "The exercise ended (video) ", "A short one (photo)", "A long line with no link at all at its end."]
    lines += ["".join(rng.choice("ab (Photvide)ogalry") for _ in range(rng.randint(0, 40))) for _ in range(3000)]
    for line in lines:
        t = line.rstrip()
        if _MEDIA_LINK_END.match(t):
            assert t.endswith(")"), t


# Characters that probe ``people._holds_word``: word characters of every kind (``_``, digits of other
# scripts, letters outside ASCII), what ``str.split`` splits on (every kind of space, ``\x1c``-``\x1f``),
# the punctuation it strips and other characters that are not word characters (combining marks, ``’``,
# emoji, astral letters).
_WORD_PROBE_CHARS = ("saidnotedtoldupcalon_9١Ⅻé\u0301" + " \t\n\r\x0b\x0c\x1c\x1d\x1e\x1f\x85\xa0\u1680\u2002\u2028\u2029\u3000"
                     + ".,;:!?\"'“”«»()[]…—–-/’‘" + "#@*&%\u00ad\u200b😀𝐀𝟙·")


def _runs(text: str) -> list[str]:
    return re.findall(r"\w+", text)


def test_holds_word_is_any_maximal_run_of_word_characters() -> None:
    """``WordGate(words).holds(s)``: some maximal run of word characters of ``s`` (what ``\\b…\\b``
    bounds) is one of ``words``; every kind of space, punctuation and word character, with words all
    ASCII (the scan of the reversed bytes decides an ASCII text and rules out any other) and with
    words outside ASCII (the pass over the text's words); a word that is no run of word characters is
    never found."""
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from curator.core.parse.people import WordGate

    # (what it looks up are runs of word characters: the verbs' first words)
    words = frozenset({"said", "noted", "told", "up", "called", "on", "_", "9", "said_", "١", "é"})
    ascii_words = frozenset(w for w in words if w.isascii())
    fixed = ["said", " said ", "(said)", "“said,”", "unsaid", "said9", "said_", "_said", "x-said-y", "said\u0301",
             "saidé", "said/noted", "said\u00adx", "said\u200bx", "Said", "SAID", "", "   ", "..said..", "said😀",
             "called\u3000on", "١", "٢١", "noted\x1csaid", "told\x85", "word—said—word", "n’said", "é said", "saidé said",
             "said\ud800", "\udfffsaid\ud800x", "dias", "enod", "said ", " said", "toldsaid", "up up"]
    for ws in (words, ascii_words):
        gate = WordGate(ws)
        for text in fixed:
            assert gate.holds(text) == any(r in ws for r in _runs(text)), (text, ws)
    odd = WordGate(frozenset({"a b", "x-said", ""}))
    assert not odd.holds("a b x-said") and not odd.holds("a b é x-said") and not WordGate(frozenset()).holds("said")
    assert WordGate(frozenset({"x-said", "said"})).holds("x-said")

    @settings(max_examples=3000, deadline=None)
    @given(st.text(alphabet=st.sampled_from(_WORD_PROBE_CHARS), max_size=40)
           | st.text(alphabet=st.characters(max_codepoint=127), max_size=40)  # ASCII: the bytes path
           | st.text(alphabet=st.sampled_from("said up_9 ,.-\t\x1c"), max_size=30),
           st.frozensets(st.text(alphabet=st.sampled_from("saidnotu_9é\u0301١"), min_size=1, max_size=5), max_size=6))
    def check(text: str, chosen: frozenset[str]) -> None:
        for ws in (words, ascii_words, frozenset(w for w in chosen if re.fullmatch(r"\w+", w)),
                   frozenset(w for w in chosen if re.fullmatch(r"\w+", w) and w.isascii())):
            assert WordGate(ws).holds(text) == any(r in ws for r in _runs(text)), (text, ws)

    check()


def test_holds_word_assumptions_hold_for_every_character() -> None:
    """What ``_holds_word`` relies on, over every code point: what ``str.split`` splits on is never
    a word character, the punctuation it strips is none, and ``str.isalnum`` is ``\\w`` but ``_``."""
    from curator.core.parse.people import _ASCII_WORD_BYTES, _WORD_EDGE_PUNCT

    word = re.compile(r"\w")
    for cp in range(0x110000):
        ch = chr(cp)
        w = word.match(ch) is not None
        assert w == (ch.isalnum() or ch == "_"), hex(cp)
        if w:
            assert len(("a" + ch + "a").split()) == 1, hex(cp)
    assert not any(word.match(ch) for ch in _WORD_EDGE_PUNCT)
    for c in range(256):  # the ASCII path keeps exactly the word characters
        assert (_ASCII_WORD_BYTES[c] == c) == (c == 32 or c < 128 and word.match(chr(c)) is not None), c
        assert _ASCII_WORD_BYTES[c] in (c, 32), c  # a space splits


def test_reporting_verb_words_gate_the_scan_exactly() -> None:
    """``may_report`` skips the verb scan when no verb's first word is a word of the paragraph:
    the same answer as the pattern on the probes, every verb and random paragraphs."""
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from curator.core.parse.people import People, _verb_first_words, default_registry

    rules = load_rules()
    first = _verb_first_words(rules)
    assert first is not None and {"said", "summed", "drew", "called", "expressed"} <= first
    people = People(default_registry(), rules)

    def want(s: str) -> bool:
        return "ccording to " in s or "words of " in s or rules.reporting_verb.search(s) is not None

    verbs = [re.sub(r"\\(.)", r"\1", w) for w in re.split(r"(?<!\\)\|", rules.reporting_verb.pattern[5:-3])]
    lines = [*_PROBES, *verbs, *(f"“{v},” x" for v in verbs), *(f"x{v}" for v in verbs), *(f"{v}_" for v in verbs),
             "summed upx", "drew the attentions", "called\u00a0for", "called  for", "He said́", "said\u0301"]
    for line in lines:
        assert people.may_report(line) == want(line), line

    @settings(max_examples=2000, deadline=None)
    @given(st.lists(st.sampled_from([*verbs, "summed", "drew", "the", "called", "x", "_", "9"]), max_size=6),
           st.lists(st.sampled_from([" ", "  ", ", ", ".", "-", "\u00a0", "\n", "“", "_", "é", ""]), min_size=7, max_size=7))
    def check(ws: list[str], seps: list[str]) -> None:
        line = seps[0] + "".join(w + seps[i + 1] for i, w in enumerate(ws))
        assert people.may_report(line) == want(line), line

    check()
    # a pattern of another form, or one case-insensitive, is not gated
    assert _verb_first_words(dataclasses.replace(rules, reporting_verb=re.compile(r"\b(?:said|told)(?=\s)"))) is None
    assert _verb_first_words(dataclasses.replace(rules, reporting_verb=re.compile(r"\b(?:said|told)\b", re.I))) is None
    assert _verb_first_words(dataclasses.replace(rules, reporting_verb=re.compile(r"\b(?:said|\-told)\b"))) is None


def test_prefilter_joins_a_literal_run_to_the_branch_after_it() -> None:
    """``wr(?:ote|ites)`` (how ``re`` parses ``wrote|writes``) requires ``wrote`` or ``writes``, not
    just ``ote`` or ``ites``; the pattern behind the joined pieces matches as the pattern does."""
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from curator.core.parse.prefilter import PrefilteredPattern, prefiltered

    p = prefiltered(re.compile(r"\b(?:wrote|writes)\b", re.IGNORECASE))
    assert isinstance(p, PrefilteredPattern) and set(p.pieces) == {"wrote", "writes"}
    assert set(load_rules().written_message.pieces) >= {"wrote", "writes"}
    assert "ote" not in load_rules().written_message.pieces
    # an alternative that starts with no literal, or with a letter outside ASCII, joins nothing
    assert set(prefiltered(re.compile(r"ab(?:cd|\w+e)", re.IGNORECASE)).pieces) == {"ab"}
    assert set(prefiltered(re.compile(r"ab(?:cd|é|c)", re.IGNORECASE)).pieces) == {"ab"}
    assert set(prefiltered(re.compile(r"xab(?:cde|\u0130x)", re.IGNORECASE)).pieces) == {"xab"}
    patterns = [r"\b(?:wrote|writes)\b", r"ab(?:cd|c)e?", r"a(?:b|bc|)d", r"(?:x|ab(?:c|d))y", r"ab(?:c|d)|b(?:cd|a)",
                r"k(?:ı|i)", r"s(?:ſ|t)x", r"wr(?:o|i)(?:t|s)e", r"\bsent (?:a |an )?(?:message|letter)s?\b"]

    @settings(max_examples=1500, deadline=None)
    @given(st.text(alphabet=st.sampled_from("abcdeİıſKkisxyWROTEwroteis nt-agml"), max_size=24))
    def check(text: str) -> None:
        for pattern in patterns:
            for flags in (0, re.IGNORECASE):
                original = re.compile(pattern, flags)
                fast = prefiltered(original)
                assert (fast.search(text) and fast.search(text).span()) == (
                    original.search(text) and original.search(text).span()), (pattern, flags, text)

    check()


def test_any_of_at_finds_a_word_exactly_when_one_is_in_the_text() -> None:
    """``any_of_at(words, pivot)``: the scan jumps from one ``pivot`` to the next and checks each word
    around it (the rest after it, what comes before it behind); words without the pivot are looked for
    with ``in``. True exactly when some word is a substring of the text: random words and texts over a
    small alphabet (pivot first, last, twice, absent, the whole word), the parser's cue words on the
    probes and hypothesis texts."""
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from curator.core.parse.people import _CUE_WORDS, _any_cue_word
    from curator.core.parse.prefilter import any_of_at

    rng = random.Random(13)
    for _ in range(400):
        words = {"".join(rng.choice("hab -(") for _ in range(rng.randint(1, 5))) for _ in range(rng.randint(0, 8))}
        scan = any_of_at(words, "h")
        for _ in range(6):
            text = "".join(rng.choice("hab- x(") for _ in range(rng.randint(0, 24)))
            assert scan(text) == any(w in text for w in words), (words, text)
    assert any_of_at([], "h")("anything h") is False
    assert any_of_at(["h"], "h")("ah") is True and any_of_at(["h"], "h")("a") is False
    assert any_of_at(["(h"], "(")("a(h") is True and any_of_at(["a.h"], "h")("abh") is False  # escaped

    def want(s: str) -> bool:
        return any(w in s for w in _CUE_WORDS)

    lines = [*_PROBES, *_CUE_WORDS, *(w.strip() for w in _CUE_WORDS), *(f"x{w}y" for w in _CUE_WORDS),
             "The speaker", "the Speaker", "to  him", "she", "He", " he", "he ", "She", "his", "Her words", "ihe s",
             "Ihe speaker", "hhis words", "the speakers", "to hi", "to himself", "sHe said", "shehe "]
    for line in lines:
        assert _any_cue_word(line) == want(line), line

    @settings(max_examples=2000, deadline=None)
    @given(st.lists(st.sampled_from([*_CUE_WORDS, "he", "she", "He", "h", "to", "the", "his", "her", "x", " ", "", "speaker",
                                     "words", "\u0130", "é"]), max_size=8))
    def check(parts: list[str]) -> None:
        line = "".join(parts)
        assert _any_cue_word(line) == want(line), line

    check()


def test_parsed_document_ref_is_its_model_copy() -> None:
    """The Curation's DocumentRef is a shallow copy of the caller's, as ``model_copy`` makes it (the
    parser copies a plain DocumentRef's fields itself): equal fields, fields set, no extra, its own
    object and its own set of fields set; a subclass goes through ``model_copy``."""
    from curator.core.model import DocumentRef, SourceInfo
    from curator.core.parse.api import _curation, _segment
    from curator.core.textio import sha256_text

    text = "Title\n\nBody"
    refs = [DocumentRef(id="d", path="d.txt", sha256=sha256_text(text), length=len(text)),
            DocumentRef(id="d", path="d.txt", sha256=sha256_text(text), length=len(text), encoding="cp1251",
                        source=SourceInfo(url="https://example.org/a")),
            DocumentRef.model_construct(id="d", path="d.txt", sha256=sha256_text(text), length=len(text))]

    class Sub(DocumentRef):
        pass

    refs.append(Sub(id="d", path="d.txt", sha256=sha256_text(text), length=len(text)))
    for doc in refs:
        want = doc.model_copy()
        got = _curation(doc, {"segments": [_segment(1, 0, 5, "title", text)]}).document
        assert got is not doc and type(got) is type(doc)
        assert got.__dict__ == want.__dict__ and got.__dict__ is not doc.__dict__
        assert got.model_fields_set == want.model_fields_set and got.model_fields_set is not doc.model_fields_set
        assert got.__pydantic_extra__ == want.__pydantic_extra__ and got.__pydantic_private__ == want.__pydantic_private__
        assert got.source is doc.source  # shallow, as model_copy
        got.length = 99  # the copy is its own
        assert doc.length == len(text)


def test_nav_fullmatch_remembers_lines_within_a_bound() -> None:
    """``NavPattern.fullmatch`` keeps its answers for the lines it saw (a site's chrome repeats on every
    page): the same answer as the patterns, seen again, after the memory is cleared, and the memory
    never over its bound."""
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from curator.core.parse.rules import NAV_MEMO_MAX, NavPattern

    rules = load_rules()
    nav = NavPattern(rules.nav.lines, rules.nav.breadcrumb)

    def want(text: str) -> tuple[int, int] | None:
        m = nav.lines.fullmatch(text)
        if m is None and any(sep in text for sep in (" / ", " > ", " » ", " › ", " | ")):
            m = nav.breadcrumb.fullmatch(text)
        return m and m.span()

    lines = [*_PROBES, "Go back", "Back to the section", "1 2 3 … 10", "« Prev 1 2 3 Next »", "Home / News / Item",
             "Home > Documents > Statements", "Print version", "Share", "Tags: CSTO, exercise", "Next page", "next"]
    for _ in range(3):
        for line in lines:
            got = nav.fullmatch(line)
            assert (got and got.span()) == want(line), line
    for i in range(NAV_MEMO_MAX * 2 + 5):
        line = f"{i} {i + 1}" if i % 2 else f"Line {i}"
        assert (nav.fullmatch(line) and nav.fullmatch(line).span()) == want(line)
        assert len(nav.memo) <= NAV_MEMO_MAX

    @settings(max_examples=500, deadline=None)
    @given(st.text(alphabet=st.sampled_from("Home/ >»›|backnext1 2…«‹<Назад"), max_size=30))
    def check(text: str) -> None:
        for _ in range(2):
            got = nav.fullmatch(text)
            assert (got and got.span()) == want(text), text

    check()


def test_line_predicates_remember_lines_for_one_rules_within_a_bound() -> None:
    """``_title_like`` and ``is_boilerplate`` keep their answers per line (a site's menus, footers and sidebars
    repeat on every page): the answers of the functions they remember, asked again, past the bound, with each
    flag, and never one Rules' answer for another's."""
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from curator.core.parse import layout
    from curator.core.parse.rules import NavPattern

    rules = load_rules()
    lines = [*_PROBES, "Home News Contacts", "Home About Documents Press center Contacts", "E-mail: press@odkb.org",
             "Press service of the CSTO Secretariat", "Go back", "1 2 3 … 10", "Секретариат ОДКБ", "Annex 2.pdf",
             "12 photos", "The Secretary General met the ministers.", "A headline about the meeting in Minsk", ""]

    def check_all(rules_: object, texts: list[str]) -> None:
        for text in texts:
            for flag in (True, False):
                assert layout._title_like(text, rules_, strict=flag) == layout._title_like_of(text, rules_, flag), text
                assert layout.is_boilerplate(text, rules_, cyrillic=flag) == layout._is_boilerplate_of(
                    text, rules_, flag), text

    for _ in range(3):
        check_all(rules, lines)
    many = [f"Line {i} of the menu" if i % 2 else f"{i} {i + 1}" for i in range(layout.LINE_MEMO_MAX * 2 + 5)]
    check_all(rules, many)
    for memo in (layout._TITLE_STRICT, layout._TITLE_LOOSE, layout._BOILERPLATE, layout._BOILERPLATE_LATIN):
        assert len(memo.state[1]) <= layout.LINE_MEMO_MAX

    # another Rules (the same patterns but a navigation line of its own): its own answers, then the first's again
    odd = "Zzz odd navigation line"
    other = dataclasses.replace(rules, nav=NavPattern(re.compile(re.escape(odd)), rules.nav.breadcrumb))
    for _ in range(2):
        assert layout.is_boilerplate(odd, rules) is False and layout.is_boilerplate(odd, other) is True
        assert layout._title_like(odd, other, strict=True) is False  # a navigation line is never a title
        assert layout._title_like(odd, rules, strict=True) == layout._title_like_of(odd, rules, True)
        check_all(other, lines[:20])
        check_all(rules, lines[:20])

    @settings(max_examples=300, deadline=None)
    @given(st.text(alphabet=st.sampled_from("Home NewsContacts.,:@e-mail1 2…«Назад|/"), max_size=40))
    def check(text: str) -> None:
        check_all(rules, [text, text])

    check()


def test_parsed_json_data_renders_the_bytes_of_the_parsed_curation() -> None:
    """``parse_document_data`` (the parse ``curator parse --out`` writes, without the models) renders, through
    ``dump_curation_data_bytes``, the bytes ``dump_curation_bytes(parse_document(...))`` gives; on the seeds and
    pages with and without an Article it takes its own path (not None)."""
    from pathlib import Path

    from curator.core.jsonio import dump_curation_bytes, dump_curation_data_bytes
    from curator.core.model import DocumentRef, SourceInfo
    from curator.core.parse import build_context, parse_document, parse_document_data
    from curator.core.textio import sha256_text

    texts = [p.read_text(encoding="utf-8") for p in sorted(Path("seeds").glob("*.txt"))]
    assert texts
    ctx = build_context(texts)
    made_up = ["", "One line only", "Title\n\nTitle\n01.02.2020\n\nLead paragraph here, long enough.",
               "Home | News | About\n\nA | 1 | 2\nB | 3 | 4\nC | 5 | 6\n\nText under the table."]
    taken = 0
    for n, text in enumerate([*texts, *made_up]):
        source = SourceInfo(url=f"https://example.org/{n}", html_title="Page") if n % 2 else None
        doc = DocumentRef(id=f"d{n}", path=f"d{n}.txt", sha256=sha256_text(text), length=len(text), source=source)
        for context in (None, ctx):
            want = dump_curation_bytes(parse_document(text, doc=doc, context=context))
            data = parse_document_data(text, doc=doc, context=context)
            if data is not None:
                taken += 1
                assert dump_curation_data_bytes(data) == want, (n, context is not None)
    assert taken >= 2 * len(texts)


def test_parsed_json_data_leaves_to_the_models_what_their_checks_refuse() -> None:
    """Where the model path would refuse or repair (a span the models refuse, an Article's date that is no
    date, two Articles with one id, a Segment naming an unknown Speaker), the data path answers None and
    ``parse_document`` decides."""
    from curator.core.model import DocumentRef
    from curator.core.parse.api import _plain_curation, _segment_dict
    from curator.core.textio import sha256_text

    text = "Title\n\nBody"
    doc = DocumentRef(id="d", path="d.txt", sha256=sha256_text(text), length=len(text))
    seg = _segment_dict(1, 0, 5, "title", text, article="a1")
    article = {"id": "a1", "title": "Title", "date": None, "kind": "news", "confidence": 0.5, "reasons": []}
    ok = _plain_curation(doc, {"segments": [seg], "articles": [article]})
    assert ok is not None and ok["segments"] == [seg] and ok["document"] == doc.model_dump(mode="json")
    assert _plain_curation(doc, {"segments": [seg], "articles": [{**article, "date": "2020-01-01"}]}) is None
    assert _plain_curation(doc, {"segments": [seg], "articles": [article, article]}) is None
    assert _plain_curation(doc, {"segments": [{**seg, "speaker": "nobody"}], "articles": [article]}) is None
    assert _plain_curation(doc, {"segments": [seg], "articles": [{**article, "confidence": 2.0}]}) is None
    assert _plain_curation(doc, {"segments": [seg, seg], "articles": [article]}) is None
