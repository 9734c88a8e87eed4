"""``curator bench scale``: every batch command on corpora of 1k-100k pages and on single pages of 10 kB-10 MB.

Corpora are in the site's layout (``curator.bench._site``: repeated sidebars, titles shown
as teasers elsewhere, near copies) and cached under ``--work``. Each command runs as
``python3 -m curator ...`` in a child process of its own, so its CPU time (user + system,
the child and the processes it waited for) and its peak RSS are its own. A watchdog samples
the RSS of the child's whole process tree and stops a command that goes above ``--max-rss``.

Per corpus: ``parse --out CORPUS/curated`` (duplicate proposals and writing included), one
percent of the parses marked ``curated`` (the review's gold), ``dups``, ``export --include
all``, ``review``. Figures: CPU s, wall s, MB/s per CPU second (source UTF-8 bytes), CPU ms
per document, peak RSS of the biggest process and of the process tree; then the growth ratios
the targets are stated in.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

COMMANDS = ("parse", "dups", "export", "review")
# "parser": the parser alone (parse_text over every page in one process, no context, no duplicates,
# nothing written), the floor under ``parse``.
REFERENCE = "parser"


@dataclass
class Run:
    corpus: str
    docs: int
    mb: float
    command: str
    cpu: float
    wall: float
    peak_mb: float  # biggest single process (ru_maxrss of the children: a worker when one is biggest)
    tree_mb: float  # sampled sum over the process tree
    main_mb: float  # the command's own process (sampled): the client of a Dask run
    rc: int
    note: str = ""

    @property
    def mb_per_cpu_s(self) -> float:
        return self.mb / self.cpu if self.cpu else float("inf")

    @property
    def cpu_ms_per_doc(self) -> float:
        return 1000 * self.cpu / self.docs if self.docs else 0.0


def _tree_rss(pid: int) -> tuple[int, int]:
    """RSS of the command's own process and the sum over its process tree, in bytes (0, 0 without psutil)."""
    try:
        import psutil
    except ImportError:  # the tree figure needs psutil (installed with the dask extra)
        return 0, 0
    try:
        proc = psutil.Process(pid)
        procs = [proc, *proc.children(recursive=True)]
    except psutil.Error:
        return 0, 0
    own = total = 0
    for p in procs:
        try:
            rss = p.memory_info().rss
        except psutil.Error:
            continue
        total += rss
        if p.pid == pid:
            own = rss
    return own, total


def run_command(argv: list[str], *, cwd: Path, max_rss: int,
                stdout: Path) -> tuple[float, float, float, float, float, int, str]:
    """Run ``argv``; return CPU s, wall s, peak RSS MB (biggest process), the command's own process's
    peak RSS MB (sampled), tree RSS MB (sampled), exit code, note."""
    env = dict(os.environ)
    env["PYTHONPATH"] = str(cwd) + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    with stdout.open("wb") as out, (stdout.with_suffix(".err")).open("wb") as err:
        t0 = time.perf_counter()
        proc = subprocess.Popen(argv, cwd=cwd, stdout=out, stderr=err, env=env)
        peak_tree = peak_own = 0
        killed = ""
        stop = threading.Event()

        def watch() -> None:
            nonlocal peak_tree, peak_own, killed
            while not stop.wait(0.5):
                own, rss = _tree_rss(proc.pid)
                peak_tree = max(peak_tree, rss)
                peak_own = max(peak_own, own)
                if rss > max_rss and not killed:
                    killed = f"stopped above {max_rss / 2**30:.1f} GB"
                    proc.kill()

        watcher = threading.Thread(target=watch, daemon=True)
        watcher.start()
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - t0
        stop.set()
        watcher.join()
        proc.returncode = os.waitstatus_to_exitcode(status)
    cpu = usage.ru_utime + usage.ru_stime
    return cpu, wall, usage.ru_maxrss / 1024, peak_own / 2**20, peak_tree / 2**20, proc.returncode, killed


def _fresh(corpus: Path) -> None:
    for sub in ("curated", ".curator"):
        shutil.rmtree(corpus / sub, ignore_errors=True)


