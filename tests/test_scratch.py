"""Scratch folders of batch commands: a killed command's are removed by the next one, never a live one's."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from curator.core import scratch


def _dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


def test_a_dead_commands_scratch_folders_are_swept_a_live_ones_kept(tmp_path, monkeypatch):
    monkeypatch.setattr(scratch, "_swept", False)
    dead = _dead_pid()
    stale = tmp_path / f"curator-parse-{dead}-abc123"
    stale.mkdir()
    (stale / "1234.bin").write_bytes(b"x" * 100)
    live = tmp_path / f"curator-dups-{os.getpid()}-def456"
    live.mkdir()
    other = tmp_path / "curator-parse-notapid"
    other.mkdir()
    unrelated = tmp_path / f"something-{dead}-x"
    unrelated.mkdir()
    made = scratch.scratch_dir("curator-spans-", parent=tmp_path)
    assert Path(made).is_dir() and Path(made).name.startswith(f"curator-spans-{os.getpid()}-")
    assert not stale.exists()
    assert live.exists() and other.exists() and unrelated.exists()


@pytest.mark.skipif(sys.platform != "linux", reason="kill -9 of a running parse")
def test_a_parse_killed_mid_run_leaves_nothing_after_the_next_run(tmp_path, seeds_copy):
    """A killed `curator parse` left its spool folder in the temp folder for good (redteam: hundreds
    of them after the reliability loop; at 100k pages a spool holds every Curation)."""
    env = {**os.environ, "TMPDIR": str(tmp_path / "tmp"), "QT_QPA_PLATFORM": "offscreen"}
    (tmp_path / "tmp").mkdir()
    code = ("import os, sys\n"
            "from curator.core import scratch\n"
            "scratch.scratch_dir('curator-parse-')\n"
            "sys.stdout.write('ready\\n'); sys.stdout.flush()\n"
            "import time; time.sleep(60)\n")
    proc = subprocess.Popen([sys.executable, "-c", code], env=env, stdout=subprocess.PIPE, cwd=os.getcwd())
    assert proc.stdout is not None and proc.stdout.readline() == b"ready\n"
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert len(list((tmp_path / "tmp").glob("curator-parse-*"))) == 1
    subprocess.run([sys.executable, "-m", "curator", "parse", str(seeds_copy), "--out", str(tmp_path / "out"), "-q"],
                   env=env, check=True, cwd=os.getcwd())
    assert list((tmp_path / "tmp").glob("curator-*")) == []
