"""``curator gui [CORPUS] [--document ID] [--screenshot FILE.png]``: the curation window."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from curator.cli import DEFAULT_CORPUS


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("gui", help="open the curation window",
                       description="Open the curation window on a corpus folder (default: seeds).")
    p.add_argument("corpus", nargs="?", default=DEFAULT_CORPUS, help="corpus folder (default: %(default)s)")
    p.add_argument("--document", metavar="ID", help="document to show first")
    p.add_argument("--screenshot", metavar="FILE.png", type=Path,
                   help="render the window (1600x960) to a PNG and exit; works with QT_QPA_PLATFORM=offscreen")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    corpus = Path(args.corpus)
    if not corpus.is_dir():
        what = "is a file, not a corpus folder" if corpus.exists() else "corpus folder does not exist"
        print(f"curator gui: error: {corpus}: {what}", file=sys.stderr)
        return 2
    if args.screenshot is None and _no_display():
        print("curator gui: error: no display (DISPLAY and WAYLAND_DISPLAY are unset): run it in a desktop "
              "session (or ssh -X); for a picture of the window use --screenshot FILE.png; "
              "QT_QPA_PLATFORM=offscreen runs it with no screen at all", file=sys.stderr)
        return 2
    from curator.gui.app import OutputRefusedError, UnknownDocumentError
    from curator.gui.app import run as run_gui

    try:
        return run_gui(corpus, document=args.document, screenshot_path=args.screenshot)
    except (UnknownDocumentError, OutputRefusedError) as exc:
        print(f"curator gui: error: {exc}", file=sys.stderr)
        return 2


def _no_display() -> bool:
    """On Linux with no X or Wayland display and no platform chosen, Qt aborts the process (SIGABRT)."""
    import os

    if not sys.platform.startswith("linux") or os.environ.get("QT_QPA_PLATFORM"):
        return False
    return not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
