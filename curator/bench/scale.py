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

Ratios in one run, on a shared and noisy machine: ``--jobs 1,2`` runs every command with each
``--jobs`` value and ``--code A,B`` with each checkout, alternated (every combination once per
round, ``--rounds`` times, each on a fresh corpus state), and prints per round and as medians the
wall-time ratio of ``--jobs 1`` to each other value and the CPU ratio of each checkout to the
first. The corpora are the same pages every time (generated from ``--seeds`` and ``--seed``).

Outputs: every run of the commands writes ``CORPUS/curated`` and ``CORPUS/.curator`` into a fresh
folder of its own under ``WORK/runs/`` (the two names are symlinks to it), and all those folders are
deleted together after the series. So no measured run pays for deleting the run before it: on ext4
without a journal, every file created within 60-360 s of 10k deletions in its folder's inode group
scans past them (0.2-4.5 system CPU-s a run, under the folder's lock: docs/scale.md, round 18).
Per run, besides the whole command's CPU (the command and every process it waited for), the CPU of
its main process alone: with ``--jobs N`` the serial part and the work the main process shares.
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
    code: str = ""  # the checkout's label (with several --code)
    jobs: int = 0  # the --jobs value passed (0: none)
    round: int = 1
    main_cpu: float = 0.0  # the command's own process alone (user + system; the rest is its children's)

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


def _own_cpu(pid: int) -> float:
    """User + system CPU s of process ``pid`` alone, children excluded (0 when /proc cannot tell).
    Read while it is a zombie, before it is reaped, so the figures are final."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as fh:
            stat = fh.read()
    except OSError:
        return 0.0
    fields = stat[stat.rindex(b")") + 2:].split()  # fields 3.. of proc(5): utime is the 14th, stime the 15th
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def run_command(argv: list[str], *, cwd: Path, max_rss: int,
                stdout: Path) -> tuple[float, float, float, float, float, int, str, float]:
    """Run ``argv``; return CPU s, wall s, peak RSS MB (biggest process), the command's own process's
    peak RSS MB (sampled), tree RSS MB (sampled), exit code, note, and the CPU s of the command's own
    process alone."""
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
        main_cpu = 0.0
        if hasattr(os, "waitid"):  # wait for the exit without reaping: its own CPU is still in /proc
            os.waitid(os.P_PID, proc.pid, os.WEXITED | os.WNOWAIT)
            main_cpu = _own_cpu(proc.pid)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - t0
        stop.set()
        watcher.join()
        proc.returncode = os.waitstatus_to_exitcode(status)
    cpu = usage.ru_utime + usage.ru_stime
    return (cpu, wall, usage.ru_maxrss / 1024, peak_own / 2**20, peak_tree / 2**20, proc.returncode, killed,
            min(main_cpu, cpu))


OUTPUTS = ("curated", ".curator")  # what the commands write inside a corpus
OUTPUTS_NOTE = ("outputs: each run writes CORPUS/curated and CORPUS/.curator into a fresh folder under {runs} "
                "(symlinked), all deleted after the series, so no run measures the deletion of the one before")


class RunFolders:
    """A fresh output folder for every run, deleted all together after the series (``cleanup``).

    ``fresh(corpus, key)`` points ``corpus/curated`` and ``corpus/.curator`` at two new empty folders
    under ``root/key``; whatever stood there before (the previous run's symlinks, or real folders of an
    older bench) is unlinked or moved aside into ``root``, never deleted while the series runs.
    Folders left in ``root`` by a series that was killed are moved aside too, and deleted at the end.
    """

    def __init__(self, root: Path) -> None:
        self.root = root
        self.trash = root / f"old-{os.getpid()}"
        self._moved = 0
        if root.exists():
            left = [e for e in root.iterdir() if e != self.trash]
            if left:
                self.trash.mkdir(parents=True, exist_ok=True)
                for entry in left:
                    self._aside(entry)
        root.mkdir(parents=True, exist_ok=True)

    def _aside(self, path: Path) -> None:
        self.trash.mkdir(parents=True, exist_ok=True)
        self._moved += 1
        path.rename(self.trash / f"{self._moved}-{path.name.lstrip('.')}")

    def fresh(self, corpus: Path, key: str) -> Path:
        run = self.root / key
        n = 1
        while run.exists():
            n += 1
            run = self.root / f"{key}.{n}"
        for sub in OUTPUTS:
            (run / sub).mkdir(parents=True)
            link = corpus / sub
            if link.is_symlink():
                link.unlink()
            elif link.exists():
                self._aside(link)
            link.symlink_to(run / sub, target_is_directory=True)
        return run

    def cleanup(self, corpora: list[Path]) -> tuple[int, float]:
        """Delete every run's outputs (and the corpora's symlinks to them); return how many folders and s."""
        t = time.perf_counter()
        for corpus in corpora:
            for sub in OUTPUTS:
                if (corpus / sub).is_symlink():
                    (corpus / sub).unlink()
        n = sum(1 for e in self.root.iterdir() if e != self.trash) if self.root.exists() else 0
        shutil.rmtree(self.root, ignore_errors=True)
        return n, time.perf_counter() - t


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


@dataclass(frozen=True)
class Setting:
    """One checkout and one ``--jobs`` value: what a run of every command is made with."""

    code: Path
    label: str
    jobs: int  # 0: --jobs not passed


def settings(codes: list[Path], jobs: list[int]) -> list[Setting]:
    """Every checkout with every --jobs value, in the order one round runs them (jobs outer, code inner,
    so two checkouts are compared back to back); labels are the folder names, numbered when equal."""
    names = [c.name or str(c) for c in codes]
    labels = [n if names.count(n) == 1 else f"{n}#{i + 1}" for i, n in enumerate(names)]
    return [Setting(code, label, j) for j in jobs for code, label in zip(codes, labels)]


def bench_corpus(name: str, corpus: Path, args: argparse.Namespace, out_dir: Path,
                 setting: Setting, round_no: int = 1, folders: RunFolders | None = None) -> list[Run]:
    """Run the commands on ``corpus`` (from a fresh state: no curated files, no index) with ``setting``,
    their outputs in a fresh folder of ``folders``."""
    docs, mb = _source_mb(corpus)
    if folders is None:
        folders = RunFolders(out_dir.parent / "runs")
    folders.fresh(corpus, f"{name}.r{round_no}.{setting.label}.j{setting.jobs}")
    runs = []
    py = [sys.executable, "-m", "curator"]
    extra = []
    if setting.jobs:
        extra += ["--jobs", str(setting.jobs)]
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
    # the parser alone does not take --jobs: once per checkout and round
    reference = args.reference and setting.jobs == (args.jobs[0] if args.jobs else 0)
    for command in [*args.commands, *([REFERENCE] if reference else [])]:
        argv = commands[command]
        cpu, wall, peak, own, tree, rc, note, main_cpu = run_command(
            argv, cwd=setting.code, max_rss=int(args.max_rss * 2**30), stdout=out_dir / f"{name}.{command}.out")
        run = Run(name, docs, mb, command, cpu, wall, peak, tree, own, rc, note,
                  code=setting.label, jobs=setting.jobs, round=round_no, main_cpu=main_cpu)
        runs.append(run)
        _print_run(run, args.several)
        if command == "parse" and rc == 0:
            _mark_gold(corpus)
    return runs


def _print_header(several: bool = False) -> None:
    lead = f"{'round':>5} {'code':<14} {'jobs':>4} " if several else ""
    print(f"{lead}{'corpus':<12} {'docs':>7} {'MB':>8} {'command':<7} {'CPU s':>8} {'main CPU':>8} {'wall s':>8} "
          f"{'MB/CPU-s':>9} "
          f"{'CPU ms/doc':>10} {'peak RSS MB':>11} {'main RSS MB':>11} {'tree RSS MB':>11}  exit")


def _print_run(r: Run, several: bool = False) -> None:
    lead = f"{r.round:>5} {r.code[:14]:<14} {r.jobs or '-':>4} " if several else ""
    print(f"{lead}{r.corpus:<12} {r.docs:>7} {r.mb:>8.1f} {r.command:<7} {r.cpu:>8.2f} {r.main_cpu:>8.2f} {r.wall:>8.2f} "
          f"{r.mb_per_cpu_s:>9.2f} {r.cpu_ms_per_doc:>10.2f} {r.peak_mb:>11.0f} {r.main_mb:>11.0f} {r.tree_mb:>11.0f}  "
          f"{r.rc}{'  ' + r.note if r.note else ''}", flush=True)


def _median(values: list[float]) -> float:
    ordered = sorted(values)
    mid = len(ordered) // 2
    return ordered[mid] if len(ordered) % 2 else (ordered[mid - 1] + ordered[mid]) / 2


def _fmt(values: list[float]) -> str:
    return ", ".join(f"{v:.2f}" for v in values)


def comparisons(runs: list[Run]) -> list[str]:
    """The ratios of one alternated run: wall of the first --jobs value over each other's (per checkout),
    and CPU and wall of each checkout over the first (per --jobs value); per round, then the median.
    Only runs that exited 0 or 1 count; a ratio needs both runs of its round."""
    ok = [r for r in runs if r.rc in (0, 1)]
    by = {(r.corpus, r.command, r.code, r.jobs, r.round): r for r in ok}
    keys = sorted({(r.corpus, r.command) for r in ok}, key=lambda k: (k[0], COMMANDS.index(k[1])
                                                                    if k[1] in COMMANDS else 99))
    codes = list(dict.fromkeys(r.code for r in runs))
    jobs = list(dict.fromkeys(r.jobs for r in runs))
    rounds = sorted({r.round for r in runs})
    lines = []
    for corpus, command in keys:
        for code in codes:
            for j in jobs[1:]:
                pairs = [(by.get((corpus, command, code, jobs[0], n)), by.get((corpus, command, code, j, n)))
                         for n in rounds]
                both = [(a, b) for a, b in pairs if a and b and b.wall and a.cpu]
                if both:
                    ratios = [a.wall / b.wall for a, b in both]
                    cpu = [b.cpu / a.cpu for a, b in both]
                    lines.append(f"  {corpus} {command} {code}: wall --jobs {jobs[0] or '-'} / --jobs {j}: "
                                 f"{_fmt(ratios)} (median {_median(ratios):.2f}x); CPU (main + children) "
                                 f"--jobs {j} / --jobs {jobs[0] or '-'}: {_fmt(cpu)} (median {_median(cpu):.2f}x); "
                                 f"main process CPU s --jobs {jobs[0] or '-'} {_fmt([a.main_cpu for a, _ in both])} "
                                 f"(median {_median([a.main_cpu for a, _ in both]):.2f}), --jobs {j} "
                                 f"{_fmt([b.main_cpu for _, b in both])} "
                                 f"(median {_median([b.main_cpu for _, b in both]):.2f})")
        for j in jobs:
            for code in codes[1:]:
                pairs = [(by.get((corpus, command, codes[0], j, n)), by.get((corpus, command, code, j, n)))
                         for n in rounds]
                both = [(a, b) for a, b in pairs if a and b and a.cpu and a.wall]
                if both:
                    cpu = [b.cpu / a.cpu for a, b in both]
                    wall = [b.wall / a.wall for a, b in both]
                    lines.append(f"  {corpus} {command} --jobs {j or '-'}: {code} / {codes[0]}: CPU {_fmt(cpu)} "
                                 f"(median {_median(cpu):.2f}x), wall {_fmt(wall)} (median {_median(wall):.2f}x)")
    return lines


def _ratios(runs: list[Run], sizes: list[int], pages: list[int]) -> None:
    by = {(r.corpus, r.command): r for r in runs}
    print("growth (targets: CPU per document at the largest corpus within 1.3x of the smallest; CPU per MB of "
          "the largest page within 1.3x of the 100 kB one, both net of the 10 kB page's run (start-up); "
          "peak RSS < 2 GB; parse >= 5 MB per CPU second):")
    for command in (*COMMANDS, REFERENCE):
        if not any(r.command == command for r in runs):
            continue
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
    ap.add_argument("--jobs", default="", metavar="N[,N...]",
                    help="pass --jobs N to every command (default: not passed); several values (1,2) run each, "
                         "alternated, and print the wall ratios")
    ap.add_argument("--engine", default="local", choices=("local", "dask"), help="pass --engine (default local)")
    ap.add_argument("--scheduler", default=None, metavar="ADDRESS", help="with --engine dask: an existing scheduler")
    ap.add_argument("--work", type=Path, default=Path("/tmp/curator-bench-scale"),
                    help="where corpora are generated and cached (default /tmp/curator-bench-scale)")
    ap.add_argument("--seeds", type=Path, default=Path("seeds"), help="seed pages for the teasers and prose")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--code", default=str(Path.cwd()), metavar="DIR[,DIR...]",
                    help="the checkout whose curator the commands run (default: this folder); several run "
                         "each, alternated, and print the CPU ratios to the first")
    ap.add_argument("--rounds", type=int, default=1,
                    help="with several --jobs or --code: how many times every combination runs (default 1)")
    ap.add_argument("--max-rss", type=float, default=6.0, metavar="GB", help="stop a command above this (default 6)")
    ap.add_argument("--json", type=Path, default=None, metavar="FILE", help="also write the figures as JSON")
    ap.add_argument("--no-reference", dest="reference", action="store_false",
                    help="skip the 'parser' row (the parser alone over the same pages)")
    ap.add_argument("--parser-alone", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.json is not None:  # never onto a corpus's Documents or state (curator.core.outputs)
        from curator.core.outputs import output_refusal

        if (why := output_refusal(args.json)) is not None:
            ap.error(why)
    if args.parser_alone is not None:
        return _parser_alone(args.parser_alone)
    args.commands = [c for c in args.commands.split(",") if c]
    unknown = set(args.commands) - set(COMMANDS)
    if unknown:
        ap.error(f"unknown command(s): {', '.join(sorted(unknown))}")
    try:
        args.jobs = [int(j) for j in args.jobs.split(",") if j.strip()]
    except ValueError:
        ap.error(f"--jobs takes numbers separated by commas, not {args.jobs!r}")
    if any(j < 1 for j in args.jobs):
        ap.error("--jobs values must be 1 or more")
    codes = [Path(c).resolve() for c in args.code.split(",") if c.strip()]
    missing = [str(c) for c in codes if not (c / "curator").is_dir()]
    if missing:
        ap.error(f"--code: no curator package in {', '.join(missing)}")
    if args.rounds < 1:
        ap.error("--rounds must be 1 or more")
    args.code = codes[0]
    plan = settings(codes, args.jobs or [0])
    args.several = len(plan) > 1 or args.rounds > 1
    from curator.bench._site import build_long_page, build_site

    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    pages = [int(s) for s in args.pages.split(",") if s.strip()]
    out_dir = args.work / "out"
    out_dir.mkdir(parents=True, exist_ok=True)
    folders = RunFolders(args.work / "runs")
    print("curator from " + ", ".join(f"{s.label} = {s.code}" if len(codes) > 1 else str(s.code)
                                      for s in plan[:len(codes)])
          + f"; {os.cpu_count()} CPUs; engine {args.engine}"
          + (f", --jobs {','.join(map(str, args.jobs))}" if args.jobs else "")
          + (f", {args.rounds} rounds alternated" if args.several else "") + f"; corpora under {args.work}; "
          f"load {os.getloadavg()[0]:.2f}")
    print(OUTPUTS_NOTE.format(runs=folders.root))
    _print_header(args.several)
    runs: list[Run] = []
    corpora = []
    for n in sizes:
        t = time.perf_counter()
        corpora.append((f"docs-{n}", build_site(args.work / f"site-{n}", n, seeds=args.seeds, seed=args.seed)))
        if time.perf_counter() - t > 1:
            print(f"  (generated {n} pages in {time.perf_counter() - t:.0f} s)", flush=True)
    for chars in pages:
        corpora.append((f"page-{chars}", build_long_page(args.work / f"page-{chars}", chars, seeds=args.seeds,
                                                         seed=args.seed)))
    for name, corpus in corpora:
        for round_no in range(1, args.rounds + 1):
            for setting in plan:
                runs += bench_corpus(name, corpus, args, out_dir, setting, round_no, folders)
    n_folders, took = folders.cleanup([corpus for _, corpus in corpora])
    print(f"deleted the outputs of {n_folders} runs after the series ({took:.1f} s)", flush=True)
    first = [r for r in runs if r.code == plan[0].label and r.jobs == plan[0].jobs and r.round == 1]
    _ratios(first, sizes, pages)
    if args.several:
        print(f"alternated (load now {os.getloadavg()[0]:.2f}):")
        for line in comparisons(runs):
            print(line)
    if args.json is not None:
        args.json.write_text(json.dumps([{**r.__dict__, "mb_per_cpu_s": r.mb_per_cpu_s,
                                          "cpu_ms_per_doc": r.cpu_ms_per_doc} for r in runs], indent=1))
    return 1 if any(r.rc not in (0, 1) for r in runs) else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
