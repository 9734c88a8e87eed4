"""Decoding a page's bytes: byte-order mark, then the HTTP header's charset, then ``<meta>``, then detection.

The order follows what a browser does (WHATWG "encoding sniffing"): a BOM wins, a declared
charset comes next, and only an undeclared page is guessed at. Labels are read the WHATWG
way where it differs from Python's codecs: ``iso-8859-1``, ``latin1`` and ``ascii`` mean
windows-1252 on the web. A declared charset that cannot decode the bytes is not trusted:
the next source is tried and a warning says so.
"""

from __future__ import annotations

import codecs
import functools
import re
from dataclasses import dataclass, field

from curator.core.textio import detect, wide_without_bom

__all__ = ["Decoded", "charset_from_content_type", "codec_for", "decode_page", "detect", "meta_charset", "wide_codec"]

# The meta prescan looks at the first 1024 bytes in a browser; pages with long <head>
# scripts put the tag later, so a little more is read (still a fixed, cheap slice).
_PRESCAN = 4096
_META_CHARSET = re.compile(rb"""<meta[^>]+?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_HEADER_CHARSET = re.compile(r"""charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)

_BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))
_WHATWG = {"iso-8859-1": "cp1252", "iso8859-1": "cp1252", "latin1": "cp1252", "latin-1": "cp1252",
           "l1": "cp1252", "ascii": "cp1252", "us-ascii": "cp1252", "x-user-defined": "cp1252",
           "utf8": "utf-8", "unicode-1-1-utf-8": "utf-8", "x-cp1251": "cp1251", "x-cp1252": "cp1252"}


@dataclass(frozen=True)
class Decoded:
    """A page's text and how its encoding was decided."""

    text: str
    encoding: str  # Python codec name actually used
    how: str  # bom | zero bytes | http | meta | utf-8 | detected | fallback
    declared: str | None  # the charset the HTTP header or meta tag named, as written
    warnings: tuple[str, ...] = field(default_factory=tuple)


def charset_from_content_type(value: str | None) -> str | None:
    """``text/html; charset=windows-1251`` -> ``windows-1251``."""
    if not value:
        return None
    m = _HEADER_CHARSET.search(value)
    return m.group(1) if m else None


def meta_charset(data: bytes) -> str | None:
    """The charset a ``<meta charset>`` or ``<meta http-equiv content>`` tag names near the top."""
    m = _META_CHARSET.search(data[:_PRESCAN])
    return m.group(1).decode("ascii", "replace") if m else None


# Python codecs that decode bytes to text but are no character set a page can be in: escape and
# transform codecs (`unicode_escape` turned `\ud800` into a lone surrogate and ended the import with a
# traceback; `raw_unicode_escape` and `utf-7` rewrote `\u00e9` and `+AKM-` silently), IDNA and Punycode
# (raise), `undefined` (always raises), `charmap`. A browser ignores a label it does not know: so do we.
_NOT_CHARSETS = frozenset({"unicode-escape", "raw-unicode-escape", "utf-7", "punycode", "idna", "undefined",
                           "charmap"})


def codec_for(label: str | None) -> str | None:
    """The Python codec for a charset label, or None when Python does not know it as a character set."""
    if not label:
        return None
    key = label.strip().lower()
    key = _WHATWG.get(key, key)
    try:
        info = codecs.lookup(key)
    except LookupError:
        return None
    if info.name in _NOT_CHARSETS or not getattr(info, "_is_text_encoding", True):
        return None
    return info.name


@functools.lru_cache(maxsize=64)
def _single_byte(codec: str) -> bool:
    """Does every byte decode to one character (cp1251, koi8-r, …), so that any bytes "fit" it?"""
    if codec == "utf-8" or codec.startswith(("utf", "iso2022")):
        return False
    return len(bytes(range(256)).decode(codec, "replace")) == 256


