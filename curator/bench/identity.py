"""``curator bench identity``: does this checkout's parser write the same bytes as another revision's?

A speed-up of the parser must not change a single byte of its output. This parses fixed corpora
with the parser of a git revision (``--ref``, default: where this branch left ``main``,
``git merge-base HEAD main``, so changes that landed on main since do not count; extracted with ``git archive``
into a temporary folder, never a worktree) and with this checkout's, each in its own process,
and compares every Curation's JSON byte for byte, with corpus context and each page alone.

Corpora (missing ones are skipped with a note): ``seeds/``, ``/work/shared/realpages/pages``
(read in place), ``tests/data/{heldout,round3,round4}/pages``, ``--generated N`` pages of
``curator bench parse``'s synthetic corpus (written once to a temporary folder, so both sides
parse the same files), and ``edge``: a few texts that stress the units (empty, blank, CRLF,
lone CR, ``\\u2028``, emoji, one page of about 300 kB). Also prints each side's CPU seconds (a
by-product; use ``curator bench parse`` for speed). Exit 0 when everything is identical,
1 when any document differs (the first differences are printed), 2 on a usage error.
``--ref-out DIR`` keeps (or, when it exists, reuses) the reference side's output.
``--pure`` compares this checkout's compiled parser (``hatch_build.py``, mypyc) against its own ``.py``
sources (``CURATOR_PURE=1``) instead of another revision; each side prints which build ran.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

_ROOT = Path(__file__).resolve().parents[2]
REALPAGES = Path("/work/shared/realpages/pages")

# Runs in a fresh interpreter inside the checkout to measure (cwd and PYTHONPATH point at it),
# so it uses nothing but the parser's public API, which every revision has.
_WORKER = r"""
import json, sys, time
from pathlib import Path
from curator.core.parse import PARSER_VERSION, build_context, parse_text
try:
    from curator.core.parse import parser_build
except ImportError:  # revisions before the compiled build
    parser_build = lambda: "pure Python"

job = json.loads(sys.argv[1])
out = Path(job["out"])
out.mkdir(parents=True, exist_ok=True)
cpu = {}
for name, paths in job["corpora"].items():
    texts = [(Path(p).stem, Path(p).read_bytes().decode("utf-8")) for p in paths]
    t = time.process_time()
    ctx = build_context([x for _, x in texts])
    for mode, context in (("context", ctx), ("alone", None)):
        with open(out / f"{name}.{mode}.jsonl", "w", encoding="utf-8") as fh:
            for doc_id, text in texts:
                fh.write(doc_id + "\t" + parse_text(text, doc_id, context).model_dump_json() + "\n")
    cpu[name] = time.process_time() - t