def _mark_gold(corpus: Path, share: float = 0.01) -> int:
    """Mark every 1/share-th parse as curated (the review needs gold); returns how many."""
    files = sorted((corpus / "curated").glob("*.json"))
    step = max(1, round(1 / share))
    marked = 0
    for path in files[::step]:
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace('"status": "auto"', '"status": "curated"', 1), encoding="utf-8")
        marked += 1
    return marked


def _source_mb(corpus: Path) -> tuple[int, float]:
    n, size = 0, 0
    for entry in os.scandir(corpus):
        if entry.name.endswith(".txt"):
            n += 1
            size += entry.stat().st_size
    return n, size / 1e6


def bench_corpus(name: str, corpus: Path, args: argparse.Namespace, out_dir: Path) -> list[Run]:
    docs, mb = _source_mb(corpus)
    _fresh(corpus)
    runs = []
    py = [sys.executable, "-m", "curator"]
    extra = []
    if args.jobs:
        extra += ["--jobs", str(args.jobs)]
    if args.engine != "local":
        extra += ["--engine", args.engine]
        if args.scheduler:
            extra += ["--scheduler", args.scheduler]
    export_out = out_dir / f"{name}.jsonl"
    commands = {
        "parse": [*py, "parse", str(corpus), "--out", str(corpus / "curated"), *extra],
        "dups": [*py, "dups", str(corpus), "--json", *extra],
        "export": [*py, "export", str(corpus), "--include", "all", "--format", "jsonl", "--out", str(export_out), *extra],
        "review": [*py, "review", str(corpus), *extra],
    }
    commands[REFERENCE] = [sys.executable, "-m", "curator.bench.scale", "--parser-alone", str(corpus)]
    for command in [*args.commands, *([REFERENCE] if args.reference else [])]:
        argv = commands[command]
        cpu, wall, peak, own, tree, rc, note = run_command(
            argv, cwd=args.code, max_rss=int(args.max_rss * 2**30), stdout=out_dir / f"{name}.{command}.out")
        run = Run(name, docs, mb, command, cpu, wall, peak, tree, own, rc, note)
        runs.append(run)
        _print_run(run)
        if command == "parse" and rc == 0:
            _mark_gold(corpus)
    return runs


def _print_header() -> None:
    print(f"{'corpus':<12} {'docs':>7} {'MB':>8} {'command':<7} {'CPU s':>8} {'wall s':>8} {'MB/CPU-s':>9} "
          f"{'CPU ms/doc':>10} {'peak RSS MB':>11} {'main RSS MB':>11} {'tree RSS MB':>11}  exit")


def _print_run(r: Run) -> None:
    print(f"{r.corpus:<12} {r.docs:>7} {r.mb:>8.1f} {r.command:<7} {r.cpu:>8.2f} {r.wall:>8.2f} "
          f"{r.mb_per_cpu_s:>9.2f} {r.cpu_ms_per_doc:>10.2f} {r.peak_mb:>11.0f} {r.main_mb:>11.0f} {r.tree_mb:>11.0f}  "
          f"{r.rc}{'  ' + r.note if r.note else ''}", flush=True)


def _ratios(runs: list[Run], sizes: list[int], pages: list[int]) -> None:
    by = {(r.corpus, r.command): r for r in runs}
    print("growth (targets: CPU per document at the largest corpus within 1.3x of the smallest; CPU per MB of "
          "the largest page within 1.3x of the 100 kB one, both net of the 10 kB page's run (start-up); "
          "peak RSS < 2 GB; parse >= 5 MB per CPU second):")
    for command in (*COMMANDS, REFERENCE):
        parts = []
        if len(sizes) > 1:
            lo, hi = by.get((f"docs-{sizes[0]}", command)), by.get((f"docs-{sizes[-1]}", command))
            if lo and hi and lo.cpu and hi.cpu:
                parts.append(f"CPU/doc {sizes[-1]} vs {sizes[0]}: {hi.cpu_ms_per_doc / lo.cpu_ms_per_doc:.2f}x")
        if pages:
            base = 100_000 if 100_000 in pages else pages[0]
            lo, hi = by.get((f"page-{base}", command)), by.get((f"page-{pages[-1]}", command))
            start = by.get((f"page-{pages[0]}", command))
            if lo and hi and lo.cpu and hi.cpu and hi is not lo:
                parts.append(f"CPU/MB {pages[-1]} vs {base} chars: {(hi.cpu / hi.mb) / (lo.cpu / lo.mb):.2f}x")
                if start is not None and start is not lo:
                    net_hi, net_lo = (hi.cpu - start.cpu) / hi.mb, (lo.cpu - start.cpu) / lo.mb
                    parts.append(f"net of start-up {net_hi:.2f} vs {net_lo:.2f} s/MB"
                                 + (f" ({net_hi / net_lo:.2f}x)" if net_lo > 0 else " (100 kB within start-up noise)"))
        peak = max((r.peak_mb for r in runs if r.command == command), default=0)
        parts.append(f"max peak RSS {peak:.0f} MB")
        print(f"  {command:<7} " + "; ".join(parts))


