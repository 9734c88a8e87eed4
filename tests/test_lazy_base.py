"""A lazy re-parse base (issue 10, round 22): `curator parse --out CORPUS/curated` keeps no `.curator/base/` copy
of a parse it leaves untouched. The curated file proves it is untouched (`untouched_sha256`: the SHA-256 of the
file without that line) and is its own base until the store first replaces it, which writes its bytes to
`.curator/base/` first, under the save lock. A file changed by another program is never taken for the parser's
output: a re-parse keeps it as an editor's work."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
import threading
from pathlib import Path

import jsonschema
import pytest

from curator.cli import main
from curator.core import pipeline
from curator.core.jsonio import dump_curation
from curator.core.locks import exclusive
from curator.core.model import Curation
from curator.core.review import runner
from curator.core.review.base import base_path, load_base, record_base
from curator.core.review.reparse import KEPT, MERGED, REPLACED, reparse_corpus
from curator.core.schema import curation_schema
from curator.core.store import ConflictError, Corpus
from tests.test_review_support import write_corpus

PAGES = {
    "a": "Minister visits the port\n\n12 March 2024\n\nThe minister visited the port today.\n\n"
         "She spoke with the workers about the new cranes.\n\nRelated news\n",
    "b": "Council meets on budget\n\n13 March 2024\n\nThe council met to discuss the budget.\n\n"
         "The vote is expected next week.\n\nRelated news\n",
    "c": "Talks with the union\n\n14 March 2024\n\nTalks with the union went on all night.\n\nRelated news\n",
}
KEY = b'"untouched_sha256"'


def _parsed(tmp_path: Path) -> Corpus:
    root = write_corpus(tmp_path / "c", PAGES)
    assert main(["parse", str(root), "--out", str(root / "curated"), "-q"]) == 0
    corpus = Corpus(root)
    assert not any(base_path(corpus, d).exists() for d in PAGES)  # no second copy of a parse
    return corpus


def _other(label: str) -> str:
    return "boilerplate" if label != "boilerplate" else "paragraph"


def _relabel(cur: Curation, index: int, *, status: str = "in_progress") -> Curation:
    segs = list(cur.segments)
    segs[index] = segs[index].model_copy(update={"label": _other(segs[index].label), "origin": "editor"})
    return cur.model_copy(update={"segments": segs, "status": status})


def _newer_parser() -> runner.Parser:
    """The project's parser, and a later version of it that labels each page's last segment differently."""
    real = runner.current_parser()

    def propose(parses: dict[str, Curation], texts: dict[str, str]) -> dict[str, Curation]:
        out = {}
        for doc_id, cur in pipeline.propose_duplicates(parses, texts).items():
            segs = list(cur.segments)
            segs[-1] = segs[-1].model_copy(update={"label": _other(segs[-1].label)})
            out[doc_id] = cur.model_copy(update={"segments": segs,
                                                 "parser": cur.parser.model_copy(update={"version": "99.0.0"})})
        return out

    return runner.Parser(real.name, "99.0.0", real.parse, real.build_context, propose)


def _outcomes(corpus: Corpus, parser: runner.Parser | None = None) -> dict[str, object]:
    return {o.id: o for o in reparse_corpus(corpus, parser=parser)}


def test_parse_into_the_store_writes_no_base_and_each_file_is_its_own_base(tmp_path: Path) -> None:
    corpus = _parsed(tmp_path)
    assert not (corpus.state_dir / "base").exists() or not any((corpus.state_dir / "base").iterdir())
    out = tmp_path / "out"  # the same parse into a folder that is no corpus's store: the parser's bytes alone
    assert main(["parse", str(corpus.root), "--out", str(out), "-q"]) == 0
    for doc_id in PAGES:
        raw = (corpus.curated_dir / f"{doc_id}.json").read_bytes()
        plain = (out / f"{doc_id}.json").read_bytes()
        assert KEY not in plain
        digest = json.loads(raw)["untouched_sha256"]
        assert digest == hashlib.sha256(plain).hexdigest()  # the file's digest without its own line
        assert raw == plain[:-3] + b',\n  "untouched_sha256": "' + digest.encode() + b'"\n}\n'
        base = load_base(corpus, doc_id)
        loaded = corpus.load(doc_id)
        assert base is not None and loaded is not None
        assert dump_curation(base).encode() == plain == dump_curation(loaded.curation).encode()


def test_the_first_save_keeps_the_untouched_parse_as_the_base_before_replacing_it(tmp_path: Path) -> None:
    corpus = _parsed(tmp_path)
    loaded = corpus.load("a")
    assert loaded is not None
    parse = dump_curation(loaded.curation).encode()
    stamp = corpus.save(_relabel(loaded.curation, 0), expected_stamp=loaded.stamp)
    assert base_path(corpus, "a").read_bytes() == parse
    assert KEY not in corpus.curated_path("a").read_bytes()  # the editor's version proves nothing
    assert dump_curation(load_base(corpus, "a")).encode() == parse  # type: ignore[arg-type]
    # Later saves leave the base alone.
    before = base_path(corpus, "a").stat().st_mtime_ns
    again = corpus.load("a")
    assert again is not None and again.stamp == stamp
    corpus.save(_relabel(again.curation, 1), expected_stamp=stamp)
    assert base_path(corpus, "a").stat().st_mtime_ns == before and base_path(corpus, "a").read_bytes() == parse
    # The Documents not saved still have no base file.
    assert not base_path(corpus, "b").exists()


def test_parse_then_edit_then_reparse_merges_against_the_kept_base(tmp_path: Path) -> None:
    corpus = _parsed(tmp_path)
    loaded = corpus.load("a")
    assert loaded is not None
    edited = _relabel(loaded.curation, 0)
    corpus.save(edited, expected_stamp=loaded.stamp)
    out = _outcomes(corpus, _newer_parser())["a"]
    assert out.action == MERGED and out.conflicts == [] and out.applied  # type: ignore[attr-defined]
    cur = corpus.load("a").curation  # type: ignore[union-attr]
    assert cur.segments[0].label == edited.segments[0].label  # the editor's change
    assert cur.segments[-1].label == _other(loaded.curation.segments[-1].label)  # the parser's change, merged


def test_an_outside_edit_is_never_overwritten_by_reparse(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    corpus = _parsed(tmp_path)
    edits = {}
    for doc_id, status in (("a", "auto"), ("b", "curated")):
        # Another program relabels a segment; it keeps the key it does not know (and, for "a", the status).
        path = corpus.curated_path(doc_id)
        data = json.loads(path.read_bytes())
        data["segments"][0]["label"] = _other(data["segments"][0]["label"])
        data["status"] = status
        path.write_text(json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8")
        edits[doc_id] = data["segments"][0]["label"]
    for run in range(2):  # and a second run does not take it for the parser's either
        assert main(["reparse", str(corpus.root), "--json"]) in (0, 1)
        report = {d["id"]: d for d in json.loads(capsys.readouterr().out)}
        for doc_id, label in edits.items():
            cur = corpus.load(doc_id).curation  # type: ignore[union-attr]
            assert cur.segments[0].label == label, doc_id
            assert cur.status in ("in_progress", "curated")
            if run == 0:  # no base to tell the parser's changes from the edit: nothing merged, the edit listed
                assert report[doc_id]["action"] == KEPT and report[doc_id]["conflicts"], doc_id
        assert report["c"]["action"] == "unchanged"
    assert corpus.load("a").curation.status == "in_progress"  # type: ignore[union-attr]


def test_reparse_says_an_auto_file_was_changed_outside(tmp_path: Path) -> None:
    corpus = _parsed(tmp_path)
    path = corpus.curated_path("a")
    path.write_bytes(path.read_bytes().replace(b'"status": "auto"', b'"status":  "auto"'))  # one byte more
    out = _outcomes(corpus)["a"]
    assert out.action == KEPT  # type: ignore[attr-defined]
    assert any("changed outside Curator" in n for n in out.notes)  # type: ignore[attr-defined]
    assert corpus.load("a").curation.status == "in_progress"  # type: ignore[union-attr]


def test_reparse_replaces_an_untouched_file_with_an_untouched_one_and_writes_no_base(tmp_path: Path) -> None:
    corpus = _parsed(tmp_path)
    outcomes = _outcomes(corpus, _newer_parser())
    assert outcomes["a"].action == REPLACED  # type: ignore[attr-defined]
    assert outcomes["a"].written == [str(corpus.curated_path("a"))]  # type: ignore[attr-defined]
    assert not base_path(corpus, "a").exists()
    assert KEY in corpus.curated_path("a").read_bytes()
    base = load_base(corpus, "a")
    assert base is not None and base.parser.version == "99.0.0"


def test_an_old_corpus_with_base_files_keeps_working(tmp_path: Path) -> None:
    """Curated files written before the key (no digest) and their base files: merged as before."""
    root = write_corpus(tmp_path / "c", PAGES)
    corpus = Corpus(root)
    parses, _ = runner.parse_all(runner.current_parser(), corpus, {d: corpus.read_source(d) for d in PAGES})
    for doc_id, parse in parses.items():
        record_base(corpus, parse)
        corpus.save(_relabel(parse, 0) if doc_id == "a" else parse, expected_stamp=None)
    assert not any(KEY in corpus.curated_path(d).read_bytes() for d in PAGES)
    old_base = base_path(corpus, "a").read_bytes()
    outcomes = _outcomes(corpus, _newer_parser())
    assert outcomes["a"].action == MERGED and outcomes["a"].conflicts == []  # type: ignore[attr-defined]
    assert corpus.load("a").curation.segments[0].label == _other(parses["a"].segments[0].label)  # type: ignore[union-attr]
    assert base_path(corpus, "a").read_bytes() != old_base  # the new parse is its base now, as before
    # An auto one takes the new parse, which is its own base: the old base file goes.
    assert outcomes["b"].action == REPLACED  # type: ignore[attr-defined]
    assert not base_path(corpus, "b").exists() and load_base(corpus, "b").parser.version == "99.0.0"  # type: ignore[union-attr]


_KILL = """
import os, sys
from pathlib import Path
from curator.core import store
from curator.core.store import Corpus
root, doc_id = Path(sys.argv[1]), sys.argv[2]
corpus = Corpus(root)
write = store.atomic_write_bytes
def dies_before_the_curated_file(path, data, **kw):
    if Path(path) == corpus.curated_path(doc_id):
        os._exit(9)  # killed between keeping the base and replacing the file
    return write(path, data, **kw)
