"""``curator reparse``: uncurated documents take the new parse, curated ones keep every editor decision."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from curator.cli import main
from curator.core.jsonio import dump_curation
from curator.core.model import Curation, DocumentRef
from curator.core.review import runner
from curator.core.review.base import base_path, load_base, record_base
from curator.core.review.reparse import (
    MERGED,
    NOT_CURATED,
    REPLACED,
    UNCHANGED,
    reparse_corpus,
)
from curator.core.store import Corpus
from tests.test_review_support import make, span_of, write_corpus

TEXT = "Headline 🛰️ here\n\nLead paragraph.\n\nBody paragraph one.\n\nBody paragraph two.\n"
BLOCKS = ["Headline 🛰️ here", "Lead paragraph.", "Body paragraph one.", "Body paragraph two."]


def _blocks(text: str) -> list[tuple[int, int]]:
    return [span_of(text, b) for b in BLOCKS if b in text]


def _v1(text: str, doc: DocumentRef) -> Curation:
    """The old parser: everything is a paragraph."""
    return make(text, [(s, e, "paragraph") for s, e in _blocks(text)], doc_id=doc.id, version="1")


def _v2(text: str, doc: DocumentRef) -> Curation:
    """The new parser: first block a title, second a lead, the rest paragraphs."""
    labels = ["title", "lead"] + ["paragraph"] * 10
    return make(text, [(s, e, lab) for (s, e), lab in zip(_blocks(text), labels, strict=False)], doc_id=doc.id, version="2")


def _parser(fn) -> runner.Parser:  # type: ignore[no-untyped-def]
    return runner.Parser("fake", fn(TEXT, DocumentRef(id="x", path="x.txt", sha256="0" * 64, length=len(TEXT))).parser.version,
                         lambda text, doc, ctx: fn(text, doc), lambda texts: None)


@pytest.fixture
def corpus(tmp_path: Path) -> Corpus:
    root = write_corpus(tmp_path / "c", {"auto": TEXT, "curated": TEXT, "fresh": TEXT, "edited": TEXT})
    corpus = Corpus(root)
    for doc_id in ("auto", "curated", "edited"):
        parse = _v1(TEXT, DocumentRef(id=doc_id, path=f"{doc_id}.txt", sha256="0" * 64, length=1))
        record_base(corpus, parse)
        cur = parse
        if doc_id == "curated":
            # The editor relabelled the last block and confirmed the first one.
            segs = list(cur.segments)
            segs[3] = segs[3].model_copy(update={"label": "boilerplate", "origin": "editor"})
            segs[0] = segs[0].model_copy(update={"reviewed": True})
            cur = cur.model_copy(update={"segments": segs, "status": "curated"})
        elif doc_id == "edited":
            cur = cur.model_copy(update={"status": "in_progress"})
        corpus.save(cur, expected_stamp=None)
    return corpus


def _read(corpus: Corpus, doc_id: str) -> Curation:
    loaded = corpus.load(doc_id)
    assert loaded is not None
    return loaded.curation


def test_reparse_takes_new_parse_for_auto_and_merges_curated(corpus: Corpus) -> None:
    outcomes = {o.id: o for o in reparse_corpus(corpus, parser=_parser(_v2))}
    assert outcomes["fresh"].action == NOT_CURATED and not corpus.curated_path("fresh").exists()
    assert outcomes["auto"].action == REPLACED
    assert [s.label for s in _read(corpus, "auto").segments] == ["title", "lead", "paragraph", "paragraph"]

    # in_progress without edits: every parser change merges in, nothing conflicts.
    assert [s.label for s in _read(corpus, "edited").segments] == ["title", "lead", "paragraph", "paragraph"]
    assert outcomes["edited"].conflicts == [] and len(outcomes["edited"].applied) == 2

    assert outcomes["curated"].action == MERGED
    cur = _read(corpus, "curated")
    # Block 1: the editor reviewed it, so the parser's "title" is a conflict; block 2: taken; block 4: editor's label.
    assert [s.label for s in cur.segments] == ["paragraph", "lead", "paragraph", "boilerplate"]
    assert cur.status == "curated"
    assert [c.start for c in outcomes["curated"].conflicts] == [span_of(TEXT, BLOCKS[0])[0]]
    conflicts = json.loads((corpus.state_dir / "conflicts" / "curated.json").read_text(encoding="utf-8"))
    assert len(conflicts["entries"]) == 1 and "title" in conflicts["entries"][0]["parser"]
    # The new parse is the base from now on.
    base = load_base(corpus, "curated")
    assert base is not None and base.parser.version == "2"

    # Running again changes nothing and keeps the listed conflict (it is not re-listed twice).
    again = {o.id: o for o in reparse_corpus(corpus, parser=_parser(_v2))}
    assert again["auto"].action == UNCHANGED
    assert again["curated"].applied == [] and again["curated"].conflicts == []
    assert _read(corpus, "curated").model_dump() == cur.model_dump()
    assert len(json.loads((corpus.state_dir / "conflicts" / "curated.json").read_text(encoding="utf-8"))["entries"]) == 1


def test_dry_run_writes_nothing(corpus: Corpus) -> None:
    before = {p: p.read_bytes() for p in corpus.root.rglob("*") if p.is_file()}
    outcomes = {o.id: o for o in reparse_corpus(corpus, parser=_parser(_v2), dry_run=True)}
    assert outcomes["curated"].applied and outcomes["curated"].conflicts
    after = {p: p.read_bytes() for p in corpus.root.rglob("*") if p.is_file()}
    assert after == before


def test_changed_source_is_reanchored_and_lost_spans_kept_in_a_sidecar(corpus: Corpus) -> None:
    new_text = "Update 🚨 inserted first\n\n" + TEXT.replace("Body paragraph one.\n\n", "")
    (corpus.root / "curated.txt").write_text(new_text, encoding="utf-8")
    outcomes = {o.id: o for o in reparse_corpus(corpus, parser=_parser(_v2))}
    out = outcomes["curated"]
    assert out.reanchored and len(out.unplaced) == 1
    cur = _read(corpus, "curated")
    assert cur.document.sha256 == corpus.read_source("curated").sha256
    assert [(s.text, s.label) for s in cur.segments if s.text in BLOCKS] == [
        ("Headline 🛰️ here", "paragraph"),
        ("Lead paragraph.", "lead"),
        ("Body paragraph two.", "boilerplate"),  # the editor's label moved with its text
    ]
    assert cur.status == "in_progress"
    sidecar = json.loads((corpus.state_dir / "reanchor" / "curated.json").read_text(encoding="utf-8"))
    assert sidecar["entries"][0]["item"]["text"] == "Body paragraph one."
    assert not [p for p in cur.segments if p.text == "Body paragraph one."]


def test_curated_without_base_lists_differences_and_merges_nothing(corpus: Corpus) -> None:
    base_path(corpus, "curated").unlink()
    before = _read(corpus, "curated").model_dump()
    out = {o.id: o for o in reparse_corpus(corpus, parser=_parser(_v2))}["curated"]
    assert out.applied == [] and out.conflicts and all(c.kind == "base" for c in out.conflicts)
    assert _read(corpus, "curated").model_dump() == before


def test_reparse_cli_reports_and_exits_zero(corpus: Corpus, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(runner, "current_parser", lambda: _parser(_v2))
    assert main(["reparse", str(corpus.root), "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "(dry run) curated: merged" in out and "CONFLICT" in out
    assert main(["reparse", str(corpus.root), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert {d["id"]: d["action"] for d in data}["auto"] == REPLACED


def test_broken_curated_file_is_reported_and_left_alone(corpus: Corpus) -> None:
    path = corpus.curated_path("edited")
    path.write_text("{broken", encoding="utf-8")
    out = {o.id: o for o in reparse_corpus(corpus, parser=_parser(_v2))}["edited"]
    assert out.action == "error" and "edited.json" in out.notes[0]
    assert path.read_text(encoding="utf-8") == "{broken"


def test_record_base_keeps_the_first_parse(corpus: Corpus) -> None:
    first = load_base(corpus, "edited")
    assert first is not None
    assert record_base(corpus, _v2(TEXT, first.document)) is False
    assert dump_curation(load_base(corpus, "edited")) == dump_curation(first)  # type: ignore[arg-type]


def test_a_second_reparse_with_nothing_new_is_unchanged_and_writes_nothing(corpus: Corpus) -> None:
    reparse_corpus(corpus, parser=_parser(_v2))
    before = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in corpus.root.rglob("*") if p.is_file()}
    again = {o.id: o for o in reparse_corpus(corpus, parser=_parser(_v2))}
    for doc_id in ("curated", "edited"):
        assert again[doc_id].action == UNCHANGED and again[doc_id].written == []
    after = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in corpus.root.rglob("*") if p.is_file()}
    assert after == before


def test_a_failed_base_write_after_no_save_does_not_claim_the_curation_is_saved(
        corpus: Corpus, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """A curated Document without a base is not merged (nothing saved), but the new parse is recorded as
    its base; when that write fails the note said "the curation is saved"."""
    base_path(corpus, "curated").unlink()
    before = corpus.curated_path("curated").read_bytes()
    from curator.core.review import reparse as reparse_mod

    def refuse(corpus: Corpus, parse: Curation) -> Path:
        raise PermissionError(13, "Permission denied", str(base_path(corpus, parse.document.id)))

    monkeypatch.setattr(reparse_mod, "_record", refuse)
    monkeypatch.setattr(runner, "current_parser", lambda: _parser(_v2))
    assert main(["reparse", str(corpus.root)]) == 1
    out = capsys.readouterr().err  # an error is a message: on stderr
    block = out[out.index("curated: error"):]
    block = block[:block.index("\n", block.index("recording the base failed"))]
    assert "curation is saved" not in block and "not saved" in block
    assert str(base_path(corpus, "curated")) in block and "Permission denied" in block
    assert corpus.curated_path("curated").read_bytes() == before


def test_quiet_reparse_prints_no_line_per_document_and_errors_still_on_stderr(
        corpus: Corpus, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """`curator reparse -q` printed a line per Document (as `parse -q --out` does not): -q is errors only."""
    monkeypatch.setattr(runner, "current_parser", lambda: _parser(_v2))
    assert main(["reparse", str(corpus.root), "--dry-run", "-q"]) == 0
    out, err = capsys.readouterr()
    assert out == "" and err == ""
    # Without -q: a line per Document on stdout, the one-line summary on stderr.
    assert main(["reparse", str(corpus.root), "--dry-run"]) == 0
    out, err = capsys.readouterr()
    assert "(dry run) auto: " in out and "(dry run) curated: merged" in out
    assert err.count("\n") == 1 and "reparsed 4 document(s)" in err and "conflict" in err
    # A Document that fails is an error: on stderr, with or without -q, never on stdout.
    corpus.curated_path("edited").write_text("{broken", encoding="utf-8")
    assert main(["reparse", str(corpus.root), "--dry-run", "-q"]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err.startswith("curator reparse: edited: error") and "edited.json" in err
    assert "reparsed" not in err
    assert main(["reparse", str(corpus.root), "--dry-run"]) == 1
    out, err = capsys.readouterr()
    assert "edited" not in out and "curator reparse: edited: error" in err and "reparsed 4 document(s)" in err


def test_reparse_of_a_folder_with_no_documents_says_so_in_a_well_formed_summary(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`curator reparse EMPTY` ended with "reparsed 0 document(s) in 0.3 s: ; no conflict" (round 20, newuser20);
    now it says so as every batch command does, exit 1 (the wrong folder is not a success: F4)."""
    empty = tmp_path / "empty"
    empty.mkdir()
    assert main(["reparse", str(empty)]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err.strip().splitlines()[-1] == f"curator reparse: no .txt documents in {empty}"


def _in_article(last_in: bool):  # type: ignore[no-untyped-def]
    """A parser whose one Article holds the first three blocks, and the last (a press contact) when ``last_in``."""
    from curator.core.model import Article

    def parse(text: str, doc: DocumentRef) -> Curation:
        blocks = _blocks(text)
        arts = ["a1"] * (len(blocks) - 1) + ["a1" if last_in else None]
        labels = ["title"] + ["paragraph"] * (len(blocks) - 2) + ["boilerplate"]
        return make(text, [(s, e, lab, art) for (s, e), lab, art in zip(blocks, labels, arts, strict=True)],
                    doc_id=doc.id, version="3" if last_in else "1", articles=[Article(id="a1", title=BLOCKS[0])])
    return parse


def test_reparse_applies_a_change_of_article_membership_to_a_curated_file(tmp_path: Path) -> None:
    """review21: a parser change that only moved a line into an Article was not applied to curated files."""
    corpus = Corpus(write_corpus(tmp_path / "c", {"curated": TEXT, "nobase": TEXT}))
    for doc_id in ("curated", "nobase"):
        parse = _in_article(False)(TEXT, DocumentRef(id=doc_id, path=f"{doc_id}.txt", sha256="0" * 64, length=1))
        record_base(corpus, parse)
        segs = [s.model_copy(update={"reviewed": True}) if s.id == "s1" else s for s in parse.segments]
        corpus.save(parse.model_copy(update={"segments": segs, "status": "curated"}), expected_stamp=None)
    base_path(corpus, "nobase").unlink()
    outcomes = {o.id: o for o in reparse_corpus(corpus, parser=_parser(_in_article(True)))}
    assert outcomes["curated"].action == MERGED and outcomes["curated"].conflicts == []
    assert [s.article for s in _read(corpus, "curated").segments] == ["a1"] * 4
    # without a base the membership change is listed (its kind named), not merged
    (conflict,) = outcomes["nobase"].conflicts
    assert conflict.kind == "base" and "membership" in conflict.message
    assert _read(corpus, "nobase").segments[3].article is None
