"""Which build of the parser runs: the modules mypyc compiled at install, or their ``.py`` sources.

The install (``hatch_build.py``, a hatchling build hook; ``pip install -e .``, ``pip install .``,
``pip wheel .``) compiles the parser's modules with mypyc into ``_compiled/`` beside them, and
writes ``_compiled/record.json``: the SHA-256 of every ``.py`` it compiled, the interpreter and
the compiler, or why nothing was compiled. The ``.py`` files stay the truth:

* The compiled modules never sit beside their sources (CPython would import an extension module in
  place of a ``.py`` of the same name): in ``_compiled/`` the normal import system never finds them.
  ``select()`` runs once per process, from the package's ``__init__`` before any parser module is
  imported, and only when the record matches every source (hashed again) does it put a finder in
  front of the normal ones that loads ``curator.core.parse.<name>`` from ``_compiled/``. So a
  process runs every compilable module compiled, or none: never a mix, and each class (a compiled
  ``CorpusContext`` or a pure one) exists once per process, so ``isinstance`` holds.
* A source edited, added or removed after the build (a contributor in an editable install): the
  sources run, with one warning naming the file and the command that rebuilds.
* ``CURATOR_PURE=1`` runs the sources quietly; ``CURATOR_BUILD_PURE=1`` at install skips the compile.
* No compiler at install (or the compile failed): the install succeeded without it; the record
  says why, and ``note()`` gives the one line ``curator info`` prints and the CLI warns with.

The deciding is ``curator.core.compiled``'s, one loader for every compiled build (``PARSER`` there
names what is never compiled: this module, ``errors.py`` and ``__init__.py``); this module keeps the
names the parser's package and its tests use.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from curator.core.compiled import MYPYC_FLAGS, PARSER, REBUILD, CompiledParserWarning, digest

__all__ = ["BUILD", "BUILT", "COMPILED", "HERE", "HOW_TO_COMPILE", "MYPYC_FLAGS", "NEVER_COMPILED", "PACKAGE",
           "REBUILD", "RECORD", "WARNING", "CompiledParserWarning", "digest", "give_up", "note", "read_record",
           "running", "select", "sources"]

HERE = PARSER.folder
BUILT = PARSER.built
RECORD = PARSER.record_path
PACKAGE = PARSER.package
NEVER_COMPILED = PARSER.never
HOW_TO_COMPILE = PARSER.how_to_compile

COMPILED = False
BUILD = PARSER.build
WARNING: str | None = None


def sources() -> dict[str, Path]:
    """The parser's compilable modules: name -> ``.py`` path."""
    return PARSER.sources()


def read_record() -> dict[str, Any] | None:
    return PARSER.read_record()


def _sync() -> None:
    global COMPILED, BUILD, WARNING
    COMPILED, BUILD, WARNING = PARSER.compiled, PARSER.build, PARSER.warning


def select() -> None:
    """Choose the build, once per process, before any parser module is imported."""
    PARSER.select()
    _sync()


def give_up(exc: BaseException) -> None:
    """The compiled modules failed to import: forget every one of them and run the sources."""
    PARSER.give_up(exc)
    _sync()


def running() -> str:
    """Which build runs, checked on the modules actually loaded: ``compiled (…)`` or ``pure Python (…)``."""
    return PARSER.running()


def note() -> str | None:
    """One line for a user when the pure build runs though a compiled one was expected, else None."""
    return PARSER.note()
