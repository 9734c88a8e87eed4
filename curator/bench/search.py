"""``curator bench search``: corpus search at 100k pages — build the index, then time each kind of query.

Pages are generated (not written as files): the words of the seed corpus drawn
at their own frequencies into segments with labels, speakers, statuses and
article confidences, plus rare names and DD.MM.YYYY dates. The index is the one
the window keeps in ``.curator/search.sqlite`` (``curator.core.search.index``);
each query runs ``--repeat`` times and its median wall and CPU time is printed,
with the number of hits (capped at the window's limit of 500). Also timed: re-indexing one
page (what a save costs) and opening the index.
"""

from __future__ import annotations

import argparse
import random
import re
import statistics
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

LABELS = ("paragraph",) * 10 + ("lead", "question", "answer", "answer", "heading", "teaser", "teaser", "boilerplate",
                                 "salutation", "title", "dateline")
SPEAKERS = ("Sergei Lavrov", "Imangali Tasmagambetov", "Stanislav Zas", "Anatoly Sidorov", "Nikolai Bordyuzha",
            "Yuri Khachaturov", "Samat Ordabaev", "Kakha Imnadze")
STATUSES = ("auto",) * 6 + ("in_progress", "curated", "curated")
RARE = ("Zhanibek", "Kuanyshbekov", "Ordzhonikidze", "Yerlanovich", "Tashkentskaya")


def _vocabulary() -> list[str]:
    from curator.core.store import Corpus

    seeds = Path(__file__).resolve().parents[2] / "seeds"
    words: list[str] = []
    for doc_id in Corpus(seeds).document_ids():
        words.extend(re.findall(r"\S+", Corpus(seeds).read_source(doc_id).text))
    return words


def pages(n: int, segments: int, seed: int = 7) -> Iterator[tuple[str, object, str]]:
    """``n`` generated (id, Curation, text) pages of about ``segments`` segments each."""
    from curator.core.model import Article, Curation, DocumentRef, ParserInfo, Segment, Speaker
    from curator.core.textio import sha256_text

    rng = random.Random(seed)
    vocab = _vocabulary()
    parser = ParserInfo(name="bench", version="0")
    for k in range(n):
        parts: list[str] = []
        spans: list[tuple[int, int, str]] = []
        pos = 0
        count = max(3, int(rng.gauss(segments, segments / 4)))
        for i in range(count):
            label = rng.choice(LABELS)
            if label == "dateline":
                words = [f"{rng.randint(1, 28):02d}.{rng.randint(1, 12):02d}.{rng.randint(2005, 2025)}"]
            else:
                words = [rng.choice(vocab) for _ in range(max(2, int(rng.expovariate(1 / 18))))]
                if rng.random() < 0.01:
                    words.insert(rng.randrange(len(words)), rng.choice(RARE))
            para = " ".join(words)
            parts.append(para)
            spans.append((pos, pos + len(para), label))
            pos += len(para) + 2
            del i
        text = "\n\n".join(parts)
        confidence = None if rng.random() < 0.3 else round(rng.random(), 2)
        speaker = rng.choice(SPEAKERS)
        segs = [Segment(id=f"s{i}", start=a, end=b, label=lab, text=text[a:b],
                        article=None if lab in ("teaser", "boilerplate") else "a1",
                        speaker="sp1" if lab in ("answer", "paragraph") and i % 3 == 0 else None)
                for i, (a, b, lab) in enumerate(spans, start=1)]
        doc_id = f"{k // 1000:03d}/{k:06d}"
        cur = Curation.model_construct(
            schema_version=2,
            document=DocumentRef(id=doc_id, path=f"{doc_id}.txt", sha256=sha256_text(text), length=len(text)),
            parser=parser, status=rng.choice(STATUSES), segments=segs,
            articles=[Article(id="a1", title="Bench article", confidence=confidence)],
            speakers=[Speaker(id="sp1", name=speaker)], events=[], duplicates=[])
        yield doc_id, cur, text


