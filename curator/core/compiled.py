"""Which build of a package's hot modules runs: the ones mypyc compiled at install, or their sources.

One loader for every mypyc build: the parser's (``PARSER``: every module of ``curator/core/parse`` but a
few; ``curator.core.parse.loader`` keeps the names the parser's package uses) and the duplicate finder's
(``DUPS``: a few named modules). The install
(``hatch_build.py``) compiles ``Build.modules`` into ``<package>/_compiled/`` and writes
``_compiled/record.json``: the SHA-256 of every ``.py`` it compiled, the interpreter and the compiler,
or why nothing was compiled. The ``.py`` files stay the truth:

* The compiled modules sit in ``_compiled/``, where the normal import system never finds them.
  ``Build.select()`` runs once per process, from the package's ``__init__`` before any of its modules
  is imported; only when the record matches every source (hashed again) does it put a finder in front
  of the normal ones that loads those modules from ``_compiled/``. So a process runs all of them
  compiled or none, and each class exists once per process.
* A source edited after the build (an editable install): the sources run, with one warning naming the
  file and the command that rebuilds. A source not compiled may change freely: the compiled modules
  call it through the normal import system.
* ``CURATOR_PURE=1`` runs the sources quietly; ``CURATOR_BUILD_PURE=1`` at install skips the compile.
* No compiler at install (or the compile failed): the record says why, and ``note()`` gives the line
  ``curator info`` prints.

Standard library only: ``hatch_build.py`` loads this file by path to learn what to compile.
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

CORE = Path(__file__).resolve().parent
REBUILD = "pip install -e . again"
# mypy's flags for the build (as the parser's: the installing environment's site-packages never
# change what type-checks).
MYPYC_FLAGS = ("--ignore-missing-imports", "--no-site-packages")
_NOT_CHOSEN = "pure Python (not chosen yet)"



def read_record(path: Path) -> dict[str, Any] | None:
    """A build's record (what was compiled, from which sources), None when there is none; an unreadable
    one reads as a build that is not compiled, with the reason."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as exc:
        return {"compiled": False, "reason": f"unreadable build record {path}: {exc}"}
    return data if isinstance(data, dict) else {"compiled": False, "reason": f"unreadable build record {path}"}


def _refused(record: dict[str, Any] | None, what: str, how_to_compile: str,
             sources: str) -> tuple[bool, str, str | None] | None:
    """Why a build is not used before its sources are compared (``CURATOR_PURE``, no build, a failed or
    skipped compile, another interpreter's build) as ``decide`` returns it; None when none of these."""
    if os.environ.get("CURATOR_PURE", "") not in ("", "0"):
        return False, "pure Python (CURATOR_PURE is set)", None
    if record is None:
        return False, f"pure Python (no compiled build beside {sources}; pip install -e . compiles it)", None
    if not record.get("compiled"):
        reason = str(record.get("reason") or "not compiled")
        if record.get("requested"):
            return False, f"pure Python (compile skipped at install: {reason})", None
        line = f"pure Python (the install could not compile it: {reason}; {how_to_compile})"
        return False, line, line
    if record.get("suffix") != _suffix():
        line = (f"pure Python (the compiled {what} was built for {record.get('suffix')}, this "
                f"interpreter loads {_suffix()}; rebuild: {REBUILD})")
        return False, line, line
    return None

class CompiledBuildWarning(UserWarning):
    """A compiled build cannot run (out of date with its sources, or not built): the sources run."""


class CompiledParserWarning(CompiledBuildWarning):
    """The compiled parser cannot run (out of date with its sources, or not built): the sources run."""


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _suffix() -> str:
    return importlib.machinery.EXTENSION_SUFFIXES[0]


class _FromBuilt(importlib.abc.MetaPathFinder):
    """Load the named modules from one ``_compiled/`` folder; every other import goes on as usual."""

    def __init__(self, names: frozenset[str], folder: Path) -> None:
        self.names, self.folder = names, folder

    def find_spec(self, fullname: str, path: Sequence[str] | None = None,
                  target: ModuleType | None = None) -> importlib.machinery.ModuleSpec | None:
        if fullname not in self.names:
            return None
        ext = self.folder / (fullname.rpartition(".")[2] + _suffix())
        loader = importlib.machinery.ExtensionFileLoader(fullname, str(ext))
        return importlib.util.spec_from_file_location(fullname, ext, loader=loader)


