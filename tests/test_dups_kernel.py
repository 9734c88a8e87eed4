"""The duplicate finder's kernel (``curator/core/dups/_native/kernel.c``, compiled at install) gives what
its Python gives: the equal runs of rapidfuzz's ``Indel.opcodes`` (ties included) and ``align._chain_pure``'s
chain, on adversarial pairs, random ones (hypothesis) and a generated site's duplicates; the features of
``features._features_pure`` (xxh3 as the ``xxhash`` package's); the loader (``curator.core.compiled.KERNEL``)
runs it only while its source matches its build record.

The comparisons need the kernel built (``pip install -e .``; ``.ci/run`` fails when the install did not
build it); without it they are skipped and the loader tests still run.
"""

from __future__ import annotations

import hashlib
import importlib.machinery
import json
import os
import random
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz.distance import Indel

import curator.core.dups  # noqa: F401 - chooses the builds before align is imported
from curator.core.compiled import KERNEL

align_mod = sys.modules["curator.core.dups.align"]
ROOT = Path(__file__).resolve().parents[1]
SUFFIX = importlib.machinery.EXTENSION_SUFFIXES[0]
K = KERNEL.module()
needs_kernel = pytest.mark.skipif(K is None, reason=f"duplicate finder kernel not built here: {KERNEL.running()}")


def _ref_runs(a: str, b: str) -> list[tuple[int, int, int, int]]:
    return [(a0, a1, b0, b1) for tag, a0, a1, b0, b1 in Indel.opcodes(a, b).as_list() if tag == "equal"]


def _same(a: str, b: str, cover: float = 0.6) -> None:
    assert K is not None
    assert K.runs(a, b) == _ref_runs(a, b)
    assert K.best_chain(a, b, cover) == align_mod._chain_pure(a, b, cover)


ADVERSARIAL = [
    ("", ""), ("", "a"), ("a", ""), ("a", "a"), ("a", "b"), ("ab", "ba"),
    ("a" * 50, "a" * 70), ("a" * 70, "a" * 50), ("ab" * 40, "ba" * 40), ("abc" * 30, "cab" * 31),
    ("a" * 64, "a" * 64 + "b"), ("a" * 65, "b" + "a" * 64), ("x" + "a" * 127 + "y", "a" * 128),
    ("\U0001F600" * 3 + "a", "a" + "\U0001F600" * 3), ("\uffff\U00010000", "\U00010000\uffff"),
    (("ab" * 20 + "c") * 9, ("ba" * 20 + "c") * 9),
]


@needs_kernel
@pytest.mark.parametrize(("a", "b"), ADVERSARIAL)
def test_the_kernel_gives_rapidfuzz_runs_and_the_python_chain_on_adversarial_pairs(a: str, b: str) -> None:
    for cover in (0.0, 0.6, 1.0):
        _same(a, b, cover)


@needs_kernel
def test_the_kernel_agrees_past_64k_words_and_64k_distinct_ids() -> None:
    rng = random.Random(3)
    ids = [chr(0x10000 + i) for i in range(70_000)]  # distinct word ids past the BMP, as pair_chars makes them
    long_a = "".join(ids)
    short_b = "".join(ids[i] for i in sorted(rng.sample(range(70_000), 300)))
    _same(long_a, short_b)
    _same(short_b, long_a)
    few = "".join(rng.choice("abcdefgh") for _ in range(66_000))  # repeats: ties everywhere
    _same(few, few[1000:1400])
    _same(few[:70], few)


@needs_kernel
@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.sampled_from(["a", "b", "c", "\u00e9", "\U00010000"]), max_size=160),
       st.text(alphabet=st.sampled_from(["a", "b", "c", "\u00e9", "\U00010000"]), max_size=160),
       st.sampled_from([0.0, 0.3, 0.6, 0.9, 1.0]))
def test_the_kernel_equals_the_python_on_random_pairs(a: str, b: str, cover: float) -> None:
    _same(a, b, cover)


