"""Boilerplate owned by an Article: a file name, a media line, a credit or a contact line inside the story.

The evaluation gold marks such lines ``boilerplate`` inside the main Article (realpages README,
"Conventions"): a ``boilerplate`` segment may carry an Article id when an editor or the parser puts it
there; a teaser never does; a boilerplate segment without one stays apart, as curated files always had it.
Article text (every export) leaves boilerplate out; records still list it with its Article.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from curator.core import edit
from curator.core.edit import EditError, EditSession, History
from curator.core.export.options import ExportOptions
from curator.core.export.records import build_records
from curator.core.interop.annotations import ImportedDocument, ImportedSpan
from curator.core.interop.proposal import build_proposal
from curator.core.jsonio import dump_curation
from curator.core.model import Article, Curation, Segment, text_problems
from curator.core.parse import parse_text
from curator.core.review.merge import merge_three_way
from curator.core.taxonomy import NEVER_IN_ARTICLE_LABELS, article_of, stands_apart

LINES = [
    ("title", "Statement of the ministers"),
    ("paragraph", "The ministers adopted the statement."),
    ("boilerplate", "Annex 2.pdf"),
    ("paragraph", "The text is attached to this page."),
    ("boilerplate", "Go back"),
]
TEXT = "\n\n".join(t for _, t in LINES) + "\n"


def _curation(owned: bool = True) -> Curation:
    """Title, paragraph, a file name (owned by a1 when ``owned``), paragraph, a footer line (no Article)."""
    cur = parse_text(TEXT, "doc")
    segs, at = [], 0
    for i, (label, line) in enumerate(LINES, 1):
        start = TEXT.index(line, at)
        at = start + len(line)
        article = None if i == 5 or (i == 3 and not owned) else "a1"
        segs.append(Segment(id=f"s{i}", start=start, end=at, label=label, text=line, article=article).model_dump())
    return Curation(**{**cur.model_dump(), "segments": segs, "events": [], "duplicates": [], "speakers": [],
                       "articles": [Article(id="a1", title=LINES[0][1]).model_dump()]})


def _roundtrip(history: History, command: edit.Command) -> None:
    """One user verb is one undo step: do, undo, redo give the exact states."""
    before = dump_curation(history.session.curation)
    history.do(command)
    after = dump_curation(history.session.curation)
    assert after != before
    assert text_problems(history.session.curation, TEXT) == []
    history.undo()
    assert dump_curation(history.session.curation) == before
    history.redo()
    assert dump_curation(history.session.curation) == after


def test_only_teasers_never_belong_to_an_article() -> None:
    assert NEVER_IN_ARTICLE_LABELS == {"teaser"}
    assert article_of("boilerplate", "a1") == "a1" and article_of("teaser", "a1") is None
    assert stands_apart("boilerplate", None) and not stands_apart("boilerplate", "a1")
    assert stands_apart("teaser", "a1") and not stands_apart("paragraph", None)


# -- edits ------------------------------------------------------------------------------------------------

def test_relabelling_a_paragraph_of_an_article_boilerplate_keeps_it_in_the_article() -> None:
    h = History(EditSession(TEXT, _curation()))
    _roundtrip(h, edit.SetLabel(["s4"], "boilerplate"))
    assert (h.session.curation.segment("s4").label, h.session.curation.segment("s4").article) == ("boilerplate", "a1")
    _roundtrip(h, edit.SetLabel(["s4"], "teaser"))
    assert h.session.curation.segment("s4").article is None


def test_a_boilerplate_segment_moves_into_an_article_and_out_but_a_teaser_never_in() -> None:
    h = History(EditSession(TEXT, _curation(owned=False)))
    _roundtrip(h, edit.MoveToArticle(["s3"], "a1"))
    assert h.session.curation.segment("s3").article == "a1"
    _roundtrip(h, edit.MoveToArticle(["s3"], None))
    assert h.session.curation.segment("s3").article is None
    h.do(edit.SetLabel(["s3"], "teaser"))
    with pytest.raises(EditError, match="teaser"):
        edit.MoveToArticle(["s3"], "a1").apply(h.session)


def test_a_new_article_takes_the_boilerplate_it_owns_and_passes_over_the_footer() -> None:
    h = History(EditSession(TEXT, _curation()))
    _roundtrip(h, edit.StartArticle("s2", new_id="a2"))
    cur = h.session.curation
    assert [(s.id, s.article) for s in cur.segments] == [
        ("s1", "a1"), ("s2", "a2"), ("s3", "a2"), ("s4", "a2"), ("s5", None)]


def test_an_article_starts_at_owned_boilerplate_never_at_a_footer_line() -> None:
    h = History(EditSession(TEXT, _curation()))
    _roundtrip(h, edit.StartArticle("s3", new_id="a2", title="Annex"))
    assert [s.article for s in h.session.curation.segments] == ["a1", "a1", "a2", "a2", None]
    with pytest.raises(EditError, match="outside"):
        edit.StartArticle("s5", new_id="a3").apply(h.session)


def test_a_new_boilerplate_segment_joins_the_article_only_inside_it() -> None:
    cur = _curation()
    gaps = Curation(**{**cur.model_dump(), "segments": [s.model_dump() for s in cur.segments if s.id not in ("s3", "s5")]})
    h = History(EditSession(TEXT, gaps))
    inside = (TEXT.index("Annex"), TEXT.index("Annex") + len("Annex 2.pdf"))
    _roundtrip(h, edit.create_segment(h.session, *inside, label="boilerplate"))
    assert [s.article for s in h.session.curation.segments if s.label == "boilerplate"] == ["a1"]
    after = (TEXT.index("Go back"), TEXT.index("Go back") + len("Go back"))
    _roundtrip(h, edit.create_segment(h.session, *after, label="boilerplate"))
    assert [s.article for s in h.session.curation.segments if s.label == "boilerplate"] == ["a1", None]


def test_split_and_merge_keep_an_owned_boilerplate_in_its_article() -> None:
    h = History(EditSession(TEXT, _curation()))
    _roundtrip(h, edit.SplitSegment("s3", TEXT.index("2.pdf"), new_id="s9"))
    assert [s.article for s in h.session.curation.segments if s.label == "boilerplate"] == ["a1", "a1", None]
    _roundtrip(h, edit.MergeSegments("s3", "s9"))
    assert h.session.curation.segment("s3").article == "a1"


# -- files and exports ------------------------------------------------------------------------------------

def test_old_curated_files_load_unchanged_boilerplate_without_an_article_stays_apart() -> None:
    cur = _curation(owned=False)
    again = Curation.model_validate_json(dump_curation(cur))
    assert again.segment("s3").article is None and stands_apart("boilerplate", again.segment("s3").article)
    assert dump_curation(again) == dump_curation(cur)


def test_the_article_record_lists_its_boilerplate_but_its_text_leaves_it_out() -> None:
    rec = build_records(_curation(), TEXT, options=ExportOptions(level="article")).records[0]
    assert rec["text"] == "The ministers adopted the statement.\n\nThe text is attached to this page."
    rows = {r["segment"]: r for r in rec["segments"]}
    assert rows["s3"]["label"] == "boilerplate" and rows["s3"]["text"] == "Annex 2.pdf"
    assert (rows["s3"]["text_start"], rows["s3"]["text_end"]) == (None, None)
    assert "s5" not in rows  # the footer is in no Article


def test_a_boilerplate_segment_without_an_article_gives_no_article_row_as_before() -> None:
    rec = build_records(_curation(owned=False), TEXT, options=ExportOptions(level="article")).records[0]
    assert [r["segment"] for r in rec["segments"]] == ["s1", "s2", "s4"]


def test_segment_records_carry_the_owning_article() -> None:
    recs = build_records(_curation(), TEXT, options=ExportOptions(level="segment")).records
    assert [(r["segment"], r["article"]) for r in recs if r["label"] == "boilerplate"] == [("s3", "a1"), ("s5", None)]


def test_a_teaser_with_an_article_id_in_a_hand_made_file_stays_out_of_the_article_record() -> None:
    cur = _curation()
    odd = Curation(**{**cur.model_dump(), "segments": [
        {**s.model_dump(), "label": "teaser"} if s.id == "s3" else s.model_dump() for s in cur.segments]})
    rec = build_records(odd, TEXT, options=ExportOptions(level="article")).records[0]
    assert "s3" not in {r["segment"] for r in rec["segments"]}


# -- interop and review -------------------------------------------------------------------------------------

def test_the_tools_boilerplate_span_keeps_the_article_of_the_segment_it_covers() -> None:
    base = _curation()
    spans = [ImportedSpan(s.start, s.end, s.label) for s in base.segments]
    doc = ImportedDocument(where="tasks.json", text=TEXT, hints=["doc"], spans=spans)
    new = build_proposal(base, TEXT, doc)
    assert [(s.label, s.article) for s in new.segments] == [(s.label, s.article) for s in base.segments]
    # an annotator who relabels the Article's paragraph boilerplate leaves it in the Article
    relabelled = [ImportedSpan(sp.start, sp.end, "boilerplate" if sp.label == "paragraph" else sp.label) for sp in spans]
    new = build_proposal(base, TEXT, ImportedDocument(where="tasks.json", text=TEXT, hints=["doc"], spans=relabelled))
    assert [s.article for s in new.segments] == ["a1", "a1", "a1", "a1", None]
    teasers = [ImportedSpan(sp.start, sp.end, "teaser" if sp.label == "boilerplate" else sp.label) for sp in spans]
    new = build_proposal(base, TEXT, ImportedDocument(where="tasks.json", text=TEXT, hints=["doc"], spans=teasers))
    assert [s.article for s in new.segments] == ["a1", "a1", None, "a1", None]


def test_a_merge_keeps_the_editors_owned_boilerplate() -> None:
    """A re-parse that still puts the file name outside every Article does not undo the editor's decision
    (``curator reparse``, an import's proposal: the editor's segment is theirs)."""
    old_parse = _curation(owned=False)
    editor = Curation(**{**old_parse.model_dump(), "segments": [
        {**s.model_dump(), "article": "a1", "origin": "editor"} if s.id == "s3" else s.model_dump()
        for s in old_parse.segments]})
    merged = merge_three_way(old_parse, editor, old_parse).curation
    assert merged.segment("s3").article == "a1"


def _corpus(root: Path) -> None:
    """A corpus of one curated Document whose Article owns its file name."""
    from curator.core.store import Corpus

    root.mkdir(exist_ok=True)
    (root / "doc.txt").write_text(TEXT, encoding="utf-8")
    corpus = Corpus(root)
    ref = corpus.document_ref("doc", corpus.read_source("doc"))
    cur = _curation()
    corpus.save(Curation(**{**cur.model_dump(), "document": ref.model_dump(), "status": "curated"}), expected_stamp=None)


def test_validate_accepts_a_curated_file_with_owned_boilerplate(tmp_path: Path) -> None:
    from curator.core.validate import validate_paths

    _corpus(tmp_path)
    data = json.loads((tmp_path / "curated" / "doc.json").read_text(encoding="utf-8"))
    assert next(s for s in data["segments"] if s["id"] == "s3")["article"] == "a1"
    assert validate_paths([tmp_path]) == []


# -- the parser ---------------------------------------------------------------------------------------------

_HEAD = ("Meeting of the Council of Foreign Ministers in Minsk\n"
         "Meeting of the Council of Foreign Ministers in Minsk 20.06.2025\n"
         "On 20 June 2025, in Minsk, the Council of Foreign Ministers of the CSTO held its regular meeting. "
         "The ministers discussed the international situation.\n")
_MORE = "The ministers adopted a statement on the situation in the region and signed the plan of consultations.\n"
_FOOTER = "Go back\nBack to the section\n"


@pytest.mark.parametrize(("page", "name"), [
    (_HEAD + "Annex 2.pdf\n" + _MORE + _FOOTER, "Annex 2.pdf"),  # between the body's paragraphs
    (_HEAD + _MORE + "IMG_4512.JPG\n" + _FOOTER, "IMG_4512.JPG"),  # trailing the body, over the footer
    (_HEAD + _MORE + "Statement CMFA 07.03.2025.docx\n" + _FOOTER, "Statement CMFA 07.03.2025.docx"),
])
def test_the_parser_puts_a_file_name_inside_the_article_in_it_as_boilerplate(page: str, name: str) -> None:
    for text in (page, page.replace("\n", "\n\n")):
        cur = parse_text(text)
        seg = next(s for s in cur.segments if s.text == name)
        assert (seg.label, seg.article) == ("boilerplate", "a1"), [(s.label, s.article, s.text[:20]) for s in cur.segments]
        mine = [s for s in cur.segments if s.article == "a1"]
        assert mine[-1].end >= seg.end  # the Article ends at its last line, not before its file name
        assert [(s.label, s.article) for s in cur.segments if s.text.startswith(("Go back", "Back to"))] == [
            ("boilerplate", None), ("boilerplate", None)]
        rec = build_records(cur, text, options=ExportOptions(level="article")).records[0]
        assert name not in rec["text"] and name in [r["text"] for r in rec["segments"]]


@pytest.mark.parametrize("line", [
    "Photo: CSTO press service", "Photo by the press service of the Ministry of Defence", "Video: CSTO Secretariat",
    "Duration: 02:15", "Duration 14:32", "Download document (PDF, 1.2 MB)", "Download", "Views: 1234", "Просмотров: 45",
])
@pytest.mark.parametrize("where", ["between", "trailing"])
def test_the_parser_puts_a_media_line_or_a_counter_inside_the_article_in_it_as_boilerplate(line: str, where: str) -> None:
    """Media lines, photo credits and view counters in the Article's text: its boilerplate, never its text."""
    page = _HEAD + line + "\n" + _MORE + _FOOTER if where == "between" else _HEAD + _MORE + line + "\n" + _FOOTER
    for text in (page, page.replace("\n", "\n\n")):
        cur = parse_text(text)
        got = [(s.label, s.article, s.text[:24]) for s in cur.segments]
        seg = next(s for s in cur.segments if s.text == line)
        assert (seg.label, seg.article) == ("boilerplate", "a1"), got
        assert [s.label for s in cur.segments if s.article == "a1"][:3] == ["title", "dateline", "lead"], got
        assert [s.text for s in cur.segments if s.article == "a1"][-1] == (line if where == "trailing" else _MORE.strip())


