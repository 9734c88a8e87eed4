"""The corpus index (reuse, rebuild) and ``curator dups`` output."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from curator.cli import main
from curator.core.dups import Params
from curator.core.dups.contract import curation_duplicates
from curator.core.dups.index import find_in_corpus, index_path
from curator.core.jsonio import dump_curation
from curator.core.parse import parse_text
from curator.core.store import Corpus

LEAD = (
    "On 8 November the Council of Ministers met in the capital to discuss the regional programme of "
    "cooperation. The ministers adopted a statement on border security and agreed on joint exercises."
)
TITLE = "Secretary General addressed the meeting of the Security Councils"


def _write(root: Path, name: str, text: str) -> None:
    (root / f"{name}.txt").write_text(text, encoding="utf-8")


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    root = tmp_path / "corpus"
    root.mkdir()
    _write(root, "a", f"😀 {TITLE}\n\n{TITLE} 08.11.2023\n\n{LEAD}\n\nGo back")
    _write(root, "b", f"Other news of the day\n\n{LEAD.replace('capital', 'capitol').replace('regional', 'national')}\n\nGo back")
    return root


def _summary(result) -> list[tuple[str, str, list[tuple[str, int, int]]]]:
    return [(g.id, g.kind, [(m.document, m.start, m.end) for m in g.members]) for g in result.groups]


def test_index_is_reused_when_a_document_is_added(corpus: Path) -> None:
    first = find_in_corpus(Corpus(corpus))
    assert first.stats.rebuilt and first.stats.computed == 2 and index_path(Corpus(corpus)).is_file()
    again = find_in_corpus(Corpus(corpus))
    assert not again.stats.rebuilt and again.stats.reused == 2 and again.stats.computed == 0
    assert not again.stats.written
    assert _summary(again) == _summary(first)

    _write(corpus, "c", f"{LEAD}\n\nGo back")
    added = find_in_corpus(Corpus(corpus))
    assert not added.stats.rebuilt
    assert (added.stats.reused, added.stats.computed) == (2, 1)
    assert added.stats.links_reused >= 1
    # Same answer as a run from scratch.
    assert _summary(added) == _summary(find_in_corpus(Corpus(corpus), use_index=False))
    ids_before = {g.id for g in first.groups}
    assert ids_before <= {g.id for g in added.groups}


def test_index_is_rebuilt_when_a_document_changes_or_goes(corpus: Path) -> None:
    find_in_corpus(Corpus(corpus))
    _write(corpus, "b", "Completely different text now\n\nGo back")
    changed = find_in_corpus(Corpus(corpus))
    assert changed.stats.rebuilt and "'b' changed" in (changed.stats.reason or "")
    assert changed.stats.computed == 2
    assert _summary(changed) == _summary(find_in_corpus(Corpus(corpus), use_index=False))
    (corpus / "b.txt").unlink()
    removed = find_in_corpus(Corpus(corpus))
    assert removed.stats.rebuilt and "removed" in (removed.stats.reason or "")


def test_index_is_rebuilt_when_parameters_change_or_file_is_corrupt(corpus: Path) -> None:
    find_in_corpus(Corpus(corpus))
    other = find_in_corpus(Corpus(corpus), Params(threshold=0.9))
    assert other.stats.rebuilt and "parameters" in (other.stats.reason or "")
    index_path(Corpus(corpus)).write_text("{not json", encoding="utf-8")
    broken = find_in_corpus(Corpus(corpus), Params(threshold=0.9))
    assert broken.stats.rebuilt and "unreadable" in (broken.stats.reason or "")
    assert json.loads(index_path(Corpus(corpus)).read_text())["format"] == 2


def test_cli_json_shape_and_code_point_offsets(corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["dups", str(corpus), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert set(out) == {"groups"}
    texts = {p.stem: p.read_text(encoding="utf-8") for p in corpus.glob("*.txt")}
    kinds = set()
    for g in out["groups"]:
        assert {"id", "kind", "score", "members"} <= set(g)
        assert g["kind"] in ("exact", "near") and 0.0 <= g["score"] <= 1.0
        kinds.add(g["kind"])
        for m in g["members"]:
            assert {"document", "start", "end", "text"} <= set(m)
            assert texts[m["document"]][m["start"] : m["end"]] == m["text"]
    assert kinds == {"exact", "near"}
    title_group = next(g for g in out["groups"] if g["members"][0]["text"] == TITLE)
    assert [(m["start"], m["end"]) for m in title_group["members"]] == [
        (2, 2 + len(TITLE)), (2 + len(TITLE) + 2, 2 + 2 * len(TITLE) + 2),
    ]


def test_cli_table_and_threshold(corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["dups", str(corpus), "--threshold", "0.99"]) == 0
    out, err = capsys.readouterr()
    assert "near" not in out  # the ~0.97-similar lead is not listed at 0.99
    assert "Go back" in out and "2 groups (2 exact, 0 near) in 2 documents" in err  # the summary: a message
    with pytest.raises(SystemExit):
        main(["dups", str(corpus), "--threshold", "1.5"])
    assert "not in (0, 1]" in capsys.readouterr().err


def test_cli_missing_corpus(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["dups", str(tmp_path / "nope")]) == 2
    assert "does not exist" in capsys.readouterr().err


def _reject_go_back(corpus: Path, schema_version: int | str = 2, bom: bool = False) -> str:
    """Curated files holding an editor's rejection of the "Go back" group; returns its id."""
    c = Corpus(corpus)
    result = find_in_corpus(c)
    curs = {d: parse_text(t, d) for d, t in result.texts.items()}
    go_back = next(g for g in result.groups if result.texts[g.members[0].document][g.members[0].start:g.members[0].end] == "Go back")
    go_back.decision = "rejected"
    for d, cur in curs.items():
        cur = cur.model_copy(update={"duplicates": curation_duplicates(result.groups, cur, curations=curs)})
        c.curated_path(d).parent.mkdir(parents=True, exist_ok=True)
        text = dump_curation(cur).replace('"schema_version": 2', f'"schema_version": {schema_version}')
        c.curated_path(d).write_text(("\ufeff" if bom else "") + text, encoding="utf-8")
    return go_back.id


