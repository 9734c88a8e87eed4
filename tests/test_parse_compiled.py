"""The compiled parser (hatch_build.py, mypyc) never runs stale or mixed: ``curator.core.parse.loader`` picks the build.

Each test copies the ``curator`` package to a temporary folder, puts fake compiled modules in
``curator/core/parse/_compiled/`` (files that fail to load as extensions) and a build record, and
imports the copy in a fresh interpreter. The last test runs this checkout's real compiled build
when it has one (CI's install compiles it; ``.ci/run`` fails when it did not).
"""

from __future__ import annotations

import hashlib
import importlib.machinery
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from curator.core.parse import loader

ROOT = Path(__file__).resolve().parents[1]
SUFFIX = importlib.machinery.EXTENSION_SUFFIXES[0]
PROBE = (
    "import warnings, json, sys\n"
    "with warnings.catch_warnings(record=True) as w:\n"
    "    warnings.simplefilter('always')\n"
    "    import curator.core.parse as p\n"
    "    from curator.core.parse import api, layout\n"
    "    cur = p.parse_text('Title\\n\\nTitle 01.02.2020\\n\\nThe lead of the text.')\n"
    "print(json.dumps({'build': p.parser_build(), 'files': [api.__file__, layout.__file__],\n"
    "                  'warnings': [str(x.message) for x in w], 'segments': len(cur.segments)}))\n"
)


def _copy(tmp_path: Path) -> Path:
    dest = tmp_path / "code"
    shutil.copytree(ROOT / "curator", dest / "curator", ignore=shutil.ignore_patterns("__pycache__", "_compiled"))
    shutil.copytree(ROOT / "resources", dest / "resources")
    return dest


def _parse_dir(code: Path) -> Path:
    return code / "curator" / "core" / "parse"


def _modules(code: Path) -> dict[str, Path]:
    return {p.stem: p for p in sorted(_parse_dir(code).glob("*.py")) if p.stem not in loader.NEVER_COMPILED}


def _fake_build(code: Path, **override: str) -> Path:
    built = _parse_dir(code) / "_compiled"
    built.mkdir()
    for name in [*_modules(code), "parser__mypyc"]:
        (built / f"{name}{SUFFIX}").write_bytes(b"not an extension: loading this must fail")
    mods = {name: hashlib.sha256(p.read_bytes()).hexdigest() for name, p in _modules(code).items()}
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


def test_the_parser_is_chosen_by_the_one_loader_of_every_compiled_build() -> None:
    """``curator.core.compiled.Build`` decides for the parser as for the duplicate finder; the parser's
    ``loader`` only keeps its names (the hook reads ``compiled.PARSER``, no second copy of the rules)."""
    from curator.core import compiled

    assert isinstance(compiled.PARSER, compiled.Build) and compiled.PARSER.modules is None
    assert loader.NEVER_COMPILED is compiled.PARSER.never and loader.sources() == compiled.PARSER.sources()
    assert loader.running() == compiled.PARSER.running() and loader.COMPILED == compiled.PARSER.compiled
    assert issubclass(loader.CompiledParserWarning, compiled.CompiledBuildWarning)
    assert "def _decide" not in (ROOT / "curator/core/parse/loader.py").read_text(encoding="utf-8")


def test_the_hook_and_the_loader_agree_on_what_is_never_compiled() -> None:
    assert {"__init__", "loader", "errors"} <= loader.NEVER_COMPILED
    assert "api" in loader.sources() and "loader" not in loader.sources()


def test_a_source_edited_after_the_build_runs_from_source_with_one_warning(tmp_path: Path) -> None:
    code = _copy(tmp_path)
    _fake_build(code)
    layout = _parse_dir(code) / "layout.py"
    layout.write_text(layout.read_text(encoding="utf-8") + "\n# edited after the build\n", encoding="utf-8")
    out = _ok(_run(code))
    assert out["build"].startswith("pure Python (compiled build stale: layout.py changed")
    assert "pip install -e ." in out["build"]
    assert all(f.endswith(".py") for f in out["files"])
    assert len(out["warnings"]) == 1 and "layout.py" in out["warnings"][0]
    assert out["segments"] > 0


