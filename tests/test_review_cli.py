"""``curator review``: --check against thresholds and baseline, HTML escaping, pending/accept/reject."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from curator.cli import main
from curator.core.jsonio import dump_curation
from curator.core.model import Curation, DocumentRef
from curator.core.review import runner
from curator.core.review.check import check_report
from curator.core.review.config import ReviewConfig, ReviewConfigError, load_config
from tests.test_review_support import make, span_of, write_corpus

TEXT = "Title <script>alert(1)</script>\n\nFirst para here.\n\nSecond para 😀 here.\n"
SPANS = [span_of(TEXT, "Title <script>alert(1)</script>"), span_of(TEXT, "First para here."), span_of(TEXT, "Second para 😀 here.")]
GOLD_LABELS = ("title", "paragraph", "paragraph")


def _cur(labels: tuple[str, ...], *, version: str = "1", doc: DocumentRef | None = None, status: str = "auto") -> Curation:
    cur = make(TEXT, [(s, e, lab) for (s, e), lab in zip(SPANS, labels, strict=True)], doc_id="news/d1", status=status, version=version)
    if doc is not None:
        cur = cur.model_copy(update={"document": doc})
    return cur


def _parser(labels: tuple[str, ...], version: str = "2") -> runner.Parser:
    return runner.Parser(
        name="fake",
        version=version,
        parse=lambda text, doc, ctx: (
            _cur(labels, version=version, doc=doc) if text == TEXT else make(text, [], doc_id=doc.id, version=version)
        ),
        build_context=lambda texts: list(texts),
    )


def _use_parser(monkeypatch: pytest.MonkeyPatch, labels: tuple[str, ...], version: str = "2") -> None:
    monkeypatch.setattr(runner, "current_parser", lambda: _parser(labels, version))


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    gold = _cur(GOLD_LABELS, status="curated")
    return write_corpus(tmp_path / "corpus", {"news/d1": TEXT, "other": "No gold here.\n"}, {"news/d1": gold})


def _tree(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def _config(tmp_path: Path, **data: Any) -> Path:
    path = tmp_path / "review.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_perfect_parser_passes_check(corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    _use_parser(monkeypatch, GOLD_LABELS)
    cfg = _config(tmp_path, overall={"label.accuracy_chars": 0.99}, document={"boundary.exact.f1": 1.0})
    assert main(["review", str(corpus), "--check", "--config", str(cfg)]) == 0
    out = capsys.readouterr().out
    assert "news/d1" in out and "check passed" in out
    assert "other" not in out.split("check passed")[0].splitlines()[3:]  # documents without gold are not scored


def test_check_fails_below_threshold_naming_document_and_metric(corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    _use_parser(monkeypatch, ("title", "lead", "paragraph"))
    cfg = _config(tmp_path, document={"label.accuracy_segments": 0.9})
    assert main(["review", str(corpus), "--check", "--config", str(cfg), "--no-baseline"]) == 1
    out = capsys.readouterr().out
    assert "news/d1: label.accuracy_segments = 0.6667 below threshold 0.9000" in out


def test_check_fails_below_baseline_and_passes_at_or_above(corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    baseline = tmp_path / "base"
    (baseline / "news").mkdir(parents=True)
    gold_doc = _cur(GOLD_LABELS).document
    (baseline / "news" / "d1.json").write_text(dump_curation(_cur(GOLD_LABELS, doc=gold_doc)), encoding="utf-8")
    cfg = _config(tmp_path)  # no thresholds: only the baseline can fail
    _use_parser(monkeypatch, ("title", "lead", "paragraph"))
    assert main(["review", str(corpus), "--check", "--config", str(cfg), "--baseline", str(baseline)]) == 1
    out = capsys.readouterr().out
    assert "news/d1: label.accuracy_chars" in out and "below baseline" in out
    assert "(-" in out  # the delta is shown
    _use_parser(monkeypatch, GOLD_LABELS)
    assert main(["review", str(corpus), "--check", "--config", str(cfg), "--baseline", str(baseline)]) == 0


def test_check_fails_when_gold_no_longer_matches_its_source(corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    (corpus / "news" / "d1.txt").write_text("Edited. " + TEXT, encoding="utf-8")
    _use_parser(monkeypatch, GOLD_LABELS)
    monkeypatch.setattr(runner, "current_parser", lambda: runner.Parser("fake", "2", lambda text, doc, ctx: make(text, [], doc_id=doc.id), lambda t: None))
    assert main(["review", str(corpus), "--check", "--config", str(_config(tmp_path))]) == 1
    assert "gold unusable" in capsys.readouterr().out


def test_json_output_has_metrics_and_diffs(corpus: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    _use_parser(monkeypatch, ("title", "lead", "paragraph"))
    assert main(["review", str(corpus), "--json", "--no-baseline"]) == 0
    data = json.loads(capsys.readouterr().out)
    doc = data["documents"][0]
    assert doc["id"] == "news/d1"
    assert doc["metrics"]["flat"]["label.accuracy_segments"] == pytest.approx(2 / 3)
    assert doc["diff_vs_gold"]["counts"]["relabelled"] == 1
    assert data["check"] is None


def test_html_is_self_contained_and_escapes_text(corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _use_parser(monkeypatch, ("paragraph", "lead", "paragraph"))
    out = tmp_path / "report.html"
    assert main(["review", str(corpus), "--html", str(out), "--no-baseline", "--check", "--config", str(_config(tmp_path))]) == 0
    page = out.read_text(encoding="utf-8")
    assert "<script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<style>" in page and "relabelled" in page and "http" not in page.lower().replace("http-equiv", "")


def test_a_curated_file_with_a_status_outside_the_schema_is_named(
        corpus: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """`"status": "done"` (validate rejects it): review passed over the file without a word."""
    _use_parser(monkeypatch, GOLD_LABELS)
    gold = next((corpus / "curated").rglob("*.json"))
    gold.write_text(gold.read_text(encoding="utf-8").replace('"status": "curated"', '"status": "done"'), encoding="utf-8")
    assert main(["review", str(corpus), "--no-record", "--no-baseline"]) == 1
    out, err = capsys.readouterr()
    assert str(gold) in out + err and "status" in out + err


def test_an_html_report_that_cannot_be_written_names_the_report_not_a_temp_file(
        corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """On a read-only folder the error named the hidden temp file (`.report.html.ur7hu_bj.tmp`)."""
    import errno
    import tempfile

    _use_parser(monkeypatch, ("title", "lead", "paragraph"))

    def refuse(*, prefix: str, suffix: str, dir: Path) -> tuple[int, str]:  # noqa: A002 - mkstemp's name
        raise OSError(errno.EROFS, "Read-only file system", str(Path(dir) / f"{prefix}ab12cd{suffix}"))
    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    out = tmp_path / "report.html"
    assert main(["review", str(corpus), "--html", str(out), "--no-baseline", "--no-record"]) == 1  # the disk, not the command line (round 20, F3)
    err = capsys.readouterr().err
    assert f"{out}: Read-only file system" in err and ".tmp" not in err


def test_pending_accept_reject_cycle_never_touches_curated(corpus: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    curated_before = _tree(corpus / "curated")
    state = corpus / ".curator" / "review"
    _use_parser(monkeypatch, GOLD_LABELS, version="2")
    assert main(["review", str(corpus), "--all-docs"]) == 0
    assert sorted(p.name for p in (state / "pending").rglob("*.json")) == ["d1.json", "other.json"]
    assert main(["review", str(corpus), "--accept", "news/d1"]) == 0
    assert (state / "accepted" / "news" / "d1.json").is_file()
    assert not (state / "pending" / "news" / "d1.json").exists()
    assert main(["review", str(corpus), "--reject", "--all"]) == 0
    assert not list((state / "pending").rglob("*.json"))
    # Same output again: nothing pending; a changed parser leaves a pending file and the accepted one stays.
    assert main(["review", str(corpus)]) == 0
    assert not list((state / "pending").rglob("*.json"))
    accepted = (state / "accepted" / "news" / "d1.json").read_bytes()
    _use_parser(monkeypatch, ("title", "lead", "paragraph"), version="3")
    assert main(["review", str(corpus)]) == 0
    assert (state / "pending" / "news" / "d1.json").is_file()
    assert (state / "accepted" / "news" / "d1.json").read_bytes() == accepted
    assert main(["review", str(corpus), "--accept", "--all"]) == 0
    assert json.loads((state / "accepted" / "news" / "d1.json").read_text())["segments"][1]["label"] == "lead"
    assert _tree(corpus / "curated") == curated_before


def test_accepted_snapshots_are_the_default_baseline(corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    _use_parser(monkeypatch, GOLD_LABELS)
    main(["review", str(corpus)])
    main(["review", str(corpus), "--accept", "--all"])
    capsys.readouterr()
    _use_parser(monkeypatch, ("title", "lead", "paragraph"))
    assert main(["review", str(corpus), "--check", "--config", str(_config(tmp_path))]) == 1
    out = capsys.readouterr().out
    assert "baseline: accepted snapshots" in out and "below baseline" in out
    assert main(["review", str(corpus), "--check", "--no-baseline", "--config", str(_config(tmp_path))]) == 0


def test_stale_pending_is_reported_and_not_accepted(corpus: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    _use_parser(monkeypatch, GOLD_LABELS, version="2")
    main(["review", str(corpus), "--all-docs"])
    (corpus / "other.txt").unlink()  # doc gone
    _use_parser(monkeypatch, GOLD_LABELS, version="3")  # parser changed since news/d1's pending was written
    capsys.readouterr()
    assert main(["review", str(corpus), "--pending"]) == 0
    out = capsys.readouterr().out
    assert "other" in out and "document is gone" in out
    assert "news/d1" in out and "parser 2" in out
    assert main(["review", str(corpus), "--accept", "news/d1"]) == 1
    assert "stale" in capsys.readouterr().err
    # A normal run rewrites news/d1's pending and reports the orphan.
    _use_parser(monkeypatch, ("title", "lead", "paragraph"), version="3")
    main(["review", str(corpus)])
    out = capsys.readouterr().out
    assert "stale pending snapshot" in out and "other" in out and "document is gone" in out


def test_pending_is_stale_once_its_source_changes(corpus: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    _use_parser(monkeypatch, GOLD_LABELS)
    main(["review", str(corpus), "--all-docs"])
    (corpus / "other.txt").write_text("Changed text.\n", encoding="utf-8")
    capsys.readouterr()
    assert main(["review", str(corpus), "--accept", "other"]) == 1
    assert "source text changed" in capsys.readouterr().err
    assert main(["review", str(corpus), "--accept", "news/d1"]) == 0  # a fresh one is still accepted


def test_accept_needs_a_document_or_all(corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["review", str(corpus), "--accept"]) == 2
    assert "--all" in capsys.readouterr().err


def test_bad_config_is_a_clear_error(tmp_path: Path) -> None:
    path = _config(tmp_path, overall={"no.such.metric": 0.5})
    with pytest.raises(ReviewConfigError, match="no.such.metric"):
        load_config(path)
    broken = tmp_path / "broken.json"
    broken.write_text("{", encoding="utf-8")
    with pytest.raises(ReviewConfigError, match=str(broken.name)):
        load_config(broken)


def test_shipped_config_loads() -> None:
    cfg = load_config()
    assert cfg.overall and all(0 <= v <= 1 for v in cfg.overall.values())


def test_parser_crash_is_a_named_failure(corpus: Path) -> None:
    def boom(text: str, doc: DocumentRef, ctx: object) -> Curation:
        raise RuntimeError("rule exploded")

    from curator.core.store import Corpus

    report = runner.review_corpus(Corpus(corpus), parser=runner.Parser("x", "1", boom, lambda t: None), record=False)
    failures = check_report(report, ReviewConfig())
    assert any(f.scope == "news/d1" and "rule exploded" in f.reason for f in failures)



def test_corpus_wide_step_sees_every_document_and_its_proposals_are_scored(corpus: Path) -> None:
    from curator.core.model import Duplicate
    from curator.core.store import Corpus

    seen: list[list[str]] = []

    def propose(parses: dict[str, Curation], texts: dict[str, str]) -> dict[str, Curation]:
        seen.append(sorted(parses))
        cur = parses["news/d1"]
        dups = [Duplicate(segment=s, group="g", kind="exact", score=1.0) for s in ("s2", "s3")]
        return {**parses, "news/d1": cur.model_copy(update={"duplicates": dups})}

    base = _parser(GOLD_LABELS)
    parser = runner.Parser(base.name, base.version, base.parse, base.build_context, propose=propose)
    report = runner.review_corpus(Corpus(corpus), parser=parser, record=False)
    assert seen == [["news/d1", "other"]]  # duplicates need the whole corpus, gold or not
    doc = report.documents[0]
    assert doc.metrics is not None and doc.metrics.duplicates.n_pred == 1 and doc.metrics.duplicates.n_gold == 0


def test_summary_counts_every_problem_it_printed(corpus: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    # a damaged gold file is a PROBLEM line in the report; the closing summary must count it too
    _use_parser(monkeypatch, GOLD_LABELS)
    gold = next((corpus / "curated").rglob("*.json"))
    gold.write_text(gold.read_text(encoding="utf-8")[:200], encoding="utf-8")
    assert main(["review", str(corpus), "--no-record", "--no-baseline"]) == 1
    out, err = capsys.readouterr()
    printed = (out + err).count("PROBLEM")
    assert printed >= 1
    assert f"; {printed} problem(s)" in err


def test_accepting_a_document_with_nothing_pending_records_nothing(
        corpus: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """It recorded the accepted snapshot's scores, then said 'error: no pending output' (exit 1)."""
    _use_parser(monkeypatch, GOLD_LABELS, version="2")
    assert main(["review", str(corpus)]) == 0
    assert main(["review", str(corpus), "--accept", "news/d1"]) == 0
    state_before = _tree(corpus / ".curator")
    capsys.readouterr()
    assert main(["review", str(corpus), "--accept", "news/d1"]) == 1
    out, err = capsys.readouterr()
    assert "no pending output" in err
    assert "recorded" not in out
    assert _tree(corpus / ".curator") == state_before


