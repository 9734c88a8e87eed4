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

This module, ``errors.py`` and ``__init__.py`` are never compiled; this one imports nothing but the
standard library, so ``hatch_build.py`` reads ``NEVER_COMPILED`` from it.
"""

from __future__ import annotations

import hashlib
import importlib.abc
import importlib.machinery
import importlib.util
import json
import os
import sys
import warnings
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType
from typing import Any

HERE = Path(__file__).resolve().parent
BUILT = HERE / "_compiled"
RECORD = BUILT / "record.json"
PACKAGE = "curator.core.parse"
# Never compiled: the package's __init__, this module (it decides), and errors.py (a subclass of a
# built-in exception, which mypyc cannot compile).
NEVER_COMPILED = frozenset({"__init__", "loader", "errors"})
# mypy's flags for the build (hatch_build.py): never the installing environment's site-packages, so
# the compile cannot depend on what happens to be installed already (with pydantic unseen on a fresh
# venv and seen on a second install, one annotation type-checked only the second time).
MYPYC_FLAGS = ("--ignore-missing-imports", "--no-site-packages")
REBUILD = "pip install -e . again"
HOW_TO_COMPILE = ("for the compiled parser (mypyc, about 1.3x faster) install a C compiler and the Python headers "
                  "(apt-get install gcc python3-dev), then " + REBUILD)


class CompiledParserWarning(UserWarning):
    """The compiled parser cannot run (out of date with its sources, or not built): the sources run."""


def sources() -> dict[str, Path]:
    """The parser's compilable modules: name -> ``.py`` path."""
    return {p.stem: p for p in sorted(HERE.glob("*.py")) if p.stem not in NEVER_COMPILED}


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def read_record() -> dict[str, Any] | None:
    try:
        data = json.loads(RECORD.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as exc:
        return {"compiled": False, "reason": f"unreadable build record {RECORD}: {exc}"}
    return data if isinstance(data, dict) else {"compiled": False, "reason": f"unreadable build record {RECORD}"}


def _suffix() -> str:
    return importlib.machinery.EXTENSION_SUFFIXES[0]


def _decide() -> tuple[bool, str, str | None]:
    """(compiled, the build line, a warning or None)."""
    if os.environ.get("CURATOR_PURE", "") not in ("", "0"):
        return False, "pure Python (CURATOR_PURE is set)", None
    record = read_record()
    if record is None:
        return False, "pure Python (no compiled build beside these sources; pip install -e . compiles it)", None
    if not record.get("compiled"):
        reason = str(record.get("reason") or "not compiled")
        if record.get("requested"):
            return False, f"pure Python (compile skipped at install: {reason})", None
        line = f"pure Python (the install could not compile it: {reason}; {HOW_TO_COMPILE})"
        return False, line, line
    if record.get("suffix") != _suffix():
        line = (f"pure Python (the compiled parser was built for {record.get('suffix')}, this interpreter "
                f"loads {_suffix()}; rebuild: {REBUILD})")
        return False, line, line
    recorded: dict[str, str] = record.get("modules") or {}
    now = sources()
    stale = sorted(f"{n}.py" for n, p in now.items() if recorded.get(n) != digest(p))
    stale += sorted(f"{n}.py (removed)" for n in recorded if n not in now)
    if stale:
        line = (f"pure Python (compiled build stale: {', '.join(stale)} changed since it was compiled; "
                f"the .py sources run; rebuild: {REBUILD})")
        return False, line, line
    missing = sorted(n for n in now if not (BUILT / f"{n}{_suffix()}").is_file())
    if missing:
        line = f"pure Python (compiled modules missing from {BUILT}: {', '.join(missing)}; rebuild: {REBUILD})"
        return False, line, line
    return True, f"compiled ({record.get('compiler', 'mypyc')})", None


class _FromBuilt(importlib.abc.MetaPathFinder):
    """Load the named parser modules from ``_compiled/``; every other import goes on as usual."""

    def __init__(self, names: frozenset[str]) -> None:
        self.names = names

    def find_spec(self, fullname: str, path: Sequence[str] | None = None,
                  target: ModuleType | None = None) -> importlib.machinery.ModuleSpec | None:
        if fullname not in self.names:
            return None
        ext = BUILT / (fullname.rpartition(".")[2] + _suffix())
        loader = importlib.machinery.ExtensionFileLoader(fullname, str(ext))
        return importlib.util.spec_from_file_location(fullname, ext, loader=loader)


_finder: _FromBuilt | None = None
COMPILED = False
BUILD = "pure Python (not chosen yet)"
WARNING: str | None = None


def select() -> None:
    """Choose the build, once per process, before any parser module is imported."""
    global COMPILED, BUILD, WARNING, _finder
    if _finder is not None or BUILD != "pure Python (not chosen yet)":
        return
    COMPILED, BUILD, WARNING = _decide()
    names = frozenset(f"{PACKAGE}.{n}" for n in sources())
    early = sorted(names & set(sys.modules))
    if early:  # cannot happen through the package (its __init__ calls this first): never mix
        COMPILED, BUILD = False, f"pure Python (parser modules imported before the build was chosen: {early})"
        return
    if COMPILED:
        _finder = _FromBuilt(names)
        sys.meta_path.insert(0, _finder)
    if WARNING:
        warnings.warn(f"curator: the parser runs as {WARNING}", CompiledParserWarning, stacklevel=3)


def give_up(exc: BaseException) -> None:
    """The compiled modules failed to import: forget every one of them and run the sources."""
    global COMPILED, BUILD, WARNING, _finder
    if _finder in sys.meta_path:
        sys.meta_path.remove(_finder)
    _finder = None
    for name in list(sys.modules):
        if name.startswith(PACKAGE + ".") and name.rpartition(".")[2] not in NEVER_COMPILED:
            del sys.modules[name]
    COMPILED = False
    BUILD = WARNING = (f"pure Python (the compiled modules failed to load: {type(exc).__name__}: {exc}; "
                       f"rebuild: {REBUILD})")
    warnings.warn(f"curator: the parser runs as {WARNING}", CompiledParserWarning, stacklevel=3)


def running() -> str:
    """Which build runs, checked on the modules actually loaded: ``compiled (…)`` or ``pure Python (…)``."""
    mods = [sys.modules.get(f"{PACKAGE}.{n}") for n in sources()]
    loaded = [m for m in mods if m is not None]
    native = [m for m in loaded if not str(getattr(m, "__file__", "")).endswith(".py")]
    if native and len(native) != len(loaded):  # must never happen
        return f"MIXED: {', '.join(sorted(m.__name__ for m in native))} compiled, the rest from source"
    if COMPILED and not native:
        return "pure Python (the compiled modules did not load)"
    return BUILD


def note() -> str | None:
    """One line for a user when the pure build runs though a compiled one was expected, else None."""
    return WARNING
