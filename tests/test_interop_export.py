"""XMI (INCEpTION), Label Studio and brat exports, read back by the real libraries; emoji and CRLF exact."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from curator.core.export import ExportOptions, export_corpus
from curator.core.export.interop import MARKER, label_config_path
from curator.core.interop import uima
from curator.core.jsonio import dump_curation
from curator.core.model import Article, Curation, DocumentRef, Event, ParserInfo, Segment, SourceInfo, Span, Speaker
from curator.core.textio import sha256_text

# CRLF line ends, emoji before and inside spans, a heading running over a line break, a tab.
TEXT = ("Sidebar 🙂 teaser\r\n\r\nTalks in Minsk\r\n\r\nTalks in Minsk 08.11.2023\r\n\r\n"
        "Part one of a heading\r\nand its second line\r\n\r\n"
        "On 8 November 2023, in Minsk 🇧🇾, talks were held.\r\n\r\n"
        "“We agreed 👍 on everything,” said Jane Doe.\r\n\r\ncell a\tcell b\r\n\r\nGo back")


def _spans(text: str) -> list[tuple[int, int]]:
    out, pos = [], 0
    for block in text.split("\r\n\r\n"):
        start = text.index(block, pos)
        out.append((start, start + len(block)))
        pos = start + len(block)
    return out


def _curation(doc_id: str, status: str) -> Curation:
    labels = ["teaser", "title", "dateline", "heading", "lead", "paragraph", "paragraph", "boilerplate"]
    segs = []
    for i, ((s, e), label) in enumerate(zip(_spans(TEXT), labels, strict=True), start=1):
        segs.append(Segment(id=f"s{i}", start=s, end=e, label=label, text=TEXT[s:e],
                            article=None if label in ("teaser", "boilerplate") else "a1",
                            speaker="jane-doe" if i == 7 else None, reviewed=i == 2))
    lead = segs[4]
    return Curation(
        document=DocumentRef(id=doc_id, path=f"{doc_id}.txt", sha256=sha256_text(TEXT), length=len(TEXT),
                             source=SourceInfo(url=f"https://en.example.org/{doc_id}/", fetched_at="2024-06-01T10:00:00Z",
                                               warc_file="crawl.warc.gz", warc_record_id="<urn:uuid:1>",
                                               html_title="Talks in Minsk - CSTO", http_charset="utf-8")),
        parser=ParserInfo(name="curator-rules", version="9"),
        status=status,
        segments=segs,
        articles=[Article(id="a1", title="Talks in Minsk", date="2023-11-08", kind="news", confidence=0.9)],
        speakers=[Speaker(id="jane-doe", name="Jane Doe", role="Secretary General")],
        events=[Event(id="e1", type="meeting", date="2023-11-08", place="Minsk", participants=["jane-doe"],
                      evidence=[Span(start=lead.start, end=lead.end)])],
    )


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    root = tmp_path / "corpus"
    (root / "news").mkdir(parents=True)
    for doc_id, status in (("news/curated-page", "curated"), ("auto-page", "auto")):
        (root / f"{doc_id}.txt").write_bytes(TEXT.encode("utf-8"))
        path = root / "curated" / f"{doc_id}.json"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(dump_curation(_curation(doc_id, status)), encoding="utf-8")
    return root


def _export(corpus: Path, out: Path, fmt: str, **kw) -> None:
    result = export_corpus(corpus, out, options=ExportOptions(format=fmt, include="all", **kw))
    assert not result.skipped and result.documents == 2


# -- XMI ----------------------------------------------------------------------------------------


def test_xmi_reads_back_in_cassis_with_exact_code_point_offsets(corpus, tmp_path):
    cassis = pytest.importorskip("cassis")
    out = tmp_path / "xmi"
    _export(corpus, out, "xmi")
    assert (out / MARKER).is_file()
    with open(out / "TypeSystem.xml", "rb") as fh:
        ts = cassis.load_typesystem(fh)
    with open(out / "news" / "curated-page.xmi", "rb") as fh:
        cas = cassis.load_cas_from_xmi(fh, typesystem=ts)
    assert cas.sofa_string == TEXT  # CRLF and emoji exactly
    cur = _curation("x", "curated")
    segs = sorted(cas.select(uima.SEGMENT), key=lambda a: a.begin)
    assert [(a.begin, a.end, a.label) for a in segs] == [(s.start, s.end, s.label) for s in cur.segments]
    assert all(a.get_covered_text() == s.text for a, s in zip(segs, cur.segments, strict=True))
    assert segs[6].speaker == "Jane Doe" and segs[6].speakerId == "jane-doe" and segs[1].reviewed
    (art,) = cas.select(uima.ARTICLE)
    assert (art.title, art.date, art.kind, art.begin) == ("Talks in Minsk", "2023-11-08", "news", segs[1].begin)
    (ev,) = cas.select(uima.EVENT)
    assert (ev.eventType, ev.place, ev.participants, ev.get_covered_text()) == ("meeting", "Minsk", "Jane Doe", segs[4].get_covered_text())
    (doc,) = cas.select(uima.DOCUMENT)
    assert (doc.url, doc.warcRecordId, doc.status) == ("https://en.example.org/news/curated-page/", "<urn:uuid:1>", "curated")
    (meta,) = cas.select(uima.METADATA)
    assert (meta.documentId, meta.documentUri) == ("news/curated-page", "https://en.example.org/news/curated-page/")


def test_xmi_offsets_on_disk_are_utf16_code_units(corpus, tmp_path):
    """What Java (INCEpTION) reads: begin/end count UTF-16 units, so every emoji before a span adds one."""
    import xml.etree.ElementTree as ET

    out = tmp_path / "xmi"
    _export(corpus, out, "xmi")
    root = ET.parse(out / "auto-page.xmi").getroot()
    sofa = root.find(f"{{{uima.NS_CAS}}}Sofa").get("sofaString")
    assert sofa == TEXT  # the XML parser gives back CR, LF and tab exactly
    utf16 = TEXT.encode("utf-16-le")
    for el in root.iter(f"{{{uima.NS_CUSTOM}}}CuratorSegment"):
        b, e = int(el.get("begin")), int(el.get("end"))
        seg_text = utf16[2 * b: 2 * e].decode("utf-16-le")
        cur = _curation("x", "auto")
        assert seg_text == cur.segment(el.get("segmentId")).text


def test_xmi_refuses_a_document_xml_cannot_hold_and_exports_the_rest(corpus, tmp_path):
    bad = "Form\x0cfeed page"
    (corpus / "bad.txt").write_text(bad, encoding="utf-8")
    cur = Curation(document=DocumentRef(id="bad", path="bad.txt", sha256=sha256_text(bad), length=len(bad)),
                   parser=ParserInfo(name="t", version="1"), status="curated",
                   segments=[Segment(id="s1", start=0, end=len(bad), label="paragraph", text=bad)])
    (corpus / "curated" / "bad.json").write_text(dump_curation(cur), encoding="utf-8")
    result = export_corpus(corpus, tmp_path / "x", options=ExportOptions(format="xmi", include="all"))
    assert result.documents == 2 and len(result.skipped) == 1
    assert "U+000C" in result.skipped[0].reason and not (tmp_path / "x" / "bad.xmi").exists()


def test_folder_export_never_replaces_a_folder_it_did_not_write(corpus, tmp_path):
    from curator.core.export import ExportError

    out = tmp_path / "mine"
    out.mkdir()
    (out / "notes.txt").write_text("someone's work")
    with pytest.raises(ExportError, match="not an earlier Curator xmi export"):
        export_corpus(corpus, out, options=ExportOptions(format="xmi", include="all"))
    assert (out / "notes.txt").read_text() == "someone's work"
    again = tmp_path / "again"
    _export(corpus, again, "brat")
    _export(corpus, again, "brat")  # its own earlier export is replaced
    assert sorted(p.name for p in again.iterdir() if p.suffix == ".ann") == ["auto-page.ann"]


@pytest.mark.parametrize("fmt", ["brat", "xmi"])
def test_folder_export_never_replaces_its_earlier_export_once_someone_worked_in_it(corpus, tmp_path, fmt):
    """brat edits the `.ann` files of the folder it serves in place: a re-export replaced the folder and lost the
    annotators' work, and a file someone put beside (round 21, A2). Now it is refused, nothing written."""
    from curator.core.export import ExportError

    out = tmp_path / fmt
    _export(corpus, out, fmt)
    worked = next(p for p in sorted(out.iterdir()) if p.suffix in (".ann", ".xmi"))
    exported = worked.read_bytes()
    work = worked.read_bytes() + b"\n" if fmt == "xmi" else worked.read_bytes() + "T99\tparagraph 0 4\tJane 👍\n".encode()
    worked.write_bytes(work)
    with pytest.raises(ExportError, match=f"{worked.name}: changed since"):
        export_corpus(corpus, out, options=ExportOptions(format=fmt, include="all"))
    assert worked.read_bytes() == work
    worked.write_bytes(exported)  # as exported: only the added file is someone's
    (out / "notes.md").write_text("someone's notes")
    with pytest.raises(ExportError, match="notes.md: not written by"):
        export_corpus(corpus, out, options=ExportOptions(format=fmt, include="all"))
    assert (out / "notes.md").read_text() == "someone's notes"
    assert not [p for p in tmp_path.glob(f".{fmt}.*") if p.is_dir()]  # no working folder left beside


