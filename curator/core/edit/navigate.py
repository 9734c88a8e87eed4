"""Where the keyboard goes next on a long Document: the next (previous) Article, duplicate group, or passage
someone says that names no speaker. Each answers a segment (the caller selects it), wrapping round, or None.

The columns come from ``lookup`` (built in C, remembered per list): a jump on a 40,000-segment page reads
them once, never a Python loop over every segment for the common case.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from itertools import compress
from operator import attrgetter

from curator.core.edit.lookup import articles_of, position
from curator.core.model import Curation, Segment

# A passage someone says: an answer or a salutation anywhere, a paragraph of a speech or an interview.
# (A question is the interviewer's, who has no speaker in the gold files: it is not asked for.)
SPOKEN_LABELS = frozenset({"answer", "salutation"})
SPOKEN_KINDS = frozenset({"speech", "interview"})
SPOKEN_IN_KIND = frozenset({"paragraph"})

_SPEAKER, _LABEL = attrgetter("speaker"), attrgetter("label")


def _index(segs: Sequence[Segment], after: str | None) -> int:
    """The position of ``after`` (-1 when None or gone: the search starts from the top)."""
    if after is None:
        return -1
    try:
        return position(segs, after)
    except ValueError:
        return -1


def _step(starts: list[int], here: int, direction: int) -> int | None:
    """The first of the sorted ``starts`` after ``here`` (direction 1) or before it (-1), wrapping round."""
    if not starts:
        return None
    if direction > 0:
        k = bisect.bisect_right(starts, here)
        return starts[k % len(starts)]
    k = bisect.bisect_left(starts, here) - 1 if here >= 0 else len(starts) - 1
    return starts[k]


def article_starts(cur: Curation) -> list[int]:
    """The position of each Article's first segment, in Document order."""
    seen: dict[str, int] = {}
    for i, art in enumerate(articles_of(cur.segments)):
        if art is not None and art not in seen:
            seen[art] = i
    return sorted(seen.values())


def next_article(cur: Curation, *, after: str | None, direction: int = 1) -> Segment | None:
    """The first segment of the next Article after the segment ``after`` (direction -1: the start of the
    Article before it, or of its own when ``after`` is inside one), wrapping round; None with no Article."""
    at = _step(article_starts(cur), _index(cur.segments, after), direction)
    return None if at is None else cur.segments[at]


def group_starts(cur: Curation) -> list[tuple[int, str]]:
    """(position of its first member here, group id) for each duplicate group with a member in this Document."""
    segs = cur.segments
    firsts: dict[str, int] = {}
    for dup in cur.duplicates:
        try:
            i = position(segs, dup.segment)
        except ValueError:
            continue
        if i < firsts.get(dup.group, len(segs)):
            firsts[dup.group] = i
    return sorted((i, g) for g, i in firsts.items())


def next_duplicate_group(cur: Curation, *, after: str | None, direction: int = 1) -> tuple[Segment, str] | None:
    """The first member of the next (previous) duplicate group, by the position of its first member, and the
    group's id; wrapping round; None when no group has a member here."""
    groups = group_starts(cur)
    at = _step(sorted({i for i, _ in groups}), _index(cur.segments, after), direction)
    if at is None:
        return None
    return cur.segments[at], next(g for i, g in groups if i == at)


def needs_speaker(cur: Curation) -> list[bool]:
    """For each segment: a passage someone says (``SPOKEN_LABELS``, or a paragraph of a speech or interview
    Article) that names no speaker."""
    segs = cur.segments
    spoken_articles = {a.id for a in cur.articles if a.kind in SPOKEN_KINDS}
    labels = list(map(_LABEL, segs))
    no_speaker = [s is None for s in map(_SPEAKER, segs)]
    out = [False] * len(segs)
    for i in compress(range(len(segs)), no_speaker):
        label = labels[i]
        out[i] = label in SPOKEN_LABELS or (label in SPOKEN_IN_KIND and segs[i].article in spoken_articles)
    return out


def next_without_speaker(cur: Curation, *, after: str | None, direction: int = 1) -> Segment | None:
    """The next (previous) passage someone says with no speaker named, wrapping round; None when there is none."""
    at = _step(list(compress(range(len(cur.segments)), needs_speaker(cur))), _index(cur.segments, after), direction)
    return None if at is None else cur.segments[at]