@needs_kernel
def test_the_kernel_equals_the_python_on_seeded_edits_of_long_passages() -> None:
    """Near copies as a site makes them: a passage, and it with words changed, dropped or inserted."""
    rng = random.Random(11)
    for _ in range(300):
        n = rng.choice([5, 40, 63, 64, 65, 130, 400])
        a = [chr(97 + rng.randrange(rng.choice([3, 30, 3000]))) for _ in range(n)]
        b = list(a)
        for _ in range(rng.randrange(0, 12)):
            op, i = rng.randrange(3), rng.randrange(len(b) + 1)
            if op == 0 and i < len(b):
                b[i] = chr(97 + rng.randrange(50))
            elif op == 1 and i < len(b):
                del b[i]
            else:
                b[i:i] = [chr(97 + rng.randrange(50)) for _ in range(rng.randrange(1, 50))]
        _same("".join(a), "".join(b), rng.choice([0.3, 0.6]))


def test_the_kernel_chain_constants_are_aligns() -> None:
    if K is None:
        pytest.skip("duplicate finder kernel not built here")
    assert K.constants() == (align_mod._SMALL_GAP, align_mod._LARGE_GAP, align_mod._MIN_END_RUN, align_mod._EDGE_WORDS)


@needs_kernel
def test_duplicates_of_a_generated_site_are_the_same_with_and_without_the_kernel(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from curator.bench._site import build_site
    from curator.core.dups import find_in_texts

    site = build_site(tmp_path / "site", 120, seeds=ROOT / "seeds", seed=5)
    texts = {p.stem: p.read_text(encoding="utf-8") for p in sorted(site.glob("*.txt"))}
    with_kernel = find_in_texts(texts)
    opcodes = Indel.opcodes
    calls: list[int] = []

    def counted(a: str, b: str) -> object:  # the pure path's call (``_chain_pure``), counted
        calls.append(1)
        return opcodes(a, b)

    monkeypatch.setattr(align_mod, "_KERNEL", None)
    monkeypatch.setattr(sys.modules["curator.core.dups.features"], "_KERNEL", None)
    monkeypatch.setattr(Indel, "opcodes", counted)
    without = find_in_texts(texts)
    assert calls, "the pure path did not run"
    assert with_kernel and with_kernel == without


@needs_kernel
def test_the_kernels_xxh3_is_xxhashs_at_every_length_path() -> None:
    import xxhash

    rng = random.Random(7)
    for n in [*range(0, 260), 511, 512, 1023, 1024, 1025, 2048, 4096, 10_000, 100_003]:
        data = bytes(rng.randrange(256) for _ in range(n))
        assert K is not None and K.xxh3_64(data) == xxhash.xxh3_64_intdigest(data), n


def _features_equal(text: str, spans: list[tuple[int, int]], k: int = 3) -> None:
    import numpy as np

    feat = sys.modules["curator.core.dups.features"]
    a = feat.document_features("d", "s", text, spans, k=k)
    b = feat._features_pure("d", "s", text, spans, k=k)
    assert (a.exact, a.words, a.spans) == (b.exact, b.words, b.spans)
    assert a.kgrams.dtype == b.kgrams.dtype and np.array_equal(a.kgrams, b.kgrams)
    assert a.offsets.dtype == b.offsets.dtype and np.array_equal(a.offsets, b.offsets)


@needs_kernel
@pytest.mark.parametrize("text", [
    "", " ", "One", "One two three four.\n\nFive six seven eight nine.",
    "Mixed\x1cseparators\x1dand\x1ftabs\tand\vform\x0cfeeds  A_B c-d e.f 9x",
    "Caf\u00e9 na\u00efve \ufb01ne \u2460 \u00bd STRASSE stra\u00dfe \u0130stanbul \U0001d400bc",
    "\u00a0lead and trail\u3000 \u2028 sep\u2029 ",
    "___ 123 4\u0665\u0666 \u00b2 x\u0301y \u200bzero width",
    "!!! ... ---\n\nwords only here\n\n???",
])
def test_the_kernels_features_equal_the_python(text: str) -> None:
    from curator.core.dups.text import blocks

    for k in (1, 2, 3, 5):
        _features_equal(text, blocks(text), k)
        _features_equal(text, [(0, len(text)), (0, 0), (1, len(text) - 1)] if text else [(0, 0)], k)


@needs_kernel
@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("aB _.\n\t9") + ["\u00e9", "\ufb01", "\u0130", "\u00a0", "\x1e",
                                                                  "\U0001F600", "\u2460"]), max_size=300),
       st.integers(min_value=1, max_value=4))