def test_a_folder_export_interrupted_while_swapping_in_leaves_the_earlier_one_where_it_is(corpus, tmp_path):
    """Killed between its two renames (`out` -> `.out.old`, `.out.partial` -> `out`), an export left the earlier
    folder at `.out.old`, and the next export deleted it at its end unchecked, annotators' work and all (round 21,
    L2). Now the next export stops first, naming it."""
    from curator.core.export import ExportError

    out = tmp_path / "brat"
    _export(corpus, out, "brat")
    worked = next(p for p in sorted(out.iterdir()) if p.suffix == ".ann")
    worked.write_bytes(worked.read_bytes() + b"T99\tparagraph 0 4\tJane\n")
    old = tmp_path / ".brat.old"
    out.rename(old)  # where the kill left it
    with pytest.raises(ExportError, match=r"\.brat\.old"):
        export_corpus(corpus, out, options=ExportOptions(format="brat", include="all"))
    assert (old / worked.name).read_bytes().endswith(b"T99\tparagraph 0 4\tJane\n") and not out.exists()


def test_brat_folder_export_is_replaced_when_only_brat_s_cache_was_added(corpus, tmp_path):
    out = tmp_path / "brat"
    _export(corpus, out, "brat")
    (out / ".stats_cache").write_bytes(b"\x80\x04cache")  # brat's server writes it in every folder it lists
    _export(corpus, out, "brat")
    assert (out / MARKER).is_file() and not (out / ".stats_cache").exists()


