"""Fresh, stable ids for things the editor creates."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from operator import itemgetter, methodcaller


def fresh_id(prefix: str, taken: Iterable[str]) -> str:
    """``prefix`` + one more than the largest number already used with that prefix."""
    # String tests in C (filter/map, no Python loop): this runs on every split, and a 10 MB page has
    # 40,000 segments (a comprehension over them took ~10 ms of the UI thread).
    tails = map(itemgetter(slice(len(prefix), None)), filter(methodcaller("startswith", prefix), taken))
    highest = max(map(int, filter(str.isdigit, filter(str.isascii, tails))), default=0)
    return f"{prefix}{highest + 1}"


def slug(name: str) -> str:
    """A readable id from a name: ``Imangali Tasmagambetov`` -> ``imangali-tasmagambetov``."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    s = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")
    return s or "speaker"


def fresh_slug(name: str, taken: Iterable[str]) -> str:
    """``slug(name)``, with ``-2``, ``-3`` … appended when it is taken."""
    taken = set(taken)
    base = slug(name)
    if base not in taken:
        return base
    n = 2
    while f"{base}-{n}" in taken:
        n += 1
    return f"{base}-{n}"
