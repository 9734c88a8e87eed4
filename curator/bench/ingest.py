"""``curator bench ingest``: HTML extraction fidelity and speed, WARC reading, the whole import.

1. **Extraction.** Pages built in the site's layout (:mod:`curator.bench._sitepages`: header menu,
   dated sidebar teasers, ``<h1>`` title, title + date line, body as ``<p>``, ``<br><br>`` or
   ``<div>``, "Go back" links, ``<br>`` footer, scripts, forms, images) each know the text an
   import must give. Every installed candidate turns them into text, then into the block layout
   the same way (one block a line, blank lines between); figures: pages exactly right, block
   precision/recall (multiset of blocks), CPU ms per page (median of rounds) and MB/s of HTML.
2. **Page size.** The chosen extractor on one page grown from ~10 kB to ~10 MB: seconds per MB.
3. **WARC reading.** FastWARC and warcio over the same WARC (gzip per record, and plain):
   records/s reading every HTML body; and the chunked+gzip case FastWARC's auto_decode="all" fails.
4. **Import.** ``curator import`` end to end on a WARC.gz: pages/s for a first import and a re-import.
"""

from __future__ import annotations

import argparse
import re
import statistics
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from curator.bench import SEEDS
from curator.bench._sitepages import SitePage, SitePageMaker, page_entry, write_warc
from curator.core.ingest.extract import block_layout, html_to_text

_LINES = re.compile(r"(?m)^[ \t]*\* ")


# -- candidates: each returns the page's text in block layout ------------------------------------


def _resiliparse_br(html: str) -> str:
    return html_to_text(html).text


def _resiliparse_plain(html: str) -> str:
    from resiliparse.extract.html2text import extract_plain_text

    raw = extract_plain_text(html, preserve_formatting=True, main_content=False, list_bullets=False,
                             alt_texts=False, links=False, form_fields=False, noscript=False)
    return block_layout(raw)


def _inscriptis(html: str) -> str:
    from inscriptis import get_text

    return block_layout(get_text(html))


def _inscriptis_br(html: str) -> str:
    """inscriptis given the same help: <br> marked in the lxml tree, forms dropped, bullets removed."""
    import lxml.html
    from inscriptis import Inscriptis
    from inscriptis.model.config import ParserConfig

    from curator.core.ingest.extract import _BR

    tree = lxml.html.fromstring(html)
    for el in list(tree.iter("br")):
        parent, prev = el.getparent(), el.getprevious()
        if prev is not None:
            prev.tail = (prev.tail or "") + _BR + (el.tail or "")
        else:
            parent.text = (parent.text or "") + _BR + (el.tail or "")
        parent.remove(el)
    for el in list(tree.iter("button", "select", "input", "textarea", "svg")):
        el.drop_tree()
    raw = Inscriptis(tree, ParserConfig(table_cell_separator="\t")).get_text()
    return block_layout(_LINES.sub("", raw))


_BLOCK = frozenset(
    "address article aside blockquote body caption center dd details dialog div dl dt fieldset figcaption figure "
    "footer form h1 h2 h3 h4 h5 h6 header hr html li main nav ol p pre section summary table tbody td tfoot th "
    "thead tr ul".split())
_SKIP = frozenset("script style noscript template head button select textarea input svg iframe object option".split())
_WS = re.compile(r"[ \t\n\r\f]+")


def _selectolax_walk(html: str) -> str:
    """A hand-written block walker over selectolax's Lexbor tree (the do-it-yourself alternative)."""
    from selectolax.lexbor import LexborHTMLParser

    from curator.core.ingest.extract import _BR

    out: list[str] = []

    def walk(node) -> None:  # noqa: ANN001
        for child in node.iter(include_text=True):
            tag = child.tag
            if tag == "-text":
                out.append(_WS.sub(" ", child.text_content or ""))
            elif tag == "br":
                out.append(_BR)
            elif tag in _SKIP or tag.startswith("-"):
                continue
            elif tag in _BLOCK:
                out.append("\n")
                walk(child)
                out.append("\n")
            else:
                walk(child)

    body = LexborHTMLParser(html).body
    if body is not None:
        walk(body)
    return block_layout("".join(out))


