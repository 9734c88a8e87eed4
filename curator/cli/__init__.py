"""``curator`` command line: each subcommand lives in its own module of this package.

A module here that defines ``register(subparsers)`` is a subcommand; ``register``
adds its parser and sets ``func`` (called with the parsed args, returns an exit code).
"""

from __future__ import annotations

import argparse
import importlib
import os
import pkgutil
import sys
from pathlib import Path

from curator import __version__

DEFAULT_CORPUS = "seeds"


class _Version(argparse.Action):
    """``--version``: Curator's version, the parser's, and which build of the parser runs (compiled or pure)."""

    def __call__(self, parser: argparse.ArgumentParser, namespace: argparse.Namespace, values: object,
                 option_string: str | None = None) -> None:
        from curator.core.compiled import KERNEL
        from curator.core.dups import dups_build
        from curator.core.parse import PARSER_VERSION, parser_build

        print(f"curator {__version__}; parser {PARSER_VERSION}, {parser_build()}; duplicate finder {dups_build()}; "
              f"duplicate finder kernel {KERNEL.running()}")
        parser.exit()


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="curator",
        description="Curate scraped news pages: parse, edit in a window, export, review parser changes.",
    )
    parser.add_argument("--version", action=_Version, nargs=0, help="show the version and which builds of the parser, the duplicate finder and its C kernel run, and exit")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        register = getattr(module, "register", None)
        if register is not None:
            register(sub)
    return parser


def explain_default_corpus(command: str) -> None:
    """Say why the default corpus is missing instead of a bare "does not exist"."""
    print(
        f"curator {command}: error: no corpus folder given, and there is no {DEFAULT_CORPUS}/ here "
        f"({Path.cwd()}). {DEFAULT_CORPUS}/ is the default corpus, the example pages at the root of a Curator "
        f"checkout: run from there, or name your corpus folder (curator {command} PATH; "
        "`curator import … --into PATH` makes one from a crawl).",
        file=sys.stderr,
    )


def refuse_state_corpus(command: str, corpus: Path) -> bool:
    """True (after saying so) when the corpus given is a corpus's ``curated/`` or ``.curator/`` (or inside one).

    Read as a corpus it holds no Documents: commands printed nothing, or "documents 0", and exited 0.
    """
    from curator.core.store import state_folder_of

    folder = state_folder_of(corpus)
    if folder is None:
        return False
    where = "is" if Path(os.path.abspath(corpus)).resolve() == folder else "is inside"
    print(f"curator {command}: error: {corpus}: {where} a corpus's {folder.name}/ folder, not a corpus; "
          f"give the corpus folder ({folder.parent})", file=sys.stderr)
    return True


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 0
    from curator.cli._common import configure_logging

    configure_logging(args)
    corpus = getattr(args, "corpus", None)
    if corpus is not None and str(corpus) == DEFAULT_CORPUS and not Path(DEFAULT_CORPUS).is_dir():
        explain_default_corpus(args.command)
        return 2
    if corpus is not None and refuse_state_corpus(args.command, Path(corpus)):
        return 2
    try:
        return int(args.func(args) or 0)
    except FileNotFoundError as exc:
        # A missing corpus or input file: the message names it; no traceback for a typo.
        print(f"curator {args.command}: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        # every command writes each file whole (a temporary file renamed into place), so what is
        # there is complete; import and parse skip or redo what they reach again
        print(f"curator {args.command}: interrupted; nothing is half-written (each file is written whole); "
              "run the command again to finish", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except OSError as exc:
        if _lost_cluster(args, exc):
            return 2
        # An output that cannot be written (a folder, a device, no permission): named, no traceback;
        # exit 1 when the disk refused it (read-only, permission, full), 2 for a path the command line got wrong.
        from curator.cli._common import exit_code_of

        where = f"{exc.filename}: " if exc.filename else ""
        print(f"curator {args.command}: error: {where}{exc.strerror or exc}", file=sys.stderr)
        return exit_code_of(exc)
    except Exception as exc:
        if _lost_cluster(args, exc):
            return 2
        raise


def _lost_cluster(args: argparse.Namespace, exc: BaseException) -> bool:
    """With ``--engine dask``, an error from Dask's client mid-run (the scheduler gone, a cancelled future):
    says so in one line, no traceback from deep in distributed (True when it did)."""
    if getattr(args, "engine", "local") != "dask" or not _from_dask(exc):
        return False
    where = getattr(args, "scheduler", None) or "the local cluster"
    print(f"curator {args.command}: error: lost the Dask cluster ({where}) during the run: "
          f"{type(exc).__name__}: {exc}. Files already written are whole (each is written at once); "
          "run the command again", file=sys.stderr)
    return True


def _from_dask(exc: BaseException) -> bool:
    """The error, or one it was raised from, comes from Dask's client (a cancelled future, a closed comm)."""
    import asyncio
    import concurrent.futures

    seen: set[int] = set()
    cur: BaseException | None = exc
    while cur is not None and id(cur) not in seen:
        seen.add(id(cur))
        module = type(cur).__module__ or ""
        if module.startswith(("distributed", "dask", "tornado")) or isinstance(
                cur, (concurrent.futures.CancelledError, asyncio.CancelledError)):
            return True
        cur = cur.__cause__ or cur.__context__
    return False


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