def main(argv: list[str]) -> int:
    from curator.core.search.index import SearchIndex, SearchQuery, build_index

    ap = argparse.ArgumentParser(prog="curator bench search", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pages", type=int, default=100_000, help="pages to generate (default 100000)")
    ap.add_argument("--segments", type=int, default=25, help="segments per page on average (default 25)")
    ap.add_argument("--repeat", type=int, default=7, help="runs of each query (median printed)")
    ap.add_argument("--index", type=Path, default=None,
                    help="index file to build (or reuse, if it exists); default: a temporary folder")
    args = ap.parse_args(argv)

    tmp = None
    path = args.index
    if path is None:
        tmp = tempfile.TemporaryDirectory(prefix="curator-bench-search-")
        path = Path(tmp.name) / "search.sqlite"
    if not path.exists():
        t0, c0 = time.perf_counter(), time.process_time()
        index = build_index(path, pages(args.pages, args.segments))
        index.db.execute("INSERT INTO rows(rows) VALUES('optimize')")
        index.db.commit()
        wall, cpu = time.perf_counter() - t0, time.process_time() - c0
        docs, rows = index.counts()
        print(f"built: {docs:,} pages, {rows:,} rows in {wall:.0f} s wall / {cpu:.0f} s CPU; "
              f"index {path.stat().st_size / 2**20:.0f} MiB")
        index.close()
    t0 = time.perf_counter()
    index = SearchIndex(path)
    docs, rows = index.counts()
    print(f"open: {1000 * (time.perf_counter() - t0):.0f} ms ({docs:,} pages, {rows:,} rows)")

    queries = [
        ("common word", SearchQuery("security")),
        ("rare name", SearchQuery("Kuanyshbekov")),
        ("no such word", SearchQuery("zzyzxq")),
        ("phrase, last word a prefix", SearchQuery("collective security tre")),
        ("word + label", SearchQuery("security", label="question")),
        ("word + speaker", SearchQuery("cooperation", speaker="lavrov")),
        ("word + status", SearchQuery("meeting", status="in_progress")),
        ("word + confidence <= 0.3", SearchQuery("council", max_confidence=0.3)),
        ("rare name + label + status", SearchQuery("Zhanibek", label="paragraph", status="curated")),
        ("regex with words", SearchQuery(r"Secretar(y|iat) General", regex=True)),
        ("regex, rare word", SearchQuery(r"Ordzhonikidze\w*", regex=True)),
        ("regex, no word (scans)", SearchQuery(r"\b\d{2}\.\d{2}\.20(0[5-9])\b", regex=True)),
    ]
    print(f"{'query':34} {'hits':>6} {'rows read':>10} {'median ms':>10} {'cpu ms':>8}")
    for name, query in queries:
        walls, cpus = [], []
        result = None
        for _ in range(args.repeat):
            t0, c0 = time.perf_counter(), time.process_time()
            result = index.search(query)
            walls.append(1000 * (time.perf_counter() - t0))
            cpus.append(1000 * (time.process_time() - c0))
        assert result is not None
        more = "" if result.complete else "+"
        print(f"{name:34} {len(result.hits):>5}{more:1} {result.rows_checked:>10,} "
              f"{statistics.median(walls):>10.1f} {statistics.median(cpus):>8.1f}")

    # What a save costs: one page re-indexed (its old rows deleted, new ones inserted, committed).
    doc_id, cur, text = next(pages(1, args.segments, seed=99))
    doc_id = "000/000000"
    walls = []
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        index.put(doc_id, cur, text)  # type: ignore[arg-type]
        walls.append(1000 * (time.perf_counter() - t0))
    print(f"re-index one page (a save): median {statistics.median(walls):.1f} ms")
    index.close()
    if tmp is not None:
        tmp.cleanup()
    return 0
