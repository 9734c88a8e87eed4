"""Issue 11, items 5-6: one hostile JSON file never stops a command, is named, and stays byte-identical."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from curator.cli import main
from curator.core.dups.index import INDEX_FORMAT
from curator.core.jsonio import JsonFileError, MESSAGE_LIMIT, load_json_file, loads_json
from curator.core.review.base import base_path
from tests.conftest import SEEDS

pytestmark = pytest.mark.reliability

DOC, OTHER = "000_52543f1512a84840", "001_a97ccaad3a27ba85"
DEEP = b"[" * 100_000
BIGINT = b'{"schema_version": 2, "document": {"id": "x", "length": ' + b"9" * 5000 + b"}}"


def _dupkeys() -> bytes:
    valid = (SEEDS / "curated" / f"{DOC}.json").read_bytes()
    return valid.replace(b'"status": "curated"', b'"status": "auto", "status": "curated"', 1)


@pytest.mark.parametrize(("raw", "reason"), [
    (DEEP, "nested too deeply"),
    (BIGINT, "integer string conversion"),
    (b'{"a": 1, "a": 2}', "key 'a' appears twice"),
    (b"\xff\xfe{}", "is not UTF-8"),
    (b"{not json", "is not valid JSON"),
])
def test_the_loader_turns_every_failure_into_one_error(tmp_path: Path, raw: bytes, reason: str) -> None:
    path = tmp_path / "x.json"
    path.write_bytes(raw)
    with pytest.raises(JsonFileError, match=reason) as info:
        load_json_file(path)
    assert str(path) in str(info.value)
    assert path.read_bytes() == raw


def test_the_loader_refuses_files_over_the_limit_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "big.json"
    path.write_bytes(b"[" + b"1," * 1000 + b"1]")
    with pytest.raises(JsonFileError, match="more than the 100 Curator reads"):
        load_json_file(path, max_bytes=100)


def test_messages_are_bounded() -> None:
    with pytest.raises(JsonFileError) as info:
        loads_json(b'{"' + b"k" * 10_000 + b'": 1, "' + b"k" * 10_000 + b'": 2}', "x.json")
    assert len(str(info.value)) < MESSAGE_LIMIT + 100


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    root = tmp_path / "corpus"
    shutil.copytree(SEEDS, root, ignore=shutil.ignore_patterns(".curator"))
    return root


COMMANDS = {
    "validate": lambda root, tmp: ["validate", str(root)],
    "info": lambda root, tmp: ["info", str(root)],
    "export": lambda root, tmp: ["export", str(root), "--out", str(tmp / "out.jsonl"), "-q"],
    "dups": lambda root, tmp: ["dups", str(root)],
    "reparse": lambda root, tmp: ["reparse", str(root), "--dry-run"],
    "review": lambda root, tmp: ["review", str(root), "--no-record"],
}


CASES = [(c, k) for c in sorted(COMMANDS) for k in ("deep", "bigint")] + [
    (c, "dupkeys") for c in ("validate", "info", "reparse")]  # the loader is shared: three suffice


@pytest.mark.parametrize(("command", "kind"), CASES)
def test_a_hostile_curated_file_is_named_kept_and_the_rest_processed(
        corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str, kind: str) -> None:
    content = {"deep": DEEP, "bigint": BIGINT, "dupkeys": _dupkeys()}[kind]
    target = corpus / "curated" / f"{DOC}.json"
    target.write_bytes(content)
    code = main(COMMANDS[command](corpus, tmp_path))
    out, err = capsys.readouterr()
    assert code in (0, 1)
    assert target.name in out + err
    assert target.read_bytes() == content
    if command == "reparse":
        assert OTHER in out
    if command == "info":
        assert "documents  5" in out


@pytest.mark.parametrize("kind", ["deep", "bigint"])
def test_a_hostile_base_is_moved_aside_and_the_merge_goes_on(
        corpus: Path, capsys: pytest.CaptureFixture[str], kind: str) -> None:
    from curator.core.store import Corpus

    content = DEEP if kind == "deep" else BIGINT
    target = base_path(Corpus(corpus), DOC)
    target.parent.mkdir(parents=True)
    target.write_bytes(content)
    assert main(["reparse", str(corpus)]) in (0, 1)
    out = capsys.readouterr().out
    assert target.name in out and OTHER in out
    kept = [p for p in target.parent.iterdir() if p.read_bytes() == content]
    assert kept and kept[0].name.startswith(f"{DOC}.json.damaged-")


@pytest.mark.parametrize("kind", ["deep", "bigint"])
def test_a_hostile_dups_index_is_moved_aside_and_rebuilt(
        corpus: Path, capsys: pytest.CaptureFixture[str], kind: str) -> None:
    content = DEEP if kind == "deep" else BIGINT
    index = corpus / ".curator" / "dups" / "index.json"
    index.parent.mkdir(parents=True)
    index.write_bytes(content)
    assert main(["dups", str(corpus)]) == 0
    err = capsys.readouterr().err
    assert "index.json" in err and "moved aside" in err
    # the index is a folder (index.json and the memory-mapped passages): the folder is moved aside whole
    assert [p for p in index.parent.parent.glob("dups.damaged-*/index.json") if p.read_bytes() == content]
    assert json.loads(index.read_text(encoding="utf-8"))["format"] == INDEX_FORMAT


@pytest.mark.parametrize("where", ["accepted", "pending"])
def test_a_hostile_snapshot_is_named(corpus: Path, capsys: pytest.CaptureFixture[str], where: str) -> None:
    assert main(["review", str(corpus)]) in (0, 1)
    assert main(["review", str(corpus), "--accept", "--all"]) == 0
    assert main(["review", str(corpus)]) in (0, 1)
    capsys.readouterr()
    target = corpus / ".curator" / "review" / where / f"{DOC}.json"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(DEEP)
    argv = ["review", str(corpus), "--no-record"] if where == "accepted" else ["review", str(corpus), "--pending"]
    assert main(argv) in (0, 1)
    out, err = capsys.readouterr()
    assert target.name in out + err and target.read_bytes() == DEEP


def test_a_hostile_jsonl_line_is_skipped_and_named(tmp_path: Path) -> None:
    from curator.core.ingest.readers import FieldNames, Skip, _jsonl_item

    item = _jsonl_item(b"[" * 100_000, "crawl.jsonl line 7", FieldNames(), "crawl.jsonl")
    assert isinstance(item, Skip) and "nested too deeply" in item.message


def test_a_hostile_label_studio_export_is_an_error_naming_it(tmp_path: Path) -> None:
    from curator.core.interop.annotations import AnnotationsError, read_labelstudio

    path = tmp_path / "export.json"
    path.write_bytes(BIGINT)
    with pytest.raises(AnnotationsError, match="export.json"):
        list(read_labelstudio(path))


def test_import_into_a_corpus_state_folder_is_refused(corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    page = corpus.parent / "page.html"
    page.write_text("<html><title>x</title><body><p>Hello</p></body></html>", encoding="utf-8")
    before = sorted(p.name for p in (corpus / "curated").iterdir())
    assert main(["import", str(page), "--into", str(corpus / "curated")]) == 2
    assert "a corpus's own state" in capsys.readouterr().err
    assert sorted(p.name for p in (corpus / "curated").iterdir()) == before
