"""``curator bench parse``: parser speed on a synthetic corpus recombined from the seeds.

Each synthetic page takes 0-6 sidebar items (teasers of the seeds, dated or not, some
sidebars joined by single newlines), a title (a seed title with words shuffled and
numbers changed), a dateline in one of the site's variants (title repeated + date, date
alone, date glued to the lead, ``Download document``), 3-40 body paragraphs drawn from
all seeds (sentences shuffled, numbers changed), an optional Russian press contact and the
footer; a fifth of the pages use CRLF. Figures: MB/s (UTF-8 bytes) and docs/s for one
process at 1x/2x/4x corpus size (linearity), for ``--jobs N`` processes, for building the
corpus context, and what date and name matching cost on the same text; then the cost per page
(median ms, MB/s, and the fixed part of a page's cost against its per-kB part) on these pages,
on pages of the site's layout as ``curator bench scale`` generates them, and on the pages of any
``--corpus DIR`` (real pages: short excerpts, where the fixed cost dominates).
"""

from __future__ import annotations

import argparse
import os
import random
import re
import statistics
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from curator.bench import SEEDS

_NUM = re.compile(r"\d+")
_SENT = re.compile(r"(?<=[.!?])\s+")


def _pools(seeds: Path) -> dict[str, list[str]]:
    """Teasers, titles, body paragraphs and footers of the seed pages, found by the parser itself."""
    from curator.core.parse import build_context, parse_text

    texts = [p.read_text(encoding="utf-8") for p in sorted(seeds.glob("*.txt"))]
    if not texts:
        raise FileNotFoundError(f"{seeds}: no .txt seed pages to build the synthetic corpus from")
    ctx = build_context(texts)
    pools: dict[str, list[str]] = {"teaser": [], "title": [], "body": [], "footer": []}
    for text in texts:
        cur = parse_text(text, context=ctx)
        for seg in cur.segments:
            if seg.label == "teaser" and not re.fullmatch(r"[\d.]+", seg.text):
                pools["teaser"].append(seg.text)
            elif seg.label == "title":
                pools["title"].append(seg.text)
            elif seg.article and seg.label not in ("title", "dateline"):
                pools["body"].append(seg.text)
    return {key: sorted(set(items)) for key, items in pools.items()}


class PageMaker:
    def __init__(self, pools: dict[str, list[str]], seed: int) -> None:
        self.pools = pools
        self.rng = random.Random(seed)

    def _numbers(self, s: str) -> str:
        return _NUM.sub(lambda m: str(self.rng.randint(1, 30)) if len(m.group()) < 4 else m.group(), s)

    def _paragraph(self) -> str:
        p = self.rng.choice(self.pools["body"])
        sentences = _SENT.split(p)
        if len(sentences) > 2 and self.rng.random() < 0.5:
            self.rng.shuffle(sentences)
            sentences = sentences[: self.rng.randint(1, len(sentences))]
        return self._numbers(" ".join(sentences))

    def _title(self) -> str:
        words = self.rng.choice(self.pools["title"]).split()
        i, j = self.rng.randrange(len(words)), self.rng.randrange(len(words))
        words[i], words[j] = words[j], words[i]
        return self._numbers(" ".join(words))

    def _date(self) -> str:
        return f"{self.rng.randint(1, 28):02d}.{self.rng.randint(1, 12):02d}.{self.rng.randint(2015, 2025)}"

    def page(self) -> str:
        rng = self.rng
        sidebar = []
        for _ in range(rng.randint(0, 6)):
            item = self._numbers(rng.choice(self.pools["teaser"]))
            sidebar.append(f"{self._date()}\n\n{item}" if rng.random() < 0.4 else item)
        sep = "\n" if rng.random() < 0.2 else "\n\n\n"
        title = self._title()
        body = [self._paragraph() for _ in range(rng.randint(3, 40))]
        variant = rng.random()
        if variant < 0.6:
            head = f"{title}\n\n{title} {self._date()}\n\n{body[0]}"
        elif variant < 0.75:
            head = f"{title}\n\n{self._date()}\n\n{body[0]}"
        elif variant < 0.9:
            head = f"{title}\n\n{title} {self._date()}{body[0]}"
        else:
            head = f"{title}\n\n{self._date()} Download document\n\n{body[0]}"
        parts = [sep.join(sidebar), head, "\n\n".join(body[1:])]
        if rng.random() < 0.2:
            parts.append("Пресс-секретарь ОДКБ Владимир Зайнетдинов\n\nЭл.почта: odkb-pressa@gov.ru")
        parts.append("Go back\n\nBack to the section\n\nBack to the all news")
        text = "\n\n".join(p for p in parts if p)
        return text.replace("\n", "\r\n") if rng.random() < 0.2 else text