def _trafilatura_text(html: str) -> str:
    import trafilatura

    return block_layout(trafilatura.extract(html, output_format="txt", fast=True) or "")


def _trafilatura_html2txt(html: str) -> str:
    import trafilatura

    return block_layout(trafilatura.html2txt(html))


CANDIDATES: dict[str, tuple[str, Callable[[str], str]]] = {
    "resiliparse + <br> marker (chosen)": ("resiliparse", _resiliparse_br),
    "resiliparse plain text": ("resiliparse", _resiliparse_plain),
    "selectolax + hand-written walker": ("selectolax", _selectolax_walk),
    "inscriptis": ("inscriptis", _inscriptis),
    "inscriptis + <br> marker": ("inscriptis", _inscriptis_br),
    "trafilatura extract (text, fast)": ("trafilatura", _trafilatura_text),
    "trafilatura html2txt": ("trafilatura", _trafilatura_html2txt),
}


def _installed(module: str) -> bool:
    import importlib

    try:
        importlib.import_module(module)
    except ImportError:
        return False
    return True


def _fidelity(outs: list[str], pages: list[SitePage]) -> tuple[float, float, float]:
    exact = sum(o == p.text for o, p in zip(outs, pages, strict=True)) / len(pages)
    tp = fp = fn = 0
    for o, p in zip(outs, pages, strict=True):
        got, want = Counter(o.split("\n\n")), Counter(p.text.split("\n\n"))
        hit = sum((got & want).values())
        tp, fp, fn = tp + hit, fp + sum(got.values()) - hit, fn + sum(want.values()) - hit
    return exact, tp / max(tp + fp, 1), tp / max(tp + fn, 1)


def bench_extraction(pages: list[SitePage], rounds: int) -> None:
    mb = sum(len(p.html.encode("utf-8")) for p in pages) / 1e6
    print(f"\n== extraction: {len(pages)} site-layout pages, {mb:.1f} MB of HTML, CPU time median of {rounds} rounds")
    print(f"{'candidate':38s} {'exact':>6s} {'blockP':>7s} {'blockR':>7s} {'ms/page':>8s} {'MB/s':>6s} {'vs chosen':>9s}")
    chosen_ms = None
    for name, (module, fn) in CANDIDATES.items():
        if not _installed(module):
            print(f"{name:38s} (not installed: pip install {module})")
            continue
        try:
            outs = [fn(p.html) for p in pages]
        except Exception as exc:  # noqa: BLE001 - a candidate that breaks is reported, not fatal
            print(f"{name:38s} failed: {type(exc).__name__}: {exc}")
            continue
        times = []
        for _ in range(rounds):
            t0 = time.process_time()
            for p in pages:
                fn(p.html)
            times.append(time.process_time() - t0)
        t = statistics.median(times)
        chosen_ms = chosen_ms or t
        exact, prec, rec = _fidelity(outs, pages)
        print(f"{name:38s} {exact:6.3f} {prec:7.3f} {rec:7.3f} {t / len(pages) * 1000:8.2f} {mb / t:6.1f} "
              f"{t / chosen_ms:8.2f}x")


