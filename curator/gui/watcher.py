"""Documents added to (or removed from) the corpus folder while the window is open appear without a restart."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal

from curator.core.store import CURATED_DIR

# Changes arrive in bursts (a copy of a thousand pages): one rescan after the folder is quiet this long.
SETTLE_MS = 700
# inotify watches are a per-user resource (8192 by default on many systems): at most this many folders.
MAX_FOLDERS = 2000


class CorpusWatcher(QObject):
    """Watches the corpus folder and its source subfolders; says when the set of documents may have changed."""

    sig_changed = Signal()

    def __init__(self, root: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.root = Path(root)
        self.watcher = QFileSystemWatcher(self)
        self.truncated = False
        self._timer = QTimer(self, singleShot=True, interval=SETTLE_MS)
        self._timer.timeout.connect(self._settled)
        self.watcher.directoryChanged.connect(self._on_change)
        self.watcher.fileChanged.connect(self._on_file_change)
        self._changed_files: set[str] = set()
        self._watch_folders()

    def folders(self) -> list[str]:
        """The corpus root and its source subfolders (not ``curated/`` nor hidden ones), at most MAX_FOLDERS."""
        out: list[str] = []
        for folder, dirs, _files in os.walk(self.root):
            rel = os.path.relpath(folder, self.root)
            dirs[:] = [d for d in dirs if not d.startswith(".") and not (rel == "." and d == CURATED_DIR)]
            out.append(folder)
            if len(out) >= MAX_FOLDERS:
                self.truncated = True
                break
        return out

    def _watch_folders(self) -> None:
        wanted = set(self.folders())
        watched = set(self.watcher.directories())
        if watched - wanted:
            self.watcher.removePaths(sorted(watched - wanted))
        if wanted - watched:
            self.watcher.addPaths(sorted(wanted - watched))

    def watch_files(self, paths: list[Path]) -> None:
        """Also hear writes to these files: a folder's watch hears a file created, not written to, so a page
        written in pieces (a crawler, a slow copy) was taken in as its first piece and never read again."""
        room = MAX_FOLDERS - len(self.watcher.files())
        fresh = [str(p) for p in paths if str(p) not in self.watcher.files()][:max(room, 0)]
        if fresh:
            self.watcher.addPaths(fresh)

    def take_changed_files(self) -> set[str]:
        """The watched files written to (or gone) since the last call."""
        changed, self._changed_files = self._changed_files, set()
        return changed

    def _on_change(self, _path: str) -> None:
        self._timer.start()

    def _on_file_change(self, path: str) -> None:
        self._changed_files.add(path)
        self._timer.start()

    def _settled(self) -> None:
        self._watch_folders()  # new subfolders are watched too
        self.sig_changed.emit()
