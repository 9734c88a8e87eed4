"""A file system that makes unnamed temp files (``O_TMPFILE``) but refuses to link them by their
``/proc/self/fd`` name (``EPERM``, a hardened ``/proc``): every file still lands whole, through a named
temp file, and no temp file or descriptor is left (scale17's open question)."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from curator.core import batchio
from curator.core.batchio import BatchWriter, FileOps
from tests.test_batchio import _UNNAMED, _open_fds, _temps


@pytest.mark.skipif(not _UNNAMED, reason="O_TMPFILE is Linux's (and the file system's)")
@pytest.mark.parametrize("code", [errno.EPERM, errno.ENOENT, errno.EOPNOTSUPP])
@pytest.mark.parametrize("existing", [False, True])
def test_files_land_whole_when_linking_an_unnamed_file_is_refused(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, code: int, existing: bool) -> None:
    real_link = os.link

    def refuse(src, dst, *args, **kwargs):  # type: ignore[no-untyped-def]
        if str(src).startswith("/proc/self/fd/"):
            raise OSError(code, os.strerror(code))
        return real_link(src, dst, *args, **kwargs)

    monkeypatch.setattr(batchio.os, "link", refuse)
    if existing:
        for i in range(3):
            (tmp_path / f"{i}.json").write_text("old")
    before = _open_fds()
    with BatchWriter(batch=10, ops=FileOps()) as w:
        for i in range(5):
            w.write(tmp_path / f"{i}.json", f"new {i} " * 1000)
    assert w.failed == [] and w.written == 5
    assert [(tmp_path / f"{i}.json").read_text() for i in range(5)] == [f"new {i} " * 1000 for i in range(5)]
    assert not _temps(tmp_path) and _open_fds() == before
