"""The Documents' index of the groups' members (``GroupIndex.by_doc``) built by the group builder as groups
are made (with workers: while they align), not after the groups by the main process alone."""

from __future__ import annotations

from pathlib import Path

import pytest

from curator.core.dups import Params
from curator.core.dups import engine as dups_engine
from curator.core.dups.contract import GroupIndex
from curator.core.pipeline import parse_stream
from curator.core.store import Corpus

from tests.test_scale import _site


def _norm(by_doc, groups) -> dict:
    known = {id(g) for g in groups}
    out = {}
    for doc, pairs in by_doc.items():
        assert all(id(g) in known for g, _ in pairs)  # the very groups returned, not copies
        assert all(m in g.members for g, m in pairs)
        if pairs:
            out[doc] = sorted((g.id, m.start, m.end, m.passage, m.segment) for g, m in pairs)
    return out


def _table(tmp_path: Path):
    from curator.core.dups.features import document_features
    from curator.core.dups.text import blocks

    params = Params()
    texts = {p.stem: p.read_text(encoding="utf-8") for p in sorted(_site(tmp_path / "c", 40).glob("*.txt"))}
    collector = dups_engine.Collector(params)
    for doc_id, text in texts.items():
        collector.add(document_features(doc_id, "x", text, blocks(text), k=params.k))
    try:
        table = collector.table()
        nodes = dups_engine.exact_nodes(table)
        a, b = dups_engine.candidate_pairs(collector, table, nodes, params)
    finally:
        collector.close()
    links = dups_engine.align_candidates(table, nodes, a, b, texts.__getitem__, params)
    return table, nodes, a, b, links


def test_members_indexed_as_groups_are_made_are_those_indexed_after(tmp_path: Path) -> None:
    """Made ahead (some dropped when a later link touches their node), made as components complete, made
    at the end: the builder's index holds each returned group's members once, as ``GroupIndex`` indexes them."""
    table, nodes, a, b, links = _table(tmp_path)
    comp = dups_engine.candidate_components(a, b, nodes.n)
    node_a = [int(nodes.of[table.doc_first[table.doc_ids.index(lk.doc_a)] + lk.i_a]) for lk in links]
    labels = sorted({int(comp[n]) for n in node_a})
    builder = dups_engine.GroupBuilder(table, nodes, index=True)
    builder.prepare()  # every node of two copies or more made ahead: the linked ones are dropped later
    half = len(labels) // 2
    for i, label in enumerate(labels[:half]):
        builder.add([lk for lk, n in zip(links, node_a, strict=True) if comp[n] == label])
        builder.finish(comp, labels[i + 1])
    builder.add([lk for lk, n in zip(links, node_a, strict=True) if comp[n] in set(labels[half:])])
    groups = builder.groups()
    assert builder.by_doc is not None
    assert _norm(builder.by_doc, groups) == _norm(GroupIndex(groups).by_doc, groups)
    assert len(groups) > 20 and sum(map(len, builder.by_doc.values())) == sum(len(g.members) for g in groups)


def test_without_the_index_the_builder_keeps_none(tmp_path: Path) -> None:
    table, nodes, _a, _b, links = _table(tmp_path)
    builder = dups_engine.GroupBuilder(table, nodes)
    builder.add(links)
    builder.groups()
    assert builder.by_doc is None


@pytest.mark.parametrize("jobs", [1, 2])
def test_parse_maps_the_groups_with_the_index_the_detection_built(tmp_path: Path, monkeypatch, jobs: int) -> None:
    root = _site(tmp_path / "c", 40)
    monkeypatch.setattr(dups_engine, "ALIGN_CHUNK", 50)
    given: list[bool] = []
    real_init = GroupIndex.__init__

    def init(self, groups, curations=None, **kwargs) -> None:
        given.append(kwargs.get("by_doc") is not None)
        real_init(self, groups, curations, **kwargs)

    monkeypatch.setattr(GroupIndex, "__init__", init)
    out = {d: (p, e) for d, p, e in parse_stream(Corpus(root), jobs=jobs, finish=lambda c: c.model_dump_json())}
    assert given == [True]
    monkeypatch.setattr(GroupIndex, "__init__", real_init)
    monkeypatch.setattr(dups_engine, "detect", _without_index(dups_engine.detect))
    import curator.core.pipeline as pipeline

    monkeypatch.setattr(pipeline, "detect", _without_index(pipeline.detect))
    ref = {d: (p, e) for d, p, e in parse_stream(Corpus(root), jobs=1, finish=lambda c: c.model_dump_json())}
    assert out == ref and sum(len(e) for _p, e in out.values()) > 40


def _without_index(detect):
    def run(*args, **kwargs):
        kwargs["index"] = False
        return detect(*args, **kwargs)
    return run
