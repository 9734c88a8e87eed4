"""`curator validate` catches every problem the contract lists, one line per problem."""

from __future__ import annotations

import json

import pytest

from curator.cli import main
from curator.core.jsonio import dump_curation
from curator.core.store import Corpus
from tests.factories import sample_curation, write_corpus


@pytest.fixture
def corpus(tmp_path):
    text, cur = sample_curation()
    root = write_corpus(tmp_path / "c", {"doc": text})
    Corpus(root).save(cur, expected_stamp=None)
    return root


def _run(capsys, *args):
    code = main(["validate", *map(str, args)])
    out = capsys.readouterr().out.strip().splitlines()
    return code, out


def test_valid_corpus_and_file_pass(corpus, capsys):
    assert _run(capsys, corpus) == (0, [])
    assert _run(capsys, corpus / "curated" / "doc.json") == (0, [])


def _edit_json(path, fn):
    data = json.loads(path.read_text(encoding="utf-8"))
    fn(data)
    path.write_text(json.dumps(data), encoding="utf-8")


@pytest.mark.parametrize(
    ("breakage", "expected"),
    [
        (lambda p: p.write_text("{not json", encoding="utf-8"), "not valid JSON"),
        (lambda p: _edit_json(p, lambda d: d["segments"][0].update(label="sidebar")), "not in the taxonomy"),
        (lambda p: _edit_json(p, lambda d: d["segments"][0].update(text="Sidebar 😀 teasex")),
         "does not match the source"),
        (lambda p: _edit_json(p, lambda d: d["segments"][1].update(start=d["segments"][0]["start"])), "segments.1"),
        (lambda p: _edit_json(p, lambda d: d.update(schema_version=7)), "newer than this Curator"),
        (lambda p: _edit_json(p, lambda d: d.update(events=[{"id": "e1", "type": "picnic"}])), "not in the taxonomy"),
        # A segment taking in the blank line after it (what Alt+Up used to make): invisible, but wrong.
        (lambda p: _edit_json(p, lambda d: d["segments"][0].update(end=d["segments"][0]["end"] + 2,
                                                                   text=d["segments"][0]["text"] + "\n\n")),
         "ends on whitespace"),
    ],
)
def test_each_problem_is_one_line_naming_the_file(corpus, capsys, breakage, expected):
    path = corpus / "curated" / "doc.json"
    breakage(path)
    before = path.read_bytes()
    code, lines = _run(capsys, corpus)
    assert code == 1
    assert lines and all(line.startswith(str(path)) for line in lines)
    assert any(expected in line for line in lines)
    assert path.read_bytes() == before, "validate never modifies files"


def test_changed_source_is_caught(corpus, capsys):
    (corpus / "doc.txt").write_text("Sidebar 😀 teaser\n\nTitle changed", encoding="utf-8")
    code, lines = _run(capsys, corpus)
    assert code == 1 and any("source text changed" in line for line in lines)


def test_missing_source_binary_source_and_orphans(corpus, capsys, tmp_path):
    (corpus / "blob.txt").write_bytes(bytes(range(32)) * 100)
    orphan = corpus / "curated" / "gone.json"
    _, cur = sample_curation()
    orphan.write_text(dump_curation(cur.model_copy(update={"document": cur.document.model_copy(
        update={"id": "gone", "path": "gone.txt"})})), encoding="utf-8")
    code, lines = _run(capsys, corpus)
    assert code == 1
    assert any("blob.txt" in line and "binary" in line for line in lines)
    assert any(line.startswith(str(orphan)) and "no source document" in line for line in lines)


def test_nonexistent_path(capsys, tmp_path):
    """A missing path is a usage error (exit 2, named on stderr), not a problem found in the data."""
    assert main(["validate", str(tmp_path / "nowhere.json")]) == 2
    out, err = capsys.readouterr()
    assert out == "" and "nowhere.json" in err and "no such file or folder" in err


