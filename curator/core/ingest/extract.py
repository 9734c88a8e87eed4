"""HTML to text in the seeds' block layout, with Resiliparse.

Layout: every block (paragraph, heading, list item, ``<div>``, table row…) on its own line,
one blank line between blocks, a single ``<br>`` a line break inside its block and two or
more ``<br>`` a block boundary (inside ``<pre>`` a newline is a ``<br>``); runs of spaces collapse as a browser collapses them; scripts,
styles, form controls and image alt texts are not text. Navigation, sidebars and footers are
kept: the parser and the editor see the whole page.

Why Resiliparse (``curator bench import`` measures it against inscriptis, trafilatura and a
selectolax walker): it is exact on every page the bench builds in the site's layout and
among the fastest. Its plain-text mode writes one newline between ``<div>`` blocks and also
for a ``<br>``, so a ``<br>`` is swapped for a Unicode noncharacter in the parsed tree first
and turned back into a line break afterwards.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

# A Unicode noncharacter (never in a real page) stands for <br> while Resiliparse lays the text out.
_BR = "\ufdd0"
_BR_RUN = re.compile(f"{_BR}(?:[ \\t]*{_BR})+")
_SPACES = re.compile(r"[ \r\f\v]+")
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
            "importing pages needs Resiliparse: pip install 'curator[ingest]' (or pip install resiliparse)"
        ) from None


def block_layout(raw: str) -> str:
    """Resiliparse's formatted text (with the ``<br>`` marker) -> one block a line, blank lines between."""
    blocks: list[str] = []
    for line in raw.split("\n"):
        if not line.strip():
            continue
        for piece in _BR_RUN.split(line):
            lines = [_TABS.sub("\t", _SPACES.sub(" ", part)).strip() for part in piece.split(_BR)]
            text = "\n".join(part for part in lines if part)
            if text:
                blocks.append(text)
    return "\n\n".join(blocks)


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


def html_to_text(html: str) -> Extracted:
    """The page's text in block layout, and its ``<title>``."""
    from resiliparse.extract.html2text import extract_plain_text
    from resiliparse.parse.html import HTMLTree

    tree = HTMLTree.parse(html.replace(_BR, ""))
    title = tree.title.strip() if tree.title else None
    body = tree.body
    if body is not None:
        for node in body.query_selector_all("br"):
            node.replace_with(tree.create_text_node(_BR))
        for pre in body.query_selector_all("pre, textarea, listing, plaintext, xmp"):
            _mark_line_breaks(pre)
    raw = extract_plain_text(
        tree, preserve_formatting=True, main_content=False, list_bullets=False, alt_texts=False,
        links=False, form_fields=False, noscript=False,
    )
    return Extracted(block_layout(raw), title or None)
