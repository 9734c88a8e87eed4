"""``curator validate PATH…``: one line per problem, exit 1 on any."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "validate",
        help="check curated files or whole corpora against the contract and their sources",
        description="Check schema, invariants, segment text and sha256 against the source. "
        "PATH is a curated JSON file or a corpus folder. Exit 1 on any problem.",
    )
    p.add_argument("paths", nargs="*", type=Path, metavar="PATH", help="files or corpora (default: seeds)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from curator.core.validate import validate_paths

    paths = args.paths or [Path("seeds")]
    warnings: list[str] = []
    problems = validate_paths(paths, warnings=warnings)
    for problem in problems:
        print(problem)
    for warning in warnings:
        print(f"warning: {warning}", file=sys.stderr)
    if problems:
        print(f"{len(problems)} problem(s)", file=sys.stderr)
        return 1
    print("ok: no problems", file=sys.stderr)
    return 0
