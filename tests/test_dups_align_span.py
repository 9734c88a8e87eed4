"""Alignment's per-pair work in the kernel (issue 10, round 16): a passage's word and sentence bounds
(``kernel.bounds``), the chain with its coverage check (``kernel.chain_cover``) and the aligned spans
snapped to sentences and normalised (``kernel.span``) give what the Python gives (``align._align_pure``,
``text._word_bounds``, ``text._sentences``), on adversarial passages, random ones (hypothesis: emoji,
astral and combining characters, every kind of space, closing quotes), a generated site's pairs, the
spool's lazy tokens and a 1 MB passage.

The comparisons need the kernel built (``.ci/run`` fails when the install did not build it).
"""

from __future__ import annotations

import random
import struct
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import curator.core.dups  # noqa: F401 - chooses the builds before align is imported
from curator.core.compiled import KERNEL
from curator.core.dups.params import Params
from curator.core.dups.text import Tokens, _sentences, _word_bounds, blocks, tokens

align_mod = sys.modules["curator.core.dups.align"]
ROOT = Path(__file__).resolve().parents[1]
K = KERNEL.module()
needs_kernel = pytest.mark.skipif(K is None, reason=f"duplicate finder kernel not built here: {KERNEL.running()}")


def _unpack(packed: bytes) -> tuple[tuple[int, ...], ...]:
    nw, ns = struct.unpack_from("=qq", packed)
    vals = struct.unpack_from(f"={2 * nw + 2 * ns}q", packed, 16)
    return vals[:nw], vals[nw : 2 * nw], vals[2 * nw : 2 * nw + ns], vals[2 * nw + ns :]


def _same_bounds(text: str, start: int, end: int) -> None:
    assert K is not None
    want = (*_word_bounds(text, start, end), *_sentences(text, start, end))
    assert _unpack(K.bounds(text, start, end)) == want


_CHARS = ["a", "B", "9", "_", " ", "  ", "\n", "\t", "\r\n", "\u00a0", "\u2029", "\x1c", "\u3000", ".", "!", "?",
          "\u2026", "...", '"', "'", "\u201d", "\u2019", "\u00bb", ")", "]", "(", ",", "-", "\u00e9", "e\u0301",
          "\U0001F600", "\U0001d400", "\u0665", "\u00b2", "\u200b", "\ufb01", "\u0130", "word", "Stop.", "end!)"]


@needs_kernel
@pytest.mark.parametrize("text", [
    "", " ", ".", "a", "a.", "a. ", "One. Two! Three? Four\u2026 five", "He said \"stop.\" Then left.",
    "(ok.) [no!] \u00bbyes?\u00ab next", "... .. . !? ?! end", "x.\u00a0y.\u2029z.\u3000w", "\u2026\u2026 \u2026",
    "Caf\u00e9 na\u00efve \ufb01ne \u0130stanbul \U0001d400bc x\u0301y \U0001F600 smile. Done.",
    "trailing space. ", "tabs.\tand\x1cseps.\x1f x", "a.\r\nb.\r\n\r\nc",
])
def test_the_kernels_bounds_are_the_pythons(text: str) -> None:
    for start in range(len(text) + 1):
        for end in range(start, len(text) + 1):
            _same_bounds(text, start, end)


@needs_kernel
@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_CHARS), max_size=80), st.data())
def test_the_kernels_bounds_are_the_pythons_on_random_texts(parts: list[str], data: st.DataObject) -> None:
    text = "".join(parts)
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    _same_bounds(text, start, end)


def _plain(text: str, start: int = 0, end: int | None = None) -> Tokens:
    return tokens(text, start, len(text) if end is None else end)


def _same_align(text_a: str, text_b: str, params: Params, spans: tuple[tuple[int, int], tuple[int, int]] | None = None
                ) -> object:
    (sa, ea), (sb, eb) = spans or ((0, len(text_a)), (0, len(text_b)))
    want = align_mod._align_pure(text_a, _plain(text_a, sa, ea), text_b, _plain(text_b, sb, eb), params)
    got = align_mod.align(text_a, _plain(text_a, sa, ea), text_b, _plain(text_b, sb, eb), params)
    assert got == want
    return got


