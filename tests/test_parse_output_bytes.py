"""Curated JSON rendered as bytes end to end (render, spool, splice, write): the same files as the str path."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from curator.core.jsonio import dump_curation, dump_curation_bytes, dump_json, dump_json_bytes
from curator.core.model import Curation
from curator.core.pipeline import parse_corpus, with_duplicates
from curator.core.store import Corpus

ODD = (5e-05, 1e-05, 1.5e-7, 0.0001, 0.5, 1.0, 0.0, -0.0)


def _json_dumps(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True)


def _number_paths(schema: dict, node: dict, path: tuple[str, ...]) -> set[tuple[str, ...]]:
    """Paths of every JSON-schema ``number`` in ``node`` (``*`` for list items), following ``$ref``s."""
    if "$ref" in node:
        return _number_paths(schema, schema["$defs"][node["$ref"].rsplit("/", 1)[1]], path)
    found: set[tuple[str, ...]] = set()
    if node.get("type") == "number":
        found.add(path)
    for alt in node.get("anyOf", ()):
        found |= _number_paths(schema, alt, path)
    if "items" in node:
        found |= _number_paths(schema, node["items"], (*path, "*"))
    for name, sub in node.get("properties", {}).items():
        found |= _number_paths(schema, sub, (*path, name))
    return found


def test_every_float_field_of_the_contract_is_checked() -> None:
    """The odd-float check looks at the contract's float fields only: they must be all of them."""
    from curator.core import jsonio

    schema = Curation.model_json_schema()
    assert jsonio.CURATION_FLOATS is not None
    assert set(jsonio.CURATION_FLOATS) == _number_paths(schema, schema, ())
    assert {("articles", "*", "confidence"), ("duplicates", "*", "score")} <= set(jsonio.CURATION_FLOATS)


@pytest.mark.parametrize("odd", ODD)
def test_odd_floats_in_float_fields_are_written_as_json_writes_them(seeds_copy: Path, odd: float) -> None:
    parsed = parse_corpus(Corpus(seeds_copy))
    cur = next(c for c in parsed.values() if c.articles and c.duplicates)
    for field in ("confidence", "score"):
        if field == "confidence":
            arts = [a.model_copy(update={"confidence": odd if i == len(cur.articles) - 1 else a.confidence})
                    for i, a in enumerate(cur.articles)]
            odd_cur = cur.model_copy(update={"articles": arts})
        else:
            dups = [d.model_copy(update={"score": odd if i == len(cur.duplicates) - 1 else d.score})
                    for i, d in enumerate(cur.duplicates)]
            odd_cur = cur.model_copy(update={"duplicates": dups})
        expected = _json_dumps(odd_cur.model_dump(mode="json")) + "\n"
        assert dump_curation(odd_cur) == expected
        assert dump_curation_bytes(odd_cur) == expected.encode("utf-8")
        bare = odd_cur.model_copy(update={"duplicates": []})
        entries = [d.model_dump(mode="json") for d in odd_cur.duplicates]
        assert with_duplicates(dump_curation_bytes(bare), entries) == expected.encode("utf-8")
        assert with_duplicates(dump_curation_bytes(bare), odd_cur.duplicates) == expected.encode("utf-8")


def test_bytes_rendering_equals_the_str_rendering(seeds_copy: Path) -> None:
    parsed = parse_corpus(Corpus(seeds_copy))
    for cur in parsed.values():
        assert dump_curation_bytes(cur) == dump_curation(cur).encode("utf-8")
        bare = cur.model_copy(update={"duplicates": []})
        assert with_duplicates(dump_curation_bytes(bare), cur.duplicates) == dump_curation(cur).encode("utf-8")
        assert isinstance(with_duplicates(dump_curation(bare), cur.duplicates), str)


def test_dump_json_bytes_is_json_dumps_encoded() -> None:
    from collections import OrderedDict

    for odd in (1e-05, -1e-7, 1e16, 1.5e300, 0.0001, 1e15, float("nan"), float("inf"), 0.0, -0.0, 7, "😀 \u2028"):
        for value in (odd, [odd, 1], {"k": [{"z": odd}]}, ("t", odd), OrderedDict(k=odd)):
            assert dump_json_bytes(value) == _json_dumps(value).encode("utf-8"), value
            assert dump_json(value) == _json_dumps(value), value


def test_batch_writer_takes_bytes_and_str_alike(tmp_path: Path) -> None:
    from curator.core.batchio import BatchWriter

    with BatchWriter(batch=2) as w:
        w.write(tmp_path / "a.json", "é 😀\n")
        w.write(tmp_path / "b.json", "é 😀\n".encode())
    assert (tmp_path / "a.json").read_bytes() == (tmp_path / "b.json").read_bytes() == "é 😀\n".encode()


def test_corpus_save_writes_the_bytes_of_dump_curation(seeds_copy: Path) -> None:
    corpus = Corpus(seeds_copy)
    parsed = parse_corpus(corpus)
    doc_id, cur = sorted(parsed.items())[0]
    dups = [d.model_copy(update={"score": 5e-05}) for d in cur.duplicates]
    cur = cur.model_copy(update={"duplicates": dups})
    from curator.core.jsonio import file_stamp

    stamp = corpus.save(cur, expected_stamp=file_stamp(corpus.curated_path(doc_id)))
    assert stamp == file_stamp(corpus.curated_path(doc_id))
    assert corpus.curated_path(doc_id).read_bytes() == dump_curation(cur).encode("utf-8")
    assert '"score": 5e-05' in corpus.curated_path(doc_id).read_text(encoding="utf-8")


@pytest.mark.parametrize("piece", [1, 3, 1000])
def test_a_curation_rendered_in_pieces_is_the_same_bytes(seeds_copy: Path, piece: int) -> None:
    """The window's saver thread renders the segments a piece at a time, ``pause`` between pieces (letting the
    UI thread have the GIL: one ``orjson.dumps`` of 40,000 segments held it 23-115 ms at load 8): the same bytes
    as one piece, for every seed Document and a generated one (emoji, a line separator in a title), and one with none."""
    from curator.bench.gui import long_document
    from curator.core.model import Article, ParserInfo

    corpus = Corpus(seeds_copy)
    curations = [loaded.curation for d in corpus.document_ids() if (loaded := corpus.load(d)) is not None]
    text, segs = long_document(40, 4000)
    (seeds_copy / "long.txt").write_text(text, encoding="utf-8", newline="")
    ref = corpus.document_ref("long", corpus.read_source("long"))
    parser = ParserInfo(name="bench", version="0")
    curations.append(Curation(document=ref, parser=parser, segments=segs,
                              articles=[Article(id=f"a{k}", title=f"T{k} \u2028 😀", confidence=0.75)
                                        for k in range(1, 11)]))
    curations.append(Curation(document=ref, parser=parser))
    assert any(ord(c) > 0xFFFF for s in segs for c in s.text)
    for cur in curations:
        pauses: list[int] = []
        whole = dump_curation_bytes(cur)
        assert dump_curation_bytes(cur, pause=lambda: pauses.append(1), piece=piece) == whole
        assert len(pauses) == max(0, -(-len(cur.segments) // piece) - 1)
