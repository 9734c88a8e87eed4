"""A Document's confidence for sorting and filtering: how sure the parser is of its Articles.

Shared by ``curator info`` and the window's corpus pane, so both order documents the same way.
"""

from __future__ import annotations

from curator.core.model import Curation


def document_confidence(cur: Curation) -> float | None:
    """The least confident Article's confidence; an Article made or checked by an editor (no
    confidence) counts as sure (1.0); None when the parser found no Article at all."""
    if not cur.articles:
        return None
    return min(a.confidence if a.confidence is not None else 1.0 for a in cur.articles)


def rank(confidence: float | None) -> tuple[int, float]:
    """Sort key, doubtful first: pages with no Article found, then by rising confidence."""
    return (0, 0.0) if confidence is None else (1, confidence)