def bench_sizes(maker: SitePageMaker, sizes_kb: list[int]) -> None:
    print("\n== page size: the chosen extractor on one page grown by repeating its body")
    base = maker.page(0)
    head, _, rest = base.html.partition('<div class="news-detail">')
    body, _, tail = rest.partition('<div class="news-back">')
    for kb in sizes_kb:
        reps = max(1, kb * 1000 // max(len(body), 1))
        html = head + '<div class="news-detail">' + body * reps + '<div class="news-back">' + tail
        size = len(html.encode("utf-8")) / 1e6
        t0 = time.process_time()
        text = html_to_text(html).text
        t = time.process_time() - t0
        print(f"  {size * 1000:9.0f} kB HTML -> {len(text) / 1000:8.0f} k chars: {t:7.3f} s, {t / size:6.3f} s/MB")


def bench_warc(pages: list[SitePage], folder: Path) -> None:
    print(f"\n== WARC reading: {len(pages)} response records, every HTML body read")
    from fastwarc.warc import ArchiveIterator, WarcRecordType

    def fastwarc_read(path: Path, mode: str = "transfer") -> int:
        n = 0
        with open(path, "rb") as fh:
            for rec in ArchiveIterator(fh, record_types=WarcRecordType.response, parse_http=True,
                                       auto_decode=mode, fsspec_args=False):
                rec.reader.read()
                n += 1
        return n

    def warcio_read(path: Path) -> int:
        from warcio.archiveiterator import ArchiveIterator as WarcioIterator

        n = 0
        with open(path, "rb") as fh:
            for rec in WarcioIterator(fh):
                if rec.rec_type == "response":
                    rec.content_stream().read()
                    n += 1
        return n

    readers = {"fastwarc": fastwarc_read}
    if _installed("warcio"):
        readers["warcio"] = warcio_read
    for name in ("crawl.warc.gz", "crawl.warc"):
        path = write_warc(folder / name, [page_entry(p) for p in pages])
        for reader, fn in readers.items():
            times = []
            for _ in range(3):
                t0 = time.process_time()
                n = fn(path)
                times.append(time.process_time() - t0)
            t = statistics.median(times)
            print(f"  {name:14s} {reader:9s} {n} records, {n / t:9.0f} records/s")
    odd = write_warc(folder / "chunked-gzip.warc.gz", [page_entry(p, chunked=True, gzip_body=True) for p in pages[:20]])
    print(f"  chunked + gzip bodies, 20 records: FastWARC auto_decode='all' reads {fastwarc_read(odd, 'all')}, "
          f"'transfer' (+ our gunzip) reads {fastwarc_read(odd)}"
          + (f", warcio reads {warcio_read(odd)}" if "warcio" in readers else ""))


def bench_import(pages: list[SitePage], folder: Path) -> None:
    from curator.core.ingest import import_sources

    print(f"\n== curator import end to end: {len(pages)} pages from one WARC.gz")
    warc = write_warc(folder / "import.warc.gz", [page_entry(p) for p in pages])
    corpus = folder / "corpus"
    for label in ("first import", "re-import (all unchanged)"):
        t0, w0 = time.process_time(), time.perf_counter()
        result = import_sources(corpus, [warc])
        t, w = time.process_time() - t0, time.perf_counter() - w0
        done = result.count("imported") + result.count("unchanged")
        print(f"  {label:26s} {done} pages: {done / t:7.0f} pages/s CPU ({t:.2f} s CPU, {w:.2f} s wall)")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="curator bench ingest", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pages", type=int, default=300, help="site-layout pages (default 300)")
    ap.add_argument("--rounds", type=int, default=5, help="timing rounds per candidate (default 5)")
    ap.add_argument("--sizes", default="10,100,1000,10000", help="page sizes in kB for the size run")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--only", choices=("extract", "sizes", "warc", "import"), help="run one part")
    args = ap.parse_args(argv)
    maker = SitePageMaker(SEEDS, seed=args.seed)
    pages = maker.pages(args.pages)
    parts = [args.only] if args.only else ["extract", "sizes", "warc", "import"]
    with tempfile.TemporaryDirectory(prefix="curator-bench-ingest-") as tmp:
        folder = Path(tmp)
        if "extract" in parts:
            bench_extraction(pages, args.rounds)
        if "sizes" in parts:
            bench_sizes(maker, [int(x) for x in args.sizes.split(",") if x])
        if "warc" in parts:
            bench_warc(pages, folder)
        if "import" in parts:
            bench_import(pages, folder)
    return 0
