"""Fresh, stable ids for things the editor creates."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable


def fresh_id(prefix: str, taken: Iterable[str]) -> str:
    """``prefix`` + one more than the largest number already used with that prefix."""
    pattern = re.compile(re.escape(prefix) + r"(\d+)$")
    highest = 0
    for item in taken:
        m = pattern.match(item)
        if m:
            highest = max(highest, int(m.group(1)))
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
