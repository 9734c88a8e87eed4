"""Builds the round-9 evaluation set (pages/, blocks/, index.tsv) from its hand-written sources,
with the held-out set's builder (tests/data/heldout/source/build.py: the format is explained there).

usage: python3 tests/data/round9/source/build.py      (from the project root; rewrites the set)
"""
from __future__ import annotations

import importlib.util
import pathlib

HERE = pathlib.Path(__file__).resolve().parent
_spec = importlib.util.spec_from_file_location("heldout_build", HERE.parents[1] / "heldout" / "source" / "build.py")
_builder = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_builder)
_builder.HERE, _builder.OUT = HERE, HERE.parent  # read this folder's sources and sidebars, write beside it
build_one = _builder.build_one
main = _builder.main

if __name__ == "__main__":
    main()