print(json.dumps({"version": PARSER_VERSION, "cpu": cpu, "build": parser_build()}))
"""


def _edge_texts(generated: list[str]) -> dict[str, str]:
    base = generated[0] if generated else "Title\n\nTitle 01.02.2020\n\nThe lead of the text."
    big, k = [], 0
    while generated and sum(map(len, big)) < 300_000:
        big.append(generated[k % len(generated)])
        k += 1
    return {
        "empty": "",
        "blank": " \n\n\t\r\n  ",
        "crlf": base.replace("\n", "\r\n"),
        "cr": base.replace("\n", "\r"),
        "breaks": base.replace("\n\n", "\n\u2028\x85\n", 3),
        "emoji": base.replace(" ", " 🙂 ", 7),
        "big": "\n\n".join(big) or base,
    }


def _corpora(generated: int, seed: int, tmp: Path) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}

    def add(name: str, folder: Path) -> None:
        paths = sorted(str(p) for p in folder.glob("*.txt"))
        if paths:
            found[name] = paths
        else:
            print(f"  (skipped {name}: no .txt pages in {folder})")

    add("seeds", _ROOT / "seeds")
    add("realpages", REALPAGES)
    for name in ("heldout", "round3", "round4"):
        add(name, _ROOT / "tests" / "data" / name / "pages")
    texts: list[str] = []
    if generated > 0:
        from curator.bench.parse import make_corpus

        texts = make_corpus(generated, seeds=_ROOT / "seeds", seed=seed)
        folder = tmp / "generated"
        folder.mkdir()
        for i, text in enumerate(texts):
            (folder / f"g{i:05d}.txt").write_bytes(text.encode("utf-8"))
        add("generated", folder)
    folder = tmp / "edge"
    folder.mkdir()
    for name, text in _edge_texts(texts).items():
        (folder / f"{name}.txt").write_bytes(text.encode("utf-8"))
    add("edge", folder)
    return found


def _extract(ref: str, dest: Path) -> None:
    """The revision's tree (git archive), without touching the repository's worktrees."""
    data = subprocess.run(["git", "-C", str(_ROOT), "archive", "--format=tar", ref],
                          check=True, capture_output=True).stdout
    with tarfile.open(fileobj=io.BytesIO(data)) as tar:
        tar.extractall(dest, filter="data")


def _run_side(code: Path, corpora: dict[str, list[str]], out: Path, *, pure: bool = False) -> dict:
    env = dict(os.environ, PYTHONPATH=str(code), PYTHONHASHSEED="0")
    env.pop("CURATOR_PURE", None)
    if pure:
        env["CURATOR_PURE"] = "1"
    job = json.dumps({"out": str(out), "corpora": corpora})
    res = subprocess.run([sys.executable, "-c", _WORKER, job], cwd=code, env=env, capture_output=True, text=True)
    if res.returncode != 0:
        raise RuntimeError(f"parsing with the code in {code} failed:\n{res.stderr[-3000:]}")
    return json.loads(res.stdout.strip().splitlines()[-1])


def _first_difference(a: str, b: str) -> str:
    i = next((k for k, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))
    return f"at byte {i}: ref …{a[max(0, i - 60): i + 60]!r}… / this …{b[max(0, i - 60): i + 60]!r}…"


def _compare(ref: Path, this: Path, names: list[str], show: int) -> tuple[int, int]:
    docs = differ = 0
    for name in names:
        for mode in ("context", "alone"):
            a = (ref / f"{name}.{mode}.jsonl").read_text(encoding="utf-8").splitlines()
            b = (this / f"{name}.{mode}.jsonl").read_text(encoding="utf-8").splitlines()
            bad = [k for k in range(max(len(a), len(b))) if k >= len(a) or k >= len(b) or a[k] != b[k]]
            docs += max(len(a), len(b))
            differ += len(bad)
            print(f"  {name:10s} {mode:7s} {len(b):5d} documents  "
                  + ("identical" if not bad else f"{len(bad)} DIFFER"))
            for k in bad[:show]:
                if k < len(a) and k < len(b):
                    print(f"    {a[k].split(chr(9), 1)[0]}: {_first_difference(a[k], b[k])}")
                else:
                    print(f"    document {k}: present on one side only")
    return docs, differ


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(prog="curator bench identity", description=__doc__.split("\n\n")[0])
    ap.add_argument("--ref", help="git revision whose parser is the reference (default: git merge-base HEAD main)")
    ap.add_argument("--ref-out", type=Path, help="keep the reference output here; reuse it when it exists")
    ap.add_argument("--generated", type=int, default=1000, help="synthetic pages of `bench parse` (default 1000)")
    ap.add_argument("--seed", type=int, default=7, help="random seed of the synthetic pages")
    ap.add_argument("--show", type=int, default=3, help="differences printed per corpus and mode")
    ap.add_argument("--pure", action="store_true",
                    help="compare this checkout's compiled parser against its .py sources (CURATOR_PURE=1)")
    args = ap.parse_args(argv)

    if args.pure and (args.ref or args.ref_out):
        print("curator bench identity: --pure compares this checkout with itself; no --ref/--ref-out", file=sys.stderr)
        return 2
    if args.pure:
        from curator.core.parse import parser_build

        if not parser_build().startswith("compiled"):
            print(f"curator bench identity: --pure: this checkout's parser is not compiled ({parser_build()}); "
                  "nothing to compare", file=sys.stderr)
            return 2
        args.ref = "this checkout, pure Python"
    elif args.ref is None:
        res = subprocess.run(["git", "-C", str(_ROOT), "merge-base", "HEAD", "main"], capture_output=True, text=True)
        if res.returncode != 0:
            print(f"curator bench identity: git merge-base HEAD main: {res.stderr.strip()}; give --ref", file=sys.stderr)
            return 2
        args.ref = res.stdout.strip()
    with tempfile.TemporaryDirectory(prefix="curator-identity-") as tmp_name:
        tmp = Path(tmp_name)
        print("corpora:")
        corpora = _corpora(args.generated, args.seed, tmp)
        for name, paths in corpora.items():
            print(f"  {name:10s} {len(paths):5d} pages")
        ref_out = args.ref_out or tmp / "ref-out"
        if args.ref_out is not None and (args.ref_out / "meta.json").is_file():
            meta = json.loads((args.ref_out / "meta.json").read_text(encoding="utf-8"))
            if meta.get("corpora") != {k: len(v) for k, v in corpora.items()}:
                print(f"curator bench identity: {args.ref_out} was made from other corpora; remove it", file=sys.stderr)
                return 2
            print(f"reference: reused {args.ref_out} (parser {meta['version']}, {meta['ref']})")
        elif args.pure:
            meta = _run_side(_ROOT, corpora, ref_out, pure=True)
            print(f"reference: this checkout's sources: parser {meta['version']}, {meta['build']}, "
                  f"CPU {sum(meta['cpu'].values()):.2f} s")
        else:
            code = tmp / "ref-code"
            try:
                _extract(args.ref, code)
            except subprocess.CalledProcessError as exc:
                print(f"curator bench identity: git archive {args.ref}: {exc.stderr.decode(errors='replace').strip()}",
                      file=sys.stderr)
                return 2
            meta = _run_side(code, corpora, ref_out)
            meta.update(ref=args.ref, corpora={k: len(v) for k, v in corpora.items()})
            (ref_out / "meta.json").write_text(json.dumps(meta), encoding="utf-8")
            print(f"reference: {args.ref}, parser {meta['version']}, {meta.get('build', 'pure Python')}, "
                  f"CPU {sum(meta['cpu'].values()):.2f} s")
        this = _run_side(_ROOT, corpora, tmp / "this-out")
        print(f"this checkout ({_ROOT}): parser {this['version']}, {this['build']}, "
              f"CPU {sum(this['cpu'].values()):.2f} s")
        if args.pure and not this["build"].startswith("compiled"):
            print("curator bench identity: --pure: this checkout's parser is not compiled "
                  f"({this['build']}); nothing to compare", file=sys.stderr)
            return 2
        docs, differ = _compare(ref_out, tmp / "this-out", list(corpora), args.show)
    print(f"{docs - differ} of {docs} curations identical byte for byte; {differ} differ")
    return 1 if differ else 0
