"""The compiled duplicate finder (hatch_build.py, mypyc) never runs stale or mixed: ``curator.core.compiled.DUPS``
picks the build, as ``curator.core.parse.loader`` does for the parser.

Each test copies the ``curator`` package to a temporary folder (no compiled build in it), puts fake
compiled modules in ``curator/core/dups/_compiled/`` (files that fail to load as extensions) and a
build record, and imports the copy in a fresh interpreter. The last tests run this checkout's real
compiled build when it has one (CI's install compiles it; ``.ci/run`` fails when it did not).
"""

from __future__ import annotations

import ast
import hashlib
import importlib.machinery
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from curator.core.compiled import DUPS, MYPYC_FLAGS

ROOT = Path(__file__).resolve().parents[1]
SUFFIX = importlib.machinery.EXTENSION_SUFFIXES[0]
PROBE = (
    "import warnings, json, sys\n"
    "with warnings.catch_warnings(record=True) as w:\n"
    "    warnings.simplefilter('always')\n"
    "    import curator.core.dups as d\n"
    "    from curator.core.dups import engine\n"
    "    groups = d.find_in_texts({'a': 'One two three four five six seven eight nine ten.\\n\\nEnd.',\n"
    "                              'b': 'One two three four five six seven eight nine ten.\\n\\nOther.'})\n"
    "files = [sys.modules[f'curator.core.dups.{n}'].__file__ for n in ('text', 'features', 'align')]\n"
    "print(json.dumps({'build': d.dups_build(), 'files': files,\n"
    "                  'warnings': [str(x.message) for x in w if 'duplicate finder' in str(x.message)],\n"
    "                  'groups': len(groups)}))\n"
)


def _copy(tmp_path: Path) -> Path:
    dest = tmp_path / "code"
    shutil.copytree(ROOT / "curator", dest / "curator", ignore=shutil.ignore_patterns("__pycache__", "_compiled"))
    shutil.copytree(ROOT / "resources", dest / "resources")
    return dest


def _dups_dir(code: Path) -> Path:
    return code / "curator" / "core" / "dups"


def _fake_build(code: Path, **override: str) -> Path:
    built = _dups_dir(code) / "_compiled"
    built.mkdir()
    for name in [*DUPS.modules, f"{DUPS.group}__mypyc"]:
        (built / f"{name}{SUFFIX}").write_bytes(b"not an extension: loading this must fail")
    mods = {name: hashlib.sha256((_dups_dir(code) / f"{name}.py").read_bytes()).hexdigest() for name in DUPS.modules}
    mods.update(override)
    (built / "record.json").write_text(json.dumps(
        {"compiled": True, "compiler": "mypyc test", "suffix": SUFFIX, "modules": mods}), encoding="utf-8")
    return built


def _run(code: Path, **env: str) -> subprocess.CompletedProcess[str]:
    full = {k: v for k, v in os.environ.items() if k != "CURATOR_PURE"}
    full.update(PYTHONPATH=str(code), **env)
    return subprocess.run([sys.executable, "-c", PROBE], cwd=code, env=full, capture_output=True, text=True)


def _ok(res: subprocess.CompletedProcess[str]) -> dict:
    assert res.returncode == 0, res.stderr[-2000:]
    return json.loads(res.stdout.strip().splitlines()[-1])


def test_the_build_names_modules_of_the_package_and_its_loader_needs_only_the_standard_library() -> None:
    """``hatch_build.py`` loads ``compiled.py`` by path, before the package's dependencies are installed."""
    assert set(DUPS.modules) == {"text", "features", "align"}
    assert all(p.is_file() for p in DUPS.sources().values())
    tree = ast.parse((ROOT / "curator" / "core" / "compiled.py").read_text(encoding="utf-8"))
    imported = {a.name.split(".")[0] for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
    imported |= {(n.module or "").split(".")[0] for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)}
    assert imported <= set(sys.stdlib_module_names) | {"__future__"}, imported


def test_a_source_edited_after_the_build_runs_from_source_with_one_warning(tmp_path: Path) -> None:
    code = _copy(tmp_path)
    _fake_build(code)
    align = _dups_dir(code) / "align.py"
    align.write_text(align.read_text(encoding="utf-8") + "\n# edited after the build\n", encoding="utf-8")
    out = _ok(_run(code))
    assert out["build"].startswith("pure Python (compiled build stale: align.py changed")
    assert "pip install -e ." in out["build"]
    assert all(f.endswith(".py") for f in out["files"])
    assert len(out["warnings"]) == 1 and "align.py" in out["warnings"][0]
    assert out["groups"] == 1


