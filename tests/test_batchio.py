"""BatchWriter's order of work: temp files, one sync of their data, renames, one fsync per folder.

A recording ``FileOps`` (the real calls, each logged) pins the order; a failing one pins what a failure
in the middle of a batch leaves behind: the old files, no temp file.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from curator.core.batchio import BatchWriter, FileOps


class Recording(FileOps):
    """The real file calls, each logged as (call, file name); ``fail`` names a call that raises."""

    def __init__(self, *, sync_fs: bool | None = None, fail: str | None = None, fail_on: str | None = None) -> None:
        super().__init__()
        self.log: list[tuple[str, str]] = []
        if sync_fs is not None:
            self.can_sync_fs = sync_fs
        self.fail, self.fail_on = fail, fail_on

    def _check(self, call: str, name: str) -> None:
        self.log.append((call, name))
        if call == self.fail and (self.fail_on is None or name == self.fail_on):
            raise OSError(5, "Input/output error (injected)")

    def write_temp(self, path: Path, data: bytes, *, fsync: bool) -> str:
        self._check("write+fsync" if fsync else "write", path.name)
        return super().write_temp(path, data, fsync=fsync)

    def sync_fs(self, fd: int) -> None:
        self._check("syncfs", "")
        super().sync_fs(fd)

    def replace(self, tmp: str, path: Path) -> None:
        self._check("replace", path.name)
        super().replace(tmp, path)

    def sync_folder(self, fd: int) -> None:
        self._check("fsync folder", "")
        super().sync_folder(fd)


def _temps(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


@pytest.mark.skipif(not FileOps().can_sync_fs, reason="syncfs(2) is Linux's")
def test_a_batch_syncs_its_data_once_before_any_rename_and_its_folder_once_after(tmp_path: Path) -> None:
    ops = Recording()
    with BatchWriter(batch=3, ops=ops) as w:
        for i in range(5):
            w.write(tmp_path / f"{i}.json", f"{i}")
    calls = [c for c, _ in ops.log]
    # two batches (3 + 2 files), each: writes without fsync, one syncfs, renames, one folder fsync
    assert calls == ["write"] * 3 + ["syncfs"] + ["replace"] * 3 + ["fsync folder"] \
        + ["write"] * 2 + ["syncfs"] + ["replace"] * 2 + ["fsync folder"]
    assert w.written == 5 and not w.failed and not _temps(tmp_path)
    assert [(tmp_path / f"{i}.json").read_text() for i in range(5)] == [str(i) for i in range(5)]


def test_without_syncfs_each_file_is_fsynced_before_the_renames(tmp_path: Path) -> None:
    ops = Recording(sync_fs=False)
    with BatchWriter(batch=4, ops=ops) as w:
        for i in range(4):
            w.write(tmp_path / f"{i}.json", f"{i}")
    calls = [c for c, _ in ops.log]
    assert calls == ["write+fsync"] * 4 + ["replace"] * 4 + ["fsync folder"]
    assert w.written == 4 and not _temps(tmp_path)


@pytest.mark.skipif(not FileOps().can_sync_fs, reason="syncfs(2) is Linux's")
def test_a_failed_sync_renames_nothing_and_leaves_no_temp_file(tmp_path: Path) -> None:
    for i in range(3):
        (tmp_path / f"{i}.json").write_text("old")
    ops = Recording(fail="syncfs")
    with BatchWriter(batch=10, ops=ops) as w:
        for i in range(4):
            w.write(tmp_path / f"{i}.json", "new")
    assert "replace" not in [c for c, _ in ops.log]
    assert w.written == 0 and sorted(p.name for p, _ in w.failed) == [f"{i}.json" for i in range(4)]
    assert all("Input/output error" in reason for _, reason in w.failed)
    assert [(tmp_path / f"{i}.json").read_text() for i in range(3)] == ["old"] * 3
    assert not (tmp_path / "3.json").exists() and not _temps(tmp_path)


def test_a_file_that_cannot_be_written_fails_alone(tmp_path: Path) -> None:
    for i in range(3):
        (tmp_path / f"{i}.json").write_text("old")
    ops = Recording(fail="write" if FileOps().can_sync_fs else "write+fsync", fail_on="1.json")
    with BatchWriter(batch=10, ops=ops) as w:
        for i in range(3):
            w.write(tmp_path / f"{i}.json", "new")
    assert w.written == 2 and [p.name for p, _ in w.failed] == ["1.json"]
    assert [(tmp_path / f"{i}.json").read_text() for i in range(3)] == ["new", "old", "new"]
    assert not _temps(tmp_path)


def test_a_failed_rename_keeps_the_old_file_and_no_temp_file(tmp_path: Path) -> None:
    for i in range(3):
        (tmp_path / f"{i}.json").write_text("old")
    ops = Recording(fail="replace", fail_on="2.json")
    with BatchWriter(batch=10, ops=ops) as w:
        for i in range(3):
            w.write(tmp_path / f"{i}.json", "new")
    assert w.written == 2 and [p.name for p, _ in w.failed] == ["2.json"]
    assert [(tmp_path / f"{i}.json").read_text() for i in range(3)] == ["new", "new", "old"]
    assert not _temps(tmp_path)


class _Interrupted(BaseException):
    pass


def test_an_interruption_mid_batch_leaves_the_old_files_and_no_temp_file(tmp_path: Path) -> None:
    """A KeyboardInterrupt (here: any BaseException) between the writes and the renames."""
    for i in range(3):
        (tmp_path / f"{i}.json").write_text("old")

    class Stop(Recording):
        def write_temp(self, path: Path, data: bytes, *, fsync: bool) -> str:
            if path.name == "2.json":
                raise _Interrupted
            return super().write_temp(path, data, fsync=fsync)

    w = BatchWriter(batch=10, ops=Stop(), threads=1)
    for i in range(3):
        w.write(tmp_path / f"{i}.json", "new")
    with pytest.raises(_Interrupted):
        w.flush()
    assert [(tmp_path / f"{i}.json").read_text() for i in range(3)] == ["old"] * 3
    assert not _temps(tmp_path)


def test_new_files_get_the_mode_open_would_give(tmp_path: Path) -> None:
    from curator.core.jsonio import current_umask

    with BatchWriter() as w:
        w.write(tmp_path / "sub" / "a.json", "x")
    assert (tmp_path / "sub" / "a.json").stat().st_mode & 0o777 == 0o666 & ~current_umask()
    assert os.listdir(tmp_path / "sub") == ["a.json"]


# -- unnamed temp files (O_TMPFILE): no name in the folder until a file lands ---------------------------


def _open_fds() -> int:
    return len(os.listdir("/proc/self/fd"))


_UNNAMED = FileOps().unnamed


@pytest.mark.skipif(not _UNNAMED, reason="O_TMPFILE is Linux's (and the file system's)")
def test_temp_files_have_no_name_until_they_land(tmp_path: Path) -> None:
    """The temp files are unnamed: nothing new in the folder at the sync, so creating them takes no lock
    on it (two workers creating files in one folder spun on its lock: docs/scale.md, round 18)."""
    (tmp_path / "0.json").write_text("old")
    seen: list[list[str]] = []

    class Look(Recording):
        def sync_fs(self, fd: int) -> None:
            seen.append(sorted(os.listdir(tmp_path)))
            super().sync_fs(fd)

        def sync_folder(self, fd: int) -> None:
            seen.append(sorted(os.listdir(tmp_path)))
            super().sync_folder(fd)

    before = _open_fds()
    ops = Look(sync_fs=True) if FileOps().can_sync_fs else Look()
    with BatchWriter(batch=10, ops=ops) as w:
        for i in range(4):
            w.write(tmp_path / f"{i}.json", f"new {i}")
    if ops.can_sync_fs:
        assert seen[0] == ["0.json"]  # at the sync: only the old file, no temp name
    assert seen[-1] == [f"{i}.json" for i in range(4)]
    assert [(tmp_path / f"{i}.json").read_text() for i in range(4)] == [f"new {i}" for i in range(4)]
    assert w.written == 4 and not w.failed and not _temps(tmp_path)
    assert _open_fds() == before  # every unnamed file's descriptor closed
    assert [c for c, _ in ops.log].count("replace") == 4


@pytest.mark.skipif(not _UNNAMED, reason="O_TMPFILE is Linux's (and the file system's)")
def test_unnamed_files_replace_existing_targets_and_fail_alone(tmp_path: Path) -> None:
    for i in range(3):
        (tmp_path / f"{i}.json").write_text("old")
    before = _open_fds()
    ops = Recording(fail="replace", fail_on="1.json")
    with BatchWriter(batch=10, ops=ops) as w:
        for i in range(4):
            w.write(tmp_path / f"{i}.json", "new")
    assert [p.name for p, _ in w.failed] == ["1.json"] and w.written == 3
    assert [(tmp_path / f"{i}.json").read_text() for i in range(4)] == ["new", "old", "new", "new"]
    assert not _temps(tmp_path) and _open_fds() == before


@pytest.mark.skipif(not _UNNAMED, reason="O_TMPFILE is Linux's (and the file system's)")
def test_an_interruption_leaves_no_open_unnamed_file(tmp_path: Path) -> None:
    class Stop(Recording):
        def write_temp(self, path: Path, data: bytes, *, fsync: bool):  # type: ignore[no-untyped-def]
            if path.name == "2.json":
                raise _Interrupted
            return super().write_temp(path, data, fsync=fsync)

    before = _open_fds()
    w = BatchWriter(batch=10, ops=Stop(), threads=1)
    for i in range(3):
        w.write(tmp_path / f"{i}.json", "new")
    with pytest.raises(_Interrupted):
        w.flush()
    assert os.listdir(tmp_path) == [] and _open_fds() == before


def test_named_temp_files_where_unnamed_ones_are_refused(tmp_path: Path) -> None:
    """A file system without O_TMPFILE (or past the open-file budget): named temp files, as before."""
    ops = Recording()
    ops.unnamed = False
    with BatchWriter(batch=10, ops=ops) as w:
        for i in range(3):
            w.write(tmp_path / f"{i}.json", f"{i}")
    assert [(tmp_path / f"{i}.json").read_text() for i in range(3)] == ["0", "1", "2"]
    assert w.written == 3 and not _temps(tmp_path)


@pytest.mark.skipif(not _UNNAMED, reason="O_TMPFILE is Linux's (and the file system's)")
def test_past_the_open_file_budget_the_rest_are_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import curator.core.batchio as batchio

    monkeypatch.setattr(batchio, "UNNAMED_OPEN", 2)
    kinds: list[str] = []

    class Kinds(Recording):
        def write_temp(self, path: Path, data: bytes, *, fsync: bool):  # type: ignore[no-untyped-def]
            staged = super().write_temp(path, data, fsync=fsync)
            kinds.append("named" if isinstance(staged, str) else "unnamed")
            return staged

    before = _open_fds()
    with BatchWriter(batch=10, ops=Kinds()) as w:
        for i in range(5):
            w.write(tmp_path / f"{i}.json", f"{i}")
    assert kinds == ["unnamed", "unnamed", "named", "named", "named"]
    assert [(tmp_path / f"{i}.json").read_text() for i in range(5)] == [str(i) for i in range(5)]
    assert not _temps(tmp_path) and _open_fds() == before


def test_unnamed_files_get_the_mode_open_would_give(tmp_path: Path) -> None:
    from curator.core.jsonio import current_umask

    with BatchWriter() as w:
        for i in range(2):
            w.write(tmp_path / f"{i}.json", "x")
    (tmp_path / "0.json").write_text("old")
    with BatchWriter() as w:
        w.write(tmp_path / "0.json", "y")
    for i in range(2):
        assert (tmp_path / f"{i}.json").stat().st_mode & 0o777 == 0o666 & ~current_umask()
    assert (tmp_path / "0.json").read_text() == "y"
