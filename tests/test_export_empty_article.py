"""An Article with no segment is named by the export, on stderr and on the data card, not dropped without a word
(redteam17 B4)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from curator.cli import main


def _add_empty_article(corpus: Path) -> tuple[str, str]:
    path = sorted((corpus / "curated").glob("*.json"))[0]
    data = json.loads(path.read_text(encoding="utf-8"))
    data["articles"].append({**data["articles"][0], "id": "a-empty", "title": "An Article left empty"})
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    return data["document"]["id"], "a-empty"


@pytest.mark.parametrize("level", ["article", "segment"])
def test_an_article_with_no_segment_is_named_on_stderr_and_the_card(
        level: str, seeds_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    doc, art = _add_empty_article(seeds_copy)
    assert main(["validate", str(seeds_copy)]) == 0  # a valid file: the schema allows it
    capsys.readouterr()
    out = tmp_path / "x.jsonl"
    rc = main(["export", str(seeds_copy), "--format", "jsonl", "--level", level, "--out", str(out)])
    err = capsys.readouterr().err
    assert rc == 0
    assert f"{doc} {art}" in err and "no segment" in err
    card = (tmp_path / "x.jsonl.card.md").read_text(encoding="utf-8")
    assert "## Articles with no segment" in card and f"{doc} {art}" in card
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert all(r.get("article") != art for r in records)


def test_no_note_when_every_article_has_segments(seeds_copy: Path, tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", str(seeds_copy), "--format", "jsonl", "--out", str(tmp_path / "x.jsonl")]) == 0
    assert "no segment" not in capsys.readouterr().err
    assert "## Articles with no segment" not in (tmp_path / "x.jsonl.card.md").read_text(encoding="utf-8")
