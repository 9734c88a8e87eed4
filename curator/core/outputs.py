"""Where a command may write its output: never onto a corpus's Documents or its state.

Every output path a command takes (``export --out``, ``review --html``, ``parse --out``, the window's
*Save a copy…*, ``gui --screenshot``) goes through :func:`output_refusal` before anything is opened.
Refused, with the reason:

- a path inside a corpus's ``curated/`` or ``.curator/`` (curated files change only through the
  store's conflict-checked save; ``.curator/`` is Curator's own state);
- a ``.txt`` a corpus lists or would list as a Document: an existing source Document (its text
  exists nowhere else, curated files keep only offsets and a hash) or a new one (every later
  command would see it as a page);
- with ``writes_documents`` (a brat export writes ``<id>.txt`` files), a folder inside a corpus.

A corpus is a folder holding ``curated/`` or ``.curator/``, or the one the command works on
(``corpus``: a folder of ``.txt`` pages with no Curator state yet). Pure Python, no Qt.
"""

from __future__ import annotations

import os
from pathlib import Path

from curator.core.store import CURATED_DIR, STATE_DIR, state_folder_of


class OutputRefused(ValueError):
    """An output path a command must not write; the message names the path and why."""


def _resolved(path: Path | str) -> Path:
    p = Path(os.path.abspath(path))
    try:
        return p.resolve()
    except OSError:
        return p


def _is_corpus_root(folder: Path, corpus: Path | None) -> bool:
    if corpus is not None and folder == corpus:
        return True
    try:
        return (folder / STATE_DIR).is_dir() or (folder / CURATED_DIR).is_dir()
    except OSError:
        return False


def _listed_part(relative: tuple[str, ...]) -> bool:
    """Would a corpus's listing walk into ``relative`` (no hidden part, not its ``curated/``)?"""
    return bool(relative) and relative[0] != CURATED_DIR and not any(part.startswith(".") for part in relative)


def _enclosing_corpus(p: Path, corpus: Path | None) -> tuple[Path, tuple[str, ...]] | None:
    """The nearest corpus above ``p`` whose listing reaches ``p``, with ``p``'s parts below it."""
    for folder in p.parents:
        if _is_corpus_root(folder, corpus):
            relative = p.relative_to(folder).parts
            return (folder, relative) if _listed_part(relative) else None
    return None


def output_refusal(path: Path | str, *, corpus: Path | str | None = None,
                   writes_documents: bool = False) -> str | None:
    """Why ``path`` must not be written as a command's output, or None when it may be.

    ``corpus``: the corpus the command works on (a corpus even without ``curated/`` or ``.curator/``).
    ``writes_documents``: ``path`` is a folder that will receive ``<id>.txt`` files (brat).
    Nothing is created or opened; symlinks are followed to where the write would land."""
    p = _resolved(path)
    own = _resolved(corpus) if corpus is not None else None
    folder = state_folder_of(p)
    if folder is not None:
        return (f"{path}: inside {folder}, a corpus's own state; write the output elsewhere "
                "(curated files change only through the window or `curator reparse`)")
    if p.suffix == ".txt" and not p.is_dir():
        found = _enclosing_corpus(p, own)
        if found is not None:
            verb = "is" if p.exists() else "would become"
            return f"{path}: {verb} a source document of the corpus {found[0]}; write it elsewhere"
    if writes_documents:
        inside = _is_corpus_root(p, own) or _enclosing_corpus(p, own) is not None
        if inside:
            return (f"{path}: inside the corpus {_corpus_above(p, own)}: the <id>.txt files written there would "
                    "become source documents of that corpus; write it outside any corpus")
    return None


def _corpus_above(p: Path, corpus: Path | None) -> Path:
    for folder in (p, *p.parents):
        if _is_corpus_root(folder, corpus):
            return folder
    return p


def check_output(path: Path | str, *, corpus: Path | str | None = None, writes_documents: bool = False) -> None:
    """:func:`output_refusal` as an exception: raises :class:`OutputRefused` with the reason."""
    why = output_refusal(path, corpus=corpus, writes_documents=writes_documents)
    if why is not None:
        raise OutputRefused(why)
