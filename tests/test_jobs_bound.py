"""Red team 18 F8: --jobs is bounded (review --jobs 100000 started thousands of processes)."""

from __future__ import annotations

import argparse
import os

import pytest

from curator.cli import main
from curator.cli._common import make_engine


def _args(jobs: int, command: str = "review") -> argparse.Namespace:
    return argparse.Namespace(command=command, jobs=jobs, engine="local", scheduler=None, quiet=True)


def test_jobs_above_the_bound_are_capped_and_said_once(monkeypatch: pytest.MonkeyPatch,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    engine = make_engine(_args(100_000))
    assert engine.jobs == 8
    err = capsys.readouterr().err
    assert err.count("--jobs 100000") == 1 and "8" in err


def test_jobs_within_the_bound_are_kept_silently(monkeypatch: pytest.MonkeyPatch,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    assert make_engine(_args(8)).jobs == 8
    assert capsys.readouterr().err == ""


def test_the_workers_never_start_more_than_the_bound(monkeypatch: pytest.MonkeyPatch) -> None:
    from curator.core.parallel import jobs_bound

    monkeypatch.setattr(os, "cpu_count", lambda: 3)
    assert jobs_bound() == 12


@pytest.mark.parametrize("n", ["0", "-3"])
def test_jobs_below_one_are_refused(seeds_copy, n: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["review", str(seeds_copy), "--no-record", "-q", "--jobs", n]) == 2
    assert "--jobs must be at least 1" in capsys.readouterr().err