def test_a_module_added_or_removed_since_the_build_is_stale(tmp_path: Path) -> None:
    code = _copy(tmp_path)
    _fake_build(code, gone="0" * 64)
    out = _ok(_run(code))
    assert out["build"].startswith("pure Python (compiled build stale: gone.py (removed)")
    code2 = _copy(tmp_path / "2")
    _fake_build(code2)
    (_parse_dir(code2) / "extra.py").write_text("X = 1\n", encoding="utf-8")
    out = _ok(_run(code2))
    assert "extra.py" in out["build"] and out["build"].startswith("pure Python")


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


def test_a_failed_compile_says_why_and_how_to_get_it(tmp_path: Path) -> None:
    code = _copy(tmp_path)
    built = _parse_dir(code) / "_compiled"
    built.mkdir()
    (built / "record.json").write_text(json.dumps(
        {"compiled": False, "reason": "error: command '/bin/false' failed with exit code 1"}), encoding="utf-8")
    out = _ok(_run(code))
    assert out["build"].startswith("pure Python (the install could not compile it: error: command '/bin/false'")
    assert "C compiler" in out["build"] and "pip install -e ." in out["build"]
    assert len(out["warnings"]) == 1


def test_a_skipped_compile_and_a_plain_checkout_are_quiet(tmp_path: Path) -> None:
    code = _copy(tmp_path)
    out = _ok(_run(code))
    assert out["build"].startswith("pure Python (no compiled build") and out["warnings"] == []
    built = _parse_dir(code) / "_compiled"
    built.mkdir()
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


@pytest.mark.skipif(not (ROOT / "curator/core/parse/_compiled/record.json").is_file(),
                    reason="this checkout's parser was not built (pip install -e . builds it; CI checks it did)")
def test_the_compiled_parser_writes_the_same_bytes_as_its_sources() -> None:
    script = ("import json, pathlib\nfrom curator.core.parse import build_context, parse_text, parser_build\n"
              "texts = [p.read_text(encoding='utf-8') for p in sorted(pathlib.Path('seeds').glob('*.txt'))]\n"
              "ctx = build_context(texts)\n"
              "print(json.dumps([parser_build()] + [parse_text(t, f'd{i}', c).model_dump_json()"
              " for c in (ctx, None) for i, t in enumerate(texts)]))\n")
    outs = []
    for pure in ("0", "1"):
        env = dict(os.environ, PYTHONPATH=str(ROOT), CURATOR_PURE=pure)
        res = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True)
        assert res.returncode == 0, res.stderr[-2000:]
        outs.append(json.loads(res.stdout.strip().splitlines()[-1]))
    if json.loads((ROOT / "curator/core/parse/_compiled/record.json").read_text(encoding="utf-8")).get("compiled"):
        assert outs[0][0].startswith("compiled"), outs[0][0]
    assert outs[1][0].startswith("pure Python")
    assert outs[0][1:] == outs[1][1:]


def test_version_and_info_say_which_build_runs(tmp_path: Path) -> None:
    env = dict(os.environ, PYTHONPATH=str(ROOT), CURATOR_PURE="1")
    res = subprocess.run([sys.executable, "-m", "curator", "--version"], cwd=ROOT, env=env, capture_output=True, text=True)
    assert res.returncode == 0, res.stderr
    assert res.stdout.startswith("curator ") and "pure Python (CURATOR_PURE is set)" in res.stdout
    corpus = tmp_path / "c"
    shutil.copytree(ROOT / "seeds", corpus, ignore=shutil.ignore_patterns(".curator"))
    res = subprocess.run([sys.executable, "-m", "curator", "info", str(corpus), "--json"], cwd=ROOT, env=env,
                         capture_output=True, text=True)
    assert res.returncode == 0, res.stderr
    assert json.loads(res.stdout)["parser"].endswith("pure Python (CURATOR_PURE is set)")


def test_the_parser_type_checks_as_the_build_checks_it_whatever_is_installed(tmp_path: Path) -> None:
    """The build runs mypy without site-packages: a fresh venv's first install sees no pydantic,
    and an annotation that only type-checks with pydantic installed made that install pure."""
    res = subprocess.run([sys.executable, "-m", "mypy", *loader.MYPYC_FLAGS, "--cache-dir", str(tmp_path / "cache"),
                          *(str(p) for p in loader.sources().values())],
                         cwd=ROOT, capture_output=True, text=True)
    assert res.returncode == 0, res.stdout[-2000:]
