"""``curator import --annotations``: Label Studio / INCEpTION spans come back as a proposal, merged
three-way; what an editor did is never overwritten."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from curator.cli import main
from curator.core.export import ExportOptions, export_corpus
from curator.core.interop.annotations import ImportedDocument, ImportedSpan
from curator.core.interop.proposal import build_proposal
from curator.core.jsonio import dump_curation
from curator.core.model import Event
from curator.core.review.base import CONFLICTS_DIR, base_path, load_base, record_base, sidecar_path
from curator.core.store import Corpus
from tests.test_interop_export import TEXT, _curation


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """'page': base = the parse (all proposals), editor changed s2's label and reviewed s3. 'fresh': no curation."""
    root = tmp_path / "corpus"
    root.mkdir()
    (root / "page.txt").write_bytes(TEXT.encode("utf-8"))
    (root / "fresh.txt").write_bytes(TEXT.replace("Jane Doe", "John Roe").encode("utf-8"))
    store = Corpus(root)
    base = _curation("page", "auto")
    base = base.model_copy(update={"segments": [s.model_copy(update={"reviewed": False}) for s in base.segments]})
    record_base(store, base)
    segs = [s.model_copy(update={"label": "lead", "origin": "editor"}) if s.id == "s2"
            else s.model_copy(update={"reviewed": True}) if s.id == "s3" else s for s in base.segments]
    editor = base.model_copy(update={"status": "in_progress", "segments": segs})
    store.save(editor, expected_stamp=None)
    return root


def _ls_export(corpus: Path, tmp_path: Path) -> tuple[Path, list[dict]]:
    out = tmp_path / "tasks.json"
    export_corpus(corpus, out, options=ExportOptions(format="labelstudio", include="all"))
    tasks = json.loads(out.read_text(encoding="utf-8"))
    # what Label Studio's JSON export looks like after an annotator worked on the predictions
    for i, task in enumerate(tasks, start=1):
        task["id"] = i
        made = (task.get("annotations") or task["predictions"])[0]["result"]
        task["annotations"] = [{"id": 10 + i, "result": json.loads(json.dumps(made)),
                                "was_cancelled": False, "updated_at": "2024-07-01T00:00:00Z"}]
    return out, tasks


def _region(task: dict, rid: str) -> dict:
    return next(r for r in task["annotations"][0]["result"] if r["id"] == rid)


def test_labelstudio_changes_taken_where_untouched_conflicts_where_the_editor_worked(corpus, tmp_path, capsys):
    out, tasks = _ls_export(corpus, tmp_path)
    page = next(t for t in tasks if t["data"]["document"] == "page")
    _region(page, "s2")["value"]["labels"] = ["heading"]  # the editor relabelled s2: conflict
    _region(page, "s3")["value"]["labels"] = ["title"]  # the editor reviewed s3: conflict
    _region(page, "s5")["value"]["labels"] = ["paragraph"]  # untouched: taken
    s6 = _region(page, "s6")["value"]
    page["annotations"][0]["result"].append(
        {"id": "x1", "from_name": "speaker", "to_name": "text", "type": "labels",
         "value": {"start": s6["start"], "end": s6["end"], "text": s6["text"], "labels": ["Ann Other"]}})
    # a cancelled annotation that must be ignored
    page["annotations"].append({"id": 99, "was_cancelled": True, "updated_at": "2099-01-01", "result": []})
    out.write_text(json.dumps(tasks, ensure_ascii=False), encoding="utf-8")
    before = (corpus / "curated" / "page.json").read_text(encoding="utf-8")

    assert main(["import", "--annotations", str(out), "--into", str(corpus), "--json"]) == 0
    report = {d["id"]: d for d in json.loads(capsys.readouterr().out)["documents"]}
    assert set(report) == {"page", "fresh"}
    store = Corpus(corpus)
    cur = store.load("page").curation
    by_id = {s.start: s for s in cur.segments}
    base = _curation("page", "auto")
    s2, s3, s5, s6 = (base.segment(x) for x in ("s2", "s3", "s5", "s6"))
    assert by_id[s2.start].label == "lead" and by_id[s2.start].origin == "editor"  # the editor's label stands
    assert by_id[s3.start].label == "dateline" and by_id[s3.start].reviewed
    assert by_id[s5.start].label == "paragraph" and not by_id[s5.start].reviewed  # taken, to be reviewed
    assert {sp.name for sp in cur.speakers} >= {"Ann Other"}
    assert cur.speakers[[sp.id for sp in cur.speakers].index(by_id[s6.start].speaker)].name == "Ann Other"
    assert cur.status == "in_progress"
    kinds = [c["kind"] for c in report["page"]["conflicts"]]
    assert kinds.count("segments") == 2
    # worded by their source: the annotation tool's export changed them, not the parser
    for c in report["page"]["conflicts"]:
        assert "parser" not in c["message"] and "tasks.json" in c["message"], c["message"]
    assert sidecar_path(store, CONFLICTS_DIR, "page").is_file()
    assert all(TEXT[s.start:s.end] == s.text for s in cur.segments)
    assert before != (corpus / "curated" / "page.json").read_text(encoding="utf-8")
    # the Document without a curation whose annotations are the predictions took no change: untouched,
    # no curated file, no base (round 20, F6; tests/test_interop_untouched.py has one that takes a change)
    assert store.load("fresh") is None and not base_path(store, "fresh").exists()
    assert report["fresh"]["action"] == "unchanged" and report["fresh"]["applied"] == []