def make_corpus(n: int, *, seeds: Path, seed: int = 7) -> list[str]:
    """``n`` synthetic pages (deterministic for a given seed)."""
    maker = PageMaker(_pools(seeds), seed)
    return [maker.page() for _ in range(n)]


def _parse_chunk(texts: list[str]) -> int:
    from curator.core.parse import parse_text

    for i, text in enumerate(texts):
        parse_text(text, f"d{i}")
    return len(texts)


def _parse_all(texts: list[str], context: object = None) -> None:
    from curator.core.parse import parse_text

    for i, text in enumerate(texts):
        parse_text(text, f"d{i}", context)  # type: ignore[arg-type]


def _times(run: object, repeat: int) -> list[float]:
    """CPU seconds of each of ``repeat`` runs: other processes on a shared machine slow the
    wall clock, not the work done (a virtual machine's CPU time still varies run to run)."""
    times = []
    for _ in range(max(1, repeat)):
        t = time.process_time()
        run()  # type: ignore[operator]
        times.append(time.process_time() - t)
    return times


def _best(run: object, repeat: int) -> float:
    """CPU seconds of the fastest of ``repeat`` runs."""
    return min(_times(run, repeat))


def _spread(texts: list[str], times: list[float]) -> str:
    """The best run's figures, then the median run's MB/s."""
    mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    return f"{_rate(texts, min(times))}  (median {mb / statistics.median(times):6.2f} MB/s)"


def _rate(texts: list[str], seconds: float) -> str:
    mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    return f"{mb:8.2f} MB {seconds:7.2f} s {mb / seconds:7.2f} MB/s {len(texts) / seconds:8.0f} docs/s"


def _per_page(corpora: list[tuple[str, list[str]]], repeat: int) -> None:
    """Per-page cost on pages of each kind, alone and with the corpus context (as ``curator parse``
    runs it): median CPU ms a page and MB/s, and a least-squares fit of every page's own median
    time over its size, ``ms = fixed + per_kb * kB``: what a page costs whatever its size (the
    stages run once a page, building the Curation) against what its text costs."""
    from curator.core.parse import build_context, parse_text

    print(f"per page (CPU, median of {max(1, repeat)} runs; fit over each page's median time: ms = fixed + per kB):")
    for name, texts in corpora:
        mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6
        for label, ctx in (("alone", None), ("context", build_context(texts))):
            each: list[list[float]] = [[] for _ in texts]
            for _ in range(max(1, repeat)):
                for i, text in enumerate(texts):
                    t = time.process_time()
                    parse_text(text, f"d{i}", ctx)
                    each[i].append(time.process_time() - t)
            ms = [statistics.median(x) * 1000 for x in each]
            kb = [len(t.encode("utf-8")) / 1000 for t in texts]
            fixed, per_kb = _fit(kb, ms)
            total = sum(ms) / 1000
            print(f"  {name[:40]:40s} {label:7s} {len(texts):5d} pages mean {1000 * mb / len(texts):5.1f} kB "
                  f"{statistics.median(ms):6.3f} ms/page {mb / total:6.2f} MB/s  fixed {fixed:5.3f} ms "
                  f"+ {per_kb:5.3f} ms/kB")


def _fit(x: list[float], y: list[float]) -> tuple[float, float]:
    """Intercept and slope of the least-squares line through the points."""
    mx, my = statistics.fmean(x), statistics.fmean(y)
    var = sum((a - mx) ** 2 for a in x)
    slope = sum((a - mx) * (b - my) for a, b in zip(x, y)) / var if var else 0.0
    return my - slope * mx, slope


