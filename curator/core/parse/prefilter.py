"""Skip a slow regular-expression scan when the text lacks every word a match would hold.

Python's ``re`` compares each character of a case-insensitive pattern through a lower-casing call
and gets no first-character skip for an alternation of case-insensitive words: the parser's rule
patterns (``resources/parser/rules.json``) cost 20-80 µs on a paragraph, and most paragraphs hold
none of their words. ``prefiltered(pattern)`` reads the pattern's parse tree once and finds
*required pieces*: a set of literal strings, one of which every match contains (for
``press[- ]service|e-?mail\\s*:|©``: ``press``, ``mail``, ``©``), and whether every match may instead
hold a letter outside ASCII (the Russian words). A text holding none of them cannot match, so the
scan is skipped; otherwise the pattern runs as before. Results are those of the pattern itself.

The pieces are looked for in ``fold_text(text)``: the text with ``İ ı ſ K`` (the only characters
outside ASCII that ``re.IGNORECASE`` matches with an ASCII letter) turned into that letter, then
lower-cased; it has the text's length, and a character of the text matches an ASCII letter of the
pattern (case-insensitively, or exactly) only if its folded form is that letter in lower case
(checked over every code point when this was written; ``tests/test_parse_fast_paths.py`` compares
the patterns on real and made-up lines). A cased letter outside ASCII in the pattern (Russian) only
requires some cased letter outside ASCII in the text. Characters without case stand for
themselves. A pattern whose pieces cannot be found (a class or a repeat that may be empty at every
place) is returned unchanged.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterable, Iterator
from typing import Any

try:  # the parser of ``re`` (Python 3.11+); without it nothing is prefiltered
    from re import _constants as _c  # type: ignore[attr-defined]
    from re import _parser as _sre_parser  # type: ignore[attr-defined]
    import _sre

    _iscased = _sre.unicode_iscased
except ImportError:  # pragma: no cover - other Python versions
    _c = _sre_parser = None  # type: ignore[assignment]

# the characters outside ASCII that re.IGNORECASE matches with an ASCII letter
ASCII_FOLD = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"})
_FOLDS_TO_ASCII = frozenset(map(ord, "\u0130\u0131\u017f\u212a"))
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
# a required piece that is not a string: some cased letter outside ASCII
NON_ASCII_LETTER = None

_last: tuple[str | None, str] = (None, "")


def fold_text(s: str) -> str:
    """``s`` with the four letters folded to ASCII, lower-cased: the same length as ``s``. The last
    one is kept (the parser tests one line with several patterns in a row)."""
    global _last
    last = _last
    if last[0] is s:
        return last[1]
    if s.isascii():
        low = s.lower()
    else:  # (str.translate with a table is 50x slower: four replace calls, each a C scan)
        low = s.replace("\u0130", "i").replace("\u0131", "i").replace("\u017f", "s").replace("\u212a", "k").lower()
    _last = (s, low)
    return low


def _has_cased_non_ascii(s: str) -> bool:
    return not s.isascii() and any(_iscased(ord(m.group())) for m in _NON_ASCII.finditer(s))


def literal_trie(words: list[str]) -> str:
    """The alternation of ``words`` (longest first) as a trie of their letters: ``Mo(?:scow|gilev)``.

    Same matches as ``"|".join(map(re.escape, words))`` (the longest word that matches wins, and
    what follows the group may send the engine back to a shorter one), but sre tries one branch
    per letter instead of every word at every position: the gazetteer's 278 forms scan 3.4x faster.
    At each node the children keep the words' order and the word ending there comes last; two
    children never match at the same place (they differ in their next letter)."""
    root: dict[str, dict] = {}
    for word in words:
        node = root
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict[str, dict]) -> str:
        alts = [re.escape(ch) + emit(child) for ch, child in node.items() if ch]
        if not alts:
            return ""
        if "" in node:
            alts.append("")
        return alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"

    return emit(root) if root else "(?!)"


def any_of(words: Iterable[str]) -> Callable[[str], re.Match[str] | None]:
    """A test of whether a text holds any of ``words`` (a match) or none (None): one scan of the
    text by their trie, where ``any(w in text for w in words)`` scans it once a word (the 84
    reporting verbs: 36x faster on the paragraphs they are tried on)."""
    return re.compile(literal_trie(sorted(set(words), key=len, reverse=True))).search


def any_of_at(words: Iterable[str], pivot: str) -> Callable[[str], bool]:
    """Whether a text holds any of ``words`` (as ``any_of``), the scan anchored on ``pivot``, a
    character rarer in the texts than the words' first ones: sre jumps from one ``pivot`` to the next
    (a single-character literal prefix) and tries there the trie of what follows it in each word, then
    the word whole behind it (a lookbehind). ``any_of``'s trie starts with a space or a common letter
    and is tried at a third of the positions of a paragraph: the parser's cue words on the generated
    site's paragraphs 2.6 -> 0.9 us. A word without the pivot is looked for alone."""
    root: dict[str, Any] = {}
    others: list[str] = []
    for word in sorted(set(words)):
        at = word.find(pivot)
        if at < 0:
            others.append(word)
            continue
        node = root
        for ch in word[at + 1 :]:
            node = node.setdefault(ch, {})
        node.setdefault("", set()).add(word)  # the words ending here (a key no character is)

    def emit(node: dict[str, Any]) -> str:
        alts = [re.escape(ch) + emit(child) for ch, child in node.items() if ch]
        ending = node.get("")
        if ending:
            # the pivot opens a word ending here: nothing to look behind for, the match is made
            whole = [w for w in ending if w.startswith(pivot)]
            alts.append("" if whole else "(?:" + "|".join(f"(?<={re.escape(w)})" for w in sorted(ending)) + ")")
        return alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"

    search = re.compile(re.escape(pivot) + emit(root)).search if root else None
    # (a word alone as a pattern: sre skips to its first character, where ``in`` tests every place
    # its last one is, "He " 2.5x faster on the paragraphs)
    alone = [re.compile(re.escape(word)).search for word in others]

    def scan(text: str) -> bool:
        for find in alone:
            if find(text) is not None:
                return True
        return search is not None and search(text) is not None

    return scan


