"""Duplicate passages: exact and near repeats within and across Documents, with aligned spans.

Shared by the parser (repetition evidence), the GUI (groups to confirm) and the
export. Passages are blank-line blocks of raw texts or the Segments of Curations;
offsets are code points into the Document text. ``dups_build()`` says whether the modules mypyc
compiled at install run (``curator.core.compiled.DUPS``) or their sources.
"""

from curator.core.compiled import DUPS as _BUILD

_BUILD.select()  # before any module of the package is imported: the compiled modules, or the .py sources
_BUILD.load()

from curator.core.dups.align import Alignment, align
from curator.core.dups.api import find_in_curations, find_in_texts, text_features
from curator.core.dups.groups import Group, Link, Member
from curator.core.dups.params import DUPS_VERSION, Params
from curator.core.dups.text import blocks, normalise, tokens

dups_build = _BUILD.running

__all__ = [
    "DUPS_VERSION",
    "Alignment",
    "Group",
    "Link",
    "Member",
    "Params",
    "align",
    "blocks",
    "dups_build",
    "find_in_curations",
    "find_in_texts",
    "normalise",
    "text_features",
    "tokens",
]
