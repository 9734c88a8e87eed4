"""GroupBuilder's groups of unlinked exact nodes, made in bulk (``_exact_groups``), are ``_group``'s one node at a
time: the same members in the same order (Document id, start, end), ids, scores and Segment ids."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from curator.core.dups import engine as E
from curator.core.dups.groups import Link


def _table(docs: list[list[int]], names: list[str], segments: dict[int, list[str]], with_segments: bool,
           reverse: set[int]) -> E.PassageTable:
    """A table of Documents whose passages have the given exact hashes (0: no words); the passages of the
    Documents in ``reverse`` are laid out from the end of the text backwards (index order is not start order)."""
    doc, idx, start, end, exact = [], [], [], [], []
    for d, hashes in enumerate(docs):
        n = len(hashes)
        for i, h in enumerate(hashes):
            at = (n - 1 - i) if d in reverse else i
            doc.append(d), idx.append(i), start.append(10 * at), end.append(10 * at + 7), exact.append(h)
    counts = [len(h) for h in docs]
    order = sorted(range(len(names)), key=names.__getitem__)
    rank = np.empty(len(names), dtype=np.int64)
    rank[order] = np.arange(len(names))
    return E.PassageTable(np.asarray(doc, dtype=np.int32), np.asarray(idx, dtype=np.int32),
                          np.asarray(start, dtype=np.int64), np.asarray(end, dtype=np.int64),
                          np.asarray(exact, dtype=np.uint64), np.ones(len(doc), dtype=np.int64), names, rank,
                          np.concatenate(([0], np.cumsum(counts))).astype(np.int64),
                          {d: ids for d, ids in segments.items() if len(ids) == counts[d]},
                          with_segments=with_segments)


def _dump(groups: list) -> list:
    return [(g.id, g.kind, g.score, g.canonical, g.content_key,
             [(m.document, m.start, m.end, m.passage, m.score, m.segment) for m in g.members]) for g in groups]


docs_st = st.lists(st.lists(st.integers(0, 4), min_size=0, max_size=6), min_size=1, max_size=7)


@settings(max_examples=150, deadline=None)
@given(docs=docs_st, data=st.data())
def test_the_bulk_groups_of_unlinked_nodes_are_those_made_one_node_at_a_time(docs: list[list[int]],
                                                                             data: st.DataObject) -> None:
    names = data.draw(st.permutations([f"d{i:02d}" for i in range(len(docs))]))
    reverse = set(data.draw(st.lists(st.integers(0, len(docs) - 1), max_size=3)))
    segments = {d: [f"x{d}-{i}" for i in range(len(h))] for d, h in enumerate(docs) if d % 2 == 0}
    with_segments = data.draw(st.booleans())
    table = _table(docs, names, segments, with_segments, reverse)
    nodes = E.exact_nodes(table)
    want = [E._group([n], table, nodes, table.key, {}) for n in np.flatnonzero(nodes.size >= 2).tolist()]
    got = [g for _, g in E._exact_groups(np.flatnonzero(nodes.size >= 2).tolist(), table, nodes)]
    assert _dump(got) == _dump(want)
    for g in got:  # members by (Document id, start, end)
        assert [(m.document, m.start, m.end) for m in g.members] == sorted((m.document, m.start, m.end)
                                                                          for m in g.members)


def test_prepare_then_a_link_gives_the_groups_of_one_pass() -> None:
    """Groups made ahead (``prepare``) for nodes a later link touches are dropped; the result is that of
    ``build_groups`` with every link at once."""
    docs = [[1, 2, 3], [2, 1, 5], [3, 2, 6], [5, 1, 7]]
    table = _table(docs, ["b", "a", "d", "c"], {}, True, {2})
    nodes = E.exact_nodes(table)
    link = Link("b", 2, "c", 2, (20, 27), (20, 25), 0.9, False)  # joins the nodes of hashes 3 and 7
    b = E.GroupBuilder(table, nodes, index=True)
    b.prepare()
    b.add([link])
    got = b.groups()
    assert _dump(got) == _dump(E.build_groups(table, nodes, [link]))
    assert {g.kind for g in got} == {"exact", "near"}
    by_doc = {d: sorted((g.id, m.start) for g, m in pairs) for d, pairs in b.by_doc.items() if pairs}
    want: dict[str, list] = {}
    for g in got:
        for m in g.members:
            want.setdefault(m.document, []).append((g.id, m.start))
    assert by_doc == {d: sorted(v) for d, v in want.items()}
