"""``curator bench export``: export speed and peak memory on synthetic corpora of growing size.

Each size gets its own corpus of small curated Documents (made in a temp dir),
and each export runs in a fresh Python process whose peak resident memory
(``ru_maxrss``) is reported, so one size's peak cannot hide another's. Flat
memory across 1k, 10k and 100k Documents is what streaming promises.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

_PLACES = ("Minsk", "Almaty", "Moscow", "Yerevan", "Bishkek", "Dushanbe")
_TYPES = ("meeting", "session", "training", "briefing")
_PEOPLE = ("Jane Doe", "Ivan Petrov 😀", "Aigul Sarsenova", "Tigran Hakobyan")


def _document(i: int) -> tuple[str, dict]:
    """One small page: teaser, title, dateline, salutation, three paragraphs; and its Curation."""
    place = _PLACES[i % len(_PLACES)]
    day = 1 + i % 28
    month = 1 + (i // 28) % 12
    year = 2015 + i % 10
    title = f"Meeting number {i} of the working group in {place}"
    blocks = [
        ("teaser", f"{day:02d}.{month:02d}.{year} Other news item {i * 7 % 1000} 👍🏽"),
        ("title", title),
        ("dateline", f"{title} {day:02d}.{month:02d}.{year}"),
        ("salutation", "Dear colleagues!"),
        ("paragraph", (f"On {day} {month} {year}, in {place}, the group met for the {i}th time 😀 to discuss "
                      f"item {i % 97} of the agenda and the plan for the next {i % 13 + 2} months.")),
        ("paragraph", (f"The participants agreed on {i % 5 + 1} measures and noted the work of the "
                      f"secretariat on topic {i % 211}.")),
        ("paragraph", f"The next meeting will take place in {_PLACES[(i + 1) % len(_PLACES)]} 🇦🇲."),
    ]
    text = "\n\n".join(b for _, b in blocks)
    segments, pos = [], 0
    speaker = f"p{i % len(_PEOPLE)}"
    for n, (label, block) in enumerate(blocks, start=1):
        outside = label == "teaser"
        segments.append({
            "id": f"s{n}", "start": pos, "end": pos + len(block), "label": label, "text": block,
            "article": None if outside else "a1", "speaker": speaker if label in ("salutation", "paragraph") else None,
            "origin": "parser", "reviewed": True,
        })
        pos += len(block) + 2
    ev_start = segments[4]["start"]
    cur = {
        "schema_version": 1,
        "document": {"id": "", "path": "", "sha256": hashlib.sha256(text.encode()).hexdigest(),
                     "length": len(text), "encoding": "utf-8"},
        "parser": {"name": "synthetic", "version": "1"},
        "status": "curated",
        "segments": segments,
        "articles": [{"id": "a1", "title": title, "date": f"{year}-{month:02d}-{day:02d}", "kind": "news"}],
        "speakers": [{"id": speaker, "name": _PEOPLE[i % len(_PEOPLE)], "role": "Secretary"}],
        "events": [{"id": "e1", "type": _TYPES[i % len(_TYPES)], "date": f"{year}-{month:02d}-{day:02d}",
                    "place": place, "participants": [speaker],
                    "evidence": [{"start": ev_start, "end": ev_start + 20}], "origin": "parser",
                    "decision": "confirmed"}],
        "duplicates": [],
    }
    return text, cur


def build_corpus(root: Path, n: int) -> Path:
    """Write ``n`` synthetic Documents with curated files (1000 per folder)."""
    for i in range(n):
        text, cur = _document(i)
        doc_id = f"d{i // 1000:04d}/{i:07d}"
        cur["document"]["id"] = doc_id
        cur["document"]["path"] = f"{doc_id}.txt"
        src = root / f"{doc_id}.txt"
        dst = root / "curated" / f"{doc_id}.json"
        if i % 1000 == 0:
            src.parent.mkdir(parents=True, exist_ok=True)
            dst.parent.mkdir(parents=True, exist_ok=True)
        src.write_bytes(text.encode("utf-8"))
        dst.write_text(json.dumps(cur, ensure_ascii=False, sort_keys=True), encoding="utf-8")
    return root


def _peak_mib() -> float:
    # ru_maxrss is KiB on Linux (bytes on macOS).
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def _child(root: str, out: str, fmt: str, level: str) -> int:
    from curator.core.export import ExportOptions, export_corpus
    from curator.core.store import Corpus

    # Import-time memory is the floor every run shares; report it apart.
    floor = _peak_mib()
    # Listing the corpus (Corpus.document_ids, pathlib's rglob) has a peak of its
    # own that grows with the number of files; measured alone so the export
    # loop's growth (peak minus listing) can be read on its own.
    Corpus(root).document_ids()
    listing = _peak_mib()
    started = time.perf_counter()
    result = export_corpus(root, out, options=ExportOptions(format=fmt, level=level))  # type: ignore[arg-type]
    seconds = time.perf_counter() - started
    print(json.dumps({"seconds": seconds, "documents": result.documents, "records": result.records,
                      "peak_mib": _peak_mib(), "floor_mib": floor, "listing_mib": listing, "bytes": Path(out).stat().st_size}))
    return 0


def _run_child(root: Path, out: Path, fmt: str, level: str) -> dict:
    proc = subprocess.run(
        [sys.executable, "-c", "import sys; from curator.bench.export import main; sys.exit(main(sys.argv[1:]))",
         "--child", str(root), str(out), fmt, level],
        capture_output=True, text=True, check=False,
    )
    if proc.returncode != 0:
        raise RuntimeError(f"export of {root} as {fmt} failed:\n{proc.stderr}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def main(argv: list[str]) -> int:
    """Print docs/s and peak memory for each size and format."""
    if argv[:1] == ["--child"]:
        return _child(*argv[1:5])
    p = argparse.ArgumentParser(prog="curator bench export", description=__doc__)
    p.add_argument("--sizes", default="1000,10000,100000", help="corpus sizes, comma-separated")
    p.add_argument("--formats", default="jsonl,parquet", help="formats to time, comma-separated")
    p.add_argument("--level", default="article", choices=("article", "segment"))
    p.add_argument("--keep", action="store_true", help="keep the temp corpora and print where")
    args = p.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",") if s]
    formats = [f for f in args.formats.split(",") if f]
    print(f"export benchmark: level {args.level}, synthetic pages of 7 segments (~600 code points, emoji), "
          f"one process per run")
    print(f"{'documents':>10} {'format':>8} {'records':>9} {'seconds':>8} {'docs/s':>8} "
          f"{'floor MiB':>9} {'list MiB':>9} {'peak MiB':>9} {'out MiB':>8}")
    tmp = Path(tempfile.mkdtemp(prefix="curator-bench-export-"))
    try:
        for n in sizes:
            root = tmp / f"corpus-{n}"
            t0 = time.perf_counter()
            build_corpus(root, n)
            made = time.perf_counter() - t0
            for fmt in formats:
                r = _run_child(root, tmp / f"out-{n}.{fmt}", fmt, args.level)
                print(f"{n:>10} {fmt:>8} {r['records']:>9} {r['seconds']:>8.2f} {n / r['seconds']:>8.0f} "
                      f"{r['floor_mib']:>9.1f} {r['listing_mib']:>9.1f} {r['peak_mib']:>9.1f} {r['bytes'] / 2**20:>8.1f}",
                      flush=True)
            print(f"{'':>10} (corpus of {n} documents built in {made:.1f} s)", flush=True)
            if not args.keep:
                shutil.rmtree(root)
    finally:
        if args.keep:
            print(f"kept {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main(sys.argv[1:]))
