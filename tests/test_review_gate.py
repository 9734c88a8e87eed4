"""The gate: the seeds' accepted snapshots and scores are shipped, and ``--check`` fails on any drop.

Also: the base the seeds' gold was curated from is shipped, so ``curator reparse`` merges
three-way on the seeds (it does not fall back to "no base: nothing merged").
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from curator.cli import main
from curator.core.review.gate import load_scores, scores_path
from curator.core.review.snapshots import Snapshots
from curator.core.store import Corpus

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


@pytest.fixture
def seeds(tmp_path: Path) -> Path:
    target = tmp_path / "seeds"
    shutil.copytree(SEEDS, target)
    return target


def _relabel_longest_paragraph(corpus: Path, label: str = "teaser") -> str:
    """Relabel the longest paragraph of the first gold file; its document id."""
    gold = sorted((corpus / "curated").glob("*.json"))[0]
    data = json.loads(gold.read_text(encoding="utf-8"))
    seg = max((s for s in data["segments"] if s["label"] == "paragraph"), key=lambda s: s["end"] - s["start"])
    seg["label"] = label
    gold.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    return gold.stem


def test_the_seeds_ship_accepted_snapshots_and_their_scores() -> None:
    corpus = Corpus(SEEDS)
    golds = sorted(p.stem for p in (SEEDS / "curated").glob("*.json"))
    assert Snapshots(corpus).accepted_ids() == golds
    scores = load_scores(corpus)
    assert sorted(scores) == golds
    assert all(doc["label.accuracy_chars"] == 1.0 for doc in scores.values())


def test_check_passes_on_the_shipped_seeds(seeds: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["review", str(seeds), "--check", "--no-record"]) == 0
    assert "check passed" in capsys.readouterr().out


def test_check_fails_naming_the_document_and_metric_when_a_paragraph_is_relabelled(
        seeds: Path, capsys: pytest.CaptureFixture[str]) -> None:
    doc = _relabel_longest_paragraph(seeds)
    assert main(["review", str(seeds), "--check", "--no-record"]) == 1
    out = capsys.readouterr().out
    assert f"{doc}: label.accuracy_chars = " in out
    assert "below accepted score 1.0000" in out


def test_accepting_again_records_a_deliberate_change(seeds: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _relabel_longest_paragraph(seeds)
    assert main(["review", str(seeds), "--accept", "--all"]) == 0
    assert "recorded the accepted scores of 5 gold document(s)" in capsys.readouterr().out
    assert scores_path(Corpus(seeds)).is_file()
    # the parser still disagrees with the relabelled gold, but no longer below what was accepted
    assert main(["review", str(seeds), "--check", "--no-record", "--config", str(_lenient(seeds))]) == 0


def _lenient(folder: Path) -> Path:
    """Thresholds that leave only the accepted scores to judge."""
    path = folder.parent / "review.json"
    path.write_text(json.dumps({"version": 1, "baseline_tolerance": 0.0, "overall": {}, "document": {}}), "utf-8")
    return path


def test_a_damaged_scores_file_fails_the_check_naming_it(seeds: Path, capsys: pytest.CaptureFixture[str]) -> None:
    scores_path(Corpus(seeds)).write_text("{not json", encoding="utf-8")
    assert main(["review", str(seeds), "--check", "--no-record"]) == 1
    assert "scores.json" in capsys.readouterr().out


def test_reparse_on_the_seeds_merges_against_the_shipped_base(seeds: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["reparse", str(seeds), "--dry-run"]) == 0
    out = capsys.readouterr().out
    golds = sorted(p.stem for p in (seeds / "curated").glob("*.json"))
    for doc in golds:
        assert f"(dry run) {doc}: merged;" in out
    assert "no base parse recorded" not in out