def test_import_twice_changes_nothing_more(corpus, tmp_path):
    out, tasks = _ls_export(corpus, tmp_path)
    _region(next(t for t in tasks if t["data"]["document"] == "page"), "s5")["value"]["labels"] = ["paragraph"]
    out.write_text(json.dumps(tasks, ensure_ascii=False), encoding="utf-8")
    assert main(["import", "--annotations", str(out), "--into", str(corpus), "-q"]) == 0
    first = (corpus / "curated" / "page.json").read_bytes()
    assert main(["import", "--annotations", str(out), "--into", str(corpus), "-q"]) == 0
    assert (corpus / "curated" / "page.json").read_bytes() == first


def test_old_label_studio_utf16_offsets_are_placed_by_their_text(corpus, tmp_path):
    out, tasks = _ls_export(corpus, tmp_path)
    page = next(t for t in tasks if t["data"]["document"] == "page")
    text = page["data"]["text"]
    for r in page["annotations"][0]["result"]:
        v = r["value"]
        v["start"] = len(text[: v["start"]].encode("utf-16-le")) // 2
        v["end"] = len(text[: v["end"]].encode("utf-16-le")) // 2
    _region(page, "s5")["value"]["labels"] = ["paragraph"]
    out.write_text(json.dumps([page], ensure_ascii=False), encoding="utf-8")
    assert main(["import", "--annotations", str(out), "--into", str(corpus), "-q"]) == 0
    cur = Corpus(corpus).load("page").curation
    s5 = _curation("page", "auto").segment("s5")
    assert next(s for s in cur.segments if s.start == s5.start).label == "paragraph"


def test_unmatched_or_broken_input_is_named_and_exit_1(corpus, tmp_path, capsys):
    out, tasks = _ls_export(corpus, tmp_path)
    page = next(t for t in tasks if t["data"]["document"] == "page")
    changed = json.loads(json.dumps(page))
    changed["data"]["text"] += " (edited)"
    unknown = json.loads(json.dumps(page))
    unknown["data"]["document"] = "nowhere"
    unknown["data"]["text"] = "Some other text"
    bad_label = json.loads(json.dumps(page))
    _region(bad_label, "s1")["value"]["labels"] = ["no-such-label"]
    no_annotation = {"id": 5, "data": {"text": TEXT}, "annotations": []}
    out.write_text(json.dumps([changed, unknown, bad_label, no_annotation], ensure_ascii=False), encoding="utf-8")
    before = (corpus / "curated" / "page.json").read_bytes()
    assert main(["import", "--annotations", str(out), "--into", str(corpus)]) == 1
    err = capsys.readouterr().err
    assert "text differs" in err and "no Document in the corpus has this text" in err
    assert "no-such-label" in err and "no annotation" in err
    assert (corpus / "curated" / "page.json").read_bytes() == before
    assert main(["import", "--annotations", str(tmp_path / "missing.json"), "--into", str(corpus)]) == 2
    assert main(["import", "x.warc", "--annotations", str(out), "--into", str(corpus)]) == 2


