"""Red team 18 F9: --scheduler aimed at a service that is not a Dask scheduler: one line, exit 2, no hang."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

pytest.importorskip("distributed")

from curator.cli import main  # noqa: E402
from curator.core import distributed  # noqa: E402


@pytest.fixture(params=["silent", "talks"])
def service(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """A TCP service that is no scheduler: an HTTP server waits for a request (silent); another speaks first."""
    monkeypatch.setattr(distributed, "PROBE_SECONDS", 1.0, raising=False)
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(8)
    held: list[socket.socket] = []
    stop = threading.Event()

    def serve() -> None:
        server.settimeout(0.2)
        while not stop.is_set():
            try:
                conn, _ = server.accept()
            except OSError:
                continue
            held.append(conn)
            if request.param == "talks":
                conn.sendall(b"SSH-2.0-OpenSSH_9.2p1 Debian-2\r\n" + b"\xff" * 64)

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield f"tcp://127.0.0.1:{server.getsockname()[1]}"
    stop.set()
    thread.join()
    for conn in held:
        conn.close()
    server.close()


def _bounded(fn, *args):  # type: ignore[no-untyped-def]
    out: dict = {}

    def run() -> None:
        try:
            out["value"] = fn(*args)
        except BaseException as exc:  # noqa: BLE001 - handed to the test
            out["error"] = exc

    t = threading.Thread(target=run, daemon=True)
    t.start()
    t.join(60)
    assert not t.is_alive(), "still waiting for the service after 60 s"
    return out


def test_a_service_that_is_no_scheduler_is_one_error_naming_it(service: str) -> None:
    from curator.core.engines import EngineError, make_engine

    out = _bounded(lambda: make_engine("dask", scheduler=service))
    assert isinstance(out.get("error"), EngineError), out
    assert service in str(out["error"]) and "no Dask scheduler" in str(out["error"])


def test_the_cli_says_it_in_one_line_and_exits_2(service: str, seeds_copy: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    out = _bounded(main, ["parse", str(seeds_copy), "-q", "--engine", "dask", "--scheduler", service])
    err = capsys.readouterr().err
    assert out.get("value") == 2, (out, err)
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1 and service in err