# -- Label Studio -------------------------------------------------------------------------------


def _tasks(path: Path) -> dict[str, dict]:
    return {t["data"]["document"]: t for t in json.loads(path.read_text(encoding="utf-8"))}


def test_labelstudio_tasks_exact_offsets_predictions_and_annotations(corpus, tmp_path):
    out = tmp_path / "tasks.json"
    _export(corpus, out, "labelstudio")
    tasks = _tasks(out)
    curated, auto = tasks["news/curated-page"], tasks["auto-page"]
    assert curated["data"]["text"] == TEXT and auto["data"]["text"] == TEXT
    assert curated["annotations"] and not curated["predictions"]
    assert auto["predictions"][0]["model_version"] == "curator-rules 9" and "annotations" not in auto
    cur = _curation("x", "curated")
    for task, results in ((curated, curated["annotations"][0]["result"]), (auto, auto["predictions"][0]["result"])):
        labels = [r for r in results if r["from_name"] == "label"]
        assert [(r["value"]["start"], r["value"]["end"], r["value"]["labels"]) for r in labels] == \
            [(s.start, s.end, [s.label]) for s in cur.segments]
        for r in results:
            v = r["value"]
            assert task["data"]["text"][v["start"]:v["end"]] == v["text"]  # code points, emoji and CRLF exact
        assert [r["value"]["labels"] for r in results if r["from_name"] == "speaker"] == [["Jane Doe"]]
        assert [r["value"]["labels"] for r in results if r["from_name"] == "event"] == [["meeting"]]
        assert len({r["id"] for r in results}) == len(results)
    assert curated["data"]["source"]["url"] == "https://en.example.org/news/curated-page/"
    config = label_config_path(out).read_text(encoding="utf-8")
    assert '<Text name="text" value="$text"/>' in config and '<Label value="Jane Doe"/>' in config


def test_labelstudio_config_is_well_formed_and_names_every_label_used(corpus, tmp_path):
    import xml.etree.ElementTree as ET

    out = tmp_path / "tasks.json"
    _export(corpus, out, "labelstudio")
    root = ET.fromstring(label_config_path(out).read_text(encoding="utf-8"))
    controls = {c.get("name"): {lab.get("value") for lab in c} for c in root.iter("Labels")}
    for task in _tasks(out).values():
        for block in task.get("annotations", []) + task.get("predictions", []):
            for r in block["result"]:
                assert set(r["value"]["labels"]) <= controls[r["from_name"]]
                assert r["to_name"] == root.find("Text").get("name")