store.atomic_write_bytes = dies_before_the_curated_file
loaded = corpus.load(doc_id)
segs = list(loaded.curation.segments)
segs[0] = segs[0].model_copy(update={"label": "boilerplate" if segs[0].label != "boilerplate" else "paragraph"})
corpus.save(loaded.curation.model_copy(update={"segments": segs, "status": "in_progress"}), expected_stamp=loaded.stamp)
"""


def test_a_kill_between_keeping_the_base_and_the_save_loses_nothing(tmp_path: Path) -> None:
    corpus = _parsed(tmp_path)
    before = corpus.curated_path("a").read_bytes()
    loaded = corpus.load("a")
    assert loaded is not None
    parse = dump_curation(loaded.curation).encode()
    done = subprocess.run([sys.executable, "-c", _KILL, str(corpus.root), "a"], cwd=Path(__file__).parents[1],
                          capture_output=True, check=False)
    assert done.returncode == 9, done.stderr
    assert corpus.curated_path("a").read_bytes() == before  # the file as it was: untouched, its own base
    assert base_path(corpus, "a").read_bytes() == parse  # and the copy, the same parse
    assert dump_curation(load_base(corpus, "a")).encode() == parse  # type: ignore[arg-type]
    edited = _relabel(loaded.curation, 0)
    corpus.save(edited, expected_stamp=loaded.stamp)  # the save done again
    assert base_path(corpus, "a").read_bytes() == parse
    out = _outcomes(corpus, _newer_parser())["a"]
    assert out.action == MERGED and out.conflicts == []  # type: ignore[attr-defined]
    assert corpus.load("a").curation.segments[0].label == edited.segments[0].label  # type: ignore[union-attr]


def test_racing_saves_of_an_untouched_file_keep_its_parse_as_the_base(tmp_path: Path) -> None:
    corpus = _parsed(tmp_path)
    loaded = corpus.load("a")
    assert loaded is not None
    parse = dump_curation(loaded.curation).encode()
    first, second = _relabel(loaded.curation, 0), _relabel(loaded.curation, 1)
    errors: list[BaseException] = []

    def save_first() -> None:
        try:
            corpus.save(first, expected_stamp=loaded.stamp)
        except BaseException as exc:  # noqa: BLE001 - the test reports it
            errors.append(exc)

    with exclusive(corpus.save_lock_path()):  # another process's save under way
        saver = threading.Thread(target=save_first)
        saver.start()
        saver.join(0.5)
        assert saver.is_alive()  # waiting for the lock: nothing written yet, not even the base
        assert not base_path(corpus, "a").exists()
    saver.join(30)
    assert not errors
    with pytest.raises(ConflictError):  # the loser: the same loaded version, saved after the winner
        corpus.save(second, expected_stamp=loaded.stamp)
    assert base_path(corpus, "a").read_bytes() == parse  # the parse both started from, not the winner's edit
    assert corpus.load("a").curation.model_dump() == first.model_dump()  # type: ignore[union-attr]


def test_a_base_that_cannot_be_kept_refuses_the_save(tmp_path: Path) -> None:
    corpus = _parsed(tmp_path)
    corpus.state_dir.mkdir(exist_ok=True)
    (corpus.state_dir / "base").write_bytes(b"")  # a file where the base folder should be
    before = corpus.curated_path("a").read_bytes()
    loaded = corpus.load("a")
    assert loaded is not None
    with pytest.raises(OSError, match="base") as caught:
        corpus.save(_relabel(loaded.curation, 0), expected_stamp=loaded.stamp)
    assert str(corpus.state_dir / "base" / "a.json") in str(caught.value)
    assert corpus.curated_path("a").read_bytes() == before  # not saved: the editor keeps the work in the window


def test_line_endings_changed_by_git_still_prove_the_parse(tmp_path: Path) -> None:
    corpus = _parsed(tmp_path)
    loaded = corpus.load("a")
    assert loaded is not None
    parse = dump_curation(loaded.curation).encode()
    path = corpus.curated_path("a")
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))  # core.autocrlf on a checkout
    assert dump_curation(load_base(corpus, "a")).encode() == parse  # type: ignore[arg-type]
    crlf = corpus.load("a")
    assert crlf is not None
    corpus.save(_relabel(crlf.curation, 0), expected_stamp=crlf.stamp)
    assert base_path(corpus, "a").read_bytes() == parse


def test_parse_drops_the_base_left_by_a_curated_file_deleted_since(tmp_path: Path) -> None:
    root = write_corpus(tmp_path / "c", PAGES)
    corpus = Corpus(root)
    stale = base_path(corpus, "a")
    stale.parent.mkdir(parents=True)
    stale.write_text("{}", encoding="utf-8")  # of a curated file the user deleted
    assert main(["parse", str(root), "--out", str(root / "curated"), "-q"]) == 0
    assert not stale.exists()
    assert load_base(corpus, "a").model_dump() == corpus.load("a").curation.model_dump()  # type: ignore[union-attr]


def test_the_key_is_valid_contract_and_never_exported(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    corpus = _parsed(tmp_path)
    raw = corpus.curated_path("a").read_bytes()
    assert KEY in raw
    jsonschema.validate(json.loads(raw), curation_schema())
    assert main(["validate", str(corpus.root)]) == 0
    assert main(["info", str(corpus.root), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["statuses"] == {"auto": 3}
    for fmt in ("jsonl", "csv", "labelstudio"):
        out = tmp_path / f"x.{fmt}"
        assert main(["export", str(corpus.root), "--format", fmt, "--include", "all", "--out", str(out), "-q"]) == 0
        assert b"untouched_sha256" not in out.read_bytes()
    capsys.readouterr()
    # A value that is no digest is refused by the loader as by the schema, naming the file.
    data = json.loads(raw)
    data["untouched_sha256"] = 12
    corpus.curated_path("a").write_text(json.dumps(data, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, curation_schema())
    assert main(["validate", str(corpus.root)]) == 1
    err = capsys.readouterr()
    assert "a.json" in err.out + err.err and "untouched_sha256" in err.out + err.err
