"""``curator bench dups``: quality (planted near duplicates per edit rate) and speed/memory at scale.

Synthetic corpus: pages of pseudo-English (a Zipf-weighted vocabulary of made-up
words, sentences of 8-25 words, passages of 1-5 sentences) with three sidebar
passages repeated on every page. Near duplicates are planted by copying a
passage (>= 10 words) into 1-3 other pages and editing each copy: every word is
edited with probability = the edit rate (35 % typo, 25 % dropped, 25 % replaced
by another word or number, 15 % a word inserted) and, for rates > 0, half of
the copies also get a sentence added at the end. Quality is pairwise over
passages: a planted pair is found when both copies land in one group; a
reported pair is right when both were planted together (sidebars excluded).
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

SIDEBARS = ("Go back", "Back to the section", "Back to the all news")
_SYLLABLES = [c + v for c in "bcdfghklmnprstvz" for v in ("a", "e", "i", "o", "u", "ai", "ou")]


@dataclass
class Synthetic:
    texts: dict[str, str]
    clusters: list[list[tuple[str, int]]]  # planted clusters of (document, passage start)
    words: int


class Generator:
    def __init__(self, seed: int, vocab: int = 20_000) -> None:
        self.rng = random.Random(seed)
        words = set()
        while len(words) < vocab:
            words.add("".join(self.rng.choices(_SYLLABLES, k=self.rng.choice((1, 2, 2, 3, 3, 4)))))
        self.vocab = sorted(words)
        self.cum = list(itertools.accumulate(1.0 / (r + 1) for r in range(vocab)))

    def word(self) -> str:
        if self.rng.random() < 0.02:
            return str(self.rng.randint(1, 2030))
        return self.rng.choices(self.vocab, cum_weights=self.cum)[0]

    def sentence(self) -> str:
        n = self.rng.randint(8, 25)
        ws = self.rng.choices(self.vocab, cum_weights=self.cum, k=n)
        ws = [str(self.rng.randint(1, 2030)) if self.rng.random() < 0.02 else w for w in ws]
        return ws[0].capitalize() + " " + " ".join(ws[1:]) + "."

    def passage(self) -> str:
        return " ".join(self.sentence() for _ in range(self.rng.randint(1, 5)))

    def edit(self, passage: str, rate: float) -> str:
        rng = self.rng
        out: list[str] = []
        for w in passage.split(" "):
            if rng.random() >= rate:
                out.append(w)
                continue
            op = rng.random()
            if op < 0.35 and len(w) > 1:  # typo: one letter changed
                i = rng.randrange(len(w))
                out.append(w[:i] + rng.choice("abcdefghijklmnopqrstuvwxyz") + w[i + 1 :])
            elif op < 0.60:  # dropped
                continue
            elif op < 0.85:  # replaced (a number by another number)
                core = w.rstrip(".")
                new = str(rng.randint(1, 2030)) if core.isdigit() else self.word()
                out.append(new + w[len(core) :])
            else:  # inserted
                out.extend((w, self.word()))
        text = " ".join(out) or passage
        if rate > 0 and rng.random() < 0.5:
            text += " " + self.sentence()
        return text


def synthetic_corpus(n_docs: int, *, rate: float, planted: int, seed: int = 1) -> Synthetic:
    """``n_docs`` pages with ``planted`` near-duplicate clusters edited at ``rate``."""
    gen = Generator(seed)
    rng = gen.rng
    # Each entry is [text, cluster number or -1]; positions are read after all insertions.
    pages: list[list[list]] = [
        [[gen.passage(), -1] for _ in range(rng.randint(8, 20))] for _ in range(n_docs)
    ]
    sources = [(d, i) for d, page in enumerate(pages) for i, e in enumerate(page) if len(e[0].split()) >= 10]
    inserts = []
    for c, (src, idx) in enumerate(rng.sample(sources, k=min(planted, len(sources)))):
        pages[src][idx][1] = c
        for dst in rng.sample(range(n_docs), k=min(n_docs, rng.randint(1, 3))):
            if dst != src:
                inserts.append((dst, [gen.edit(pages[src][idx][0], rate), c]))
    for dst, entry in inserts:
        pages[dst].insert(rng.randint(0, len(pages[dst])), entry)
    texts: dict[str, str] = {}
    members: dict[int, list[tuple[str, int]]] = {}
    words = 0
    for n, page in enumerate(pages):
        doc = f"doc{n:06d}"
        parts = [*page, *([t, -1] for t in SIDEBARS)]
        pos = 0
        for text, c in parts:
            if c >= 0:
                members.setdefault(c, []).append((doc, pos))
            pos += len(text) + 2
            words += len(text.split())
        texts[doc] = "\n\n".join(t for t, _ in parts)
    clusters = [cl for cl in members.values() if len(cl) > 1]
    return Synthetic(texts, clusters, words)


def _pairs(clusters: list[list[tuple[str, int]]]) -> set[tuple]:
    out = set()
    for cl in clusters:
        for a, b in itertools.combinations(sorted(set(cl)), 2):
            out.add((a, b))
    return out


def quality(rate: float, *, n_docs: int, planted: int, threshold: float, k: int, seed: int) -> dict[str, float]:
    from curator.core.dups import Params, find_in_texts

    syn = synthetic_corpus(n_docs, rate=rate, planted=planted, seed=seed)
    groups = find_in_texts(syn.texts, Params(threshold=threshold, k=k))
    found = []
    for g in groups:
        keys = [(m.document, m.passage[0]) for m in g.members
                if syn.texts[m.document][m.passage[0] : m.passage[1]] not in SIDEBARS]
        found.append(keys)
    truth, got = _pairs(syn.clusters), _pairs(found)
    tp = len(truth & got)
    return {
        "rate": rate,
        "recall": tp / len(truth) if truth else 1.0,
        "precision": tp / len(got) if got else 1.0,
        "planted_pairs": len(truth),
        "reported_pairs": len(got),
    }


def _one(n_docs: int, seed: int, incremental: bool) -> dict[str, object]:
    """Run one size in this (fresh) process and return figures; peak RSS is the whole process."""
    from curator.core.dups import Params
    from curator.core.dups.api import gc_paused, text_features
    from curator.core.dups.detect import find_groups

    syn = synthetic_corpus(n_docs, rate=0.1, planted=max(1, n_docs // 20), seed=seed)
    rss_corpus = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    params = Params()
    t0 = time.perf_counter()
    with gc_paused():  # as find_in_texts and find_in_corpus do
        feats = [text_features(d, t, params) for d, t in syn.texts.items()]
        t1 = time.perf_counter()
        groups, links = find_groups(feats, syn.texts.__getitem__, params)
        t2 = time.perf_counter()
    rss_peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    fig: dict[str, object] = {
        "docs": n_docs,
        "words": syn.words,
        "features_s": round(t1 - t0, 2),
        "groups_s": round(t2 - t1, 2),
        "total_s": round(t2 - t0, 2),
        "groups": len(groups),
        "near_links": len(links),
        "peak_rss_mb": round(rss_peak / 1024, 1),
        "corpus_rss_mb": round(rss_corpus / 1024, 1),
    }
    if incremental:
        fig.update(_incremental(syn, params))
    return fig


def _incremental(syn: Synthetic, params) -> dict[str, object]:
    from curator.core.dups.index import find_in_corpus, index_path
    from curator.core.store import Corpus

    root = Path(tempfile.mkdtemp(prefix="dups-bench-"))
    try:
        ids = list(syn.texts)
        extra = ids[-max(1, len(ids) // 100) :]
        for d in ids:
            if d not in extra:
                (root / f"{d}.txt").write_text(syn.texts[d], encoding="utf-8")
        t0 = time.perf_counter()
        full = find_in_corpus(Corpus(root), params)
        t1 = time.perf_counter()
        for d in extra:
            (root / f"{d}.txt").write_text(syn.texts[d], encoding="utf-8")
        t2 = time.perf_counter()
        inc = find_in_corpus(Corpus(root), params)
        t3 = time.perf_counter()
        assert not inc.stats.rebuilt and inc.stats.computed == len(extra)
        return {
            "index_full_s": round(t1 - t0, 2),
            "index_add_1pct_s": round(t3 - t2, 2),
            "index_mb": round(index_path(Corpus(root)).stat().st_size / 2**20, 1),
            "index_groups_full": len(full.groups),
        }
    finally:
        shutil.rmtree(root, ignore_errors=True)


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(prog="curator bench dups", description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="1000,10000", help="corpus sizes for time and memory (default 1000,10000)")
    ap.add_argument("--rates", default="0,0.05,0.10,0.15,0.20", help="edit rates for quality")
    ap.add_argument("--quality-docs", type=int, default=400, help="pages per quality corpus")
    ap.add_argument("--planted", type=int, default=300, help="planted clusters per quality corpus")
    ap.add_argument("--threshold", type=float, default=0.8)
    ap.add_argument("--k", type=int, default=3, help="words per shingle")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--skip-quality", action="store_true")
    ap.add_argument("--skip-speed", action="store_true")
    ap.add_argument("--incremental", action="store_true", help="also time adding 1 %% of documents to an index")
    ap.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)

    if args.one is not None:
        print(json.dumps(_one(args.one, args.seed, args.incremental)))
        return 0

    if not args.skip_quality:
        print(f"quality: {args.quality_docs} pages, {args.planted} planted clusters, threshold {args.threshold}, "
              f"k={args.k}")
        print(f"{'edit rate':>9} {'recall':>7} {'precision':>9} {'planted':>8} {'reported':>8}")
        for rate in (float(r) for r in args.rates.split(",")):
            q = quality(rate, n_docs=args.quality_docs, planted=args.planted, threshold=args.threshold,
                        k=args.k, seed=args.seed)
            print(f"{q['rate']:>9.2f} {q['recall']:>7.3f} {q['precision']:>9.3f} "
                  f"{q['planted_pairs']:>8} {q['reported_pairs']:>8}")
    if not args.skip_speed:
        print(f"speed (each size in a fresh process; {os.cpu_count()} CPUs):")
        for size in (int(s) for s in args.sizes.split(",")):
            cmd = [sys.executable, "-m", "curator.bench.dups", "--one", str(size), "--seed", str(args.seed)]
            if args.incremental:
                cmd.append("--incremental")
            res = subprocess.run(cmd, capture_output=True, text=True, check=False)
            if res.returncode != 0:
                print(f"  {size} documents: failed\n{res.stderr}")
                return 1
            fig = json.loads(res.stdout.strip().splitlines()[-1])
            line = (f"  {fig['docs']:>7} docs {fig['words']:>10} words: features {fig['features_s']:>6.2f} s, "
                    f"groups {fig['groups_s']:>6.2f} s, total {fig['total_s']:>6.2f} s, "
                    f"peak RSS {fig['peak_rss_mb']:>7.1f} MB (corpus alone {fig['corpus_rss_mb']:.1f} MB), "
                    f"{fig['groups']} groups")
            if args.incremental:
                line += (f"; index: full {fig['index_full_s']} s, add 1 % {fig['index_add_1pct_s']} s, "
                         f"{fig['index_mb']} MB")
            print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