def test_the_kernels_features_equal_the_python_on_random_texts(text: str, k: int) -> None:
    from curator.core.dups.text import blocks

    _features_equal(text, blocks(text), k)


@needs_kernel
def test_the_kernels_features_equal_the_python_on_a_generated_site(tmp_path: Path) -> None:
    from curator.bench._site import build_site
    from curator.core.dups.text import blocks

    site = build_site(tmp_path / "site", 150, seeds=ROOT / "seeds", seed=9)
    for page in sorted(site.glob("*.txt")):
        text = page.read_text(encoding="utf-8")
        _features_equal(text, blocks(text))


@needs_kernel
@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(max_codepoint=127), max_size=400))
def test_the_kernels_ascii_word_ids_are_text_word_ids(chunk: str) -> None:
    from curator.core.dups.text import ASCII_WORD_BYTES, word_ids

    assert K is not None
    assert K.ascii_word_ids(chunk) == word_ids(chunk.lower().encode().translate(ASCII_WORD_BYTES).split())


@needs_kernel
def test_tokens_ids_are_the_same_with_and_without_the_kernel(monkeypatch: pytest.MonkeyPatch) -> None:
    text_mod = sys.modules["curator.core.dups.text"]
    texts = ["Plain ASCII words, A_B and 42.\n\nNext passage!", "Caf\u00e9 au lait.", "", "  ...  "]
    with_kernel = [text_mod.tokens(t, 0, len(t)).ids for t in texts]
    monkeypatch.setattr(text_mod, "_KERNEL", None)
    assert [text_mod.tokens(t, 0, len(t)).ids for t in texts] == with_kernel
    with pytest.raises(ValueError, match="ASCII"):
        K.ascii_word_ids("caf\u00e9")


# --- the loader ---------------------------------------------------------------------------------

PROBE = (
    "import warnings, json\n"
    "with warnings.catch_warnings(record=True) as w:\n"
    "    warnings.simplefilter('always')\n"
    "    import curator.core.dups as d\n"
    "    from curator.core.compiled import KERNEL\n"
    "    groups = d.find_in_texts({'a': 'One two three four five six seven eight nine ten.\\n\\nEnd.',\n"
    "                              'b': 'One two three four five six seven eight nine ten.\\n\\nOther.'})\n"
    "print(json.dumps({'build': KERNEL.running(), 'loaded': KERNEL.module() is not None,\n"
    "                  'warnings': [str(x.message) for x in w if 'duplicate finder kernel' in str(x.message)],\n"
    "                  'groups': len(groups)}))\n"
)


def _copy(tmp_path: Path) -> Path:
    dest = tmp_path / "code"
    shutil.copytree(ROOT / "curator", dest / "curator", ignore=shutil.ignore_patterns("__pycache__", "_compiled"))
    shutil.copytree(ROOT / "resources", dest / "resources")
    return dest


def _native(code: Path) -> Path:
    return code / "curator" / "core" / "dups" / "_native"


def _record(code: Path, **override: object) -> Path:
    built = _native(code) / "_compiled"
    built.mkdir(exist_ok=True)
    src = _native(code) / "kernel.c"
    rec = {"compiled": True, "compiler": "C test", "suffix": SUFFIX,
           "sources": {"kernel.c": hashlib.sha256(src.read_bytes()).hexdigest()}, **override}
    (built / "record.json").write_text(json.dumps(rec), encoding="utf-8")
    return built


def _run(code: Path, **env: str) -> dict:
    full = {k: v for k, v in os.environ.items() if k != "CURATOR_PURE"}
    full.update(PYTHONPATH=str(code), **env)
    res = subprocess.run([sys.executable, "-c", PROBE], cwd=code, env=full, capture_output=True, text=True)
    assert res.returncode == 0, res.stderr[-2000:]
    return json.loads(res.stdout.strip().splitlines()[-1])