def test_labelstudio_sdk_validates_tasks_when_installed(corpus, tmp_path):
    """Label Studio's own SDK (not in the test extra: it pins an older numpy); run where it is installed."""
    interface = pytest.importorskip("label_studio_sdk.label_interface")
    out = tmp_path / "tasks.json"
    _export(corpus, out, "labelstudio")
    li = interface.LabelInterface(label_config_path(out).read_text(encoding="utf-8"))
    tasks = _tasks(out)
    assert li.validate_annotation(tasks["news/curated-page"]["annotations"][0])
    assert li.validate_prediction(tasks["auto-page"]["predictions"][0])
    from label_studio_sdk.converter import Converter

    exported = [dict(t, id=i, annotations=t.get("annotations") or [{"result": t["predictions"][0]["result"]}])
                for i, t in enumerate(tasks.values(), start=1)]
    src = tmp_path / "ls-export.json"
    src.write_text(json.dumps(exported, ensure_ascii=False), encoding="utf-8")
    conv = Converter(label_config_path(out).read_text(encoding="utf-8"), str(tmp_path / "proj"))
    conv.convert(str(src), str(tmp_path / "min"), "JSON_MIN", is_dir=False)
    rows = json.loads(next((tmp_path / "min").iterdir()).read_text(encoding="utf-8"))
    spans = [(x["start"], x["end"], x["labels"][0]) for x in rows[0]["label"]]
    assert spans == [(s.start, s.end, s.label) for s in _curation("x", "auto").segments]


# -- brat ---------------------------------------------------------------------------------------


def test_brat_reads_back_in_bratly_with_exact_text_and_fragments(corpus, tmp_path):
    bratio = pytest.importorskip("bratly.io")
    out = tmp_path / "brat"
    _export(corpus, out, "brat")
    assert (out / "news" / "curated-page.txt").read_bytes() == TEXT.encode("utf-8")  # CRLF untouched
    conf = (out / "annotation.conf").read_text(encoding="utf-8")
    assert "Speaker\tArg:<ENTITY>, Value:jane-doe" in conf and "\nArticle\n" in conf
    assert "\nmeeting\tEvidence*:<ENTITY>\n" in conf
    text = bratio.read_from_file(str(out / "news" / "curated-page.txt"))
    assert text == TEXT
    coll = bratio.read_and_load_ann_file(str(out / "news" / "curated-page.ann"), renumerotize=False, sorting=False)
    entities = [a for a in coll.annotations if type(a).__name__ == "EntityAnnotation"]
    cur = _curation("x", "curated")
    by_label = [e for e in entities if e.label in {s.label for s in cur.segments}]
    assert len(by_label) == len(cur.segments)
    for ent, seg in zip(by_label, cur.segments, strict=True):
        assert ent.label == seg.label
        frags = [(f.start, f.end) for f in ent.fragments]
        assert frags[0][0] == seg.start and frags[-1][1] == seg.end
        assert " ".join(text[a:b] for a, b in frags) == ent.content
        assert all("\r" not in text[a:b] and "\n" not in text[a:b] and "\t" not in text[a:b] for a, b in frags)
    heading = next(e for e in by_label if e.label == "heading")
    assert len(heading.fragments) == 2  # cut at the CRLF
    table = next(e for e in by_label if "cell" in e.content)
    assert len(table.fragments) == 2  # cut at the tab
    attrs = [a for a in coll.annotations if type(a).__name__ == "AttributeAnnotation"]
    assert any(a.label == "Speaker" and "jane-doe" in a.values for a in attrs)
    events = [a for a in coll.annotations if type(a).__name__ == "EventAnnotation"]
    assert len(events) == 1 and events[0].label == "meeting"
    assert [a.content for a in events[0].args.values()] == [cur.segments[4].text.replace("\r\n", " ")]
    notes = [a for a in coll.annotations if type(a).__name__ == "NoteAnnotation"]
    assert any("place=Minsk" in n.value for n in notes) and any("title=Talks in Minsk" in n.value for n in notes)


def test_cli_export_new_formats(corpus, tmp_path, capsys):
    from curator.cli import main

    assert main(["export", str(corpus), "--format", "labelstudio", "--include", "all",
                 "--out", str(tmp_path / "t.json")]) == 0
    err = capsys.readouterr().err
    assert "wrote 2 documents" in err and "label_config.xml" in err
    assert main(["export", str(corpus), "--format", "xmi", "--out", str(tmp_path / "x")]) == 0
    assert sorted(p.name for p in (tmp_path / "x").rglob("*.xmi")) == ["curated-page.xmi"]
