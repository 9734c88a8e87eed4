"""Where the window may write a file the editor names (``--screenshot``, File ▸ Save a copy…): never onto a
corpus's Documents or its state (red team F1, F2). A local check until the core's output guard
(``curator.core.outputs``, branch safety19) is merged; then :func:`refusal` can call it instead."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from PySide6.QtGui import QImage

from curator.core.store import CURATED_DIR, STATE_DIR, state_folder_of


def _is_corpus(folder: Path, corpus: Path | None) -> bool:
    if corpus is not None and folder == corpus:
        return True
    try:
        return (folder / CURATED_DIR).is_dir() or (folder / STATE_DIR).is_dir()
    except OSError:
        return False


def refusal(path: Path, *, corpus: Path | None = None) -> str | None:
    """Why ``path`` must not be written, or None: inside a corpus's ``curated/`` or ``.curator/``, or a ``.txt``
    a corpus lists (or would list) as a Document. Symlinks are followed to where the write would land."""
    p = Path(os.path.abspath(path))
    try:
        p = p.resolve()
    except OSError:
        pass
    own = Path(os.path.abspath(corpus)).resolve() if corpus is not None else None
    folder = state_folder_of(p)
    if folder is not None:
        return f"{path}: inside {folder}, a corpus's own state; write it elsewhere"
    if p.suffix.lower() == ".txt" and not p.is_dir():
        for parent in p.parents:
            if _is_corpus(parent, own):
                parts = p.relative_to(parent).parts
                if parts[0] != CURATED_DIR and not any(part.startswith(".") for part in parts):
                    verb = "is" if p.exists() else "would become"
                    return f"{path}: {verb} a source document of the corpus {parent}; write it elsewhere"
                break
    return None


def screenshot_refusal(path: Path, *, corpus: Path) -> str | None:
    """``refusal``, and a name that is not a ``.png`` (Qt opened, so emptied, any file before failing on its format)."""
    if path.suffix.lower() != ".png":
        return f"{path}: not a .png name; the window is written as a PNG only (nothing was written)"
    if path.is_dir():
        return f"{path}: is a folder; give a file name ending in .png"
    return refusal(path, corpus=corpus)


def save_png(image: QImage, path: Path) -> None:
    """Write ``image`` as a PNG to a temp file beside ``path``, then rename it over ``path``: a failed write
    leaves whatever ``path`` held as it was. Raises OSError."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".partial.png", dir=path.parent or Path("."))
    os.close(fd)
    try:
        if not image.save(tmp, "PNG"):
            raise OSError(f"{path}: could not write the PNG")
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