def test_no_build_runs_the_python_quietly_and_curator_pure_too(tmp_path: Path) -> None:
    code = _copy(tmp_path)
    out = _run(code)
    assert out["build"].startswith("pure Python (no compiled build") and not out["loaded"] and out["warnings"] == []
    assert out["groups"] == 1
    _record(code)
    out = _run(code, CURATOR_PURE="1")
    assert out["build"] == "pure Python (CURATOR_PURE is set)" and out["warnings"] == []


def test_a_broken_build_falls_back_with_one_warning(tmp_path: Path) -> None:
    code = _copy(tmp_path)
    built = _record(code)
    (built / f"kernel{SUFFIX}").write_bytes(b"not an extension")
    out = _run(code)
    assert out["build"].startswith("pure Python (the compiled duplicate finder kernel failed to load: ImportError")
    assert not out["loaded"] and len(out["warnings"]) == 1 and out["groups"] == 1


def test_a_stale_source_a_missing_module_another_interpreter_or_a_failed_compile_run_the_python(
        tmp_path: Path) -> None:
    code = _copy(tmp_path)
    built = _record(code, sources={"kernel.c": "0" * 64})
    (built / f"kernel{SUFFIX}").write_bytes(b"never loaded")
    out = _run(code)
    assert out["build"].startswith("pure Python (compiled build stale: kernel.c changed") and len(out["warnings"]) == 1
    built = _record(code, suffix=".cpython-399-x86_64-linux-gnu.so")
    out = _run(code)
    assert "built for .cpython-399" in out["build"] and not out["loaded"]
    (built / f"kernel{SUFFIX}").unlink()
    _record(code)
    out = _run(code)
    assert out["build"].startswith("pure Python (compiled module missing") and len(out["warnings"]) == 1
    (built / "record.json").write_text(json.dumps({"compiled": False, "reason": "gcc: not found"}), encoding="utf-8")
    out = _run(code)
    assert out["build"].startswith("pure Python (the install could not compile it: gcc: not found")
    assert "C compiler" in out["build"] and len(out["warnings"]) == 1
    (built / "record.json").write_text(json.dumps(
        {"compiled": False, "requested": True, "reason": "CURATOR_BUILD_PURE is set"}), encoding="utf-8")
    out = _run(code)
    assert out["build"] == "pure Python (compile skipped at install: CURATOR_BUILD_PURE is set)" and out["warnings"] == []


@needs_kernel
def test_the_built_kernel_loads_in_a_copy_when_its_source_matches(tmp_path: Path) -> None:
    code = _copy(tmp_path)
    built = _record(code)
    shutil.copy2(KERNEL.built / f"kernel{SUFFIX}", built / f"kernel{SUFFIX}")
    out = _run(code)
    assert out["loaded"] and out["build"].startswith("compiled (C test)") and out["warnings"] == []
    src = _native(code) / "kernel.c"
    src.write_text(src.read_text(encoding="utf-8") + "\n/* edited */\n", encoding="utf-8")
    out = _run(code)
    assert not out["loaded"] and out["build"].startswith("pure Python (compiled build stale")