@pytest.mark.parametrize("line", [
    "Source: TASS",  # whose report it is: a line of the text
    "Photo: the ministers of defence laid flowers at the memorial. The ceremony was held in the morning.",
    "Video conference of the Council of Foreign Ministers was held on 20 June",
])
def test_a_sentence_that_opens_like_a_media_line_stays_text(line: str) -> None:
    page = _HEAD + line + "\n" + _MORE + _FOOTER
    for text in (page, page.replace("\n", "\n\n")):
        cur = parse_text(text)
        seg = next(s for s in cur.segments if s.text == line)
        assert seg.label != "boilerplate" and seg.article == "a1", [(s.label, s.article, s.text[:24]) for s in cur.segments]


@pytest.mark.parametrize("lines", [
    ["Press Secretary of the CSTO Vladimir Zainetdinov", "E-mail: odkb-pressa@gov.ru"],
    ["Пресс-секретарь ОДКБ    Владимир Зайнетдинов", "Эл.почта: odkb-pressa@gov.ru"],
    ["Press service of the CSTO Secretariat", "Tel.: +7 (495) 606-97-71"],
    ["Просмотров: 45"],
], ids=["contact", "contact-ru", "press-service", "counter-ru"])
def test_a_press_contact_or_a_counter_under_the_text_over_the_footer_is_the_articles_boilerplate(lines: list[str]) -> None:
    page = _HEAD + _MORE + "".join(f"{line}\n" for line in lines) + _FOOTER
    for text in (page, page.replace("\n", "\n\n")):
        cur = parse_text(text)
        got = [(s.label, s.article, s.text[:24]) for s in cur.segments]
        assert [(s.label, s.article) for s in cur.segments if s.text in lines] == [("boilerplate", "a1")] * len(lines), got
        assert [(s.label, s.article) for s in cur.segments if s.text.startswith(("Go back", "Back to"))] == [
            ("boilerplate", None), ("boilerplate", None)], got


