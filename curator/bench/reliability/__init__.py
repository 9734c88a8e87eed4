"""``curator bench reliability``: the red-team loops of issue 11, long versions, as a table.

Each item tries one way of losing an editor's work (or of one file stopping a whole command)
many times and prints ``attempts / failures / lost``: *failures* counts attempts where the
behaviour was wrong (two saves both "won", a command died with a traceback, a file was not
named), *lost* counts what an editor would have lost (edits, segments, curated files, bytes of
a file Curator should have left alone). The short versions of the same loops run in the test
suite under the ``reliability`` marker.

    python3 -m curator bench reliability            # every item, long loops (a few minutes)
    python3 -m curator bench reliability --quick    # short loops
    python3 -m curator bench reliability --only save-race,reparse-kill
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from curator.bench.reliability.common import Row
from curator.bench.reliability.files import ITEMS as FILE_ITEMS
from curator.bench.reliability.quiet import ITEMS as QUIET_ITEMS
from curator.bench.reliability.work import ITEMS as WORK_ITEMS

Item = Callable[[Path, bool], Row]
ITEMS: dict[str, Item] = {**WORK_ITEMS, **FILE_ITEMS, **QUIET_ITEMS}


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="curator bench reliability", description=__doc__.split("\n\n")[0])
    p.add_argument("--quick", action="store_true", help="short loops (what CI runs)")
    p.add_argument("--only", default="", metavar="A,B", help="items to run: " + ", ".join(ITEMS))
    p.add_argument("--keep", action="store_true", help="keep the scratch folder")
    args = p.parse_args(argv)
    names = [n for n in args.only.split(",") if n] or list(ITEMS)
    unknown = [n for n in names if n not in ITEMS]
    if unknown:
        p.error(f"unknown item(s): {', '.join(unknown)}")
    scratch = Path(tempfile.mkdtemp(prefix="curator-bench-rel-"))
    rows: list[Row] = []
    try:
        for name in names:
            started = time.monotonic()
            work = scratch / name
            work.mkdir()
            try:
                row = ITEMS[name](work, args.quick)
            except Exception as exc:  # noqa: BLE001 - one broken item must not hide the others
                row = Row(name, 0, 0, 0, f"bench item crashed: {type(exc).__name__}: {exc}")
            row.seconds = time.monotonic() - started
            rows.append(row)
            print(row.line(), flush=True)
    finally:
        if args.keep:
            print(f"scratch kept in {scratch}", file=sys.stderr)
        else:
            shutil.rmtree(scratch, ignore_errors=True)
    print()
    print(markdown_table(rows))
    return 1 if any(r.failures or r.lost for r in rows) else 0


def markdown_table(rows: list[Row]) -> str:
    lines = ["| item | attempts | failures | lost | what |", "| --- | ---: | ---: | ---: | --- |"]
    lines += [f"| {r.item} | {r.attempts} | {r.failures} | {r.lost} | {r.note} |" for r in rows]
    return "\n".join(lines)
