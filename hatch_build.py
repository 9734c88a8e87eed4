"""Build hook (hatchling): compile the parser's modules with mypyc, or install them uncompiled.

``pip install -e .``, ``pip install .``, ``pip wheel .`` and ``python -m build`` run this. It
compiles every module of ``curator/core/parse`` but those ``loader.NEVER_COMPILED`` names (mypyc,
``opt_level=3``; the ``.py`` files stay the only source) into ``curator/core/parse/_compiled/``,
and writes ``_compiled/record.json`` with the SHA-256 of every source it compiled; at import,
``curator.core.parse.loader`` loads the compiled modules only when every source still matches. A
wheel gets ``_compiled/`` inside it (and a platform tag); an editable install gets it in the
source tree (ignored by git). Without a C compiler or Python headers, or when the compile fails
for any reason, the install still succeeds, pure Python, with one line saying so and how to get
the compiled build (also in the record, which ``curator info`` reads). ``CURATOR_BUILD_PURE=1``
skips the compile.
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


def _loader(root: Path) -> Any:
    """``curator/core/parse/loader.py`` (standard library only), for ``NEVER_COMPILED`` and ``HOW_TO_COMPILE``."""
    spec = importlib.util.spec_from_file_location("_curator_parse_loader", root / PARSE / "loader.py")
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def _compile(root: Path, modules: dict[str, Path], work: Path, flags: tuple[str, ...]) -> tuple[dict[str, Path], str]:
    """Compile the modules into extensions under ``work``: (file name in _compiled/ -> built file, compiler)."""
    import mypy.version
    from mypyc.build import mypycify
    from setuptools import Distribution

    suffix = importlib.machinery.EXTENSION_SUFFIXES[0]
    cwd = os.getcwd()
    os.chdir(root)  # mypy names the modules from the paths: curator/core/parse/api.py -> curator.core.parse.api
    try:
        exts = mypycify([*flags, "--cache-dir", str(work / "mypy-cache"),
                         *(str(p.relative_to(root)) for p in modules.values())],
                        opt_level="3", group_name=GROUP, target_dir=str(work / "c"))
        dist = Distribution({"name": "curator-parser", "ext_modules": exts, "packages": [], "py_modules": []})
        cmd: Any = dist.get_command_obj("build_ext")
        cmd.build_lib = str(work / "lib")
        cmd.build_temp = str(work / "tmp")
        cmd.ensure_finalized()
        cmd.run()
    finally:
        os.chdir(cwd)
    lib = work / "lib"
    built = {f"{name}{suffix}": lib / PARSE / f"{name}{suffix}" for name in modules}
    built[f"parser__mypyc{suffix}"] = lib / BUILT / f"parser__mypyc{suffix}"
    missing = [str(p) for p in built.values() if not p.is_file()]
    if missing:
        raise RuntimeError(f"the compiler wrote no {', '.join(missing)}")
    return built, f"mypyc {mypy.version.__version__}, opt_level 3"


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
        loader = _loader(root)
        modules = {p.stem: p for p in sorted((root / PARSE).glob("*.py")) if p.stem not in loader.NEVER_COMPILED}
        editable = version == "editable"
        if editable:  # an earlier in-place build goes first: a failed build must not leave a stale one
            shutil.rmtree(root / BUILT, ignore_errors=True)
        work = self._work = Path(tempfile.mkdtemp(prefix="curator-build-"))
        t0 = time.perf_counter()
        record: dict[str, Any]
        built: dict[str, Path] = {}
        if os.environ.get("CURATOR_BUILD_PURE", "") not in ("", "0"):
            record = {"compiled": False, "requested": True, "reason": "CURATOR_BUILD_PURE is set"}
            self.app.display_info("curator: CURATOR_BUILD_PURE is set: the parser is installed uncompiled (pure Python)")
        else:
            hashes = {name: hashlib.sha256(p.read_bytes()).hexdigest() for name, p in modules.items()}
            self.app.display_info(f"curator: compiling {len(modules)} parser modules with mypyc "
                                  "(a few minutes; CURATOR_BUILD_PURE=1 skips it)")
            try:
                built, compiler = _compile(root, modules, work, tuple(loader.MYPYC_FLAGS))
            except (Exception, SystemExit) as exc:  # never fail the install: the sources run as they are
                record = {"compiled": False, "reason": _one_line(exc)}
                self.app.display_warning(f"curator: the parser is installed uncompiled (pure Python): {_one_line(exc)}; "
                                         f"{loader.HOW_TO_COMPILE}")
                built = {}
            else:
                record = {"compiled": True, "compiler": compiler, "python": sys.implementation.cache_tag,
                          "suffix": importlib.machinery.EXTENSION_SUFFIXES[0],
                          "seconds": round(time.perf_counter() - t0), "modules": hashes}
                self.app.display_info(f"curator: compiled {len(modules)} parser modules with {compiler} "
                                      f"in {time.perf_counter() - t0:.0f} s")
        (work / "record.json").write_text(json.dumps(record, indent=1) + "\n", encoding="utf-8")
        files = {**built, "record.json": work / "record.json"}
        if editable:
            (root / BUILT).mkdir(parents=True, exist_ok=True)
            for name, path in files.items():
                shutil.copy2(path, root / BUILT / name)
        else:
            for name, path in files.items():
                build_data["force_include"][str(path)] = str(BUILT / name)
            if built:
                build_data["pure_python"] = False
                build_data["infer_tag"] = True

    def finalize(self, version: str, build_data: dict[str, Any], artifact_path: str) -> None:
        work = getattr(self, "_work", None)
        if work is not None:
            shutil.rmtree(work, ignore_errors=True)
