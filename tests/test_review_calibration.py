"""Calibration of Article confidence: the bins, the 0.9 promise, the table and the reliability diagram."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from curator.cli import main
from curator.core.review.calibration import high_accuracy, reliability_svg, render_table, table


def test_bins_count_and_share_right() -> None:
    pairs = [(0.3, False), (0.55, True), (0.65, False), (0.92, True), (0.97, True), (1.0, False)]
    bins = {b.label(): (b.n, b.right) for b in table(pairs)}
    assert bins["[0.00, 0.50)"] == (1, 0)
    assert bins["[0.50, 0.70)"] == (2, 1)
    assert bins["[0.90, 0.95)"] == (1, 1)
    assert bins["[0.95, 1.00]"] == (2, 1)  # 1.0 falls in the last bin
    assert high_accuracy(pairs) == (3, 2 / 3)
    assert "BELOW the 95% promise" in render_table(pairs)


def test_reliability_diagram_is_inline_svg_with_escaped_tips() -> None:
    svg = reliability_svg([(0.6, True), (0.93, True), (0.93, False)])
    assert svg.startswith("<svg") and svg.endswith("</svg>")
    assert "<script" not in svg and "href" not in svg
    assert re.search(r"<title>\[0\.90, 0\.95\): 2 Articles, 1 right \(50%\)</title>", svg)


def test_review_html_draws_the_diagram_for_the_seeds(tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    shutil.copytree(Path(__file__).resolve().parent.parent / "seeds", seeds)
    out = tmp_path / "review.html"
    assert main(["review", str(seeds), "--no-record", "--html", str(out)]) == 0
    page = out.read_text(encoding="utf-8")
    assert "Article confidence (calibration)" in page and "<svg" in page
    assert "<script" not in page and "http://" not in page.replace('xmlns="http://www.w3.org/2000/svg"', "")
