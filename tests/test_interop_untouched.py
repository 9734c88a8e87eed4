"""`import --annotations` touches only the Documents whose annotations carry a change it takes: one whose
annotations are the predictions as exported keeps its status, its curated file (or none) and its base
(findings round 20, F6: 24 untouched Documents of a crawl came out `in_progress`)."""

from __future__ import annotations

import json
from pathlib import Path

from curator.cli import main
from curator.core.review.base import base_path
from curator.core.store import Corpus
from tests.test_interop_import import _ls_export, _region, corpus  # noqa: F401 - the fixture


def _files(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_a_document_without_a_curation_and_no_change_stays_without_one(corpus, tmp_path, capsys):  # noqa: F811
    out, tasks = _ls_export(corpus, tmp_path)
    page = next(t for t in tasks if t["data"]["document"] == "page")
    _region(page, "s5")["value"]["labels"] = ["paragraph"]  # a change for 'page' only
    out.write_text(json.dumps(tasks, ensure_ascii=False), encoding="utf-8")
    assert main(["import", "--annotations", str(out), "--into", str(corpus), "--json"]) == 0
    report = {d["id"]: d for d in json.loads(capsys.readouterr().out)["documents"]}
    assert report["fresh"]["applied"] == [] and report["fresh"]["action"] == "unchanged"
    store = Corpus(corpus)
    assert store.load("fresh") is None  # no curated file: status still none
    assert not base_path(store, "fresh").exists()
    assert store.load("page").curation.status == "in_progress"
    assert main(["info", str(corpus), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["statuses"] == {"in_progress": 1, "none": 1}


def test_annotations_with_no_change_at_all_change_no_file(corpus, tmp_path, capsys):  # noqa: F811
    out, tasks = _ls_export(corpus, tmp_path)
    out.write_text(json.dumps(tasks, ensure_ascii=False), encoding="utf-8")  # annotations = the predictions
    before = _files(corpus)
    assert main(["import", "--annotations", str(out), "--into", str(corpus), "-q"]) == 0
    assert _files(corpus) == before


def test_a_document_without_a_curation_that_takes_a_change_gets_one(corpus, tmp_path, capsys):  # noqa: F811
    out, tasks = _ls_export(corpus, tmp_path)
    fresh = next(t for t in tasks if t["data"]["document"] == "fresh")
    first = next(r for r in fresh["annotations"][0]["result"] if r["from_name"] == "label")
    first["value"]["labels"] = ["boilerplate" if first["value"]["labels"] != ["boilerplate"] else "paragraph"]
    out.write_text(json.dumps(tasks, ensure_ascii=False), encoding="utf-8")
    assert main(["import", "--annotations", str(out), "--into", str(corpus), "-q"]) == 0
    store = Corpus(corpus)
    assert store.load("fresh").curation.status == "in_progress" and base_path(store, "fresh").is_file()


def test_predictions_sent_back_unchanged_are_no_change_where_the_page_needs_its_corpus(tmp_path, capsys):
    """Parsed alone, a page's shared sidebar is no boilerplate: the import's own parse differed from the one
    `export --include all` gave the tool, and 23 segment "changes" were taken from predictions sent back as
    they were (the example crawl's `should-we-expect-…` page)."""
    root = tmp_path / "c"
    assert main(["import", str(Path(__file__).parents[1] / "examples" / "crawl.warc.gz"), "--into", str(root), "-q"]) == 0
    out, tasks = _ls_export(root, tmp_path)
    out.write_text(json.dumps(tasks, ensure_ascii=False), encoding="utf-8")
    capsys.readouterr()
    main(["import", "--annotations", str(out), "--into", str(root), "--json"])
    report = json.loads(capsys.readouterr().out)["documents"]
    taken = {d["id"]: [a for a in d["applied"] if a.startswith("segments")] for d in report}
    assert len(taken) == 25 and taken == {d: [] for d in taken}