class Build:
    """One package's compiled build: which modules, where, and whether this process runs it."""

    def __init__(self, *, package: str, modules: tuple[str, ...] | None, what: str, group: str, gain: str,
                 never: frozenset[str] = frozenset(),
                 warning_class: type[CompiledBuildWarning] = CompiledBuildWarning) -> None:
        self.package = package  # e.g. curator.core.dups
        self.folder = CORE.joinpath(*package.split(".")[2:])  # the package's folder
        self.built = self.folder / "_compiled"
        self.record_path = self.built / "record.json"
        # compiled, in the order the package imports them; None: every module of the package but ``never``
        # (then a module added or removed since the build makes it stale)
        self.modules = modules
        self.never = never  # never compiled, and kept when a broken build is given up
        self.warning_class = warning_class
        self.what = what  # for messages: "the duplicate finder"
        self.group = group  # mypyc's shared library: <package>._compiled.<group>__mypyc
        self.how_to_compile = (f"for the compiled {what} (mypyc, {gain}) install a C compiler and the Python "
                               f"headers (apt-get install gcc python3-dev), then {REBUILD}")
        self.compiled = False
        self.build = _NOT_CHOSEN
        self.warning: str | None = None
        self._finder: _FromBuilt | None = None

    def sources(self) -> dict[str, Path]:
        """The compiled modules' sources: name -> ``.py`` path (missing files included: they make the build stale)."""
        if self.modules is None:
            return {p.stem: p for p in sorted(self.folder.glob("*.py")) if p.stem not in self.never}
        return {name: self.folder / f"{name}.py" for name in self.modules}

    def names(self) -> frozenset[str]:
        return frozenset(f"{self.package}.{n}" for n in self.sources())

    def read_record(self) -> dict[str, Any] | None:
        return read_record(self.record_path)

    def decide(self) -> tuple[bool, str, str | None]:
        """(compiled, the build line, a warning or None)."""
        record = self.read_record()
        refused = _refused(record, self.what, self.how_to_compile, "these sources")
        if refused is not None:
            return refused
        assert record is not None
        recorded: dict[str, str] = record.get("modules") or {}
        now = self.sources()
        stale = sorted(f"{n}.py" for n, p in now.items() if not p.is_file() or recorded.get(n) != digest(p))
        gone = "removed" if self.modules is None else "no longer compiled"
        stale += sorted(f"{n}.py ({gone})" for n in recorded if n not in now)
        if stale:
            line = (f"pure Python (compiled build stale: {', '.join(stale)} changed since it was compiled; "
                    f"the .py sources run; rebuild: {REBUILD})")
            return False, line, line
        missing = sorted(n for n in now if not (self.built / f"{n}{_suffix()}").is_file())
        if missing:
            line = f"pure Python (compiled modules missing from {self.built}: {', '.join(missing)}; rebuild: {REBUILD})"
            return False, line, line
        return True, f"compiled ({record.get('compiler', 'mypyc')})", None

    def select(self) -> None:
        """Choose the build, once per process, before any of the compiled modules is imported."""
        if self._finder is not None or self.build != _NOT_CHOSEN:
            return
        self.compiled, self.build, self.warning = self.decide()
        early = sorted(self.names() & set(sys.modules))
        if early:  # cannot happen through the package (its __init__ calls this first): never mix
            self.compiled, self.build = False, f"pure Python (modules imported before the build was chosen: {early})"
            return
        if self.compiled:
            self._finder = _FromBuilt(self.names(), self.built)
            sys.meta_path.insert(0, self._finder)
        if self.warning:
            warnings.warn(f"curator: the {self.what} runs as {self.warning}", self.warning_class, stacklevel=3)

    def load(self) -> None:
        """Import the compiled modules (the sources when the build is pure); a broken build falls back whole."""
        names = list(self.sources())
        try:
            for name in names:
                importlib.import_module(f"{self.package}.{name}")
        except Exception as exc:  # noqa: BLE001 - a broken compiled build must never stop the package
            if not self.compiled:
                raise
            self.give_up(exc)
            for name in names:
                importlib.import_module(f"{self.package}.{name}")

    def give_up(self, exc: BaseException) -> None:
        """The compiled modules failed to import: forget every module of the package and run the sources."""
        if self._finder in sys.meta_path:
            sys.meta_path.remove(self._finder)
        self._finder = None
        for name in list(sys.modules):
            if name.startswith(self.package + ".") and name.rpartition(".")[2] not in self.never:
                del sys.modules[name]
        self.compiled = False
        self.build = self.warning = (f"pure Python (the compiled modules failed to load: {type(exc).__name__}: "
                                     f"{exc}; rebuild: {REBUILD})")
        warnings.warn(f"curator: the {self.what} runs as {self.warning}", self.warning_class, stacklevel=3)

    def running(self) -> str:
        """Which build runs, checked on the modules actually loaded: ``compiled (…)`` or ``pure Python (…)``."""
        loaded = [m for m in (sys.modules.get(n) for n in sorted(self.names())) if m is not None]
        native = [m for m in loaded if not str(getattr(m, "__file__", "")).endswith(".py")]
        if native and len(native) != len(loaded):  # must never happen
            return f"MIXED: {', '.join(sorted(m.__name__ for m in native))} compiled, the rest from source"
        if self.compiled and not native:
            return "pure Python (the compiled modules did not load)"
        return self.build

    def note(self) -> str | None:
        """One line for a user when the pure build runs though a compiled one was expected, else None."""
        return self.warning