class PrefilteredPattern:
    """A pattern and its required pieces; ``search``, ``match``, ``fullmatch``, ``finditer`` as
    ``re.Pattern``'s, ``search`` and ``finditer`` returning None (or nothing) at once when the text
    holds no piece."""

    __slots__ = ("original", "pieces", "non_ascii", "pattern", "flags", "groups")

    def __init__(self, original: re.Pattern[str], pieces: tuple[str, ...], non_ascii: bool) -> None:
        self.original, self.pieces, self.non_ascii = original, pieces, non_ascii
        self.pattern, self.flags, self.groups = original.pattern, original.flags, original.groups

    def may_match(self, s: str) -> bool:
        """False when no match can be in ``s``."""
        # (a loop of ``in``: 1.5-3x faster here than ``any_of``'s one scan, the pieces being few
        # and common letters in a lower-case text)
        low = fold_text(s)
        for piece in self.pieces:
            if piece in low:
                return True
        return self.non_ascii and _has_cased_non_ascii(s)

    def search(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self.original.search(string, pos, endpos) if self.may_match(string) else None

    # An anchored match fails at its first characters, 5-20x faster than folding the text to look
    # for the pieces (measured on the lines of the bench and real pages): no prefilter there.
    def match(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self.original.match(string, pos, endpos)

    def fullmatch(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self.original.fullmatch(string, pos, endpos)

    def finditer(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> Iterator[re.Match[str]]:
        return self.original.finditer(string, pos, endpos) if self.may_match(string) else iter(())

    def __repr__(self) -> str:
        return f"PrefilteredPattern({self.original!r}, pieces={self.pieces!r}, non_ascii={self.non_ascii})"


def prefiltered(pattern: re.Pattern[str]) -> Any:
    """``pattern`` behind its required pieces (see the module), or ``pattern`` itself when none can
    be found. Typed ``Any``: both answer ``search``/``match``/``fullmatch``/``finditer``."""
    if _sre_parser is None or not isinstance(pattern.pattern, str):
        return pattern
    try:
        tree = _sre_parser.parse(pattern.pattern, pattern.flags)
        if tree.state.flags & (re.LOCALE | re.ASCII):
            return pattern
        need = _required(tree)
    except Exception:  # noqa: BLE001 - any surprise in re's internals: keep the pattern as it is
        return pattern
    if need is None or "" in need:
        return pattern
    pieces = tuple(sorted({p for p in need if p is not NON_ASCII_LETTER}, key=len, reverse=True))
    return PrefilteredPattern(pattern, pieces, NON_ASCII_LETTER in need)


_Need = frozenset[Any]  # strings, and NON_ASCII_LETTER


def _char(code: int) -> str | None:
    """How a literal character of the pattern shows in folded text (None: a cased letter outside
    ASCII, which shows as some cased letter outside ASCII; ``""``: cannot say)."""
    if code < 128:
        return chr(code).lower()
    if code in _FOLDS_TO_ASCII:
        return ""  # İ ı ſ K match ASCII letters
    if not _iscased(code):
        return chr(code)
    return None


def _quality(need: _Need) -> int:
    """How selective a set of pieces is: its shortest string (a letter outside ASCII counts as 3)."""
    return min((3 if p is NON_ASCII_LETTER else len(p)) for p in need) if need else 0


def _required(sub: Any) -> _Need | None:
    """Pieces one of which every match of ``sub`` (a sequence) holds, or None."""
    best: _Need | None = None
    run: list[str] = []

    def consider(need: _Need | None) -> None:
        nonlocal best
        if need is not None and "" not in need and (best is None or _quality(need) > _quality(best)):
            best = need

    def end_run() -> None:
        if run:
            consider(frozenset(["".join(run)]))
            run.clear()

    for op, av in sub.data:
        if op is _c.LITERAL:
            ch = _char(av)
            if ch is None:
                end_run()
                consider(frozenset([NON_ASCII_LETTER]))
            elif ch == "":
                end_run()
            else:
                run.append(ch)
            continue
        if op is _c.BRANCH and 0 < len(run) < 3:
            # a short literal run then alternatives that each open with literals (``wr(?:ote|ites)``,
            # which is how ``re`` parses ``wrote|writes``): every match holds the run and one of those
            # openings, pieces as many as the alternatives (``ote`` passed every "noted"). A longer run
            # is a good piece alone (joining ``good `` to four greetings would test four pieces).
            consider(_joined(run, av[1]))
        end_run()
        if op is _c.SUBPATTERN:
            consider(_required(av[3]))
        elif op is _c.ATOMIC_GROUP:
            consider(_required(av))
        elif op is _c.BRANCH:
            union: set[Any] = set()
            for alt in av[1]:
                need = _required(alt)
                if need is None:
                    union = set()
                    break
                union |= need
            if union:
                consider(frozenset(union))
        elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT) and av[0] >= 1:
            consider(_required(av[2]))
    end_run()
    return best


def _joined(run: list[str], alternatives: list[Any]) -> _Need | None:
    """``run`` followed by each alternative's leading literals, or None when an alternative opens with
    no literal that folds to a known character (then the run alone is the piece)."""
    out: set[Any] = set()
    for alt in alternatives:
        lead = []
        for op, av in alt.data if hasattr(alt, "data") else alt:
            ch = _char(av) if op is _c.LITERAL else None
            if not ch:
                break
            lead.append(ch)
        if not lead:
            return None
        out.add("".join(run) + "".join(lead))
    return frozenset(out)
