"""`curator parse --out --jobs 2` killed in the middle of its output stage leaves complete files only.

The output workers' temp files have no name until they land (``batchio``: ``O_TMPFILE``), so a process
killed between a batch's writes and its links leaves no temp file in the output folder; each file there
is one a whole run writes, byte for byte.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from curator.core.batchio import FileOps

from tests.test_scale import _site

# Run as the command: after the third file a worker lands, the whole command (its process group) is
# killed with SIGKILL: the rest of that worker's batch is written and not yet linked.
_KILLER = r"""
import os, signal, sys, runpy
from curator.core import batchio
orig = batchio.FileOps.replace
landed = [0]
def replace(self, tmp, path):
    orig(self, tmp, path)
    landed[0] += 1
    if landed[0] == 3 and os.getpid() != MAIN:
        os.killpg(0, signal.SIGKILL)
batchio.FileOps.replace = replace
MAIN = os.getpid()
sys.argv = ["curator"] + sys.argv[1:]
runpy.run_module("curator", run_name="__main__")
"""


@pytest.mark.skipif(sys.platform != "linux", reason="kill -9 of a process group in the middle of a write")
@pytest.mark.skipif(not FileOps().unnamed, reason="unnamed temp files (O_TMPFILE) on this file system")
def test_a_parse_killed_mid_output_leaves_only_complete_files(tmp_path: Path) -> None:
    root = _site(tmp_path / "c", 24)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "TMPDIR": str(tmp_path)}
    whole = tmp_path / "whole"
    subprocess.run([sys.executable, "-m", "curator", "parse", str(root), "--out", str(whole), "-q", "--jobs", "1"],
                   env=env, check=True, cwd=os.getcwd())
    killed = tmp_path / "killed"
    proc = subprocess.run([sys.executable, "-c", _KILLER, "parse", str(root), "--out", str(killed), "-q",
                           "--jobs", "2"], env=env, cwd=os.getcwd(), start_new_session=True, timeout=300)
    assert proc.returncode == -9  # killed, not finished
    names = sorted(os.listdir(killed))
    assert names, "the kill came after the third file landed"
    assert len(names) < 24
    for name in names:  # no temp file, and every file whole
        assert name.endswith(".json") and not name.startswith(".")
        assert (killed / name).read_bytes() == (whole / name).read_bytes()