# The parser: every module of curator/core/parse but its package's __init__, its loader (it decides) and
# errors.py (a subclass of a built-in exception, which mypyc cannot compile).
PARSER = Build(package="curator.core.parse", modules=None, what="parser", group="parser", gain="about 1.3x faster",
               never=frozenset({"__init__", "loader", "errors"}), warning_class=CompiledParserWarning)

# The duplicate finder: the per-pair alignment, the per-word tokens and the per-passage features
# (measured hot: issue 10's stage table in docs/scale.md). Its other modules run as Python.
DUPS = Build(package="curator.core.dups", modules=("text", "features", "align"), what="duplicate finder",
             group="dups", gain="faster alignment and features")

BUILDS = (DUPS,)


class Native:
    """A C extension of a package (one ``.c`` source, CPython's API), compiled at install into its own folder.

    ``hatch_build.py`` compiles ``<package>/_native/<name>.c`` into ``<package>/_native/_compiled/`` with
    a record of the source's SHA-256, as for the mypyc builds. ``module()`` loads it once per process,
    only when the record matches the source; else it gives None and the package's pure Python runs
    (``CURATOR_PURE=1`` quietly; a stale or failed build with one warning and the line of ``note()``).
    Unlike a mypyc build it replaces no module: the package asks for it and keeps its Python path.
    """

    def __init__(self, *, package: str, name: str, what: str, gain: str) -> None:
        self.package = package
        self.name = name  # the extension: <package>._native.<name>, from _native/<name>.c
        self.folder = CORE.joinpath(*package.split(".")[2:]) / "_native"
        self.source = self.folder / f"{name}.c"
        self.built = self.folder / "_compiled"
        self.record_path = self.built / "record.json"
        self.what = what
        self.how_to_compile = (f"for the {what} (C, {gain}) install a C compiler and the Python headers "
                               f"(apt-get install gcc python3-dev), then {REBUILD}")
        self.build = _NOT_CHOSEN
        self.warning: str | None = None
        self._module: ModuleType | None = None
        self._chosen = False

    def read_record(self) -> dict[str, Any] | None:
        return read_record(self.record_path)

    def decide(self) -> tuple[bool, str, str | None]:
        """(compiled, the build line, a warning or None)."""
        record = self.read_record()
        refused = _refused(record, self.what, self.how_to_compile, "its source")
        if refused is not None:
            return refused
        assert record is not None
        try:
            now = digest(self.source)
        except OSError:
            now = ""
        if (record.get("sources") or {}).get(self.source.name) != now:
            line = (f"pure Python (compiled build stale: {self.source.name} changed since it was compiled; "
                    f"rebuild: {REBUILD})")
            return False, line, line
        if not (self.built / f"{self.name}{_suffix()}").is_file():
            line = f"pure Python (compiled module missing from {self.built}; rebuild: {REBUILD})"
            return False, line, line
        return True, f"compiled ({record.get('compiler', 'C')})", None

    def module(self) -> ModuleType | None:
        """The extension module when its build matches its source, else None (once per process)."""
        if self._chosen:
            return self._module
        self._chosen = True
        compiled, self.build, self.warning = self.decide()
        if compiled:
            fullname = f"{self.package}._native.{self.name}"
            ext = self.built / f"{self.name}{_suffix()}"
            try:
                loader = importlib.machinery.ExtensionFileLoader(fullname, str(ext))
                spec = importlib.util.spec_from_file_location(fullname, ext, loader=loader)
                assert spec is not None
                mod = importlib.util.module_from_spec(spec)
                loader.exec_module(mod)
            except Exception as exc:  # noqa: BLE001 - a broken build must never stop the package
                self.build = self.warning = (f"pure Python (the compiled {self.what} failed to load: "
                                             f"{type(exc).__name__}: {exc}; rebuild: {REBUILD})")
            else:
                self._module = mod
        if self.warning:
            warnings.warn(f"curator: the {self.what} runs as {self.warning}", CompiledBuildWarning, stacklevel=3)
        return self._module

    def running(self) -> str:
        """``compiled (…)`` when the extension is loaded in this process, else ``pure Python (…)``."""
        self.module()
        return self.build

    def note(self) -> str | None:
        """One line for a user when the pure Python runs though a compiled build was expected, else None."""
        return self.warning


# The duplicate finder's kernel: a pair's alignment runs and best chain in one call (``align._chain_pure`` is
# its Python) and a page's features in one call (``features._features_pure``); issue 10's stage table in
# docs/scale.md.
KERNEL = Native(package="curator.core.dups", name="kernel", what="duplicate finder kernel",
                gain="faster alignment and features")

NATIVE = (KERNEL,)