def _parser_alone(corpus: Path) -> int:
    from curator.core.parse import parse_text

    for entry in sorted(os.scandir(corpus), key=lambda e: e.name):
        if entry.name.endswith(".txt"):
            with open(entry.path, encoding="utf-8", newline="") as fh:
                parse_text(fh.read(), entry.name[:-4])
    return 0


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(prog="curator bench scale", description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="1000,10000", help="corpus sizes in pages (default 1000,10000; add 100000)")
    ap.add_argument("--pages", default="10000,100000,1000000,10000000",
                    help="single-page sizes in code points (default 10 kB to 10 MB; '' for none)")
    ap.add_argument("--commands", default=",".join(COMMANDS), help="which commands (default all four)")
    ap.add_argument("--jobs", type=int, default=0, help="pass --jobs N to every command (default: not passed)")
    ap.add_argument("--engine", default="local", choices=("local", "dask"), help="pass --engine (default local)")
    ap.add_argument("--scheduler", default=None, metavar="ADDRESS", help="with --engine dask: an existing scheduler")
    ap.add_argument("--work", type=Path, default=Path("/tmp/curator-bench-scale"),
                    help="where corpora are generated and cached (default /tmp/curator-bench-scale)")
    ap.add_argument("--seeds", type=Path, default=Path("seeds"), help="seed pages for the teasers and prose")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--code", type=Path, default=Path.cwd(),
                    help="the checkout whose curator the commands run (default: this folder)")
    ap.add_argument("--max-rss", type=float, default=6.0, metavar="GB", help="stop a command above this (default 6)")
    ap.add_argument("--json", type=Path, default=None, metavar="FILE", help="also write the figures as JSON")
    ap.add_argument("--no-reference", dest="reference", action="store_false",
                    help="skip the 'parser' row (the parser alone over the same pages)")
    ap.add_argument("--parser-alone", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.parser_alone is not None:
        return _parser_alone(args.parser_alone)
    args.commands = [c for c in args.commands.split(",") if c]
    unknown = set(args.commands) - set(COMMANDS)
    if unknown:
        ap.error(f"unknown command(s): {', '.join(sorted(unknown))}")
    args.code = args.code.resolve()
    from curator.bench._site import build_long_page, build_site

    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    pages = [int(s) for s in args.pages.split(",") if s.strip()]
    out_dir = args.work / "out"
    out_dir.mkdir(parents=True, exist_ok=True)
    print(f"curator from {args.code}; {os.cpu_count()} CPUs; engine {args.engine}"
          + (f", --jobs {args.jobs}" if args.jobs else "") + f"; corpora under {args.work}")
    _print_header()
    runs: list[Run] = []
    for n in sizes:
        t = time.perf_counter()
        corpus = build_site(args.work / f"site-{n}", n, seeds=args.seeds, seed=args.seed)
        if time.perf_counter() - t > 1:
            print(f"  (generated {n} pages in {time.perf_counter() - t:.0f} s)", flush=True)
        runs += bench_corpus(f"docs-{n}", corpus, args, out_dir)
    for chars in pages:
        corpus = build_long_page(args.work / f"page-{chars}", chars, seeds=args.seeds, seed=args.seed)
        runs += bench_corpus(f"page-{chars}", corpus, args, out_dir)
    _ratios(runs, sizes, pages)
    if args.json is not None:
        args.json.write_text(json.dumps([{**r.__dict__, "mb_per_cpu_s": r.mb_per_cpu_s,
                                          "cpu_ms_per_doc": r.cpu_ms_per_doc} for r in runs], indent=1))
    return 1 if any(r.rc not in (0, 1) for r in runs) else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