def test_a_module_no_longer_compiled_makes_the_build_stale(tmp_path: Path) -> None:
    code = _copy(tmp_path)
    _fake_build(code, gone="0" * 64)
    out = _ok(_run(code))
    assert out["build"].startswith("pure Python (compiled build stale: gone.py (no longer compiled)")


def test_a_source_not_compiled_may_change(tmp_path: Path) -> None:
    """Only the compiled modules' hashes count: the others are imported as Python by the compiled ones too."""
    code = _copy(tmp_path)
    _fake_build(code)
    params = _dups_dir(code) / "params.py"
    params.write_text(params.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    out = _ok(_run(code))
    assert "failed to load" in out["build"]  # it tried the (fake) compiled modules: the record still matched


def test_curator_pure_runs_the_sources_quietly(tmp_path: Path) -> None:
    code = _copy(tmp_path)
    _fake_build(code)
    out = _ok(_run(code, CURATOR_PURE="1"))
    assert out["build"] == "pure Python (CURATOR_PURE is set)"
    assert out["warnings"] == [] and all(f.endswith(".py") for f in out["files"])


def test_a_matching_record_loads_from_compiled_and_a_broken_build_falls_back_whole(tmp_path: Path) -> None:
    """Every hash matches, so the loader imports from _compiled/ (the fake files fail): the sources run, none mixed."""
    code = _copy(tmp_path)
    _fake_build(code)
    out = _ok(_run(code))
    assert out["build"].startswith("pure Python (the compiled modules failed to load: ImportError")
    assert all(f.endswith(".py") for f in out["files"])
    assert len(out["warnings"]) == 1 and "failed to load" in out["warnings"][0]
    assert out["groups"] == 1


def test_a_failed_compile_says_why_and_how_to_get_it_and_a_skipped_one_is_quiet(tmp_path: Path) -> None:
    code = _copy(tmp_path)
    out = _ok(_run(code))
    assert out["build"].startswith("pure Python (no compiled build") and out["warnings"] == []
    built = _dups_dir(code) / "_compiled"
    built.mkdir()
    (built / "record.json").write_text(json.dumps(
        {"compiled": False, "reason": "error: command '/bin/false' failed with exit code 1"}), encoding="utf-8")
    out = _ok(_run(code))
    assert out["build"].startswith("pure Python (the install could not compile it: error: command '/bin/false'")
    assert "C compiler" in out["build"] and "pip install -e ." in out["build"]
    assert len(out["warnings"]) == 1
    (built / "record.json").write_text(json.dumps(
        {"compiled": False, "requested": True, "reason": "CURATOR_BUILD_PURE is set"}), encoding="utf-8")
    out = _ok(_run(code))
    assert out["build"] == "pure Python (compile skipped at install: CURATOR_BUILD_PURE is set)"
    assert out["warnings"] == []


def test_a_build_for_another_interpreter_is_not_loaded(tmp_path: Path) -> None:
    code = _copy(tmp_path)
    built = _fake_build(code)
    rec = json.loads((built / "record.json").read_text(encoding="utf-8"))
    rec["suffix"] = ".cpython-399-x86_64-linux-gnu.so"
    (built / "record.json").write_text(json.dumps(rec), encoding="utf-8")
    out = _ok(_run(code))
    assert "built for .cpython-399" in out["build"] and all(f.endswith(".py") for f in out["files"])


BUILT = ROOT / "curator" / "core" / "dups" / "_compiled" / "record.json"
needs_build = pytest.mark.skipif(not BUILT.is_file(), reason="this checkout's duplicate finder was not built "
                                 "(pip install -e . builds it; CI checks it did)")


def _compiled_record() -> bool:
    return bool(json.loads(BUILT.read_text(encoding="utf-8")).get("compiled"))


@needs_build
def test_the_compiled_build_is_loaded_when_built_and_the_sources_when_one_differs(tmp_path: Path) -> None:
    """This checkout's real build: loaded while every source matches; a copy with one source edited runs pure."""
    out = _ok(subprocess.run([sys.executable, "-c", PROBE], cwd=ROOT, env=dict(os.environ, PYTHONPATH=str(ROOT),
                             CURATOR_PURE="0"), capture_output=True, text=True))
    if _compiled_record():
        assert out["build"].startswith("compiled (mypyc"), out["build"]
        assert all(f.endswith(SUFFIX) and "_compiled" in f for f in out["files"])
        assert out["warnings"] == []
    code = _copy(tmp_path)
    shutil.copytree(BUILT.parent, _dups_dir(code) / "_compiled")
    text = _dups_dir(code) / "text.py"
    text.write_text(text.read_text(encoding="utf-8") + "\n# edited after the build\n", encoding="utf-8")
    out = _ok(_run(code))
    assert out["build"].startswith("pure Python") and all(f.endswith(".py") for f in out["files"])
    assert out["groups"] == 1


@needs_build
def test_the_compiled_duplicate_finder_gives_the_same_output_as_its_sources(tmp_path: Path) -> None:
    """Groups, links, features (the hashes stored in the index) and alignments of the seeds and near-copies."""
    script = (
        "import json, pathlib, pickle, sys\n"
        "import curator.core.dups as d\n"
        "from curator.core.dups import blocks, text_features\n"
        "A = sys.modules['curator.core.dups.align']\n"
        "texts = {p.stem: p.read_text(encoding='utf-8') for p in sorted(pathlib.Path('seeds').glob('*.txt'))}\n"
        "for k, t in list(texts.items())[:3]:\n"
        "    texts[k + '-copy'] = t.replace('e', 'é', 3).replace(' the ', ' a ', 5).replace('.', '.\\r\\n', 2)\n"
        "groups = d.find_in_texts(texts)\n"
        "feats = [text_features(k, t, d.Params()) for k, t in texts.items()]\n"
        "al = []\n"
        "for t in texts.values():\n"
        "    bl = blocks(t)\n"
        "    for (s0, e0), (s1, e1) in zip(bl, bl[1:]):\n"
        "        al.append(repr(d.align(t, d.tokens(t, s0, e0), t, d.tokens(t, s1, e1), d.Params(threshold=0.3))))\n"
        "print(json.dumps([d.dups_build(), repr(groups), [(f.exact, f.words, f.spans, f.kgrams.tolist(),\n"
        "                  f.offsets.tolist()) for f in feats], al,\n"
        "                  repr(pickle.loads(pickle.dumps(A.Alignment((1, 2), (3, 4), 0.5, False))))]))\n"
    )
    outs = []
    for pure in ("0", "1"):
        env = dict(os.environ, PYTHONPATH=str(ROOT), CURATOR_PURE=pure)
        res = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True)
        assert res.returncode == 0, res.stderr[-2000:]
        outs.append(json.loads(res.stdout.strip().splitlines()[-1]))
    if _compiled_record():
        assert outs[0][0].startswith("compiled"), outs[0][0]
    assert outs[1][0].startswith("pure Python")
    assert outs[0][1] != "[]" and any(a != "None" for a in outs[0][3])
    assert outs[0][1:] == outs[1][1:]