def _hook_module(monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """``hatch_build.py`` imported with a stand-in for hatchling (not installed outside a build)."""
    import importlib.util
    import types

    for name in ("hatchling", "hatchling.builders", "hatchling.builders.hooks", "hatchling.builders.hooks.plugin",
                 "hatchling.builders.hooks.plugin.interface"):
        monkeypatch.setitem(sys.modules, name, types.ModuleType(name))
    base = type("BuildHookInterface", (), {"__class_getitem__": classmethod(lambda cls, item: cls)})
    monkeypatch.setattr(sys.modules["hatchling.builders.hooks.plugin.interface"], "BuildHookInterface", base, raising=False)
    spec = importlib.util.spec_from_file_location("_hatch_build_kernel_test", ROOT / "hatch_build.py")
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_the_install_compiles_the_kernel_and_records_its_source(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    hb = _hook_module(monkeypatch)
    code = _copy(tmp_path)
    monkeypatch.setattr(hb, "_compile", lambda *a: (_ for _ in ()).throw(RuntimeError("mypyc not under test")))

    def fake_c(root: Path, source: Path, name: str, fullname: str, work: Path) -> tuple[dict[str, Path], str]:
        assert fullname == "curator.core.dups._native.kernel" and source.name == "kernel.c"
        (work / f"{name}{SUFFIX}").write_bytes(b"built")
        return {f"{name}{SUFFIX}": work / f"{name}{SUFFIX}"}, "C test"

    monkeypatch.setattr(hb, "_compile_c", fake_c)
    monkeypatch.delenv("CURATOR_BUILD_PURE", raising=False)
    hook = hb.CustomBuildHook.__new__(hb.CustomBuildHook)
    lines: list[str] = []
    app = type("App", (), {"display_info": lambda self, m: lines.append(m), "display_warning": lambda self, m: lines.append(m)})
    hook.root, hook.target_name, hook.app = str(code), "wheel", app()
    hook.initialize("editable", {})
    hook.finalize("editable", {}, "")
    rec = json.loads((_native(code) / "_compiled" / "record.json").read_text(encoding="utf-8"))
    assert rec["compiled"] is True and rec["compiler"] == "C test"
    assert rec["sources"] == {"kernel.c": hashlib.sha256((_native(code) / "kernel.c").read_bytes()).hexdigest()}
    assert (_native(code) / "_compiled" / f"kernel{SUFFIX}").is_file()


def test_version_and_info_name_the_kernel_build(tmp_path: Path) -> None:
    env = dict(os.environ, PYTHONPATH=str(ROOT), CURATOR_PURE="1")
    res = subprocess.run([sys.executable, "-m", "curator", "--version"], cwd=ROOT, env=env, capture_output=True, text=True)
    assert res.returncode == 0, res.stderr
    assert res.stdout.rstrip().endswith("; duplicate finder kernel pure Python (CURATOR_PURE is set)")
    corpus = tmp_path / "c"
    shutil.copytree(ROOT / "seeds", corpus, ignore=shutil.ignore_patterns(".curator"))
    res = subprocess.run([sys.executable, "-m", "curator", "info", str(corpus), "--json"], cwd=ROOT, env=env,
                         capture_output=True, text=True)
    assert res.returncode == 0, res.stderr
    assert json.loads(res.stdout)["dups_kernel"] == "pure Python (CURATOR_PURE is set)"


def test_an_install_without_a_c_compiler_goes_on_and_the_python_runs_with_one_warning(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    hb = _hook_module(monkeypatch)
    code = _copy(tmp_path)
    monkeypatch.setattr(hb, "_compile", lambda *a: (_ for _ in ()).throw(RuntimeError("mypyc not under test")))
    monkeypatch.setattr(hb, "_compile_c", lambda *a: (_ for _ in ()).throw(RuntimeError("error: command 'gcc' failed: No such file or directory")))
    monkeypatch.delenv("CURATOR_BUILD_PURE", raising=False)
    hook = hb.CustomBuildHook.__new__(hb.CustomBuildHook)
    lines: list[str] = []
    app = type("App", (), {"display_info": lambda self, m: lines.append(m), "display_warning": lambda self, m: lines.append(m)})
    hook.root, hook.target_name, hook.app = str(code), "wheel", app()
    hook.initialize("editable", {})
    hook.finalize("editable", {}, "")
    rec = json.loads((_native(code) / "_compiled" / "record.json").read_text(encoding="utf-8"))
    assert rec == {"compiled": False, "reason": "error: command 'gcc' failed: No such file or directory"}
    assert not list((_native(code) / "_compiled").glob(f"*{SUFFIX}"))
    assert any("duplicate finder kernel is not compiled (pure Python)" in m for m in lines)
    out = _run(code)
    assert out["build"].startswith("pure Python (the install could not compile it: error: command 'gcc'")
    assert not out["loaded"] and len(out["warnings"]) == 1 and out["groups"] == 1
