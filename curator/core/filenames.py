"""File names Curator makes from a Document's id, held to the file system's limit on one name (255 bytes).

A Document's id may be a 240-250 byte name (its ``<id>.json`` fits); the files made from it with more after it —
a backup ``<id>.<time>.json``, a journal entry ``<quoted id>@<run>.journal.json`` — would not. Such a name is cut
at a character boundary and a hash of the whole of it put before its tail, so that the same name always gives the
same file and two names cut alike stay apart.
"""

from __future__ import annotations

import hashlib
import os

NAME_MAX = 255  # bytes in one file name: ext4, XFS, Btrfs, APFS, NTFS (UTF-16 units there, fewer bytes)
HASH_CHARS = 16  # hex digits of SHA-256 kept: 64 bits, no two ids of one corpus meet
MARK = "+"  # between a cut name and its hash; ``quote(…, safe='')`` writes a ``+`` of the name as %2B


def fit_name(name: str, tail: str = "", *, room: int = 0, limit: int = NAME_MAX) -> str:
    """``name + tail`` when it is at most ``limit - room`` bytes (the OS's encoding); else ``name`` cut to fit,
    ``MARK``, the first HASH_CHARS hex digits of its SHA-256, then ``tail``. ``room``: bytes a caller may add
    later (a counter ``.2`` to make a name unique, a ``.1`` when moved aside)."""
    budget = limit - room
    whole = name + tail
    if len(os.fsencode(whole)) <= budget:
        return whole
    digest = hashlib.sha256(os.fsencode(name)).hexdigest()[:HASH_CHARS]
    keep = budget - len(os.fsencode(tail)) - len(MARK) - HASH_CHARS
    if keep < 0:
        raise ValueError(f"{tail!r} leaves no room for a name within {budget} bytes")
    return _cut(name, keep) + MARK + digest + tail


def _cut(name: str, size: int) -> str:
    """The longest start of ``name`` whose encoding is at most ``size`` bytes (no character cut)."""
    out, used = [], 0
    for ch in name:
        used += len(os.fsencode(ch))
        if used > size:
            break
        out.append(ch)
    return "".join(out)
