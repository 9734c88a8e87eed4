"""The corpus index under ``<corpus>/.curator/dups/``: features per Document (keyed by sha256) and links.

Adding Documents computes features for the new ones only and aligns only pairs
that touch them; a changed or removed Document, or changed parameters or
version, make the index stale and it is rebuilt. JSON, written atomically; an
unreadable index is rebuilt, never trusted.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from curator.core.dups.api import gc_paused
from curator.core.dups.detect import find_groups
from curator.core.dups.features import DocFeatures, document_features
from curator.core.dups.groups import Group, Link
from curator.core.dups.params import Params
from curator.core.dups.text import blocks
from curator.core.jsonio import JsonFileError, atomic_write_text, bounded, load_json_file, move_aside
from curator.core.store import Corpus
from curator.core.textio import SourceError

INDEX_FORMAT = 1
INDEX_DIR = "dups"
INDEX_FILE = "index.json"


class IndexError_(Exception):
    """The stored index cannot be used (the message says why); callers rebuild it."""


class DamagedIndex(IndexError_):
    """The stored index is unreadable or malformed: it is moved aside (kept as it is), then rebuilt."""


# The index holds features of every Document: ~10 kB each, so 100k Documents stay far below this.
MAX_INDEX_BYTES = 8 << 30


@dataclass
class IndexStats:
    """What a run did with the index."""

    documents: int = 0
    reused: int = 0  # Documents whose stored features were used as they were
    computed: int = 0  # Documents whose features were computed in this run
    rebuilt: bool = False
    reason: str | None = None  # why the index was rebuilt
    links_reused: int = 0
    links_found: int = 0
    written: bool = False


@dataclass
class CorpusDups:
    """Groups of a corpus, with access to the texts their offsets point into."""

    groups: list[Group]
    stats: IndexStats
    texts: dict[str, str]
    problems: list[str] = field(default_factory=list)  # sources that could not be read (skipped)


def index_path(corpus: Corpus) -> Path:
    return corpus.state_dir / INDEX_DIR / INDEX_FILE


def _encode_features(f: DocFeatures) -> dict[str, object]:
    return {
        "sha256": f.sha256,
        "spans": [list(s) for s in f.spans],
        "exact": [f"{h:016x}" for h in f.exact],
        "words": f.words,
        "kgrams": base64.b64encode(f.kgrams.astype("<u8").tobytes()).decode("ascii"),
        "offsets": f.offsets.tolist(),
    }


def _decode_features(doc_id: str, raw: dict) -> DocFeatures:
    kgrams = np.frombuffer(base64.b64decode(raw["kgrams"]), dtype="<u8").astype(np.uint64)
    offsets = np.asarray(raw["offsets"], dtype=np.int64)
    spans = [(int(s), int(e)) for s, e in raw["spans"]]
    exact = [int(h, 16) for h in raw["exact"]]
    words = [int(w) for w in raw["words"]]
    if not (len(spans) == len(exact) == len(words) == len(offsets) - 1) or (
        len(offsets) and int(offsets[-1]) != len(kgrams)
    ):
        raise IndexError_(f"document {doc_id!r}: features are inconsistent")
    return DocFeatures(doc_id, str(raw["sha256"]), spans, exact, words, kgrams, offsets)


def _link_row(lk: Link) -> list[object]:
    return [lk.doc_a, lk.i_a, lk.doc_b, lk.i_b, lk.a[0], lk.a[1], lk.b[0], lk.b[1], lk.score, lk.exact]


def _row_link(row: list) -> Link:
    da, ia, db, ib, a0, a1, b0, b1, score, exact = row
    return Link(str(da), int(ia), str(db), int(ib), (int(a0), int(a1)), (int(b0), int(b1)), float(score), bool(exact))


def load_index(path: Path, params: Params) -> tuple[dict[str, DocFeatures], list[Link]]:
    """Stored features and links; raises IndexError_ when missing, unreadable or built differently."""
    try:
        raw = load_json_file(path, max_bytes=MAX_INDEX_BYTES)
    except FileNotFoundError:
        raise IndexError_("no index yet") from None
    except JsonFileError as exc:
        raise DamagedIndex(f"{path}: unreadable ({exc.reason})") from None
    try:
        if not isinstance(raw, dict):
            raise DamagedIndex(f"{path}: not a JSON object")
        if raw.get("format") != INDEX_FORMAT:
            raise IndexError_(f"index format {raw.get('format')!r} is not {INDEX_FORMAT}")
        if raw.get("params") != json.loads(json.dumps(params.key())):
            raise IndexError_("parameters or version changed")
        feats = {doc_id: _decode_features(doc_id, f) for doc_id, f in raw["documents"].items()}
        links = [_row_link(r) for r in raw["links"]]
    except IndexError_:
        raise
    except (KeyError, TypeError, ValueError, AttributeError, RecursionError) as exc:
        raise DamagedIndex(f"{path}: malformed ({bounded(repr(exc), 200)})") from None
    return feats, links


def save_index(path: Path, feats: dict[str, DocFeatures], links: list[Link], params: Params) -> None:
    data = {
        "format": INDEX_FORMAT,
        "params": params.key(),
        "documents": {doc_id: _encode_features(feats[doc_id]) for doc_id in sorted(feats)},
        "links": [_link_row(lk) for lk in sorted(links, key=_link_row)],
    }
    atomic_write_text(path, json.dumps(data, separators=(",", ":"), sort_keys=True))


def find_in_corpus(
    corpus: Corpus,
    params: Params | None = None,
    *,
    use_index: bool = True,
    progress: Callable[[str], None] | None = None,
) -> CorpusDups:
    """Duplicate groups of a corpus's blank-line blocks, reusing and updating the index."""
    params = params or Params()
    stats = IndexStats()
    problems: list[str] = []
    texts: dict[str, str] = {}
    shas: dict[str, str] = {}
    for doc_id in corpus.document_ids():
        try:
            src = corpus.read_source(doc_id)
        except SourceError as exc:
            problems.append(f"{exc} (skipped)")
            continue
        texts[doc_id] = src.text
        shas[doc_id] = src.sha256
    stats.documents = len(texts)
    path = index_path(corpus)

    stored: dict[str, DocFeatures] = {}
    links: list[Link] = []
    if use_index:
        try:
            stored, links = load_index(path, params)
        except DamagedIndex as exc:
            stats.rebuilt, stats.reason = True, str(exc)
            aside = move_aside(path)
            problems.append(f"{exc}; moved aside to {aside.name} and rebuilt" if aside else f"{exc}; rebuilt")
        except IndexError_ as exc:
            stats.rebuilt, stats.reason = True, str(exc)
        else:
            for doc_id, f in stored.items():
                if doc_id not in shas:
                    stats.rebuilt, stats.reason = True, f"document {doc_id!r} was removed"
                    break
                if f.sha256 != shas[doc_id]:
                    stats.rebuilt, stats.reason = True, f"document {doc_id!r} changed"
                    break
        if stats.rebuilt:
            stored, links = {}, []
    feats: dict[str, DocFeatures] = {}
    fresh: list[str] = []
    with gc_paused():
        for doc_id, text in texts.items():
            f = stored.get(doc_id)
            if f is None:
                f = document_features(doc_id, shas[doc_id], text, blocks(text), k=params.k)
                fresh.append(doc_id)
            feats[doc_id] = f
    stats.reused = len(feats) - len(fresh)
    stats.computed = len(fresh)
    stats.links_reused = len(links)
    incremental = use_index and not stats.rebuilt and bool(stored)
    with gc_paused():
        groups, all_links = find_groups(
            list(feats.values()), texts.__getitem__, params, links=links, fresh_docs=fresh if incremental else None
        )
    stats.links_found = len(all_links) - len(links)
    if use_index and (fresh or stats.rebuilt or not path.exists()):
        save_index(path, feats, all_links, params)
        stats.written = True
    return CorpusDups(groups, stats, texts, problems)