_WORDS = st.sampled_from(["the", "council", "voted", "\u00e9", "na\u00efve", "\U0001F600", "e\u0301", "\U0001d518nicode",
                          "budget", "parks", ".", "!", "?", ",", "\n", "Libraries", "city's", "ok", "end.", "\u201cquote.\u201d",
                          "\u2026", "\u00a0", "(aside)", "STRASSE", "stra\u00dfe", "\ufb01ne", "\u3000"])
_PARAMS = [Params(), Params(threshold=0.3), Params(cover=0.5, min_span_words=3), Params(threshold=1.0)]


@needs_kernel
@settings(max_examples=400, deadline=None)
@given(st.lists(_WORDS, max_size=60), st.lists(_WORDS, max_size=60), st.lists(_WORDS, max_size=30),
       st.sampled_from(_PARAMS))
def test_align_with_the_kernel_is_the_python_on_random_passages(a: list[str], b: list[str], shared: list[str],
                                                                 params: Params) -> None:
    _same_align(" ".join(a + shared + a[:3]), " ".join(b[:5] + shared + b), params)


@needs_kernel
@pytest.mark.parametrize(("text_a", "text_b"), [
    ("", ""), ("", "a b c"), (". . .", ". . ."), ("!!", "??"),
    ("One two three four five six seven eight nine ten.", "One two three four five six seven eight nine ten."),
    ("Intro. One two three four five six seven eight nine ten. Outro", "One two three four five six seven eight nine ten"),
    ("A B. one two three four five six seven eight nine ten eleven. C", "X Y. One two three four five six seven eight nine ten twelve. Z"),
    ("\u201cOne two three four five six seven eight nine ten.\u201d  Next", "(One two three four five six seven eight nine ten.) Next"),
    ("\uff21 one two three four five six seven eight nine ten", "A one two three four five six seven eight nine ten"),
    ("\u2460. one two three four five six seven eight nine ten", "\u2460. one two three four five six seven eight nine ten"),
    ("Caf\u00e9 one two three four five six seven eight nine ten \U0001F600.", "CAF\u00c9 one two three four five six seven eight nine ten \U0001F600."),
])
def test_align_with_the_kernel_is_the_python_on_adversarial_passages(text_a: str, text_b: str) -> None:
    for params in _PARAMS:
        _same_align(text_a, text_b, params)
        _same_align(text_b, text_a, params)


@needs_kernel
def test_align_with_the_kernel_is_the_python_on_passages_inside_documents() -> None:
    """Offsets are Document offsets: passages that start past a Document's first character."""
    doc_a = "Header line.\n\nOne two three. Four five six seven eight nine ten eleven.\n\nFooter \U0001F600."
    doc_b = "Other header!\n\n\u00e9 One two three. Four five six seven eight nine ten twelve.\n\nEnd."
    for pa in blocks(doc_a):
        for pb in blocks(doc_b):
            for params in _PARAMS:
                _same_align(doc_a, doc_b, params, (pa, pb))


@needs_kernel
def test_align_with_the_kernel_is_the_python_on_a_generated_sites_passages(tmp_path: Path) -> None:
    from curator.bench._site import build_site

    site = build_site(tmp_path / "site", 40, seeds=ROOT / "seeds", seed=13)
    passages = []
    for page in sorted(site.glob("*.txt")):
        text = page.read_text(encoding="utf-8")
        passages.extend((text, s, e) for s, e in blocks(text))
    rng = random.Random(5)
    found = 0
    for _ in range(4000):
        (ta, sa, ea), (tb, sb, eb) = rng.choice(passages), rng.choice(passages)
        found += _same_align(ta, tb, Params(), ((sa, ea), (sb, eb))) is not None
    # and every passage against itself and its neighbours
    for i in range(len(passages) - 1):
        (ta, sa, ea), (tb, sb, eb) = passages[i], passages[i + 1]
        found += _same_align(ta, ta, Params(), ((sa, ea), (sa, ea))) is not None
        _same_align(ta, tb, Params(threshold=0.3), ((sa, ea), (sb, eb)))
    assert found > 100


@needs_kernel
def test_align_with_the_kernel_is_the_python_through_the_spools_lazy_tokens() -> None:
    from curator.core.dups.engine import _LazyText, _SpooledTokens

    text_a = "Breaking. The council voted on Tuesday to approve the budget for parks and libraries. Bye."
    text_b = "Update: the council voted on Tuesday to approve the budget for parks and libraries! More."
    lazy_a = _SpooledTokens(lambda: text_a, tokens(text_a, 0, len(text_a)).ids)
    lazy_b = _SpooledTokens(lambda: text_b, tokens(text_b, 0, len(text_b)).ids)
    got = align_mod.align(_LazyText(lazy_a), lazy_a, _LazyText(lazy_b), lazy_b, Params())
    assert got is not None
    assert got == align_mod._align_pure(text_a, _plain(text_a), text_b, _plain(text_b), Params())


