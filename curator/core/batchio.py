"""Many atomic file writes at once: each file still goes temp file -> ``os.replace``, but a batch pays
one sync of its data and one fsync per folder instead of an fsync per file.

``atomic_write_text`` fsyncs the file and then its folder for every file: two fsyncs per file. Here,
on Linux, a batch's temp files are written without fsync, then **one** ``syncfs(2)`` of their file
system makes all their data durable, then they are renamed over their targets, then each folder is
fsynced once (the renames made durable). Where ``syncfs`` is missing (not Linux, or a folder that
cannot be opened) each temp file is fsynced before the renames instead, a few threads at once (fsync
waits on the disk with the GIL released), as before round 13.

What a power cut leaves, by the step it happens in (docs/scale.md, "Writes"):

* while the temp files are written or synced: every target as it was (old file, or none); temp files
  may remain (``.<name>.XXXXXXXX.tmp``, ``jsonio.temp_target`` names their target);
* after the sync, during the renames: each target old or new, never torn (its data was on disk
  before its rename); a rename not yet committed by the file system's journal is lost, its file old;
* after the folder fsync: the whole batch new.

A failure inside a batch (a temp file that cannot be written, the sync, a rename, or an interruption)
renames nothing it has not synced and leaves no temp file: a failed sync fails the whole batch (every
target stays as it was), a failed write or rename fails that file alone. ``syncfs`` reports writeback
errors since the folder was opened (Linux >= 5.8), so the folder is opened before the writes.

Why: one fsync per file (by 8 threads) was 4.4-10.3 system CPU-s and most of the run-to-run spread of
``curator parse`` on 10k pages (docs/scale.md, round 13).

Temp files are **unnamed** where the system allows (Linux ``O_TMPFILE``): made in the target's folder
with no name, linked to their target's name after the sync (to a temp name and renamed over it when the
target exists). Creating a named file holds its folder's lock while the file system finds a free inode,
which on ext4 without a journal means skipping every inode deleted in the last minutes: two workers
writing into one folder spun on that lock (~0.4 system CPU-s each at 10k pages, docs/scale.md, round
18); an unnamed file takes no lock on the folder, and a killed process leaves none behind. Elsewhere,
past ``UNNAMED_OPEN`` files open at once, or where the file system refuses: named temp files, as before.
"""

from __future__ import annotations

import errno
import hashlib
import os
import secrets
import sys
import tempfile
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from curator.core.jsonio import current_umask, temp_prefix

# what open() would give a new file here (read once: a umask read per file costs a /proc read)
_NEW_FILE_MODE = 0o666 & ~current_umask()

# unnamed temp files open at once per writer (each holds a descriptor until it lands); the rest are named
UNNAMED_OPEN = 256
_O_TMPFILE = getattr(os, "O_TMPFILE", 0)
# what a folder's file system answers when it cannot make unnamed files (EISDIR: a kernel before 3.11)
# a folder held for ``linkat`` (O_PATH: no read permission needed where there is one)
_FOLDER_FLAGS = os.O_RDONLY | getattr(os, "O_PATH", 0) | getattr(os, "O_DIRECTORY", 0)
_NO_TMPFILE = {errno.EOPNOTSUPP, errno.EISDIR, errno.EINVAL, errno.ENOTSUP}
# an unnamed file made but not linkable by its /proc name (a hardened /proc, a file system that refuses):
# its bytes go through a named temp file instead
_NO_LINK = {errno.EPERM, errno.EACCES, errno.ENOENT, errno.EOPNOTSUPP, errno.ENOTSUP, errno.EXDEV, errno.EINVAL}


class Unnamed:
    """A temp file without a name (``O_TMPFILE``): its open descriptor, and its folder's for the link."""

    __slots__ = ("fd", "folder_fd")

    def __init__(self, fd: int, folder_fd: int) -> None:
        self.fd, self.folder_fd = fd, folder_fd


Staged = str | Unnamed  # a temp file written: its name, or an unnamed file

_syncfs: Callable[[int], int] | None = None
_syncfs_loaded = False


