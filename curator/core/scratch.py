"""Scratch folders of batch commands, named for the process that made them.

`parse`, `dups` and the duplicate finder spool to folders in the temp folder (a parse's spool holds every
Curation until the groups are known). A command killed by a signal it cannot catch (kill -9, the OOM
killer) leaves its folders behind; at 100k pages that is gigabytes. Each folder's name holds the pid of
its process (``curator-parse-<pid>-<random>``), and the first folder a process makes sweeps the folders
of processes that are gone. A folder whose process still runs is never touched (a reused pid only keeps
a stale folder longer), nor is anything not named this way.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from pathlib import Path

# the prefixes of Curator's scratch folders (each followed by "<pid>-")
PREFIXES = ("curator-parse-", "curator-dups-", "curator-pairs-", "curator-spans-")
_NAMED = re.compile(r"(?:" + "|".join(map(re.escape, PREFIXES)) + r")(\d+)-")
_swept = False


def scratch_dir(prefix: str, parent: str | Path | None = None) -> str:
    """A new folder ``<prefix><pid>-<random>`` in ``parent`` (default: the temp folder); the first call
    in a process removes the scratch folders there whose process is gone."""
    global _swept
    where = Path(parent) if parent is not None else Path(tempfile.gettempdir())
    if not _swept:
        _swept = True
        sweep(where)
    return tempfile.mkdtemp(prefix=f"{prefix}{os.getpid()}-", dir=where)


def sweep(where: Path) -> int:
    """Remove the scratch folders in ``where`` whose process no longer runs; how many were removed."""
    removed = 0
    try:
        entries = list(os.scandir(where))
    except OSError:
        return 0
    for entry in entries:
        m = _NAMED.match(entry.name)
        if m is None or not entry.is_dir(follow_symlinks=False) or _alive(int(m[1])):
            continue
        shutil.rmtree(entry.path, ignore_errors=True)
        removed += 1
    return removed


def _alive(pid: int) -> bool:
    if pid <= 0:
        return True  # not a process's: leave it
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True  # another user's process (or cannot tell): leave it
    return True