@needs_kernel
def test_the_kernel_is_the_python_on_a_1mb_page() -> None:
    """A 1 MB page: its bounds in one passage, and each of its paragraphs aligned with an edited copy's."""
    rng = random.Random(2)
    vocab = [f"w{i}" for i in range(3000)] + ["\u00e9t\u00e9", "\U0001F600", "e\u0301"]

    def paragraph() -> str:
        return " ".join(" ".join(rng.choice(vocab) for _ in range(rng.randrange(5, 25))) + rng.choice([".", "!", "?\u201d"])
                        for _ in range(rng.randrange(1, 12)))

    paras = [paragraph() for _ in range(2500)]
    text_a = "\n\n".join(paras)
    assert len(text_a) > 1_000_000
    _same_bounds(text_a, 0, len(text_a))
    _same_bounds(text_a, 7, len(text_a) - 7)
    edited = [p if rng.random() < 0.5 else p.replace("w1", "changed") for p in paras]
    text_b = "\n\n".join(edited)
    found = 0
    for pa, pb in zip(blocks(text_a), blocks(text_b), strict=True):
        found += _same_align(text_a, text_b, Params(), (pa, pb)) is not None
    assert found > 1000


# ---- a page's blocks and a passage's word ids in the kernel (round 16) ------------------------------------

_BLOCK_CHARS = ["a", "B", " ", "\t", "\n", "\r", "\r\n", "\u00a0", "\u2000", "\u200b", "\u3000", "\u2028", "\u2029",
                "\x1c", "\x0b", "\x0c", "\u0085", ".", "\u00e9", "\U0001F600", "e\u0301", "word"]


def _same_blocks(text: str) -> None:
    text_mod = sys.modules["curator.core.dups.text"]
    assert K is not None
    assert K.blocks(text) == text_mod._blocks_pure(text)


@needs_kernel
@pytest.mark.parametrize("text", [
    "", " ", "\n", "\n\n", "\r\n", "\r\n\r\n", "a\r\nb", "a\nb", "a\r\rb", "a\r\r\nb", "a\n\r\nb", "a\r\n \r\nb",
    "a\n \u00a0\u2000\u200b\u3000\t\nb", "a\n\u2028\nb", "a\n\u2029\n\nb", " lead\n\n\ntrail \n", "x\n\n\n\n\ny",
    "\r\n\r\nonly\r\n", "a\r\n\n\rb\r", "\u00a0x\u00a0\n\n\u3000y\u3000",
])
def test_the_kernels_blocks_are_the_pythons(text: str) -> None:
    _same_blocks(text)


@needs_kernel
@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(_BLOCK_CHARS), max_size=80))
def test_the_kernels_blocks_are_the_pythons_on_random_texts(parts: list[str]) -> None:
    _same_blocks("".join(parts))


def _same_tokens(text: str, start: int, end: int) -> None:
    text_mod = sys.modules["curator.core.dups.text"]
    got, want = tokens(text, start, end), text_mod._tokens_pure(text, start, end)
    assert got.ids == want.ids
    assert got._all() == want._all()


@needs_kernel
@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(_CHARS + ["\u00c9T\u00c9", "STRA\u00dfE", "\u0130x", "\ufb01", "\u2460", "\u00bd",
                                           "\uff21\uff22", "\u1e9e", "\u03a3\u03c3", "A\u0308"]), max_size=60), st.data())
def test_tokens_with_the_kernel_are_the_pythons(parts: list[str], data: st.DataObject) -> None:
    text = "".join(parts)
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    _same_tokens(text, start, end)


@needs_kernel
def test_tokens_with_the_kernel_are_the_pythons_on_a_generated_site(tmp_path: Path) -> None:
    from curator.bench._site import build_site

    site = build_site(tmp_path / "site", 60, seeds=ROOT / "seeds", seed=17)
    for page in sorted(site.glob("*.txt")):
        text = page.read_text(encoding="utf-8")
        assert K is not None and K.blocks(text) == blocks(text)
        for s, e in blocks(text):
            _same_tokens(text, s, e)
