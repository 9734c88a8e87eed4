"""Document ids from URLs: stable, readable, collision-safe.

``https://en.example.org/news/news_odkb/itogi2019/`` becomes
``en.example.org/news/news_odkb/itogi2019-3f9a2c1b0d``: the host and the path as folders
(lower case, anything but letters, digits, ``.``, ``_`` and ``-`` replaced by ``-``), the last
part followed by the first 10 hex digits of the sha256 of the page's *key*. The suffix is
always there, so an id never depends on which pages were imported before (stable), and two
URLs whose readable parts coincide (case, punctuation, a long path cut short) still get two
files (collision-safe; 40 bits, and the import checks the key of an existing file anyway).

The key is what makes two URLs "the same page": host lower-cased without ``www.`` and default
port, path, query; scheme and fragment left out (``http://`` and ``https://`` of one page are
one Document).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from pathlib import PurePosixPath
from urllib.parse import unquote, urlsplit

HASH_DIGITS = 10
MAX_PART = 60
MAX_DEPTH = 6  # folders below the corpus root; deeper paths fold into the last part
_UNSAFE = re.compile(r"[^\w.-]+", re.UNICODE)
_DASHES = re.compile(r"-{2,}")
_RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)), *(f"lpt{i}" for i in range(10))}


class BadURL(ValueError):
    """A URL no Document id can be made from."""


def url_key(url: str) -> str:
    """The identity of a page's URL (see the module docstring)."""
    parts = urlsplit(url.strip())
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise BadURL(f"{url!r} is not an http(s) URL")
    host = parts.hostname.lower().rstrip(".")
    host = host.removeprefix("www.")
    try:
        port = parts.port
    except ValueError:
        raise BadURL(f"{url!r} has an invalid port") from None
    if port and port not in (80, 443):
        host = f"{host}:{port}"
    path = parts.path or "/"
    return host + path + (f"?{parts.query}" if parts.query else "")


def file_key(path: PurePosixPath) -> str:
    """The identity of an HTML file that names no URL: its path below the folder it was imported from."""
    return f"file:{path.as_posix()}"


def _part(text: str) -> str:
    text = unicodedata.normalize("NFKC", unquote(text)).lower()
    text = _DASHES.sub("-", _UNSAFE.sub("-", text)).strip("-._")
    text = text[:MAX_PART].rstrip("-._")
    if text in _RESERVED:
        text += "_"
    return text


def key_hash(key: str, digits: int = HASH_DIGITS) -> str:
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:digits]


def _id_from_parts(parts: list[str], key: str, digits: int) -> str:
    parts = [p for p in (_part(x) for x in parts) if p]
    if not parts:
        parts = ["page"]
    if parts[0] == "curated":  # the corpus's own folder of curated files
        parts[0] = "curated_"
    if len(parts) > MAX_DEPTH + 1:
        parts = [*parts[:MAX_DEPTH], "_".join(parts[MAX_DEPTH:])[:MAX_PART]]
    parts[-1] = f"{parts[-1]}-{key_hash(key, digits)}"
    return "/".join(parts)


def document_id(key: str, *, digits: int = HASH_DIGITS) -> str:
    """The Document id for a page key (``url_key`` or ``file_key``)."""
    if key.startswith("file:"):
        rel = PurePosixPath(key.removeprefix("file:"))
        return _id_from_parts([*rel.parent.parts, rel.stem], key, digits)
    host, _, rest = key.partition("/")
    path, _, query = rest.partition("?")
    segments = [s for s in path.split("/") if s]
    if not segments:
        segments = ["index"]
    if query:
        segments[-1] = f"{segments[-1]}_{query}"
    return _id_from_parts([host.replace(":", "_"), *segments], key, digits)
