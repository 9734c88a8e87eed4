"""A curated file that says ``auto`` is replaced by a re-parse only when it is provably the parser's output:
its ``untouched_sha256`` matches (``core.untouched``), or it has no key and equals its recorded base (a corpus
written before round 22). Anything else that says ``auto`` (the key stripped by another program, a script's edit
of an old corpus's file) is kept as an editor's work: merged, never replaced (round 23, io23)."""

from __future__ import annotations

import json
from pathlib import Path

from curator.core.review import runner
from curator.core.review.base import base_path, record_base
from curator.core.review.reparse import KEPT, MERGED, REPLACED
from curator.core.store import Corpus
from tests.test_lazy_base import PAGES, _newer_parser, _other, _outcomes, _parsed
from tests.test_review_support import write_corpus


def _rewrite(path: Path, change) -> str:  # type: ignore[no-untyped-def]
    """Another program's rewrite of a curated file (json.dumps: its own layout); returns the label it set."""
    data = json.loads(path.read_bytes())
    change(data)
    path.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return str(data["segments"][0]["label"])


def _relabel_first(data: dict) -> None:  # type: ignore[type-arg]
    data["segments"][0]["label"] = _other(data["segments"][0]["label"])


def test_an_auto_file_whose_key_another_program_stripped_is_kept_as_an_editors_work(tmp_path: Path) -> None:
    corpus = _parsed(tmp_path)

    def strip_and_relabel(data: dict) -> None:  # type: ignore[type-arg]
        del data["untouched_sha256"]
        _relabel_first(data)

    label = _rewrite(corpus.curated_path("a"), strip_and_relabel)
    for run in range(2):
        out = _outcomes(corpus, _newer_parser())["a"]
        assert out.action == (KEPT if run == 0 else MERGED), out  # type: ignore[attr-defined]
        cur = corpus.load("a").curation  # type: ignore[union-attr]
        assert cur.segments[0].label == label  # the other program's edit stands
        assert cur.status == "in_progress"
    assert out.conflicts == []  # type: ignore[attr-defined]
    first = _outcomes(corpus)["b"]  # an untouched neighbour still takes new parses
    assert first.action in (REPLACED, "unchanged")  # type: ignore[attr-defined]


def test_reparse_names_why_an_unproven_auto_file_was_kept(tmp_path: Path) -> None:
    corpus = _parsed(tmp_path)
    _rewrite(corpus.curated_path("a"), lambda d: d.pop("untouched_sha256"))  # no edit: still not provably the parser's
    out = _outcomes(corpus, _newer_parser())["a"]
    assert out.action == KEPT  # type: ignore[attr-defined]
    assert any(str(corpus.curated_path("a")) in n and "not provably the parser's" in n
               for n in out.notes), out.notes  # type: ignore[attr-defined]


def test_an_old_corpus_auto_file_a_script_changed_is_merged_against_its_base(tmp_path: Path) -> None:
    """Before round 22 every parse had a base file; an ``auto`` file that no longer equals it was edited."""
    root = write_corpus(tmp_path / "c", PAGES)
    corpus = Corpus(root)
    parses, _ = runner.parse_all(runner.current_parser(), corpus, {d: corpus.read_source(d) for d in PAGES})
    for parse in parses.values():
        record_base(corpus, parse)
        corpus.save(parse, expected_stamp=None)
    label = _rewrite(corpus.curated_path("a"), _relabel_first)
    outcomes = _outcomes(corpus, _newer_parser())
    assert outcomes["a"].action == MERGED and outcomes["a"].conflicts == []  # type: ignore[attr-defined]
    cur = corpus.load("a").curation  # type: ignore[union-attr]
    assert cur.segments[0].label == label and cur.status == "in_progress"
    assert cur.segments[-1].label == _other(parses["a"].segments[-1].label)  # the parser's change merged in
    assert outcomes["b"].action == REPLACED  # type: ignore[attr-defined]  # equal to its base: the parser's
    assert not base_path(corpus, "b").exists()