@pytest.mark.parametrize("verb", ["--accept", "--reject"])
def test_an_id_with_control_characters_is_shown_escaped_in_the_refusal(verb, seeds_copy, capsys):
    # `review --accept $'doc\n1'` split its message over two lines, and an ESC sequence in the id
    # reached the terminal through the pending file's path.
    assert main(["review", str(seeds_copy), verb, "doc\n1\x1b[31m"]) != 0
    err = capsys.readouterr().err
    assert "\x1b" not in err and err.count("\n") == 1 and "\\n1" in err


def test_a_full_disk_while_recording_snapshots_still_prints_the_scores_and_names_the_folder(
        corpus: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """On a full disk `review` said only "error: No space left on device" (exit 2): no table, no file
    named, though `--no-record` scored fine. The snapshots are a record, not the result: the scores are
    printed, the folder that could not take them is named, exit 1 (redteam16 F1)."""
    import errno

    from curator.core.review import snapshots

    def full(*_a: Any, **_k: Any) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    _use_parser(monkeypatch, GOLD_LABELS)
    monkeypatch.setattr(snapshots, "atomic_write_text", full)
    assert main(["review", str(corpus)]) == 1
    out, err = capsys.readouterr()
    assert "news/d1" in out
    assert "No space left on device" in out + err and str(corpus / ".curator") in out + err and "not recorded" in out + err, out + err
