"""Where a page came from travels with it: store -> every Curation made -> every export record."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from curator.cli import main
from curator.core.export import ExportOptions, export_corpus
from curator.core.ingest import import_sources
from curator.core.jsonio import parse_curation
from curator.core.store import Corpus

PAGES = [
    {"url": "https://en.example.org/news/a/", "fetched_at": "2024-06-01T10:00:00Z",
     "html": "<html><head><title>Talks in Minsk</title></head><body><h1>Talks in Minsk</h1>"
             "<div>Talks in Minsk 08.11.2023</div><p>On 8 November 2023, in Minsk, talks were held 🙂.</p>"
             "<p>Go back</p></body></html>"},
    {"url": "https://en.example.org/news/b/", "text": "Plain page\r\n\r\nWith CRLF 08.11.2023"},
]


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    src = tmp_path / "crawl.jsonl"
    src.write_text("".join(json.dumps(p, ensure_ascii=False) + "\n" for p in PAGES), encoding="utf-8")
    root = tmp_path / "corpus"
    assert import_sources(root, [src]).count("imported") == 2
    # and one Document that was never imported
    (root / "local.txt").write_text("A page put here by hand\n\nGo back", encoding="utf-8")
    return root


def _urls(records: list[dict]) -> dict[str, str | None]:
    return {r["document"]: (r["source"] or {}).get("url") for r in records}


def test_store_fills_source_in_every_document_ref(corpus):
    store = Corpus(corpus)
    refs = {d: store.document_ref(d, store.read_source(d)) for d in store.document_ids()}
    assert refs["local"].source is None
    by_url = {r.source.url: r for r in refs.values() if r.source}
    a = by_url["https://en.example.org/news/a/"].source
    assert (a.fetched_at, a.html_title, a.file) == ("2024-06-01T10:00:00Z", "Talks in Minsk", str(corpus.parent / "crawl.jsonl"))
    assert by_url["https://en.example.org/news/b/"].source.extractor is None  # text came extracted


def test_parse_writes_the_source_into_each_curation(corpus, tmp_path):
    out = tmp_path / "parsed"
    assert main(["parse", str(corpus), "--out", str(out)]) == 0
    urls = {}
    for path in out.rglob("*.json"):
        cur = parse_curation(path.read_bytes(), path)
        urls[cur.document.id] = cur.document.source.url if cur.document.source else None
    assert sorted(u for u in urls.values() if u) == ["https://en.example.org/news/a/", "https://en.example.org/news/b/"]
    assert urls["local"] is None


@pytest.mark.parametrize("level", ["article", "segment"])
def test_every_export_format_carries_the_source(corpus, tmp_path, level):
    import pandas as pd

    opts = {"include": "all", "level": level}
    expected = {d: (Corpus(corpus).source_info(d).url if Corpus(corpus).source_info(d) else None)
                for d in Corpus(corpus).document_ids()}

    jl = tmp_path / "x.jsonl"
    export_corpus(corpus, jl, options=ExportOptions(format="jsonl", **opts))
    records = [json.loads(line) for line in jl.read_text(encoding="utf-8").splitlines()]
    assert records and _urls(records).items() <= expected.items()
    if level == "segment":  # (a page without an Article has no article record)
        assert {d for d, u in _urls(records).items() if u} == {d for d, u in expected.items() if u}
    rec = next(r for r in records if r["source"])
    assert set(rec["source"]) >= {"url", "fetched_at", "warc_file", "warc_record_id", "html_title", "http_charset"}

    pq = tmp_path / "x.parquet"
    export_corpus(corpus, pq, options=ExportOptions(format="parquet", **opts))
    df = pd.read_parquet(pq)
    assert {r["document"]: (r["source"] or {}).get("url") for r in df.to_dict("records")} == _urls(records)

    cs = tmp_path / "x.csv"
    export_corpus(corpus, cs, options=ExportOptions(format="csv", **opts))
    with open(cs, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert {r["document"]: (json.loads(r["source"]) if r["source"] else {}).get("url") for r in rows} == _urls(records)

    sp = tmp_path / "x.spacy"
    export_corpus(corpus, sp, options=ExportOptions(format="spacy", **opts))
    import spacy
    from spacy.tokens import DocBin

    docs = list(DocBin().from_bytes(sp.read_bytes()).get_docs(spacy.blank("en").vocab))
    assert {d.user_data["document"]: (d.user_data["source"] or {}).get("url") for d in docs}.items() <= expected.items()


def test_a_curation_without_source_gets_it_from_the_corpus_on_export(corpus, tmp_path):
    store = Corpus(corpus)
    doc_id = next(d for d in store.document_ids() if store.source_info(d))
    from curator.core.parse import parse_document

    src = store.read_source(doc_id)
    cur = parse_document(src.text, doc=store.document_ref(doc_id, src))
    cur = cur.model_copy(update={"status": "curated", "document": cur.document.model_copy(update={"source": None})})
    store.save(cur, expected_stamp=None)
    out = tmp_path / "c.jsonl"
    export_corpus(corpus, out, options=ExportOptions(format="jsonl", level="segment"))
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert records and all(r["source"]["url"] == store.source_info(doc_id).url for r in records)
