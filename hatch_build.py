"""Build hook (hatchling): compile the parser's modules with mypyc, or install them uncompiled.

``pip install -e .``, ``pip install .``, ``pip wheel .`` and ``python -m build`` run this. It
compiles every module of ``curator/core/parse`` but those ``compiled.PARSER.never`` names (mypyc,
``opt_level=3``; the ``.py`` files stay the only source) into ``curator/core/parse/_compiled/``,
and writes ``_compiled/record.json`` with the SHA-256 of every source it compiled; at import,
``curator.core.compiled`` (through ``curator.core.parse.loader``) loads the compiled modules only when
every source still matches. A
wheel gets ``_compiled/`` inside it (and a platform tag); an editable install gets it in the
source tree (ignored by git). Without a C compiler or Python headers, or when the compile fails
for any reason, the install still succeeds, pure Python, with one line saying so and how to get
the compiled build (also in the record, which ``curator info`` reads). ``CURATOR_BUILD_PURE=1``
skips the compile.

The same is done for the hot modules of other packages named in ``curator/core/compiled.py``
(``BUILDS``: today the duplicate finder's ``align``, ``text`` and ``features``), each in its own
``<package>/_compiled/`` with its own record and its own mypyc shared library; each build succeeds
or falls back on its own.

C extensions named in ``curator/core/compiled.py`` (``NATIVE``: today the duplicate finder's alignment
kernel, ``curator/core/dups/_native/kernel.c``) are compiled the same way (setuptools' ``build_ext``,
``-O2``) into ``<package>/_native/_compiled/`` with a record of the source's SHA-256; without a
compiler the install goes on and the package's Python runs.
"""

from __future__ import annotations

import hashlib
import importlib.machinery
import importlib.util
import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

PARSE = Path("curator") / "core" / "parse"
BUILT = PARSE / "_compiled"
# the compiled modules' shared library: curator/core/parse/_compiled/parser__mypyc.<suffix>
GROUP = "curator.core.parse._compiled.parser"


def _by_path(root: Path, rel: Path, name: str) -> Any:
    """A standard-library-only module of the project loaded from its file (the package is not importable yet)."""
    spec = importlib.util.spec_from_file_location(name, root / rel)
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def _builds(root: Path) -> Any:
    """``curator/core/compiled.py`` (standard library only): which modules of which packages to compile."""
    return _by_path(root, Path("curator") / "core" / "compiled.py", "_curator_compiled")


def _compile(root: Path, modules: dict[str, Path], work: Path, flags: tuple[str, ...],
             built_dir: Path = BUILT, group: str = GROUP) -> tuple[dict[str, Path], str]:
    """Compile the modules into extensions under ``work``: (file name in _compiled/ -> built file, compiler).

    ``modules`` are files of ``built_dir``'s parent package; ``group`` names the shared library
    (``<built_dir as a package>.<name>``)."""
    import mypy.version
    from mypyc.build import mypycify
    from setuptools import Distribution

    suffix = importlib.machinery.EXTENSION_SUFFIXES[0]
    cwd = os.getcwd()
    os.chdir(root)  # mypy names the modules from the paths: curator/core/parse/api.py -> curator.core.parse.api
    try:
        exts = mypycify([*flags, "--cache-dir", str(work / "mypy-cache"),
                         *(str(p.resolve().relative_to(root.resolve())) for p in modules.values())],
                        opt_level="3", group_name=group, target_dir=str(work / "c"))
        dist = Distribution({"name": "curator-parser", "ext_modules": exts, "packages": [], "py_modules": []})
        cmd: Any = dist.get_command_obj("build_ext")
        cmd.build_lib = str(work / "lib")
        cmd.build_temp = str(work / "tmp")
        cmd.ensure_finalized()
        cmd.run()
    finally:
        os.chdir(cwd)
    lib = work / "lib"
    built = {f"{name}{suffix}": lib / built_dir.parent / f"{name}{suffix}" for name in modules}
    shared = group.rpartition(".")[2] + "__mypyc"
    built[f"{shared}{suffix}"] = lib / built_dir / f"{shared}{suffix}"
    missing = [str(p) for p in built.values() if not p.is_file()]
    if missing:
        raise RuntimeError(f"the compiler wrote no {', '.join(missing)}")
    return built, f"mypyc {mypy.version.__version__}, opt_level 3"


