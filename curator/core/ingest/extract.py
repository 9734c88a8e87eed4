"""HTML to text in the seeds' block layout, with Resiliparse.

Layout: every block (paragraph, heading, list item, ``<div>``, table row…) on its own line,
one blank line between blocks, a single ``<br>`` a line break inside its block and two or
more ``<br>`` a block boundary (inside ``<pre>`` a newline is a ``<br>``); runs of spaces collapse as a browser collapses them; scripts,
styles, form controls and image alt texts are not text. Navigation, sidebars and footers are
kept: the parser and the editor see the whole page.

Why Resiliparse (``curator bench import`` measures it against inscriptis, trafilatura and a
selectolax walker): it is exact on every page the bench builds in the site's layout and
among the fastest. Its plain-text mode writes one newline between ``<div>`` blocks and also
for a ``<br>``, so each ``<br>`` tag is swapped for a Unicode noncharacter first and turned
back into a line break afterwards.
"""

from __future__ import annotations

import html as _html
import re
from dataclasses import dataclass
from typing import Any

# A Unicode noncharacter (never in a real page) stands for <br> while Resiliparse lays the text out.
_BR = "\ufdd0"
_BR_RUN = re.compile(f"{_BR}(?:[^\\S\\n]*{_BR})+")
# Stripped from both ends of a line: every blank but the newline (all below U+3001), and the marker.
_EDGES = "".join(c for c in map(chr, range(0x3001)) if c.isspace() and c != "\n") + _BR
_ODD_BLANKS = str.maketrans("\r\f\v", "   ")
_SPACES_ALL = re.compile(r"\s+")
_BR_TAG = re.compile(r"</?br\b[^>]*>", re.IGNORECASE)
_PRE_TAG = re.compile(r"<(?:pre|textarea|listing|plaintext|xmp)\b", re.IGNORECASE)
_TITLE = re.compile(r"<title\b[^>]*>(.*?)</title\s*>", re.IGNORECASE | re.DOTALL)
_TITLE_WINDOW = 1 << 16
# Resiliparse separates table cells with tabs: one tab between cells.
_TABS = re.compile(r" *\t[ \t]*")


@dataclass(frozen=True)
class Extracted:
    text: str
    title: str | None


class MissingExtractor(ImportError):
    """Resiliparse (and FastWARC, which it brings) is not installed."""


def extractor_name() -> str:
    """Library and version, recorded with each imported Document; raises MissingExtractor without it."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        import fastwarc  # noqa: F401
        import resiliparse  # noqa: F401

        return f"resiliparse {version('resiliparse')}"
    except (ImportError, PackageNotFoundError):
        raise MissingExtractor(
            "importing pages needs Resiliparse: python3 -m pip install -e \".[ingest]\" in Curator's checkout (or pip install resiliparse)"
        ) from None


def block_layout(raw: str) -> str:
    """Resiliparse's formatted text (with the ``<br>`` marker) -> one block a line, blank lines between.

    Resiliparse has already collapsed runs of blanks (but inside ``<pre>``), so what is left is
    done with ``str`` methods and one regular expression that starts on the marker: measured
    several times cheaper than substituting every blank with a regular expression.
    """
    text = raw.translate(_ODD_BLANKS) if ("\r" in raw or "\f" in raw or "\v" in raw) else raw
    if "\t" in text:
        text = _TABS.sub("\t", text)
    if _BR in text:
        text = _BR_RUN.sub("\n", text)  # two or more <br>: a block boundary
    text = "\n\n".join(line for line in (part.strip(_EDGES) for part in text.split("\n")) if line)
    if _BR in text:  # one <br>: a line break inside the block
        text = "\n".join(part.strip(_EDGES) for part in text.split(_BR))
    return text


def _mark_line_breaks(element: Any) -> None:
    """Inside preformatted text a newline is a line break of its block, not a block boundary."""
    from resiliparse.parse.html import NodeType

    stack = [element]
    while stack:
        for child in stack.pop().child_nodes:
            if child.type == NodeType.TEXT:
                if "\n" in child.value:
                    child.value = child.value.replace("\n", _BR)
            else:
                stack.append(child)


def _title(html: str) -> str | None:
    m = _TITLE.search(html, 0, _TITLE_WINDOW)
    if not m:
        return None
    title = _SPACES_ALL.sub(" ", _html.unescape(m.group(1))).strip()
    return title or None


def html_to_text(html: str) -> Extracted:
    """The page's text in block layout, and its ``<title>``."""
    from resiliparse.extract.html2text import extract_plain_text

    html = html.replace(_BR, "")
    # <br> becomes the marker in the markup itself: measured 3x cheaper than swapping the
    # elements in the parsed tree (``curator bench ingest``). Inside scripts, styles, comments
    # and attributes the marker is never extracted, so only real line breaks reach the text.
    marked = _BR_TAG.sub(_BR, html)
    source: Any = marked
    if _PRE_TAG.search(marked):
        from resiliparse.parse.html import HTMLTree

        source = HTMLTree.parse(marked)
        if source.body is not None:
            for pre in source.body.query_selector_all("pre, textarea, listing, plaintext, xmp"):
                _mark_line_breaks(pre)
    raw = extract_plain_text(
        source, preserve_formatting=True, main_content=False, list_bullets=False, alt_texts=False,
        links=False, form_fields=False, noscript=False,
    )
    return Extracted(block_layout(raw), _title(html))
