"""Hostile files a red team tried on every command (round 10): each is named, the rest processed, no crash.

F1 a curated file nested 200,000 deep (orjson < 3.9.15 overflowed its stack: a segfault, no output);
F2 a file name with a backslash (every command stopped with a traceback); F3 a file name that is not
UTF-8 (a pydantic dump in parse, a traceback and a partial card in export); F4 a curated file over
the size Curator reads (read whole by review and dups, and its decisions applied); F5 a zip bomb
given to ``import --annotations`` (every entry read into memory whatever its size).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from curator.cli import main
from curator.core.store import Corpus
from tests.conftest import SEEDS

pytestmark = pytest.mark.reliability

DOC, OTHER = "000_52543f1512a84840", "001_a97ccaad3a27ba85"
ROOT = Path(__file__).resolve().parents[1]
DEEP = b'{"status": "curated", "duplicates": [{"group": "g"}], "deep": ' + b"[" * 200_000 + b"]" * 200_000 + b"}"


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    root = tmp_path / "corpus"
    shutil.copytree(SEEDS, root, ignore=shutil.ignore_patterns(".curator"))
    return root


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    """In a child process: a crash there is a failed test, not a dead test run."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "curator", *args], capture_output=True, text=True,
                          env=env, cwd=ROOT, timeout=300)


@pytest.mark.parametrize("command", ["review", "dups"])
def test_a_curated_file_nested_200000_deep_is_named_not_a_crash(corpus: Path, command: str) -> None:
    target = corpus / "curated" / f"{DOC}.json"
    target.write_bytes(DEEP)
    res = _run(command, str(corpus), *(["--no-record"] if command == "review" else ["--no-index"]))
    assert res.returncode in (0, 1), (res.returncode, res.stderr[-2000:])
    assert target.name in res.stdout + res.stderr
    assert target.read_bytes() == DEEP


COMMANDS = {
    "parse": lambda root, tmp: ["parse", str(root), "--out", str(tmp / "out"), "-q"],
    "dups": lambda root, tmp: ["dups", str(root), "--no-index"],
    "validate": lambda root, tmp: ["validate", str(root)],
    "export": lambda root, tmp: ["export", str(root), "--include", "all", "--out", str(tmp / "e.jsonl"), "-q"],
    "review": lambda root, tmp: ["review", str(root), "--no-record"],
    "reparse": lambda root, tmp: ["reparse", str(root), "--dry-run"],
    "info": lambda root, tmp: ["info", str(root)],
}


@pytest.mark.parametrize("command", sorted(COMMANDS))
@pytest.mark.parametrize("name", [b"back\\slash.txt", b"latin1_\xe9bad.txt"], ids=["backslash", "not-utf8"])
def test_a_file_name_that_cannot_be_a_document_is_named_and_the_rest_processed(
        corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str, name: bytes) -> None:
    bad = os.path.join(os.fsencode(corpus), name)
    with open(bad, "wb") as fh:
        fh.write(b"A title\n\nSome text of a page that cannot be a Document by its name.\n")
    code = main(COMMANDS[command](corpus, tmp_path))
    out, err = capsys.readouterr()
    assert code in (0, 1), err[-2000:]
    assert "Traceback" not in out + err
    assert "left out" in out + err, err[-2000:]  # validate reports problems on stdout, its data
    if command == "parse":
        assert (tmp_path / "out" / f"{OTHER}.json").is_file()
    if command == "export":
        assert (tmp_path / "e.jsonl").is_file()
        assert not list(tmp_path.glob(".*partial"))
    if command == "info":
        assert "documents  5" in out
    with open(bad, "rb") as fh:  # never touched
        assert fh.read().startswith(b"A title")