def _compile_c(root: Path, source: Path, name: str, fullname: str, work: Path) -> tuple[dict[str, Path], str]:
    """Compile one C extension (``source``, CPython's API) under ``work``: ({file name: built file}, compiler)."""
    import sysconfig

    from setuptools import Distribution, Extension

    suffix = importlib.machinery.EXTENSION_SUFFIXES[0]
    ext = Extension(fullname, sources=[str(source.resolve())], extra_compile_args=["-O2"])
    dist = Distribution({"name": "curator-native", "ext_modules": [ext], "packages": [], "py_modules": []})
    cmd: Any = dist.get_command_obj("build_ext")
    cmd.build_lib = str(work / "lib")
    cmd.build_temp = str(work / "tmp")
    cmd.ensure_finalized()
    cmd.run()
    built = work / "lib" / Path(*fullname.split(".")[:-1]) / f"{name}{suffix}"
    if not built.is_file():
        raise RuntimeError(f"the compiler wrote no {built}")
    return {f"{name}{suffix}": built}, f"C ({sysconfig.get_config_var('CC') or 'cc'}, -O2)"


def _one_line(exc: BaseException) -> str:
    cmd = getattr(exc, "cmd", None)
    if isinstance(cmd, (list, tuple)) and cmd:  # the compiler's whole command line says little: name it
        return f"the C compiler failed ({cmd[0]} exited with {getattr(exc, 'returncode', '?')})"
    if isinstance(exc, SystemExit):  # mypyc (mypy errors) or setuptools exits with a bare status
        return f"mypyc or the C build stopped with exit status {exc.code} (pip install -v shows its output)"
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text if len(text) <= 300 else text[:297] + "..."


