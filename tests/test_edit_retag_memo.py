"""The copies ``retagged_all`` makes are known as such (``checks.retag_of``) by identity only: a list that is not,
object for object, those copies is compared as before."""

from __future__ import annotations

from curator.core.edit.checks import retag_of
from curator.core.edit.session import retagged_all
from curator.core.model import Segment


def _segs(n: int) -> list[Segment]:
    return [Segment(id=f"s{i}", start=10 * i, end=10 * i + 5, label="paragraph", text="abcde", article="a1")
            for i in range(n)]


def test_copies_are_known_by_identity_only() -> None:
    old = _segs(100)
    copies = retagged_all(old, article="a2")
    assert retag_of(old, copies) == {"article": "a2"}
    assert retag_of(list(old), list(copies)) == {"article": "a2"}  # other lists, the same objects
    mixed = list(copies)
    mixed[50] = copies[50].model_copy(update={"label": "heading"})
    assert retag_of(old, mixed) is None
    assert retag_of(old, [s.model_copy(update={"article": "a2"}) for s in old]) is None  # equal, not the copies
    assert retag_of(old[1:], copies[1:]) is None and retag_of(old, copies[:-1]) is None
    other = _segs(100)
    assert retag_of(other, copies) is None  # equal sources, not the ones copied