def test_the_listing_leaves_out_what_cannot_be_an_id_and_says_why(corpus: Path) -> None:
    (corpus / "back\\slash.txt").write_text("x", encoding="utf-8")
    with open(os.path.join(os.fsencode(corpus), b"latin1_\xe9bad.txt"), "wb") as fh:
        fh.write(b"x")
    c = Corpus(corpus)
    assert len(c.document_ids()) == 5
    problems = "\n".join(c.scan_problems())
    assert "back\\slash.txt: not a usable document name (it contains a backslash); left out" in problems
    assert "latin1_\\xe9bad.txt: the file name is not valid UTF-8; left out (rename it)" in problems
    problems.encode("utf-8")  # printable and writable as JSON: no lone surrogates


def test_names_with_control_characters_are_left_out_and_shown_escaped(corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A name with an escape sequence coloured the terminal in parse's summary and reparse's report; one
    with a newline split their lines in two (redteam9 M3). Such a name is no usable document id."""
    for name in ("ctrl\x1b[31mred.txt", "new\nline.txt", "tab\tbed.txt"):
        (corpus / name).write_text("A title\n\nSome text.\n", encoding="utf-8")
    c = Corpus(corpus)
    assert len(c.document_ids()) == 5
    problems = "\n".join(c.scan_problems())
    assert "ctrl\\x1b[31mred.txt: not a usable document name (a control character in the file name); left out (rename it)" in problems
    assert "new\\nline.txt: not a usable document name" in problems
    assert "tab\\tbed.txt: not a usable document name" in problems
    assert main(["parse", str(corpus), "-v"]) in (0, 1)
    out, err = capsys.readouterr()
    assert "\x1b" not in out + err and "new\nline" not in out + err


def test_a_folder_named_like_a_document_is_named(corpus: Path) -> None:
    """A folder ``x.txt`` was passed over in silence (redteam9 M5); documents inside it are still listed."""
    (corpus / "adir.txt").mkdir()
    (corpus / "adir.txt" / "inner.txt").write_text("A title\n\nSome text.\n", encoding="utf-8")
    c = Corpus(corpus)
    assert "adir.txt/inner" in c.document_ids()
    assert any(line.endswith("adir.txt: a folder named like a document; its own documents are listed, the folder is not one")
               for line in c.scan_problems())


@pytest.mark.parametrize("command", ["review", "dups"])
def test_a_curated_file_over_the_size_limit_is_not_read_nor_used(
        corpus: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], command: str) -> None:
    import curator.core.jsonio as jsonio

    target = corpus / "curated" / f"{DOC}.json"
    original = target.read_bytes()
    assert b'"duplicates": [' in original and b'"duplicates": []' not in original
    monkeypatch.setattr(jsonio, "MAX_JSON_BYTES", len(original) - 1)
    code = main([command, str(corpus), *(["--no-record"] if command == "review" else ["--no-index", "--json"])])
    out, err = capsys.readouterr()
    assert code in (0, 1)
    assert f"{target}: is {len(original):,} bytes, more than the {len(original) - 1:,} Curator reads" in out + err
    if command == "dups":
        assert "its duplicate decisions are ignored" in err
    assert target.read_bytes() == original


def test_a_zip_bomb_is_refused_by_its_declared_size_not_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from curator.core.interop import annotations

    bomb = tmp_path / "bomb.zip"
    with zipfile.ZipFile(bomb, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("TypeSystem.xml", b"<typeSystemDescription/>")
        zf.writestr("doc.xmi", b"\0" * 200_000)
    monkeypatch.setattr(annotations, "MAX_XMI_BYTES", 100_000)
    read = []
    real_read = zipfile.ZipFile.read
    monkeypatch.setattr(zipfile.ZipFile, "read", lambda self, n, *a: read.append(n) or real_read(self, n, *a))
    with pytest.raises(annotations.AnnotationsError, match=r"bomb\.zip!doc\.xmi: unpacks to 200,000 bytes, more than"):
        annotations._xmi_entries(bomb)
    assert "doc.xmi" not in read


@pytest.mark.parametrize(("module", "call"), [
    ("resiliparse", lambda: __import__("curator.core.ingest.extract", fromlist=["x"]).extractor_name()),
    ("cassis", lambda: __import__("curator.core.interop.annotations", fromlist=["x"])._cassis()),
])
def test_a_missing_extra_is_installed_from_the_checkout_not_from_pypi(
        monkeypatch: pytest.MonkeyPatch, module: str, call) -> None:  # noqa: ANN001
    """PyPI's 'curator' is another project: "pip install 'curator[ingest]'" would install it."""
    monkeypatch.setitem(sys.modules, module, None)  # import fails as if not installed
    with pytest.raises(Exception) as info:
        call()
    message = str(info.value)
    assert "curator[" not in message
    assert 'pip install -e ".[' in message


def test_a_long_but_legal_name_is_written_by_parse_out_and_save(corpus: Path, tmp_path: Path) -> None:
    """A 240-character id fits a file name (245 bytes with .json); its temp name did not (259 > 255)."""
    long_id = "x" * 240
    (corpus / f"{long_id}.txt").write_text("A title\n\nSome text of the page.\n", encoding="utf-8")
    assert main(["parse", str(corpus), "--out", str(tmp_path / "out"), "-q"]) == 0
    assert (tmp_path / "out" / f"{long_id}.json").is_file()
    from curator.core.jsonio import atomic_write_text, temp_target

    target = tmp_path / f"{'y' * 250}.json"
    atomic_write_text(target, "{}")
    assert target.read_text(encoding="utf-8") == "{}"
    assert temp_target(".short.json.abcdefgh.tmp") == "short.json"


def test_parse_out_files_are_readable_as_open_would_make_them(corpus: Path, tmp_path: Path) -> None:
    """mkstemp makes 0600 files: others on a shared machine could not read parse --out's output."""
    from curator.core.jsonio import current_umask

    assert main(["parse", str(corpus), "--out", str(tmp_path / "out"), "-q"]) == 0
    modes = {p.stat().st_mode & 0o777 for p in (tmp_path / "out").glob("*.json")}
    assert modes == {0o666 & ~current_umask()}


@pytest.mark.parametrize("command", ["export", "review"])
def test_a_curated_label_outside_the_taxonomy_is_named_not_used(
        corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str) -> None:
    """`validate` named a curated file with a label not in the taxonomy, but `review` scored it as gold
    ("1 relabelled") and `export` exported it without a word (redteam10 H11)."""
    target = corpus / "curated" / f"{DOC}.json"
    original = target.read_bytes()
    assert original.count(b'"label": "paragraph"') >= 1
    target.write_bytes(original.replace(b'"label": "paragraph"', b'"label": "sidebar"', 1))
    args = ["export", str(corpus), "--out", str(tmp_path / "e.jsonl")] if command == "export" \
        else ["review", str(corpus), "--no-record"]
    code = main(args)
    out, err = capsys.readouterr()
    assert code == 1
    assert f"{DOC}.json" in out + err and "'sidebar', not in the taxonomy" in out + err
    if command == "export":
        exported = (tmp_path / "e.jsonl").read_text(encoding="utf-8")
        assert DOC not in exported and OTHER in exported
    else:
        assert "relabelled" not in [line for line in out.splitlines() if DOC in line][0]


def test_an_offset_written_as_a_string_breaks_the_contract(corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`"start": "0"` passed validate (pydantic's lax mode made it 0) though the JSON Schema rejects it,
    and export and review used the file (redteam10 H10)."""
    target = corpus / "curated" / f"{DOC}.json"
    original = target.read_bytes()
    assert b'"start": 0,' in original
    target.write_bytes(original.replace(b'"start": 0,', b'"start": "0",', 1))
    assert main(["validate", str(corpus)]) == 1
    out, err = capsys.readouterr()
    assert f"{DOC}.json" in out + err and "start" in out + err