def _load_syncfs() -> Callable[[int], int] | None:
    """libc's ``syncfs`` (Linux), or None; looked up once per process, on the first batch."""
    global _syncfs, _syncfs_loaded
    if not _syncfs_loaded:
        _syncfs_loaded = True
        if sys.platform.startswith("linux"):
            try:
                import ctypes

                fn = ctypes.CDLL(None, use_errno=True).syncfs
            except (OSError, AttributeError):
                return None
            fn.argtypes, fn.restype = [ctypes.c_int], ctypes.c_int
            _syncfs = fn
    return _syncfs


class FileOps:
    """The file-system calls of a batch, in one place (a test records their order or fails one)."""

    def __init__(self) -> None:
        self.can_sync_fs = _load_syncfs() is not None
        # unnamed temp files: Linux, with /proc to link them by (linkat's AT_EMPTY_PATH needs a privilege)
        self.unnamed = bool(_O_TMPFILE) and os.path.isdir("/proc/self/fd")
        self._folders: dict[Path, int] = {}  # folders unnamed files were made in, open (for ``linkat``)
        self._refused: set[Path] = set()  # folders whose file system makes no unnamed files
        self._open = 0  # unnamed files open now
        self._lock = threading.Lock()

    def open_folder(self, folder: Path) -> int:
        return os.open(folder, os.O_RDONLY)

    def write_temp(self, path: Path, data: bytes, *, fsync: bool) -> Staged:
        """Write ``data`` to a new temp file beside ``path`` (fsynced when asked): an unnamed one where
        possible (``Unnamed``), else a named one (its name)."""
        if self.unnamed and self._open < UNNAMED_OPEN and path.parent not in self._refused:
            staged = self._write_unnamed(path, data, fsync=fsync)
            if staged is not None:
                return staged
        return self._write_named(path, data, fsync=fsync)

    def _write_named(self, path: Path, data: bytes, *, fsync: bool) -> str:
        fd, tmp = tempfile.mkstemp(prefix=temp_prefix(path.name), suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as fh:
                if hasattr(os, "fchmod"):  # as open() would make it (mkstemp: 0600, unreadable to others)
                    os.fchmod(fh.fileno(), _NEW_FILE_MODE)
                fh.write(data)
                fh.flush()
                if fsync:
                    os.fsync(fh.fileno())
        except BaseException:
            _unlink(tmp)
            raise
        return tmp

    def _write_unnamed(self, path: Path, data: bytes, *, fsync: bool) -> Unnamed | None:
        """``data`` in an unnamed file in ``path``'s folder; None when one cannot be made there (the caller
        makes a named one, which then reports whatever keeps the folder from holding files)."""
        folder = path.parent
        with self._lock:  # the writer's threads (fsync per file, without syncfs) share the counts
            folder_fd = self._folders.get(folder)
            if folder_fd is None:
                try:
                    folder_fd = self._folders[folder] = os.open(folder, _FOLDER_FLAGS)
                except OSError:
                    return None
            self._open += 1
        staged = None
        fd = -1
        try:
            # the mode open() would give (umask or the folder's default ACL): no fchmod needed
            # (read-write: its bytes can be read back should linking it be refused)
            fd = os.open(folder, os.O_RDWR | _O_TMPFILE | os.O_CLOEXEC, 0o666)
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view):]
            if fsync:
                os.fsync(fd)
            staged = Unnamed(fd, folder_fd)
        except OSError as exc:
            if fd < 0:  # not made: a named file instead (it reports a real problem of the folder)
                if exc.errno in _NO_TMPFILE:
                    self._refused.add(folder)
                self._close(-1)
                return None
            raise
        finally:
            if staged is None and fd >= 0:
                self._close(fd)
        return staged

    def sync_fs(self, fd: int) -> None:
        """Every dirty page of the file system holding ``fd`` on disk (``syncfs(2)``)."""
        fn = _load_syncfs()
        if fn is None:
            raise OSError(0, "syncfs is not available here")
        if fn(fd) != 0:
            import ctypes

            err = ctypes.get_errno()
            raise OSError(err, os.strerror(err))

    def replace(self, tmp: Staged, path: Path) -> None:
        """The temp file becomes ``path`` (an unnamed one linked to its name, or through a temp name
        renamed over it when ``path`` exists); an unnamed file's descriptor is closed once it lands."""
        if isinstance(tmp, str):
            os.replace(tmp, path)
            return
        src = f"/proc/self/fd/{tmp.fd}"
        try:
            os.link(src, path.name, dst_dir_fd=tmp.folder_fd, follow_symlinks=True)
        except OSError as exc:
            if not isinstance(exc, FileExistsError) and exc.errno not in _NO_LINK:
                raise
            # the target exists (linked under a temp name, renamed over it), or linking is refused (a copy)
            named = None
            if isinstance(exc, FileExistsError):
                try:
                    named = self._link_named(tmp, path)
                except OSError as inner:
                    if inner.errno not in _NO_LINK:
                        raise
            if named is None:
                named = self._named_copy(tmp, path)
            try:
                os.replace(named, path)
            except BaseException:
                _unlink(named)
                raise
        self.discard(tmp)

    def land_new(self, tmp: Staged, path: Path) -> None:
        """The temp file becomes ``path`` only where no file is: FileExistsError when one is there by now (a
        file saved since the writer looked: never replaced; the temp file is then the caller's to discard). A
        link, which the file system refuses atomically over an existing name; where it makes no links, a rename
        after one more look (a narrow window left there)."""
        if isinstance(tmp, str):
            _link_new(tmp, path)
            _unlink(tmp)
            return
        try:
            os.link(f"/proc/self/fd/{tmp.fd}", path.name, dst_dir_fd=tmp.folder_fd, follow_symlinks=True)
        except OSError as exc:
            if isinstance(exc, FileExistsError) or exc.errno not in _NO_LINK:
                raise
            named = self._named_copy(tmp, path)
            try:
                _link_new(named, path)
            finally:
                _unlink(named)
        self.discard(tmp)

    def _named_copy(self, tmp: Unnamed, path: Path) -> str:
        """The unnamed file's bytes in a named temp file beside ``path`` (fsynced: the batch's one sync
        came before), for a file system that made the unnamed file but will not link it; later files of
        that folder are named from the start."""
        self._refused.add(path.parent)
        size = os.fstat(tmp.fd).st_size
        chunks = []
        offset = 0
        while offset < size:
            chunk = os.pread(tmp.fd, min(size - offset, 1 << 24), offset)
            if not chunk:
                break
            chunks.append(chunk)
            offset += len(chunk)
        return self._write_named(path, b"".join(chunks), fsync=True)

    def _link_named(self, tmp: Unnamed, path: Path) -> str:
        for _ in range(100):
            name = f"{temp_prefix(path.name)}{secrets.token_hex(4)}.tmp"
            try:
                os.link(f"/proc/self/fd/{tmp.fd}", name, dst_dir_fd=tmp.folder_fd, follow_symlinks=True)
            except FileExistsError:
                continue
            return str(path.parent / name)
        raise FileExistsError(errno.EEXIST, "no free temp file name", str(path.parent))

    def discard(self, tmp: Staged) -> None:
        """A temp file that will not land: removed (an unnamed one vanishes when its descriptor closes)."""
        if isinstance(tmp, str):
            _unlink(tmp)
        elif tmp.fd >= 0:
            self._close(tmp.fd)
            tmp.fd = -1

    def _close(self, fd: int) -> None:
        """Close an unnamed file's descriptor (-1: none was opened) and count it as closed."""
        if fd >= 0:
            os.close(fd)
        with self._lock:
            self._open -= 1

    def release(self) -> None:
        """Close the folders held open for unnamed files (after each batch)."""
        folders, self._folders = self._folders, {}
        for fd in folders.values():
            os.close(fd)

    def sync_folder(self, fd: int) -> None:
        os.fsync(fd)


