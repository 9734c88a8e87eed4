"""Alignment reads a passage's word and sentence bounds once per pair (issue 10, round 14).

The spool's lazy tokens (``engine._SpooledTokens``) override ``Tokens._all`` in interpreted Python: every
``starts``/``ends``/``sentence_*`` read was one Python call, 16 per aligned pair (~390k calls for 1,500
site pages). ``align`` now takes the bounds once per side; its results are unchanged. With the kernel (round
16) it reads them as ``Tokens.packed`` instead, once per side too.
"""

from __future__ import annotations

import curator.core.dups  # noqa: F401 - chooses the builds before align is imported
from hypothesis import given, settings
from hypothesis import strategies as st

from curator.core.dups.align import align
from curator.core.dups.params import Params
from curator.core.dups.text import Tokens, tokens


class _Counted(Tokens):
    """Tokens that count how often their bounds are asked for (as the spool's lazy tokens override it)."""

    __slots__ = ("calls",)

    def __init__(self, text: str) -> None:
        base = tokens(text, 0, len(text))
        super().__init__(text, 0, len(text), base.ids)
        self.calls = 0

    def _all(self) -> tuple[tuple[int, ...], ...]:
        self.calls += 1
        return super()._all()

    def packed(self) -> bytes:  # the kernel's bounds (round 16): read once a pair too
        self.calls += 1
        return super().packed()


A = ("Breaking news. The council voted on Tuesday to approve the new budget for the city's parks and "
     "libraries, after a long debate. Residents can comment until Friday.")
B = ("Update: the council voted on Tuesday to approve the new budget for the city's parks and "
     "libraries, after a long debate. Officials said more later.")


def test_align_reads_each_sides_bounds_once() -> None:
    ta, tb = _Counted(A), _Counted(B)
    al = align(A, ta, B, tb, Params())
    assert al is not None
    assert (ta.calls, tb.calls) == (1, 1)


def _plain(text: str) -> Tokens:
    return tokens(text, 0, len(text))


_WORDS = st.sampled_from(["the", "council", "voted", "é", "naïve", "😀", "e\u0301", "𝔘nicode", "budget",
                          "parks", ".", "!", "?", ",", "\n", "Libraries", "city's", "ok"])


@settings(max_examples=200, deadline=None)
@given(st.lists(_WORDS, max_size=60), st.lists(_WORDS, max_size=60), st.lists(_WORDS, max_size=20))
def test_counted_tokens_align_as_plain_ones(a: list[str], b: list[str], shared: list[str]) -> None:
    """The same alignment through the overriding subclass and through plain Tokens (emoji, astral,
    combining characters, punctuation-only and empty passages)."""
    text_a = " ".join(a + shared + a[:3])
    text_b = " ".join(b[:5] + shared + b)
    assert align(text_a, _Counted(text_a), text_b, _Counted(text_b), Params()) == \
        align(text_a, _plain(text_a), text_b, _plain(text_b), Params())
