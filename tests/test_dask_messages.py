"""``--engine dask`` tells what went wrong in one line, no traceback (redteam17 B1, B2): an address that is not
a scheduler's (``localhost``, the dashboard's ``http://`` URL), and a cluster lost during the run."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("distributed")

from curator.cli import main  # noqa: E402
from curator.core import engines  # noqa: E402
from curator.core.engines import EngineError  # noqa: E402


@pytest.mark.parametrize("address", ["localhost", "http://127.0.0.1:8787", "nonsense:::x"])
def test_an_address_that_is_no_schedulers_is_named_with_the_form_it_needs(address: str) -> None:
    with pytest.raises(EngineError) as raised:
        engines.make_engine("dask", scheduler=address)
    message = str(raised.value)
    assert repr(address) in message and "tcp://HOST:PORT" in message


def test_the_cli_says_it_in_one_line_and_exits_2(seeds_copy: Path, tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    rc = main(["parse", str(seeds_copy), "--out", str(tmp_path / "out"), "--engine", "dask", "--scheduler", "localhost"])
    err = capsys.readouterr().err
    assert rc == 2
    assert "Traceback" not in err and "tcp://HOST:PORT" in err
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


class _LostCluster:
    """An engine whose scheduler went away: every call fails as Dask's client fails then."""

    name = "dask"

    def __getattr__(self, attr: str):  # type: ignore[no-untyped-def]
        from distributed.client import FutureCancelledError

        def call(*args: object, **kwargs: object) -> None:
            if attr == "close":
                return None
            raise FutureCancelledError("_head-1234", reason="unknown")
        return call


@pytest.mark.parametrize("command", ["parse", "dups", "export", "review"])
def test_a_cluster_lost_mid_run_is_one_line_and_exit_2(command: str, seeds_copy: Path, tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(engines, "make_engine", lambda *a, **k: _LostCluster())
    argv = {"parse": ["parse", str(seeds_copy), "--out", str(tmp_path / "out")],
            "dups": ["dups", str(seeds_copy)],
            "export": ["export", str(seeds_copy), "--format", "jsonl", "--out", str(tmp_path / "x.jsonl")],
            "review": ["review", str(seeds_copy), "--no-record"]}[command]
    rc = main([*argv, "--engine", "dask", "--scheduler", "tcp://127.0.0.1:8799"])
    err = capsys.readouterr().err
    assert rc == 2, err
    assert "lost the Dask cluster (tcp://127.0.0.1:8799) during the run" in err
    assert "FutureCancelledError" in err and "Traceback" not in err


def test_the_same_error_without_dask_is_not_dressed_up(seeds_copy: Path, tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    from curator.cli import _lost_cluster

    class Args:
        engine = "local"
        command = "parse"

    from distributed.client import FutureCancelledError

    assert _lost_cluster(Args(), FutureCancelledError("k", reason="x")) is False  # type: ignore[arg-type]
    Args.engine = "dask"
    assert _lost_cluster(Args(), ValueError("a bug of ours")) is False  # type: ignore[arg-type]
    try:
        try:
            raise FutureCancelledError("k", reason="x")
        except FutureCancelledError as inner:
            raise RuntimeError("wrapped") from inner
    except RuntimeError as outer:
        assert _lost_cluster(Args(), outer) is True  # type: ignore[arg-type]
