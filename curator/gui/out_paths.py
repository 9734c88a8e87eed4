"""Where the window may write a file the editor names (``--screenshot``, File ▸ Save a copy…): never onto a
corpus's Documents or its state (red team F1, F2): the core's output guard (``curator.core.outputs``), plus
what only the window needs (a PNG name, a write through a temp file)."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from PySide6.QtGui import QImage

from curator.core.jsonio import current_umask
from curator.core.outputs import output_refusal


def refusal(path: Path, *, corpus: Path | None = None) -> str | None:
    """Why ``path`` must not be written, or None: the core's output guard (inside a corpus's ``curated/`` or
    ``.curator/``, or a ``.txt`` a corpus lists or would list as a Document; symlinks followed)."""
    return output_refusal(path, corpus=corpus)


def screenshot_refusal(path: Path, *, corpus: Path) -> str | None:
    """``refusal``, and a name that is not a ``.png`` (Qt opened, so emptied, any file before failing on its format)."""
    if path.suffix.lower() != ".png":
        return f"{path}: not a .png name; the window is written as a PNG only (nothing was written)"
    if path.is_dir():
        return f"{path}: is a folder; give a file name ending in .png"
    return refusal(path, corpus=corpus)


def save_png(image: QImage, path: Path) -> None:
    """Write ``image`` as a PNG to a temp file beside ``path``, then rename it over ``path``: a failed write
    leaves whatever ``path`` held as it was; the PNG gets the mode of the file it replaces, else the umask's.
    Raises OSError."""
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".partial.png", dir=path.parent or Path("."))
    except OSError as exc:  # the error names the hidden temp file; the editor named ``path`` (findings round 20)
        raise _naming(exc, path) from exc
    os.close(fd)
    try:
        mode = path.stat().st_mode & 0o7777  # a file replaced keeps its mode, a new one gets the umask's
    except OSError:
        mode = 0o666 & ~current_umask()
    try:
        if not image.save(tmp, "PNG"):
            raise OSError(f"{path}: could not write the PNG")
        os.chmod(tmp, mode)  # mkstemp made it 0600
        os.replace(tmp, path)
    except OSError as exc:
        raise _naming(exc, path) from exc
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def _naming(exc: OSError, path: Path) -> OSError:
    """``exc`` (its errno and reason kept, for the exit status) as the failure to write ``path``."""
    if exc.errno is None:
        return exc
    return OSError(exc.errno, exc.strerror or str(exc), str(path))