@dataclass
class BatchWriter:
    """Queue ``write(path, data)`` (str as UTF-8, or bytes); files land at ``flush()`` (every ``batch``
    files and at the end)."""

    batch: int = 256
    threads: int = 8  # files written and fsynced at once where there is no syncfs
    written: int = 0
    failed: list[tuple[Path, str]] = field(default_factory=list)
    ops: FileOps = field(default_factory=FileOps)
    _queue: list[tuple[Path, bytes]] = field(default_factory=list)
    _made: set[Path] = field(default_factory=set)
    _new_only: set[Path] = field(default_factory=set)

    def write(self, path: Path, data: str | bytes, *, new_only: bool = False) -> None:
        """``new_only``: land the file only where none is by then (``FileOps.land_new``); one that appeared
        since is left as it is and the path goes to ``failed`` ("exists already ...")."""
        path = Path(path)
        if new_only:
            self._new_only.add(path)
        self._queue.append((path, data.encode("utf-8") if isinstance(data, str) else data))
        if len(self._queue) >= self.batch:
            self.flush()

    def flush(self) -> None:
        queue, self._queue = self._queue, []
        if not queue:
            return
        anchors: dict[Path, int] = {}  # each folder open: syncfs's handle, then its fsync
        for path, _ in queue:
            parent = path.parent
            if parent not in self._made:
                try:
                    parent.mkdir(parents=True, exist_ok=True)
                    self._made.add(parent)
                except OSError:
                    pass  # the file's own write names the problem
            if parent not in anchors:
                try:
                    anchors[parent] = self.ops.open_folder(parent)
                except OSError:
                    anchors[parent] = -1
        pending: dict[Staged, Path] = {}  # temp files written and not renamed yet
        try:
            self._land(queue, anchors, pending)
        finally:
            for tmp in pending:  # a failure, or an interruption before their rename
                self.ops.discard(tmp)
            self.ops.release()
            for fd in anchors.values():
                if fd >= 0:
                    os.close(fd)

    def _land(self, queue: list[tuple[Path, bytes]], anchors: dict[Path, int],
              pending: dict[Staged, Path]) -> None:
        whole_fs = self.ops.can_sync_fs

        def stage(item: tuple[Path, bytes]) -> tuple[Staged, str | None]:
            path, data = item
            try:
                tmp = self.ops.write_temp(path, data, fsync=not (whole_fs and anchors.get(path.parent, -1) >= 0))
            except OSError as exc:
                return "", exc.strerror or str(exc)
            pending[tmp] = path  # one store (atomic under the GIL): the caller's finally sees every temp file
            return tmp, None

        if not whole_fs and self.threads > 1 and len(queue) > 1:
            with ThreadPoolExecutor(min(self.threads, len(queue))) as pool:
                outcomes = list(pool.map(stage, queue))
        else:
            outcomes = [stage(item) for item in queue]
        staged: list[tuple[Path, Staged]] = []
        for (path, _), (tmp, problem) in zip(queue, outcomes, strict=True):
            if problem is not None:
                self.failed.append((path, problem))
            else:
                staged.append((path, tmp))
        if whole_fs and staged:
            devices: set[int] = set()
            try:
                for path, _ in staged:
                    fd = anchors.get(path.parent, -1)
                    if fd >= 0 and (dev := os.fstat(fd).st_dev) not in devices:
                        devices.add(dev)
                        self.ops.sync_fs(fd)
            except OSError as exc:  # nothing renamed: every target as it was
                reason = f"cannot sync to disk: {exc.strerror or exc}"
                self.failed.extend((path, reason) for path, _ in staged)
                return
        folders: set[Path] = set()
        for path, tmp in staged:
            try:
                if path in self._new_only:
                    self._new_only.discard(path)
                    self.ops.land_new(tmp, path)
                else:
                    self.ops.replace(tmp, path)
            except FileExistsError:  # written by another since the caller looked: theirs stays
                self.failed.append((path, "exists already (written while this batch was made); left as it is"))
                continue
            except OSError as exc:  # its temp file stays pending: removed by the caller
                self.failed.append((path, exc.strerror or str(exc)))
                continue
            del pending[tmp]
            folders.add(path.parent)
            self.written += 1
        for folder in folders:
            fd = anchors.get(folder, -1)
            if fd >= 0:
                try:
                    self.ops.sync_folder(fd)
                except OSError:
                    pass  # a file system without folder fsync (the renames are done either way)

    def __enter__(self) -> BatchWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.flush()


def _link_new(src: str, path: Path) -> None:
    """``src`` (a named temp file) also at ``path``, only where no file is (FileExistsError otherwise)."""
    try:
        os.link(src, path)
    except OSError as exc:
        if isinstance(exc, FileExistsError) or exc.errno not in _NO_LINK:
            raise
        if os.path.lexists(path):
            raise FileExistsError(errno.EEXIST, "exists", str(path)) from None
        os.replace(src, path)


def _unlink(path: str) -> None:
    try:
        os.unlink(path)
    except FileNotFoundError:
        pass


def stamp(text: str) -> str:
    """The stamp ``atomic_write_text`` returns for ``text`` (sha256 of its UTF-8 bytes)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