def test_version_and_info_say_which_duplicate_finder_build_runs(tmp_path: Path) -> None:
    env = dict(os.environ, PYTHONPATH=str(ROOT), CURATOR_PURE="1")
    res = subprocess.run([sys.executable, "-m", "curator", "--version"], cwd=ROOT, env=env, capture_output=True, text=True)
    assert res.returncode == 0, res.stderr
    assert "; duplicate finder pure Python (CURATOR_PURE is set)" in res.stdout
    corpus = tmp_path / "c"
    shutil.copytree(ROOT / "seeds", corpus, ignore=shutil.ignore_patterns(".curator"))
    res = subprocess.run([sys.executable, "-m", "curator", "info", str(corpus), "--json"], cwd=ROOT, env=env,
                         capture_output=True, text=True)
    assert res.returncode == 0, res.stderr
    assert json.loads(res.stdout)["duplicate_finder"] == "pure Python (CURATOR_PURE is set)"


def test_the_compiled_modules_type_check_as_the_build_checks_them_whatever_is_installed(tmp_path: Path) -> None:
    res = subprocess.run([sys.executable, "-m", "mypy", *MYPYC_FLAGS, "--cache-dir", str(tmp_path / "cache"),
                          *(str(p) for p in DUPS.sources().values())],
                         cwd=ROOT, capture_output=True, text=True)
    assert res.returncode == 0, res.stdout[-2000:]


