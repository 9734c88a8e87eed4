"""``curator import`` on a page far too large to be a news page (round 21, A3): a gzip bomb in a WARC record's
HTTP body (1 MB on disk, 1 GB decoded: the import held 7.4 GB and wrote a 1 GB Document), an HTML file, a JSONL
line. Each is named with its record or line and left out; the rest is imported; memory stays bounded."""

from __future__ import annotations

import gzip
import json
import zlib
from pathlib import Path

import pytest

from curator.bench._sitepages import WarcEntry, warc_record_bytes, write_warc
from curator.core.ingest import import_sources, readers
from curator.core.ingest.ids import document_id, url_key

LIMIT = 1 << 20  # the tests' page limit (the real one is readers.MAX_PAGE_BYTES)
GOOD = "<html><body><p>A good page \U0001F600, its own sentence.</p></body></html>"


@pytest.fixture(autouse=True)
def small_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(readers, "MAX_PAGE_BYTES", LIMIT, raising=False)


def _doc(corpus: Path, url: str) -> Path:
    return corpus / f"{document_id(url_key(url))}.txt"


def _bomb(encoding: str, size: int = 8 * LIMIT) -> bytes:
    html = b"<html><body><p>" + b"a" * size + b"</p></body></html>"
    if encoding == "gzip":
        return gzip.compress(html, mtime=0)
    if encoding == "deflate":
        return zlib.compress(html)
    import brotli

    return brotli.compress(html)


def _http_record(url: str, body: bytes, encoding: str, index: int) -> bytes:
    http = (f"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Encoding: {encoding}\r\n"
            f"Content-Length: {len(body)}\r\n\r\n").encode() + body
    head = (f"WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:b-{index}>\r\n"
            f"WARC-Date: 2024-06-01T10:00:00Z\r\nWARC-Target-URI: {url}\r\n"
            f"Content-Type: application/http; msgtype=response\r\nContent-Length: {len(http)}\r\n\r\n").encode()
    return head + http + b"\r\n\r\n"


@pytest.mark.parametrize("encoding", ["gzip", "deflate", "br"])
@pytest.mark.parametrize("name", ["b.warc", "b.warc.gz"])
def test_a_compressed_body_decoding_past_the_page_limit_is_named_and_the_rest_imported(tmp_path, encoding, name):
    records = [warc_record_bytes(WarcEntry(url="https://en.example.org/before/", body=GOOD.encode()), 0),
               _http_record("https://en.example.org/bomb/", _bomb(encoding), encoding, 1),
               warc_record_bytes(WarcEntry(url="https://en.example.org/after/", body=GOOD.replace("good", "later").encode()), 2)]
    warc = tmp_path / name
    warc.write_bytes(b"".join(gzip.compress(r, mtime=0) for r in records) if name.endswith(".gz") else b"".join(records))
    corpus = tmp_path / "c"
    result = import_sources(corpus, [warc])
    assert result.count("imported") == 2
    assert not _doc(corpus, "https://en.example.org/bomb/").exists()
    (problem,) = result.problems
    assert problem.startswith(f"{warc} record 2 <urn:uuid:b-1>: page too large") and f"{LIMIT:,} bytes" in problem


def test_a_warc_record_longer_than_the_page_limit_is_named_and_the_rest_imported(tmp_path):
    warc = write_warc(tmp_path / "big.warc.gz", [
        WarcEntry(url="https://en.example.org/big/", body=b"<html><body><p>" + b"b" * (2 * LIMIT) + b"</p></body></html>"),
        WarcEntry(url="https://en.example.org/after/", body=GOOD.encode())])
    corpus = tmp_path / "c"
    result = import_sources(corpus, [warc])
    assert result.count("imported") == 1 and _doc(corpus, "https://en.example.org/after/").is_file()
    (problem,) = result.problems
    assert problem.startswith(f"{warc} record 1 <urn:uuid:") and "page too large" in problem


