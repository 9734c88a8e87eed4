"""``curator parse`` and ``curator dups`` make the same Duplicate groups with the same ids, so an editor's
decision on a group found by one applies to what the other writes (the README's crawl example)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from curator.cli import main
from curator.core.dups.contract import merge_duplicates
from curator.core.jsonio import dump_curation, parse_curation
from curator.core.model import Duplicate
from curator.core.store import Corpus
from tests.conftest import REPO


@pytest.fixture(scope="module")
def crawl(tmp_path_factory: pytest.TempPathFactory) -> Path:
    pytest.importorskip("resiliparse")
    from curator.core.ingest import import_sources

    root = tmp_path_factory.mktemp("agree") / "crawl"
    assert import_sources(root, [REPO / "examples" / "crawl.warc.gz"]).ok
    return root


def _dups(corpus: Path, capsys: pytest.CaptureFixture[str]) -> dict[str, dict]:
    capsys.readouterr()
    assert main(["dups", str(corpus), "--json", "--no-index", "-q"]) == 0
    return {g["id"]: g for g in json.loads(capsys.readouterr().out)["groups"]}


def _parsed_entries(folder: Path) -> dict[str, list[tuple[str, Duplicate]]]:
    """Parse's entries by group: (document, entry)."""
    out: dict[str, list[tuple[str, Duplicate]]] = {}
    for path in sorted(folder.rglob("*.json")):
        cur = parse_curation(path.read_bytes(), path)
        for d in cur.duplicates:
            out.setdefault(d.group, []).append((cur.document.id, d))
    return out


def test_parse_and_dups_make_the_same_groups_with_the_same_ids(crawl: Path, tmp_path: Path,
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    groups = _dups(crawl, capsys)
    assert main(["parse", str(crawl), "--out", str(tmp_path / "out"), "-q"]) == 0
    parsed = _parsed_entries(tmp_path / "out")
    assert set(parsed) == set(groups)
    for gid, g in groups.items():
        # the same copies: each member of the group has entries in its Document, inside the member
        docs = {m["document"] for m in g["members"]}
        assert {doc for doc, _ in parsed[gid]} == docs, gid
        for doc, d in parsed[gid]:
            assert any(m["document"] == doc and m["start"] <= d.start and d.end <= m["end"] for m in g["members"])
    # the site's two-line footers are one group each (one block), with entries on both lines' Segments
    footers = [g for g in groups.values()
               if any("All rights reserved" in m["text"] and "\n" in m["text"] for m in g["members"])]
    assert footers
    for footer in footers:
        gid = footer["id"]
        canon = next(m for m in footer["members"] if m["canonical"])
        own = [d for doc, d in parsed[gid] if doc == canon["document"]]
        assert len(own) == 2 and all(d.of is None for d in own)  # both lines are the canonical copy
        others = [d for doc, d in parsed[gid] if doc != canon["document"]]
        assert others and all(d.of is not None and d.of.document == canon["document"] for d in others)


def test_a_decision_on_a_group_dups_lists_applies_to_what_parse_writes(crawl: Path, tmp_path: Path,
                                                                       capsys: pytest.CaptureFixture[str]) -> None:
    import shutil

    corpus = tmp_path / "crawl"
    shutil.copytree(crawl, corpus)
    groups = _dups(corpus, capsys)
    gid = next(g["id"] for g in groups.values()
               if any("All rights reserved" in m["text"] and "\n" in m["text"] for m in g["members"]))
    # parse writes the curated files; an editor rejects the footer group dups listed in one Document
    assert main(["parse", str(corpus), "--out", str(corpus / "curated"), "-q"]) == 0
    store = Corpus(corpus)
    doc = next(m["document"] for m in groups[gid]["members"])
    path = store.curated_path(doc)
    cur = parse_curation(path.read_bytes(), path)
    mine = [d for d in cur.duplicates if d.group == gid]
    assert len(mine) == 2  # the footer's two Segments
    decided = cur.model_copy(update={"duplicates": [d.model_copy(update={"decision": "rejected"}) if d.group == gid
                                                    else d for d in cur.duplicates]})
    path.write_text(dump_curation(decided), encoding="utf-8")
    # dups carries it onto its group ...
    assert _dups(corpus, capsys)[gid]["decision"] == "rejected"
    # ... and a fresh parse's entries (written elsewhere) take it: same (Segment, group) keys
    assert main(["parse", str(corpus), "--out", str(tmp_path / "fresh"), "-q"]) == 0
    fresh = parse_curation((tmp_path / "fresh" / f"{doc}.json").read_bytes(), path)
    merged = merge_duplicates(decided, fresh.duplicates)
    assert [d.decision for d in merged if d.group == gid] == ["rejected", "rejected"]
    assert {(d.segment, d.group) for d in fresh.duplicates} == {(d.segment, d.group) for d in cur.duplicates}