def _hook_module(monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """``hatch_build.py`` imported with a stand-in for hatchling (not installed outside a build)."""
    import importlib.util
    import types

    for name in ("hatchling", "hatchling.builders", "hatchling.builders.hooks", "hatchling.builders.hooks.plugin",
                 "hatchling.builders.hooks.plugin.interface"):
        monkeypatch.setitem(sys.modules, name, types.ModuleType(name))
    base = type("BuildHookInterface", (), {"__class_getitem__": classmethod(lambda cls, item: cls)})
    monkeypatch.setattr(sys.modules["hatchling.builders.hooks.plugin.interface"], "BuildHookInterface", base, raising=False)
    spec = importlib.util.spec_from_file_location("_hatch_build_under_test", ROOT / "hatch_build.py")
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_the_install_compiles_each_build_on_its_own_and_a_failed_one_falls_back_alone(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The hook (editable install) asks for the parser's group and the duplicate finder's; the second
    failing leaves the first compiled, and its record says why (the sources then run, quietly named)."""
    hb = _hook_module(monkeypatch)
    code = _copy(tmp_path)
    asked: list[tuple[str, list[str]]] = []

    def fake_compile(root: Path, modules: dict[str, Path], work: Path, flags: tuple[str, ...],
                     built_dir: Path, group: str) -> tuple[dict[str, Path], str]:
        asked.append((group, sorted(modules)))
        if group.endswith(".dups"):
            raise RuntimeError("no C compiler here")
        files = {}
        for name in [*modules, group.rpartition(".")[2] + "__mypyc"]:
            (work / f"{name}{SUFFIX}").write_bytes(b"built")
            files[f"{name}{SUFFIX}"] = work / f"{name}{SUFFIX}"
        return files, "mypyc test"

    monkeypatch.setattr(hb, "_compile", fake_compile)
    monkeypatch.delenv("CURATOR_BUILD_PURE", raising=False)
    hook = hb.CustomBuildHook.__new__(hb.CustomBuildHook)
    lines: list[str] = []
    app = type("App", (), {"display_info": lambda self, m: lines.append(m), "display_warning": lambda self, m: lines.append(m)})
    hook.root, hook.target_name, hook.app = str(code), "wheel", app()
    hook.initialize("editable", {})
    hook.finalize("editable", {}, "")
    assert asked[0][0] == "curator.core.parse._compiled.parser"
    assert asked[1] == ("curator.core.dups._compiled.dups", sorted(DUPS.modules))
    parse_rec = json.loads((code / "curator/core/parse/_compiled/record.json").read_text(encoding="utf-8"))
    dups_rec = json.loads((_dups_dir(code) / "_compiled/record.json").read_text(encoding="utf-8"))
    assert parse_rec["compiled"] is True and (code / f"curator/core/parse/_compiled/parser__mypyc{SUFFIX}").is_file()
    assert dups_rec == {"compiled": False, "reason": "no C compiler here"}
    assert any("duplicate finder is installed uncompiled (pure Python): no C compiler here" in m for m in lines)
    out = _ok(_run(code))
    assert out["build"].startswith("pure Python (the install could not compile it: no C compiler here")
    assert all(f.endswith(".py") for f in out["files"])


def test_word_ids_are_the_top_60_bits_of_each_words_xxh3() -> None:
    """The ids are spooled between processes: the list comprehension keeps numpy's uint64 ``>> 4`` values,
    high bit set or not."""
    import numpy as np
    from xxhash import xxh3_64_intdigest

    from curator.core.dups.text import word_ids

    words = [f"w{n}".encode() for n in range(3000)] + ["ünï".encode(), b"", b"x_y"]
    want = (np.fromiter(map(xxh3_64_intdigest, words), dtype=np.uint64, count=len(words)) >> np.uint64(4)).tolist()
    got = word_ids(words)
    assert got == want and all(type(i) is int for i in got)
    assert any(xxh3_64_intdigest(w) >= 2**63 for w in words)  # the high bit is covered


@needs_build
def test_the_compiled_build_runs_without_mypy_installed() -> None:
    """A wheel installs no mypy: ``text``'s ``mypyc_attr`` falls back to a no-op, compiled or not."""
    probe = "import sys\nsys.modules['mypy_extensions'] = None  # import fails\n" + PROBE
    for pure in ("0", "1"):
        res = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True,
                             env=dict(os.environ, PYTHONPATH=str(ROOT), CURATOR_PURE=pure))
        out = _ok(res)
        assert out["groups"] == 1
        if pure == "0" and _compiled_record():
            assert out["build"].startswith("compiled"), out["build"]
