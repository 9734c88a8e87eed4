"""The passage keys' fast paths give what their definitions give.

``units.norm_key`` skips the split and join for an ASCII line with single spaces only, and
``units.passage_hashes`` (the corpus context pass's hashes) makes no ``Unit``: both are checked against
the definitions they stand in for, on every ASCII character, the break characters ``split_units``
keeps inside a line, and random texts (hypothesis).
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from curator.core.parse.api import context_keys
from curator.core.parse.units import norm_key, pair_hash, passage_hash, passage_hashes, split_units

_CHARS = ("aZ9 _.,é İ\u00a0\t\r\n\x0b\x0c\x1c\x1d\x1e\x1f\x7f\x85\u2028\u2029\u3000ßﬁΣς😀" + "".join(map(chr, range(32))))


def _norm_reference(s: str) -> str:
    return " ".join(s.split()).casefold()


def _hashes_reference(text: str) -> list[int]:
    return [passage_hash(u.text) for u in split_units(text)]


def _keys_reference(text: str) -> set[int]:
    hashes = _hashes_reference(text)
    return set(hashes) | {pair_hash(a, b) for a, b in zip(hashes, hashes[1:])}


_FIXED = ["", " ", "a", " a", "a ", "a  b", "a b", "A B", "a\tb", "a\x1fb", "a\x7fb", "ab\x00", "Straße", "ΣΑΣ",
          "ﬁne", "İstanbul", "a\u00a0b", "x\r\ny\n\n  z  \n\x1c w \u2028v\r\rq\n", "\n\n\n", " \t \n a \n",
          "The CSTO Secretary General met the delegation.", "THE  CSTO", "Title\n\nTitle\n01.02.2020\n\nBody  text\n"]


def test_norm_key_is_its_definition() -> None:
    for s in [*_FIXED, *map(chr, range(256)), *(f"a{chr(c)}b" for c in range(256)), *(f" {chr(c)} " for c in range(256))]:
        assert norm_key(s) == _norm_reference(s), repr(s)

    @settings(max_examples=3000, deadline=None)
    @given(st.text(alphabet=st.sampled_from(_CHARS), max_size=30) | st.text(alphabet=st.characters(max_codepoint=127), max_size=30))
    def check(s: str) -> None:
        assert norm_key(s) == _norm_reference(s), repr(s)

    check()


def test_passage_hashes_and_context_keys_are_their_definitions() -> None:
    from pathlib import Path

    texts = [*_FIXED, *(p.read_text(encoding="utf-8") for p in sorted(Path("seeds").glob("*.txt")))]
    for text in texts:
        assert passage_hashes(text) == _hashes_reference(text), repr(text[:80])
        assert context_keys(text) == _keys_reference(text), repr(text[:80])

    @settings(max_examples=2000, deadline=None)
    @given(st.text(alphabet=st.sampled_from(_CHARS), max_size=60))
    def check(text: str) -> None:
        assert passage_hashes(text) == _hashes_reference(text), repr(text)
        assert context_keys(text) == _keys_reference(text), repr(text)

    check()
