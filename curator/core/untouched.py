"""A curated file that is still the parser's output, untouched, is its own re-parse base (a lazy base).

``curator parse --out CORPUS/curated`` (and ``curator reparse`` replacing a file still ``auto``) write the parse
with one more top-level key, the file's last::

      "status": "auto",
      "untouched_sha256": "<64 hex digits>"
    }

the SHA-256 of the file without that line (``,`` and the line: the bytes the parser rendered). While it
matches, the file is byte for byte what the parser wrote, so no copy of it is kept in ``.curator/base/`` (the
same bytes a second time: half of ``parse``'s writes). The store writes that copy (the file's bytes without the
key) just before it first replaces such a file, under the save lock (``Corpus.save``, ``replace_unusable``,
``overwrite``): every writer of a curated file goes through one of them, so the base of an edited Document is
never lost. A file whose digest does not match was changed by another program: it is nobody's base, and a
re-parse keeps it as an editor's work (``review.reparse``).

Line ends turned into CRLF (``git`` with ``core.autocrlf``) still prove the parse: a curated file's strings hold
no raw line break, so CRLF -> LF gives the parser's bytes back.

The key is no part of a Curation: validating one drops it (``model.Curation``, a before-validator: also for
``Curation.model_validate_json`` in another program), so exports, the window and saves never carry it; the JSON
Schema lists it.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path
from typing import Any, Final

KEY: Final = "untouched_sha256"
UNMARKED: Final = "unmarked"  # no key: written before round 22, by the window, or by another program
UNTOUCHED: Final = "untouched"  # the key, and the digest matches: the parser's output
CHANGED: Final = "changed"  # the key, and the digest does not match: changed since the parser wrote it

_END = b"\n}\n"
_LINE = b',\n  "untouched_sha256": "'
_TAIL = re.compile(rb',\r?\n  "untouched_sha256": "([0-9a-f]{64})"\r?\n}\r?\n\Z')
_TAIL_BYTES = 128  # more than the tail's 95 (with CRLF)
_NAME = b'"untouched_sha256"'  # a JSON string's text never holds a raw quote: only the key can spell this
DIGEST: Final = re.compile(r"[0-9a-f]{64}")


def mark(data: bytes) -> bytes | None:
    """``data`` (a curated file as ``dump_curation_bytes`` renders it) carrying its own digest, or None when it
    does not end as a rendered Curation does (the caller then keeps a base file as before)."""
    if not data.endswith(_END):
        return None
    return b"".join((data[:-3], _LINE, hashlib.sha256(data).hexdigest().encode("ascii"), b'"', _END))


def parse_of(raw: bytes) -> bytes | None:
    """The parser's bytes when ``raw`` (a curated file) is its untouched output, else None."""
    found = _TAIL.search(raw, max(0, len(raw) - _TAIL_BYTES))
    if found is None:
        return None
    body = raw[:found.start()] + _END
    if b"\r" in found.group(0):
        body = body.replace(b"\r\n", b"\n")
    return body if hashlib.sha256(body).hexdigest().encode("ascii") == found.group(1) else None


def state_of(raw: bytes) -> str:
    """UNTOUCHED, CHANGED or UNMARKED (see the constants)."""
    if parse_of(raw) is not None:
        return UNTOUCHED
    return CHANGED if _NAME in raw else UNMARKED


def parse_in_file(path: Path, *, max_bytes: int | None = None) -> bytes | None:
    """:func:`parse_of` of the file at ``path``, reading only its tail when it carries no digest there (a 20 MB
    curated file an editor saved is not read whole to find that out); None when it cannot be read."""
    try:
        with open(path, "rb") as f:
            size = f.seek(0, 2)
            f.seek(max(0, size - _TAIL_BYTES))
            if _TAIL.search(f.read()) is None or (max_bytes is not None and size > max_bytes):
                return None
            f.seek(0)
            raw = f.read()
    except OSError:
        return None
    return parse_of(raw)


def without_key(data: dict[str, Any]) -> dict[str, Any]:
    """A curated file's parsed JSON without the key, ready for the contract; ValueError when its value is no
    digest (the JSON Schema refuses it too)."""
    value = data[KEY]
    if not isinstance(value, str) or DIGEST.fullmatch(value) is None:
        raise ValueError(f"{KEY} must be a SHA-256 digest (64 lowercase hex digits), found {str(value)[:80]!r}")
    return {k: v for k, v in data.items() if k != KEY}
