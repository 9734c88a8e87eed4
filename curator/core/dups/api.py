"""Entry points on raw texts and on Curations (the corpus index lives in ``index.py``)."""

from __future__ import annotations

import gc
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager

from curator.core.dups.detect import find_groups
from curator.core.dups.features import DocFeatures, document_features
from curator.core.dups.groups import Group
from curator.core.dups.params import Params
from curator.core.dups.text import blocks
from curator.core.model import Curation
from curator.core.textio import sha256_text


_FREEZE_AFTER_PAUSE = False


@contextmanager
def batch_pauses() -> Iterator[None]:
    """A batch command's run: meanwhile, what a ``gc_paused`` pass leaves alive is frozen out of the
    collector's scans (``gc.freeze``) when the pass ends. The pass's objects are young then, so the first
    collection after it scanned every one of them, and the full ones after that again (`curator parse
    --jobs 2` on 10k pages: 0.35-0.45 CPU-s of the main process's GC, between detection and the output
    stage, -> ~0.05). Frozen objects are still freed when their last reference goes; only a cycle among
    them waits, until the run ends (then everything is unfrozen, for a process that goes on: tests,
    the window)."""
    global _FREEZE_AFTER_PAUSE
    before = _FREEZE_AFTER_PAUSE
    _FREEZE_AFTER_PAUSE = True
    try:
        yield
    finally:
        _FREEZE_AFTER_PAUSE = before
        if not before:
            gc.unfreeze()


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector for a bulk pass.

    Detection allocates millions of acyclic objects (words, lists, arrays) while
    keeping the features alive; the collector's repeated full scans of that growing
    heap made 10k Documents take twice as long. Reference counting still frees them.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if _FREEZE_AFTER_PAUSE:
            gc.freeze()
        if enabled:
            gc.enable()


def text_features(doc_id: str, text: str, params: Params, *, sha256: str | None = None) -> DocFeatures:
    """Features of a raw text whose passages are its blank-line blocks."""
    return document_features(doc_id, sha256 or sha256_text(text), text, blocks(text), k=params.k)


def find_in_texts(texts: Mapping[str, str], params: Params | None = None) -> list[Group]:
    """Duplicate groups among raw texts (document id -> text); passages are blank-line blocks."""
    params = params or Params()
    with gc_paused():
        feats = [text_features(doc_id, text, params) for doc_id, text in texts.items()]
        groups, _links = find_groups(feats, texts.__getitem__, params)
    return groups


def find_in_curations(items: Sequence[tuple[Curation, str]], params: Params | None = None) -> list[Group]:
    """Duplicate groups among Curations (with their source texts).

    Passages are the texts' blank-line blocks, as ``curator dups`` finds them (not the Segments), so a
    group and its id are the same whichever command found it and an editor's decision applies to
    both; ``GroupIndex(groups, curations)`` maps the groups onto the Segments.
    """
    params = params or Params()
    feats: list[DocFeatures] = []
    texts: dict[str, str] = {}
    for cur, text in items:
        doc_id = cur.document.id
        if doc_id in texts:
            raise ValueError(f"document {doc_id!r} is given twice")
        if len(text) != cur.document.length:
            raise ValueError(
                f"document {doc_id!r}: text has {len(text)} code points, the curation says {cur.document.length}"
            )
        texts[doc_id] = text
        feats.append(document_features(doc_id, cur.document.sha256, text, blocks(text), k=params.k))
    with gc_paused():
        groups, _links = find_groups(feats, texts.__getitem__, params)
    return groups
