"""``curator bench NAME [ARGS…]``: run a benchmark module of ``curator.bench`` and print its figures."""

from __future__ import annotations

import argparse
import importlib
import pkgutil


def _names() -> list[str]:
    import curator.bench

    return sorted(m.name for m in pkgutil.iter_modules(curator.bench.__path__) if not m.name.startswith("_"))


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "bench",
        help="run a benchmark and print its figures",
        description="Benchmarks: " + ", ".join(_names()) + ". Arguments after NAME go to the benchmark "
        "(try `curator bench NAME --help`).",
    )
    p.add_argument("name", choices=_names(), metavar="NAME")
    p.add_argument("rest", nargs=argparse.REMAINDER, help="arguments for the benchmark")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    module = importlib.import_module(f"curator.bench.{args.name}")
    return int(module.main(args.rest) or 0)