def test_an_html_file_over_the_page_limit_is_named_and_the_rest_imported(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    (site / "big.html").write_bytes(b"<html><body><p>" + b"c" * (2 * LIMIT) + b"</p></body></html>")
    (site / "good.html").write_text(GOOD, encoding="utf-8")
    result = import_sources(tmp_path / "c", [site])
    assert result.count("imported") == 1
    (problem,) = result.problems
    assert problem.startswith(f"{site / 'big.html'}: page too large")


@pytest.mark.parametrize("name", ["p.jsonl", "p.jsonl.gz"])
def test_a_jsonl_line_over_the_page_limit_is_named_and_the_lines_after_it_imported(tmp_path, name):
    lines = [json.dumps({"url": "https://en.example.org/1/", "text": "First page."}),
             json.dumps({"url": "https://en.example.org/big/", "text": "d" * (2 * LIMIT)}),
             json.dumps({"url": "https://en.example.org/3/", "text": "Third page \U0001F600."})]
    data = ("\n".join(lines) + "\n").encode()
    path = tmp_path / name
    path.write_bytes(gzip.compress(data) if name.endswith(".gz") else data)
    corpus = tmp_path / "c"
    result = import_sources(corpus, [path])
    assert result.count("imported") == 2
    assert _doc(corpus, "https://en.example.org/3/").read_text(encoding="utf-8") == "Third page \U0001F600."
    (problem,) = result.problems
    assert problem.startswith(f"{path} line 2: page too large")


class _Counting:
    """zlib as readers uses it, with every decompressobj's largest single output recorded."""

    def __init__(self) -> None:
        self.largest = 0

    def __getattr__(self, name: str):  # noqa: ANN204 - a stand-in module
        return getattr(zlib, name)

    def decompressobj(self, *args, **kw):  # noqa: ANN201
        real, outer = zlib.decompressobj(*args, **kw), self

        class Obj:
            def __getattr__(self, name: str):  # noqa: ANN204
                return getattr(real, name)

            def decompress(self, data, max_length=0):  # noqa: ANN001, ANN201
                out = real.decompress(data, max_length)
                outer.largest = max(outer.largest, len(out))
                return out

        return Obj()


def test_the_search_for_the_member_after_a_damaged_one_never_holds_a_member_whole(tmp_path, monkeypatch):
    """A damaged member, then a member of 2 MB on disk holding a record of 2 GB: the search for where to read on
    decompressed each candidate member whole (4.2 GB RSS; under a 3 GB limit a MemoryError traceback, and the
    records after it lost). Checked here on a 64 MB member: no decompression gives more than 1 MB at a time."""
    size = 64 << 20
    head = (f"WARC/1.0\r\nWARC-Type: resource\r\nWARC-Record-ID: <urn:uuid:big>\r\nWARC-Date: 2024-06-01T10:00:00Z\r\n"
            f"WARC-Target-URI: https://en.example.org/big/\r\nContent-Type: application/octet-stream\r\n"
            f"Content-Length: {size}\r\n\r\n").encode()
    co = zlib.compressobj(9, zlib.DEFLATED, 31)
    big = co.compress(head) + b"".join(co.compress(b"\0" * (1 << 20)) for _ in range(size >> 20))
    big += co.compress(b"\r\n\r\n") + co.flush()
    records = [warc_record_bytes(WarcEntry(url=f"https://en.example.org/{i}/",
                                           body=f"<html><body><p>Page {i}, its own sentence.</p></body></html>".encode()), i)
               for i in range(3)]
    damaged = bytearray(gzip.compress(records[1], mtime=0))
    damaged[20:40] = b"\0" * 20
    warc = tmp_path / "d.warc.gz"
    warc.write_bytes(gzip.compress(records[0], mtime=0) + bytes(damaged) + big + gzip.compress(records[2], mtime=0))
    counting = _Counting()
    monkeypatch.setattr(readers, "zlib", counting)
    corpus = tmp_path / "c"
    result = import_sources(corpus, [warc])
    assert result.count("imported") == 2 and _doc(corpus, "https://en.example.org/2/").is_file()
    assert any("damaged gzip member" in p for p in result.problems)
    assert counting.largest <= (1 << 20) + 1
