"""A pending snapshot written by other parser code (an edited rule, another checkout on PYTHONPATH) is stale:
``review --accept`` refuses it, so the scores ``--check`` holds the parser to are never another parser's
(redteam17 A2)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from curator.cli import main
from curator.core.review import snapshots
from curator.core.review.fingerprint import fingerprint_of, parser_files, parser_fingerprint
from tests.test_review_cli import GOLD_LABELS, _use_parser, corpus  # noqa: F401  (the fixture)


def test_pending_written_by_other_parser_code_is_stale_and_not_accepted(
        corpus: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:  # noqa: F811
    state = corpus / ".curator" / "review"
    _use_parser(monkeypatch, ("title", "lead", "paragraph"), version="2")
    monkeypatch.setattr(snapshots, "parser_fingerprint", lambda: "edited-rules")
    assert main(["review", str(corpus)]) == 0  # the edited checkout writes a pending output
    assert (state / "pending" / "news" / "d1.json").is_file()
    monkeypatch.setattr(snapshots, "parser_fingerprint", lambda: "this-checkout")  # same version string
    capsys.readouterr()
    assert main(["review", str(corpus), "--pending"]) == 0
    assert "other parser code" in capsys.readouterr().out
    assert main(["review", str(corpus), "--accept", "--all"]) == 1
    err = capsys.readouterr().err
    assert "news/d1" in err and "stale" in err and "other parser code" in err
    assert not (state / "accepted" / "news" / "d1.json").exists()
    scores = state / "scores.json"
    assert not scores.exists() or "lead" not in scores.read_text()
    # the same code's own run is accepted, and its record goes with it
    assert main(["review", str(corpus)]) == 0
    assert main(["review", str(corpus), "--accept", "--all"]) == 0
    assert json.loads((state / "accepted" / "news" / "d1.json").read_text())["segments"][1]["label"] == "lead"
    assert not [p for p in (state / "pending").rglob("*") if p.is_file()]


def test_a_pending_file_with_no_record_of_its_code_is_stale(
        corpus: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:  # noqa: F811
    _use_parser(monkeypatch, ("title", "lead", "paragraph"), version="2")
    assert main(["review", str(corpus)]) == 0
    for side in (corpus / ".curator" / "review" / "pending").rglob("*.parser"):
        side.unlink()  # written before fingerprints were recorded, or its record lost
    capsys.readouterr()
    assert main(["review", str(corpus), "--accept", "news/d1"]) == 1
    assert "no record of the parser code" in capsys.readouterr().err


def test_rejecting_drops_the_record_too(corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: F811
    _use_parser(monkeypatch, ("title", "lead", "paragraph"), version="2")
    assert main(["review", str(corpus)]) == 0
    assert main(["review", str(corpus), "--reject", "--all"]) == 0
    assert not [p for p in (corpus / ".curator" / "review" / "pending").rglob("*") if p.is_file()]


def test_the_fingerprint_follows_every_byte_of_the_parsers_sources_and_resources(tmp_path: Path) -> None:
    package, resources = tmp_path / "parse", tmp_path / "resources"
    (package / "_compiled").mkdir(parents=True)
    (resources / "parser").mkdir(parents=True)
    (package / "api.py").write_text("RULE = 1\n")
    (package / "_compiled" / "api.so").write_bytes(b"\x7fELF")
    (resources / "parser" / "rules.json").write_text('{"verbs": ["noted"]}')
    (resources / "speakers.json").write_text("[]")
    first = fingerprint_of(parser_files(package, resources))
    (package / "_compiled" / "api.so").write_bytes(b"\x7fELF2")  # a build: not the code's text
    assert fingerprint_of(parser_files(package, resources)) == first
    (resources / "parser" / "rules.json").write_text('{"verbs": []}')
    second = fingerprint_of(parser_files(package, resources))
    assert second != first
    (package / "api.py").write_text("RULE = 2\n")
    assert fingerprint_of(parser_files(package, resources)) not in (first, second)
    assert len(parser_fingerprint()) == 16
