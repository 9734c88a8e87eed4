"""`curator bench gui` runs end to end on a small Document (its figures are not checked: timings are not tests)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.gui

ROOT = Path(__file__).resolve().parents[1]


def test_bench_gui_runs_the_edits_and_the_jobs_and_reports_each() -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    run = subprocess.run([sys.executable, "-m", "curator", "bench", "gui", "--segments", "60", "--size", "30000",
                          "--repeat", "1", "--pages", "6", "-v"], cwd=ROOT, env=env, capture_output=True, text=True,
                         timeout=300, check=False)
    assert run.returncode == 0, run.stderr[-2000:]
    for line in ("open (window", "set label (regroups)", "new article here", "parse 6 pages", "find duplicates",
                 "worst stall began"):
        assert line in run.stdout, (line, run.stdout)


def test_bench_gui_opens_each_document_and_reports_each_step() -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    run = subprocess.run([sys.executable, "-m", "curator", "bench", "gui", "--only", "open", "--docs", "seeds,40:8000",
                          "--repeat", "1"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300, check=False)
    assert run.returncode == 0, run.stderr[-2000:]
    assert "seeds' longest" in run.stdout and "generated: 8,000 code points" in run.stdout, run.stdout
    for line in ("open (to the window painted)", "to the text's first paint", "scroll a page, tree",
                 "scroll a page, text", "select a segment anywhere", "edit (label in place)", "journal: longest UI gap",
                 "undo", "save (Ctrl+S)", "load average", "peak RSS"):
        assert line in run.stdout, (line, run.stdout)