def main(argv: list[str]) -> int:
    """Print the figures; exit 0."""
    ap = argparse.ArgumentParser(prog="curator bench parse", description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=1000, help="pages at size 1x (default 1000)")
    ap.add_argument("--sizes", default="1,2,4", help="corpus sizes as multiples of --docs (default 1,2,4)")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="processes for the parallel run")
    ap.add_argument("--seeds", type=Path, default=SEEDS, help="seed pages to recombine (default: the checkout's seeds/)")
    ap.add_argument("--seed", type=int, default=7, help="random seed")
    ap.add_argument("--repeat", type=int, default=5, help="runs per measurement; the fastest counts, the median is shown")
    ap.add_argument("--site-docs", type=int, default=300,
                    help="pages of the site's layout (`curator bench scale`'s generator) to time as well (0: none)")
    ap.add_argument("--corpus", type=Path, action="append", default=[], metavar="DIR",
                    help="also time the .txt pages of DIR, e.g. a copy of real pages (repeatable)")
    args = ap.parse_args(argv)
    for folder in args.corpus:
        if not folder.is_dir() or not any(folder.glob("*.txt")):
            raise FileNotFoundError(f"{folder}: no .txt pages to time")

    from curator.core.parse import PARSER_VERSION, build_context, parse_text
    from curator.core.parse.dates import NUMERIC_DATE, prose_dates
    from curator.core.parse.people import People, default_registry
    from curator.core.parse.rules import load_rules
    from curator.core.parse.units import split_units

    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    biggest = make_corpus(args.docs * max(sizes), seeds=args.seeds, seed=args.seed)
    print(f"parser {PARSER_VERSION}; synthetic corpus from {args.seeds}: {len(biggest)} pages, "
          f"mean {sum(map(len, biggest)) / len(biggest):.0f} code points; cpu_count={os.cpu_count()}")
    parse_text(biggest[0])  # load resources before timing

    for label, with_context in (("no context", False), ("with corpus context (build_context over the same pages)", True)):
        print(f"one process, parse_text, {label}; best of {args.repeat} runs, CPU seconds:")
        per_mb = []
        for k in sizes:
            texts = biggest[: args.docs * k]
            ctx = build_context(texts) if with_context else None
            times = _times(lambda texts=texts, ctx=ctx: _parse_all(texts, ctx), args.repeat)
            per_mb.append(min(times) / (sum(len(x.encode()) for x in texts) / 1e6))
            print(f"  {k}x {len(texts):6d} docs {_spread(texts, times)}")
        print(f"  seconds per MB across sizes: {', '.join(f'{x:.3f}' for x in per_mb)} "
              f"(max/min {max(per_mb) / min(per_mb):.2f}; 1.00 = linear)")

    texts = biggest[: args.docs * sizes[0]]
    print(f"build_context over {len(texts)} docs: {_spread(texts, _times(lambda: build_context(texts), args.repeat))}")

    if args.jobs > 1:
        texts = biggest
        chunks = [texts[i : i + 50] for i in range(0, len(texts), 50)]
        with ProcessPoolExecutor(args.jobs) as pool:
            list(pool.map(_parse_chunk, chunks[: args.jobs]))  # warm the workers up
            t = time.perf_counter()
            done = sum(pool.map(_parse_chunk, chunks))
            dt = time.perf_counter() - t
        assert done == len(texts)
        print(f"--jobs {args.jobs} ({len(texts)} docs, wall clock): {_rate(texts, dt)}")

    site_like: list[tuple[str, list[str]]] = [("bench (recombined seeds)", biggest[: args.docs * sizes[0]])]
    if args.site_docs > 0:
        from curator.bench._site import SiteMaker

        maker = SiteMaker(args.seeds, args.seed)
        site_like.append(("generated site layout (bench scale)", [maker.page() for _ in range(args.site_docs)]))
    for folder in args.corpus:
        site_like.append((str(folder), [p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))]))
    _per_page(site_like, args.repeat)

    texts = biggest[: args.docs * sizes[0]]
    units = [u.text for text in texts for u in split_units(text)]

    def dates() -> None:
        for s in units:
            NUMERIC_DATE.search(s)
            prose_dates(s, reference=None, limit=4)

    people = People(default_registry(), load_rules())

    def names() -> None:
        for s in units:
            people.mentions(s)

    dt_dates = _best(dates, args.repeat)
    dt_names = _best(names, args.repeat)
    dt_parse = _best(lambda: _parse_all(texts), args.repeat)
    print("matching cost on every unit of the 1x corpus (the parser runs these on parts only):")
    print(f"  dates (DD.MM.YYYY + prose regexes): {_rate(texts, dt_dates)}  = {dt_dates / dt_parse:5.1%} of a parse")
    print(f"  names (registry, near-miss, new):   {_rate(texts, dt_names)}  = {dt_names / dt_parse:5.1%} of a parse")
    return 0