def test_cli_shows_stored_decisions(corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    go_back = _reject_go_back(corpus)
    assert main(["dups", str(corpus), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert {g["id"]: g["decision"] for g in out["groups"]}[go_back] == "rejected"


def test_decisions_in_curated_files_with_a_byte_order_mark_apply(
        corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A curated file saved by a Windows editor starts with a UTF-8 BOM: validate and the window read
    it, so dups reads its decisions too (it used to ignore them and name the file)."""
    go_back = _reject_go_back(corpus, bom=True)
    code = main(["dups", str(corpus), "--json"])
    captured = capsys.readouterr()
    assert {g["id"]: g["decision"] for g in json.loads(captured.out)["groups"]}[go_back] == "rejected"
    assert "BOM" not in captured.err and code == 0


def test_decisions_of_a_newer_schema_are_not_applied_and_the_file_is_named(
        corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A curated file written by a newer Curator (schema_version above ours): what its decisions
    mean may have changed, so dups names it and applies none of them."""
    go_back = _reject_go_back(corpus, schema_version=99)
    code = main(["dups", str(corpus), "--json"])
    captured = capsys.readouterr()
    assert {g["id"]: g["decision"] for g in json.loads(captured.out)["groups"]}[go_back] == "proposed"
    assert str(Corpus(corpus).curated_path("a")) in captured.err and "schema_version 99" in captured.err
    assert code == 1  # files left out, as for an unreadable one


@pytest.mark.parametrize("where", ["start", "commit"])
def test_an_index_that_cannot_be_written_leaves_no_temp_folder_and_the_groups_are_still_given(
        where: str, corpus: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """On a full disk `dups` said only "error: No space left on device" (exit 2): no group printed, no
    file named, and an empty `.curator/.dups.new-…` folder left behind. The index is a cache: without
    it the groups are whole and no file was left out, so the run warns and exits 0, as on a read-only
    corpus."""
    import errno
    import os

    from curator.core.dups import index as index_mod

    def full(*_a, **_k):
        raise OSError(errno.ENOSPC, "No space left on device")
    if where == "start":  # only the index's folder: the detection's own spill folders are elsewhere
        real = index_mod.tempfile.mkdtemp
        monkeypatch.setattr(index_mod.tempfile, "mkdtemp",
                            lambda *a, **k: full() if ".new-" in str(k.get("prefix", "")) else real(*a, **k))
    else:
        monkeypatch.setattr(index_mod.os, "fsync", full)
    expected = main(["dups", str(corpus), "--json", "--no-index"]), capsys.readouterr().out
    assert main(["dups", str(corpus), "--json"]) == 0
    out, err = capsys.readouterr()
    assert json.loads(out)["groups"] == json.loads(expected[1])["groups"]
    assert "No space left on device" in err and str(Corpus(corpus).state_dir) in err
    monkeypatch.undo()
    assert not [p for p in os.listdir(Corpus(corpus).state_dir) if ".new-" in p]


def test_a_newer_schema_version_given_twice_is_named_as_validate_names_it(
        corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`"schema_version": 2, "schema_version": 99`: validate says the key appears twice; dups said
    "schema_version 99 is newer" (the fast reader keeps the last value). One file, one message."""
    _reject_go_back(corpus, schema_version="2, \"schema_version\": 99")
    code = main(["dups", str(corpus), "--json"])
    err = capsys.readouterr().err
    assert "appears twice" in err and "is newer than" not in err and str(Corpus(corpus).curated_path("a")) in err
    assert code == 1
