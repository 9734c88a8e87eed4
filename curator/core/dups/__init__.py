"""Duplicate passages: exact and near repeats within and across Documents, with aligned spans.

Shared by the parser (repetition evidence), the GUI (groups to confirm) and the
export. Passages are blank-line blocks of raw texts or the Segments of Curations;
offsets are code points into the Document text.
"""

from curator.core.dups.align import Alignment, align
from curator.core.dups.api import find_in_curations, find_in_texts, text_features
from curator.core.dups.groups import Group, Link, Member
from curator.core.dups.params import DUPS_VERSION, Params
from curator.core.dups.text import blocks, normalise, tokens

__all__ = [
    "DUPS_VERSION",
    "Alignment",
    "Group",
    "Link",
    "Member",
    "Params",
    "align",
    "blocks",
    "find_in_curations",
    "find_in_texts",
    "normalise",
    "text_features",
    "tokens",
]
