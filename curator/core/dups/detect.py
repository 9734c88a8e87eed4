"""Find Duplicate groups among Documents given their features (exact classes, then aligned near links)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence

import numpy as np

from curator.core.dups.align import align
from curator.core.dups.engine import Collector, detect
from curator.core.dups.features import DocFeatures
from curator.core.dups.groups import Group, Link, Member, group_id
from curator.core.dups.params import Params
from curator.core.dups.text import Tokens, tokens
from curator.core.unionfind import UnionFind

PassageKey = tuple[int, int]  # (document index in sorted order, passage index)


def find_groups(
    features: Sequence[DocFeatures],
    text_of: Callable[[str], str],
    params: Params,
    *,
    links: Iterable[Link] = (),
    fresh_docs: Collection[str] | None = None,
    segments: Mapping[str, Sequence[str | None]] | None = None,
) -> tuple[list[Group], list[Link]]:
    """Groups over all Documents, and every near link (``links`` given plus those found now).

    With ``fresh_docs``, only pairs touching a passage of those Documents are
    aligned; pairs among the others are taken from ``links`` (the index).
    Runs ``engine.detect`` (partitioned, bounded memory) over the features in id order.
    """
    docs = sorted(features, key=lambda f: f.id)
    collector = Collector(params, expected_shingles=sum(len(f.kgrams) for f in docs),
                          with_segments=segments is not None)
    try:
        for f in docs:
            ids = segments.get(f.id) if segments is not None else None
            collector.add(f, ids if ids is None or all(i is not None for i in ids) else None)  # type: ignore[arg-type]
        result = detect(collector, text_of, params, links=links, fresh_docs=fresh_docs)
    finally:
        collector.close()
    return result.groups, result.links


def _align_pairs(
    docs: Sequence[DocFeatures],
    node_members: list[list[PassageKey]],
    a_arr: np.ndarray,
    b_arr: np.ndarray,
    text_of: Callable[[str], str],
    params: Params,
) -> list[Link]:
    texts: dict[int, str] = {}
    toks: dict[PassageKey, Tokens] = {}

    def get(key: PassageKey) -> tuple[str, Tokens]:
        d, i = key
        text = texts.get(d)
        if text is None:
            text = texts[d] = text_of(docs[d].id)
        tk = toks.get(key)
        if tk is None:
            start, end = docs[d].spans[i]
            tk = toks[key] = tokens(text, start, end)
        return text, tk

    found = []
    for a, b in zip(a_arr.tolist(), b_arr.tolist(), strict=True):
        ka, kb = node_members[a][0], node_members[b][0]
        text_a, ta = get(ka)
        text_b, tb = get(kb)
        al = align(text_a, ta, text_b, tb, params)
        if al is not None:
            found.append(Link(docs[ka[0]].id, ka[1], docs[kb[0]].id, kb[1], al.a, al.b, al.score, al.exact))
    return found


def _group(
    comp: list[int],
    docs: Sequence[DocFeatures],
    node_members: list[list[PassageKey]],
    node_hash: list[int],
    node_links: Mapping[int, list[tuple[Link, int]]],
    segments: Mapping[str, Sequence[str | None]] | None,
) -> Group:
    members: list[Member] = []
    scores: list[float] = []
    exact = True
    seen_links: set[int] = set()
    for node in comp:
        keys = node_members[node]
        for lk, _side in node_links.get(node, ()):
            if id(lk) not in seen_links:
                seen_links.add(id(lk))
                scores.append(lk.score)
                exact = exact and lk.exact
        if len(keys) >= 2:
            spans = None  # repeated whole: every copy's span is its passage
            best = 1.0
        else:
            sides = [lk.a if side == 0 else lk.b for lk, side in node_links.get(node, ())]
            spans = (min(s for s, _ in sides), max(e for _, e in sides)) if sides else None
            best = max((lk.score for lk, _ in node_links.get(node, ())), default=1.0)
        for d, i in keys:
            f = docs[d]
            passage = f.spans[i]
            start, end = spans if spans is not None else passage
            seg = segments[f.id][i] if segments is not None and f.id in segments else None
            members.append(Member(f.id, start, end, passage, best, seg))
    members.sort(key=lambda m: (m.document, m.start, m.end))
    canonical_doc = min(comp, key=lambda n: min(node_members[n]))
    key = group_id(node_hash[canonical_doc])
    return Group(
        id=key,
        kind="exact" if exact else "near",
        score=round(min(scores), 4) if scores else 1.0,
        members=members,
        canonical=0,
        content_key=key,
    )