def test_schema_command_prints_the_schema(capsys):
    assert main(["schema"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert "segments" in schema["properties"]


def test_info_lists_statuses_and_labels(corpus, capsys):
    assert main(["info", str(corpus)]) == 0
    out = capsys.readouterr().out
    assert "documents  1" in out and "teaser" in out and "auto" in out


def test_a_missing_corpus_is_one_clear_line_not_a_traceback(capsys, tmp_path):
    assert main(["info", str(tmp_path / "nowhere")]) == 2
    err = capsys.readouterr().err
    assert "nowhere" in err and "does not exist" in err and "Traceback" not in err


@pytest.mark.parametrize("cut, what", [
    ("\U0001F468\u200d|\U0001F469\u200d\U0001F467", "inside an emoji sequence"),  # after a ZWJ
    ("\U0001F468|\u200d\U0001F469\u200d\U0001F467", "inside an emoji sequence"),  # before a ZWJ
    ("e|\u0301", "between a character and its combining mark"),
    ("\U0001F44D|\U0001F3FD", "inside an emoji sequence"),  # a skin tone off its emoji
    ("\U0001F1F7|\U0001F1FA", "inside a flag"),  # the two regional indicators of one flag
])
def test_a_boundary_inside_a_character_as_readers_see_it_is_a_problem(tmp_path, capsys, cut, what):
    """A segment boundary between an emoji and its ZWJ/skin tone, between the two halves of a flag or
    between a letter and its accent passed validate ("ok: no problems"): exported spans then begin
    with a lone joiner or accent. Code points are the contract's unit, so these are legal offsets,
    but never a boundary a reader could see."""
    from tests.factories import curation_for

    left, right = cut.split("|")
    text = f"Title here\n\nA line with {left}{right} inside it."
    b = text.index(left + right) + len(left)
    line = text.index("A line")
    root = write_corpus(tmp_path / "c", {"doc": text})
    Corpus(root).save(curation_for(text, [(0, 10, "title"), (line, b, "paragraph"), (b, len(text), "paragraph")]),
                      expected_stamp=None)
    code, out = _run(capsys, root)
    assert code == 1
    assert len(out) == 1 and "doc.json" in out[0] and f"[{line}, {b})" in out[0] and what in out[0]
    # the same text cut where a reader sees a boundary is fine
    Corpus(root).save(curation_for(text, [(0, 10, "title"), (line, len(text), "paragraph")]),
                      expected_stamp=Corpus(root).load("doc").stamp)
    assert _run(capsys, root) == (0, [])


def test_info_json_carries_the_source_warnings_and_prints_them(tmp_path, capsys):
    """`curator info --json` printed no warning at all for a page read as cp1251 (the text mode did,
    on stderr): a data person scripting on --json never heard that an encoding was guessed."""
    root = write_corpus(tmp_path / "c", {"ru": "Заседание Совета коллективной безопасности в Минске.\n".encode("cp1251"),
                                         "en": "A plain page.\n"})
    code = main(["info", str(root), "--json"])
    captured = capsys.readouterr()
    data = json.loads(captured.out)
    assert code == 0
    assert len(data["warnings"]) == 1 and "ru.txt" in data["warnings"][0] and "not UTF-8" in data["warnings"][0]
    assert "ru.txt" in captured.err


def test_a_source_text_given_validates_its_curation_not_its_json(corpus, capsys):
    """`curator validate CORPUS/doc.txt`: a Document's source is read as one, and its curation checked (was:
    'is not valid JSON: line 1 column 1')."""
    assert _run(capsys, corpus / "doc.txt") == (0, [])
    _edit_json(corpus / "curated" / "doc.json", lambda d: d["segments"][0].update(end=10**6))
    code, out = _run(capsys, corpus / "doc.txt")
    assert code == 1 and len(out) == 1
    assert out[0].startswith(str(corpus / "curated" / "doc.json")) and "past the end" in out[0]
    (corpus / "bin.txt").write_bytes(bytes(range(32)) * 50)
    code, out = _run(capsys, corpus / "bin.txt")
    assert code == 1 and out == [f"{corpus / 'bin.txt'}: looks like a binary file (many control bytes), not a text document"]
    assert "JSON" not in "".join(out)
    (corpus / "new.txt").write_text("A page nobody curated.\n", encoding="utf-8")
    code, out = _run(capsys, corpus / "new.txt")
    assert code == 1 and out == [f"{corpus / 'new.txt'}: reads as a source but has no curation "
                                 "(no curated/<id>.json in a folder above it); nothing to validate"]


def _run_all(capsys, *args):
    code = main(["validate", *map(str, args)])
    captured = capsys.readouterr()
    return code, captured.out.strip().splitlines(), captured.err


def test_a_parse_out_folder_is_not_called_ok_unchecked(corpus, tmp_path, capsys):
    """`curator validate OUT` on a `parse --out OUT` folder said "ok: no problems" and checked nothing (it was
    read as an empty corpus). Every JSON in it is validated; the folder is said not to be a corpus, and the
    source text is checked where it is found (--sources CORPUS) and said unchecked where it is not."""
    out_dir = tmp_path / "out"
    (corpus / "sub").mkdir()
    (corpus / "sub" / "page.txt").write_text("Another page\n\nWith a paragraph.\n", encoding="utf-8")
    assert main(["parse", str(corpus), "--out", str(out_dir), "-q"]) == 0
    capsys.readouterr()
    files = sorted(str(p.relative_to(out_dir)) for p in out_dir.rglob("*.json"))
    assert files == ["doc.json", "sub/page.json"]

    code, out, err = _run_all(capsys, out_dir)
    assert code == 1, "the text of these curations was never checked: not ok"
    assert out == [f"{out_dir}: not a corpus (no .txt sources, no curated/ folder): the source text of 2 "
                   "curation(s) was not found, so it was not checked (--sources CORPUS names the corpus they "
                   "were parsed from)"]
    assert f"{out_dir}: not a corpus; 2 JSON file(s) validated as curations (schema, invariants, taxonomy)" in err
    assert "ok" not in err.splitlines()[-1]

    code, out, err = _run_all(capsys, out_dir, "--sources", corpus)
    assert (code, out) == (0, [])
    assert "2 JSON file(s) validated as curations (schema, invariants, taxonomy); source text checked for 2" in err
    assert err.splitlines()[-1].startswith("ok: ")

    # A problem in one file is found and named, file by file.
    _edit_json(out_dir / "sub" / "page.json", lambda d: d["segments"][0].update(label="sidebar"))
    _edit_json(out_dir / "doc.json", lambda d: d["segments"][0].update(text="Sidebar 😀 teasex"))
    code, out, _ = _run_all(capsys, out_dir, "--sources", corpus)
    assert code == 1
    assert any(line.startswith(str(out_dir / "sub" / "page.json")) and "not in the taxonomy" in line for line in out)
    assert any(line.startswith(str(out_dir / "doc.json")) and "does not match the source" in line for line in out)
    # One file of such a folder, given alone, is checked against its source the same way.
    code, out, _ = _run_all(capsys, out_dir / "doc.json", "--sources", corpus)
    assert code == 1 and any("does not match the source" in line for line in out)


def test_a_folder_inside_its_corpus_finds_the_sources_and_an_empty_folder_checks_nothing(corpus, tmp_path, capsys):
    inner = corpus / "parsed"
    assert main(["parse", str(corpus), "--out", str(inner), "-q"]) == 0
    capsys.readouterr()
    code, out, err = _run_all(capsys, inner)
    assert (code, out) == (0, [])
    assert "source text checked for 1" in err
    empty = tmp_path / "empty"
    empty.mkdir()
    code, out, _ = _run_all(capsys, empty)
    assert code == 1
    assert out == [f"{empty}: not a corpus (no .txt sources, no curated/ folder) and no JSON file in it: "
                   "nothing was checked"]


def test_the_summary_says_what_was_checked(corpus, capsys):
    code, out, err = _run_all(capsys, corpus)
    assert (code, out) == (0, [])
    assert f"{corpus}: corpus of 1 document(s); 1 curated file(s) checked against their sources" in err
    assert err.splitlines()[-1] == "ok: no problems"
    code, out, err = _run_all(capsys, corpus, "-q")
    assert (code, out, err) == (0, [], "")