def wide_codec(data: bytes) -> str | None:
    """UTF-16/32 without a BOM, told by where its zero bytes fall: textio's rule for sources (ASCII-heavy
    text), or for a page that opens with ``<`` in UTF-16, zero bytes in one lane of every two (its
    markup) and none in the other (a Russian page has few ASCII letters: textio's 90% does not hold)."""
    codec = wide_without_bom(data)
    if codec is not None:
        return codec
    head = data[:4096]
    head = head[: len(head) - len(head) % 2]
    if len(head) < 8:
        return None
    even, odd = head[0::2].count(0) / (len(head) // 2), head[1::2].count(0) / (len(head) // 2)
    if odd > 0.3 and even < 0.02 and head.decode("utf-16-le", "replace").lstrip().startswith("<"):
        return "utf-16-le"
    if even > 0.3 and odd < 0.02 and head.decode("utf-16-be", "replace").lstrip().startswith("<"):
        return "utf-16-be"
    return None


def _wide(data: bytes, where: str, http_charset: str | None) -> Decoded | None:
    codec = wide_codec(data)
    if codec is None:
        return None
    text = data.decode(codec, "replace")
    bad = text.count("\ufffd") - data.count("\ufffd".encode(codec))
    warning = f"{where}: read as {codec.upper()} (no byte-order mark; told by its zero bytes)"
    if bad > 0:
        warning += f"; {bad} undecodable unit(s) replaced by U+FFFD"
    return Decoded(text, codec, "zero bytes", http_charset, (warning,))


def decode_page(data: bytes, *, http_charset: str | None = None, where: str = "<page>") -> Decoded:
    """Decode HTML bytes; never raises for text (the last resort replaces undecodable bytes, with a warning)."""
    warnings: list[str] = []
    for bom, name in _BOMS:
        if data.startswith(bom):
            return Decoded(data[len(bom):].decode(name, "replace"), name, "bom", http_charset)
    wide = _wide(data, where, http_charset)
    if wide is not None:
        return wide
    declared = None
    for how, label in (("http", http_charset), ("meta", meta_charset(data))):
        if not label:
            continue
        declared = declared or label
        codec = codec_for(label)
        if codec is None:
            warnings.append(f"{where}: unknown charset {label!r} ({how}); ignored")
            continue
        if codec in ("utf-16", "utf-16-le", "utf-16-be", "utf-32"):
            # A page cannot really be UTF-16 without a BOM (and its meta tag would not be ASCII-readable).
            codec = "utf-8"
        if _single_byte(codec) and not data.isascii():
            # Every byte "fits" a single-byte charset, so a UTF-8 page declaring one became mojibake
            # without a word. Bytes in cp1251 or koi8-r are (nearly) never valid UTF-8 with multi-byte
            # sequences; bytes that are, are UTF-8 whatever the tag says.
            try:
                text = data.decode("utf-8")
            except UnicodeDecodeError:
                pass
            else:
                warnings.append(f"{where}: declares {label!r} ({how}), is UTF-8; read as UTF-8")
                return Decoded(text, "utf-8", "utf-8", label, tuple(warnings))
        try:
            return Decoded(data.decode(codec), codec, how, label, tuple(warnings))
        except UnicodeDecodeError as exc:
            warnings.append(f"{where}: declared charset {label!r} ({how}) does not fit byte {exc.start}; ignored")
    try:
        return Decoded(data.decode("utf-8"), "utf-8", "utf-8", declared, tuple(warnings))
    except UnicodeDecodeError:
        pass
    found = detect(data)
    if found is not None:
        text, encoding = found
        warnings.append(f"{where}: no usable charset declared; read as {encoding} (detected)")
        return Decoded(text, encoding, "detected", declared, tuple(warnings))
    warnings.append(f"{where}: encoding could not be told; read as UTF-8 with undecodable bytes replaced")
    return Decoded(data.decode("utf-8", "replace"), "utf-8", "fallback", declared, tuple(warnings))