def test_a_truncated_or_unreadable_export_is_a_problem_found_exit_1_not_a_usage_error(corpus, tmp_path, capsys):
    """Bad input is exit 1 (CLI convention); 2 is for usage errors and missing paths."""
    out, _tasks = _ls_export(corpus, tmp_path)
    before = (corpus / "curated" / "page.json").read_bytes()
    data = out.read_bytes()
    out.write_bytes(data[: len(data) // 2])  # truncated mid-file
    assert main(["import", "--annotations", str(out), "--into", str(corpus)]) == 1
    assert "tasks.json" in capsys.readouterr().err
    broken_zip = tmp_path / "export.zip"
    broken_zip.write_bytes(b"PK\x03\x04 not really a zip")
    assert main(["import", "--annotations", str(broken_zip), "--into", str(corpus)]) == 1
    assert "export.zip" in capsys.readouterr().err
    assert (corpus / "curated" / "page.json").read_bytes() == before
    # a file of a kind the option does not take is still a usage error
    other = tmp_path / "notes.txt"
    other.write_text("hello", encoding="utf-8")
    assert main(["import", "--annotations", str(other), "--into", str(corpus)]) == 2


def test_overlapping_spans_are_refused_not_merged(corpus):
    base = _curation("page", "auto")
    a, b = base.segments[4], base.segments[5]
    doc = ImportedDocument(where="t", text=TEXT, hints=["page"],
                           spans=[ImportedSpan(a.start, b.start + 3, "lead"), ImportedSpan(b.start, b.end, "paragraph")])
    with pytest.raises(ValueError, match="valid segmentation"):
        build_proposal(base, TEXT, doc)


def test_xmi_round_trip_through_cassis_as_inception_would(corpus, tmp_path):
    """Export XMI, change a label and add a span with cassis (which writes UTF-16 offsets, like Java), import."""
    cassis = pytest.importorskip("cassis")
    from curator.core.interop import uima

    xmi_dir = tmp_path / "xmi"
    export_corpus(corpus, xmi_dir, options=ExportOptions(format="xmi", include="all"))
    with open(xmi_dir / "TypeSystem.xml", "rb") as fh:
        ts = cassis.load_typesystem(fh)
    with open(xmi_dir / "page.xmi", "rb") as fh:
        cas = cassis.load_cas_from_xmi(fh, typesystem=ts)
    base = _curation("page", "auto")
    s5, s7 = base.segment("s5"), base.segment("s7")
    for fs in cas.select(uima.SEGMENT):
        if fs.begin == s5.start:
            fs.label = "paragraph"
        if fs.begin == s7.start:
            fs.speaker = "Jane Doe"
    # INCEpTION's export: a zip with the document's XMI (its file name as id) and the type system
    import zipfile

    z = tmp_path / "inception-export.zip"
    with zipfile.ZipFile(z, "w") as zf:
        zf.writestr("page.xmi", cas.to_xmi())
        zf.writestr("TypeSystem.xml", ts.to_xml())
    assert main(["import", "--annotations", str(z), "--into", str(corpus), "-q"]) == 0
    cur = Corpus(corpus).load("page").curation
    got = {s.start: s for s in cur.segments}
    assert got[s5.start].label == "paragraph"  # offsets after the emoji and CRLFs land exactly
    assert all(TEXT[s.start:s.end] == s.text for s in cur.segments)


def test_dry_run_writes_nothing(corpus, tmp_path):
    out, tasks = _ls_export(corpus, tmp_path)
    _region(next(t for t in tasks if t["data"]["document"] == "page"), "s5")["value"]["labels"] = ["paragraph"]
    out.write_text(json.dumps(tasks, ensure_ascii=False), encoding="utf-8")
    before = (corpus / "curated" / "page.json").read_bytes()
    assert main(["import", "--annotations", str(out), "--into", str(corpus), "--dry-run", "-q"]) == 0
    assert (corpus / "curated" / "page.json").read_bytes() == before
    assert not (corpus / "curated" / "fresh.json").exists()


def test_a_curated_document_with_taken_changes_goes_back_to_in_progress(corpus, tmp_path):
    store = Corpus(corpus)
    loaded = store.load("page")
    store.save(loaded.curation.model_copy(update={"status": "curated"}), expected_stamp=loaded.stamp)
    out, tasks = _ls_export(corpus, tmp_path)
    page = next(t for t in tasks if t["data"]["document"] == "page")
    page["annotations"] = [{"id": 1, "result": json.loads(json.dumps(page["annotations"][0]["result"]))}]
    _region(page, "s5")["value"]["labels"] = ["paragraph"]
    out.write_text(json.dumps([page], ensure_ascii=False), encoding="utf-8")
    assert main(["import", "--annotations", str(out), "--into", str(corpus), "-q"]) == 0
    assert store.load("page").curation.status == "in_progress"
    assert dump_curation(store.load("page").curation)


@pytest.mark.parametrize("fmt", ["labelstudio", "xmi"])
def test_a_curation_with_duplicates_inside_its_document_comes_back_unchanged(tmp_path, fmt, capsys):
    """The seeds' own export, imported back with no base recorded (a corpus curated without
    `.curator/base/`): duplicates whose `of` is a segment of the same Document were not renamed
    with the segments, so 4 of the 5 seeds were refused ("points at unknown segment 's10'")."""
    import shutil

    from tests.conftest import SEEDS

    root = tmp_path / "seeds"
    root.mkdir()
    for txt in SEEDS.glob("*.txt"):
        shutil.copy(txt, root / txt.name)
    shutil.copytree(SEEDS / "curated", root / "curated")
    before = {p.name: p.read_bytes() for p in (root / "curated").iterdir()}
    inside = [p.name for p in (root / "curated").iterdir()
              if any(d.get("of") and d["of"]["document"] == p.stem
                     for d in json.loads(p.read_text(encoding="utf-8"))["duplicates"])]
    assert inside  # the seeds do have duplicates pointing inside their own Document
    out = tmp_path / ("tasks.json" if fmt == "labelstudio" else "xmi")
    export_corpus(root, out, options=ExportOptions(format=fmt))
    code = main(["import", "--annotations", str(out), "--into", str(root)])
    err = capsys.readouterr().err
    assert code == 0, err
    assert "unknown segment" not in err
    assert {p.name: p.read_bytes() for p in (root / "curated").iterdir()} == before  # nothing changed: unchanged


def test_a_region_that_cannot_be_placed_is_not_read_as_a_deletion(corpus, tmp_path, capsys):
    """A region whose offsets match nothing is left out and named; the segment under it was then
    missing from the proposal, so the merge took that as the annotators deleting it: s1 (which
    no editor touched) vanished from the curation, and a touched one came back as a conflict."""
    out, tasks = _ls_export(corpus, tmp_path)
    page = next(t for t in tasks if t["data"]["document"] == "page")
    _region(page, "s1")["value"]["end"] = 10**7  # an exporter's bug: offsets past the text
    _region(page, "s5")["value"]["labels"] = ["paragraph"]  # a real change elsewhere, still taken
    out.write_text(json.dumps([page], ensure_ascii=False), encoding="utf-8")
    before = Corpus(corpus).load("page").curation
    code = main(["import", "--annotations", str(out), "--into", str(corpus)])
    captured = capsys.readouterr()
    assert code == 1  # a problem found in the input (exit 1), the rest merged
    assert "left out" in captured.out + captured.err
    assert "1 region(s) left out" in captured.err
    assert "CONFLICT" not in captured.out
    cur = Corpus(corpus).load("page").curation
    s1 = before.segment("s1")
    assert [(s.start, s.end, s.label, s.origin, s.reviewed) for s in cur.segments if s.start == s1.start] == [
        (s1.start, s1.end, s1.label, s1.origin, s1.reviewed)]
    s5 = before.segment("s5")
    assert next(s for s in cur.segments if s.start == s5.start).label == "paragraph"
    assert len(cur.segments) == len(before.segments)


def test_regions_left_out_are_counted_in_json_and_exit_1(corpus, tmp_path, capsys):
    """--json says how many of a Document's regions were left out, and the command exits 1 (a
    problem found in the input) while what could be placed is merged."""
    out, tasks = _ls_export(corpus, tmp_path)
    page = next(t for t in tasks if t["data"]["document"] == "page")
    _region(page, "s1")["value"]["end"] = 10**7
    out.write_text(json.dumps([page], ensure_ascii=False), encoding="utf-8")
    code = main(["import", "--annotations", str(out), "--into", str(corpus), "--json"])
    data = json.loads(capsys.readouterr().out)
    assert code == 1
    assert [d["left_out"] for d in data["documents"]] == [1]


def test_an_xmi_whose_text_is_over_lxml_s_10_mb_attribute_limit_is_read(tmp_path):
    """Curator's own XMI of a page over 10 MB (the text is the ``sofaString`` attribute) failed to load:
    lxml refuses an attribute that long ("AttValue length too long") unless told the file is trusted. A file
    with no DOCTYPE (so no entities to expand) is read again that way (redteam16 F7)."""
    pytest.importorskip("cassis")
    from curator.core.interop import uima
    from curator.core.interop.annotations import read_xmi
    from tests.test_review_support import make

    text = "Title\n\n" + "A long paragraph of the page. " * 350_000 + "\n"
    assert len(text) > 10_000_000
    cur = make(text, [(0, 5, "title"), (7, len(text) - 1, "paragraph")], doc_id="big", status="curated", version="1")
    folder = tmp_path / "xmi"
    folder.mkdir()
    (folder / "TypeSystem.xml").write_text(uima.typesystem_xml(), encoding="utf-8")
    (folder / "big.xmi").write_bytes(uima.xmi_document(cur, text, list(cur.segments)))
    (item,) = list(read_xmi(folder))
    assert isinstance(item, ImportedDocument), item
    assert item.text == text and [(s.start, s.end, s.label) for s in item.spans] == [
        (0, 5, "title"), (7, len(text) - 1, "paragraph")]


def test_an_event_with_no_evidence_survives_the_round_trip_and_a_re_import_adds_none(corpus, tmp_path, capsys):
    """An interview page's event (type only: no date, place, participants or evidence, so no region in
    the export) came back as `event e1 ... removed` and `event e2 ... newly proposed`, and every
    re-import of the same file proposed one more (round 20, F6)."""
    store = Corpus(corpus)
    interview = [Event(id="e1", type="interview")]
    base = load_base(store, "page")
    assert base is not None
    record_base(store, base.model_copy(update={"events": interview}), replace=True)
    loaded = store.load("page")
    store.save(loaded.curation.model_copy(update={"events": interview}), expected_stamp=loaded.stamp)
    out, tasks = _ls_export(corpus, tmp_path)
    out.write_text(json.dumps(tasks, ensure_ascii=False), encoding="utf-8")
    before = (corpus / "curated" / "page.json").read_bytes()
    for _ in range(2):
        assert main(["import", "--annotations", str(out), "--into", str(corpus), "--json"]) == 0
        report = {d["id"]: d for d in json.loads(capsys.readouterr().out)["documents"]}
        assert report["page"]["action"] == "unchanged", report["page"]["applied"]
    assert (corpus / "curated" / "page.json").read_bytes() == before
    assert [e.id for e in store.load("page").curation.events] == ["e1"]


@pytest.mark.parametrize("broken", [{"value": None}, {"value": "oops"}, {"value": {"start": 0, "end": 5}},
                                    {"labels": []}, {"labels": "paragraph"}, {"labels": [None]}])
def test_a_region_with_no_usable_value_or_labels_is_left_out_not_read_as_a_deletion(corpus, tmp_path, capsys, broken):
    """Round 21 (A4): a labelled region whose `value` is null or not an object, or whose `labels` is empty or not a
    list of names, was dropped without a word, so the merge took the segment under it as deleted by the annotators
    (every region so: a Document with no editor's work became `in_progress` with 0 segments, exit 0); `value` a
    string raised AttributeError (a traceback, nothing imported). Now it is left out and named, as an unplaceable one."""
    out, tasks = _ls_export(corpus, tmp_path)
    page = next(t for t in tasks if t["data"]["document"] == "page")
    region = _region(page, "s1")
    if "value" in broken:
        region["value"] = broken["value"]
    else:
        region["value"]["labels"] = broken["labels"]
    out.write_text(json.dumps([page], ensure_ascii=False), encoding="utf-8")
    before = Corpus(corpus).load("page").curation
    code = main(["import", "--annotations", str(out), "--into", str(corpus)])
    captured = capsys.readouterr()
    assert code == 1 and "Traceback" not in captured.err
    assert "region s1: " in captured.out + captured.err and "1 region(s) left out" in captured.err
    cur = Corpus(corpus).load("page").curation
    assert [(s.start, s.end, s.label) for s in cur.segments] == [(s.start, s.end, s.label) for s in before.segments]


@pytest.mark.parametrize("result", [{"oops": 1}, "[]", 7])
def test_an_annotation_whose_result_is_not_a_list_is_named_and_nothing_taken(corpus, tmp_path, capsys, result):
    """Round 21 (A4): `result` not a list was read as no region at all: the fresh Document got a curated file with
    0 segments, `in_progress`, exit 0."""
    out, tasks = _ls_export(corpus, tmp_path)
    fresh = next(t for t in tasks if t["data"]["document"] == "fresh")
    fresh["annotations"][0]["result"] = result
    out.write_text(json.dumps([fresh], ensure_ascii=False), encoding="utf-8")
    code = main(["import", "--annotations", str(out), "--into", str(corpus)])
    err = capsys.readouterr().err
    assert code == 1 and f"{out} task {fresh['id']}: " in err and "result is not a list" in err
    assert not (corpus / "curated" / "fresh.json").exists()


@pytest.mark.parametrize("bad", [("start", "0"), ("start", 0.5), ("start", True), ("end", "5"), ("end", 7.0)])
def test_label_studio_offsets_that_are_not_whole_numbers_are_refused_and_named(corpus, tmp_path, capsys, bad):
    """Attacker21 L4: a region's `start`/`end` went through int(): `"0"`, `0.5` (-> 0), `true` (-> 1) were taken as
    offsets (checked only against the region's text). An offset that is not a JSON integer is refused: the region
    is left out, named with the file, the task and what was found; the rest is imported."""
    out, tasks = _ls_export(corpus, tmp_path)
    page = next(t for t in tasks if t["data"]["document"] == "page")
    region = _region(page, "s1")
    key, value = bad
    region["value"][key] = value
    _region(page, "s5")["value"]["labels"] = ["paragraph"]  # a real change elsewhere, still taken
    out.write_text(json.dumps([page], ensure_ascii=False), encoding="utf-8")
    before = Corpus(corpus).load("page").curation
    code = main(["import", "--annotations", str(out), "--into", str(corpus)])
    captured = capsys.readouterr()
    text = captured.out + captured.err
    assert code == 1 and "Traceback" not in captured.err
    line = next((x for x in text.splitlines() if "region s1" in x), "")
    assert str(out) in text and f"task {page['id']}" in text, text
    assert "not a whole number" in line and repr(value) in line, line
    cur = Corpus(corpus).load("page").curation
    s1 = before.segment("s1")
    assert [(s.start, s.end, s.label) for s in cur.segments if s.start == s1.start] == [(s1.start, s1.end, s1.label)]
    s5 = before.segment("s5")
    assert next(s for s in cur.segments if s.start == s5.start).label == "paragraph"
