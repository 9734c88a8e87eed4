"""``curator schema``: the curated-JSON contract as JSON Schema."""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("schema", help="print the JSON Schema of curated files")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from curator.core.schema import schema_text

    print(schema_text(), end="")
    return 0