class CustomBuildHook(BuildHookInterface):  # type: ignore[type-arg]
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if self.target_name != "wheel":
            return
        root = Path(self.root)
        self._work = Path(tempfile.mkdtemp(prefix="curator-build-"))
        builds = _builds(root)
        for b in (builds.PARSER, *builds.BUILDS):
            built_dir = b.built.relative_to(root.resolve())
            self._one(root, version, build_data, what=b.what, modules=b.sources(),
                      built_dir=built_dir, group=f"{'.'.join(built_dir.parts)}.{b.group}",
                      flags=tuple(builds.MYPYC_FLAGS), how=b.how_to_compile)
        for n in builds.NATIVE:
            self._native(root, version, build_data, n)

    def _native(self, root: Path, version: str, build_data: dict[str, Any], n: Any) -> None:
        """Compile one C extension into its ``_native/_compiled/`` with its record, or record why not."""
        built_dir = n.built.relative_to(root.resolve())
        source = root / n.source.relative_to(root.resolve())
        if version == "editable":
            shutil.rmtree(root / built_dir, ignore_errors=True)
        work = self._work / "native" / n.name
        work.mkdir(parents=True)
        t0 = time.perf_counter()
        record: dict[str, Any]
        built: dict[str, Path] = {}
        if os.environ.get("CURATOR_BUILD_PURE", "") not in ("", "0"):
            record = {"compiled": False, "requested": True, "reason": "CURATOR_BUILD_PURE is set"}
            self.app.display_info(f"curator: CURATOR_BUILD_PURE is set: the {n.what} is not compiled (pure Python)")
        else:
            try:
                built, compiler = _compile_c(root, source, n.name, f"{n.package}._native.{n.name}", work)
            except (Exception, SystemExit) as exc:  # never fail the install: the package's Python runs
                record = {"compiled": False, "reason": _one_line(exc)}
                self.app.display_warning(f"curator: the {n.what} is not compiled (pure Python): {_one_line(exc)}; "
                                         f"{n.how_to_compile}")
                built = {}
            else:
                record = {"compiled": True, "compiler": compiler, "python": sys.implementation.cache_tag,
                          "suffix": importlib.machinery.EXTENSION_SUFFIXES[0],
                          "seconds": round(time.perf_counter() - t0, 1),
                          "sources": {source.name: hashlib.sha256(source.read_bytes()).hexdigest()}}
                self.app.display_info(f"curator: compiled the {n.what} ({compiler}) in {time.perf_counter() - t0:.1f} s")
        self._place(root, version, build_data, built_dir, work, record, built)

    def _place(self, root: Path, version: str, build_data: dict[str, Any], built_dir: Path, work: Path,
               record: dict[str, Any], built: dict[str, Path]) -> None:
        """Put a build's files and record in the source tree (editable) or the wheel."""
        (work / "record.json").write_text(json.dumps(record, indent=1) + "\n", encoding="utf-8")
        files = {**built, "record.json": work / "record.json"}
        if version == "editable":
            (root / built_dir).mkdir(parents=True, exist_ok=True)
            for name, path in files.items():
                shutil.copy2(path, root / built_dir / name)
        else:
            for name, path in files.items():
                build_data["force_include"][str(path)] = str(built_dir / name)
            if built:
                build_data["pure_python"] = False
                build_data["infer_tag"] = True

    def _one(self, root: Path, version: str, build_data: dict[str, Any], *, what: str, modules: dict[str, Path],
             built_dir: Path, group: str, flags: tuple[str, ...], how: str) -> None:
        """Compile one package's modules into ``built_dir`` with its record, or record why not."""
        editable = version == "editable"
        if editable:  # an earlier in-place build goes first: a failed build must not leave a stale one
            shutil.rmtree(root / built_dir, ignore_errors=True)
        work = self._work / built_dir.parent.name
        work.mkdir(parents=True)
        t0 = time.perf_counter()
        record: dict[str, Any]
        built: dict[str, Path] = {}
        if os.environ.get("CURATOR_BUILD_PURE", "") not in ("", "0"):
            record = {"compiled": False, "requested": True, "reason": "CURATOR_BUILD_PURE is set"}
            self.app.display_info(f"curator: CURATOR_BUILD_PURE is set: the {what} is installed uncompiled (pure Python)")
        else:
            hashes = {name: hashlib.sha256(p.read_bytes()).hexdigest() for name, p in modules.items()}
            self.app.display_info(f"curator: compiling {len(modules)} {what} modules with mypyc "
                                  "(a few minutes; CURATOR_BUILD_PURE=1 skips it)")
            try:
                built, compiler = _compile(root, modules, work, flags, built_dir, group)
            except (Exception, SystemExit) as exc:  # never fail the install: the sources run as they are
                record = {"compiled": False, "reason": _one_line(exc)}
                self.app.display_warning(f"curator: the {what} is installed uncompiled (pure Python): {_one_line(exc)}; "
                                         f"{how}")
                built = {}
            else:
                record = {"compiled": True, "compiler": compiler, "python": sys.implementation.cache_tag,
                          "suffix": importlib.machinery.EXTENSION_SUFFIXES[0],
                          "seconds": round(time.perf_counter() - t0), "modules": hashes}
                self.app.display_info(f"curator: compiled {len(modules)} {what} modules with {compiler} "
                                      f"in {time.perf_counter() - t0:.0f} s")
        self._place(root, version, build_data, built_dir, work, record, built)

    def finalize(self, version: str, build_data: dict[str, Any], artifact_path: str) -> None:
        work = getattr(self, "_work", None)
        if work is not None:
            shutil.rmtree(work, ignore_errors=True)
