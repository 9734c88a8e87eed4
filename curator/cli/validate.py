"""``curator validate PATH…``: one line per problem, exit 1 on any (``--json`` for tools)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from curator.cli import DEFAULT_CORPUS
from curator.cli._common import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, add_output_flags, error, info, print_json


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "validate",
        help="check curated files or whole corpora against the contract and their sources",
        description="Check schema, invariants, segment text and sha256 against the source. "
        "PATH is a curated JSON file, a Document's .txt (its curation is checked), a corpus folder, or a folder "
        "of curations that is no corpus (`parse --out`: every JSON in it; --sources names their corpus). "
        "Exit 1 on any problem, 2 when a PATH does not exist.",
    )
    p.add_argument("paths", nargs="*", type=Path, metavar="PATH", help=f"files or corpora (default: {DEFAULT_CORPUS})")
    p.add_argument("--sources", type=Path, metavar="CORPUS",
                   help="the corpus a folder or file of curations outside it (`parse --out`) was parsed from: "
                        "their segments are checked against its texts")
    add_output_flags(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from curator.cli import explain_default_corpus
    from curator.core.validate import validate_paths

    if not args.paths and not Path(DEFAULT_CORPUS).is_dir():
        explain_default_corpus("validate")
        return EXIT_USAGE
    paths = args.paths or [Path(DEFAULT_CORPUS)]
    missing = [str(p) for p in [*paths, *([args.sources] if args.sources else [])] if not p.exists()]
    if missing:
        error("validate", f"error: no such file or folder: {', '.join(missing)}")
        return EXIT_USAGE
    if args.sources is not None and not args.sources.is_dir():
        error("validate", f"error: --sources {args.sources}: is a file, not a corpus folder")
        return EXIT_USAGE
    warnings: list[str] = []
    checked: list[str] = []
    problems = validate_paths(paths, warnings=warnings, sources=args.sources, checked=checked)
    if args.json:
        print_json({"paths": [str(p) for p in paths], "ok": not problems, "problems": problems, "warnings": warnings,
                    "checked": checked})
    else:
        for problem in problems:
            print(problem)
        for warning in warnings:
            print(f"warning: {warning}", file=sys.stderr)
        for line in checked:  # what was looked at: "ok" never stands for nothing checked
            info(args, line)
        info(args, f"{len(problems)} problem(s)" if problems else "ok: no problems")
    return EXIT_PROBLEMS if problems else EXIT_OK