@pytest.mark.parametrize("tail", [
    "Go back\nPress service of the CSTO Secretariat\nE-mail: press@odkb-csto.org\n",  # the site's footer, after its navigation
    "© 2025 Collective Security Treaty Organization. All rights reserved\nGo back\n",  # a copyright line
    "Address: 103012, Moscow, Varvarka st., 7\nGo back\n",
])
def test_the_sites_footer_and_copyright_stay_outside_the_article(tail: str) -> None:
    page = _HEAD + _MORE + tail
    for text in (page, page.replace("\n", "\n\n")):
        cur = parse_text(text)
        assert [s.text for s in cur.segments if s.article == "a1"][-1] == _MORE.strip(), [
            (s.label, s.article, s.text[:24]) for s in cur.segments]


def _trailing(cur: Curation, label: str) -> Curation:
    """``cur`` with its footer line (s5) in Article a1 under ``label``: the Article's trailing line."""
    return Curation(**{**cur.model_dump(), "segments": [
        {**s.model_dump(), "label": label, "article": "a1"} if s.id == "s5" else s.model_dump() for s in cur.segments]})


@pytest.mark.parametrize(("label", "ends_at"), [("boilerplate", "s5"), ("teaser", "s4")])
def test_the_brat_and_xmi_article_spans_take_its_boilerplate_never_a_teaser(label: str, ends_at: str) -> None:
    """The tools' Article annotation runs to its last segment, its own boilerplate included; a teaser that a
    hand-made file puts in the Article is in none (as in the records)."""
    import re

    from curator.core.interop import brat, uima

    cur = _trailing(_curation(), label)
    end = cur.segment(ends_at).end
    ann, _lost = brat.ann_text(cur, TEXT, list(cur.segments))
    article = next(line for line in ann.splitlines() if line.split("\t")[1].startswith(brat.ARTICLE + " "))
    assert article.split("\t")[1].split()[-1] == str(end), ann
    xmi = uima.xmi_document(cur, TEXT, list(cur.segments)).decode("utf-8")
    tag = next(m.group(0) for m in re.finditer(r"<custom:CuratorArticle [^>]*>", xmi))
    assert f'end="{end}"' in tag, tag


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "parquet"])
def test_every_article_export_lists_the_file_name_with_its_article_and_its_card_says_so(tmp_path: Path, fmt: str) -> None:
    import csv

    import pyarrow.parquet as pq

    from curator.core.export.card import card_path
    from curator.core.export.run import export_corpus

    _corpus(tmp_path / "c")
    out = tmp_path / f"articles.{fmt}"
    export_corpus(tmp_path / "c", out, options=ExportOptions(format=fmt))
    if fmt == "jsonl":
        rec = json.loads(out.read_text(encoding="utf-8").splitlines()[0])
    elif fmt == "csv":
        rec = next(csv.DictReader(out.open(encoding="utf-8", newline="")))
        rec["segments"] = json.loads(rec["segments"])
    else:
        rec = pq.read_table(out).to_pylist()[0]
    assert "Annex" not in rec["text"]
    assert [(r["label"], r["text_start"]) for r in rec["segments"] if r["text"] == "Annex 2.pdf"] == [("boilerplate", None)]
    card = card_path(out).read_text(encoding="utf-8")
    assert "`text` leaves out `title`, `dateline` and `boilerplate` segments" in card
