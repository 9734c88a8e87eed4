"""Checks behind ``curator validate``: schema, invariants, text match and hash."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from pathlib import Path

from curator.core.jsonio import CurationFileError, bounded, load_curation_file
from curator.core.model import Curation, edge_problems, text_problems
from curator.core.store import CURATED_DIR, Corpus, InvalidDocumentId, check_doc_id
from curator.core.taxonomy import Taxonomy, default_taxonomy
from curator.core.textio import SourceError, read_source


MAX_PROBLEMS_PER_FILE = 20


@dataclass(frozen=True)
class Problem:
    path: Path
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


def corpus_root_of(curated_file: Path) -> Path | None:
    """The corpus a curated file belongs to: the parent of its nearest ``curated`` folder."""
    for parent in curated_file.resolve().parents:
        if parent.name == CURATED_DIR:
            return parent.parent
    return None


def taxonomy_problems(cur: Curation, taxonomy: Taxonomy) -> list[str]:
    problems = []
    labels = set(taxonomy.label_names)
    for seg in cur.segments:
        if seg.label not in labels:
            problems.append(f"segment {seg.id} has label {seg.label!r}, not in the taxonomy")
    types = set(taxonomy.event_type_names)
    for ev in cur.events:
        if ev.type not in types:
            problems.append(f"event {ev.id} has type {ev.type!r}, not in the taxonomy")
    return problems


_ZWJ = "\u200d"


def _regional(ch: str) -> bool:
    return "\U0001F1E6" <= ch <= "\U0001F1FF"


def _clings_to_previous(ch: str) -> bool:
    """A code point that belongs to the character before it: an accent, a joiner, a variation
    selector, a skin tone (unicodedata only; a full UAX #29 segmenter is not needed for these)."""
    return (ch == _ZWJ or unicodedata.combining(ch) != 0 or unicodedata.category(ch) == "Me"
            or "\ufe00" <= ch <= "\ufe0f" or "\U0001F3FB" <= ch <= "\U0001F3FF" or "\U000E0020" <= ch <= "\U000E007F")


def split_character(text: str, at: int) -> str | None:
    """Why offset ``at`` falls inside what a reader sees as one character (None: it does not).

    Offsets are code points (the contract), so these are legal offsets, but a segment's text
    would begin with a lone accent or joiner, or cut a flag in two.
    """
    if at <= 0 or at >= len(text):
        return None
    before, after = text[at - 1], text[at]
    if unicodedata.combining(after) != 0 and unicodedata.category(before)[0] in "LN":
        return "between a character and its combining mark"
    if before == _ZWJ or _clings_to_previous(after):
        return "inside an emoji sequence" if not before.isalnum() or after == _ZWJ else \
            "between a character and its combining mark"
    if _regional(before) and _regional(after):
        run = 0
        while at - 1 - run >= 0 and _regional(text[at - 1 - run]):
            run += 1
        if run % 2 == 1:
            return "inside a flag (two regional indicators)"
    return None


def grapheme_problems(cur: Curation, text: str) -> list[str]:
    """Segment boundaries that cut what a reader sees as one character."""
    problems = []
    seen: set[int] = set()  # one line per offset: two adjacent segments share the boundary
    for seg in cur.segments:
        if seg.end > len(text):
            continue  # reported by text_problems
        for name, at in (("starts", seg.start), ("ends", seg.end)):
            why = None if at in seen else split_character(text, at)
            if why:
                seen.add(at)
                problems.append(f"segment {seg.id} [{seg.start}, {seg.end}) {name} {why} (offset {at})")
    return problems


def _listed(path: Path, problems: list[str], *, limit: int = MAX_PROBLEMS_PER_FILE) -> list[Problem]:
    """One Problem per message, the first ``limit`` of them and a count of the rest."""
    out = [Problem(path, p) for p in problems[:limit]]
    if len(problems) > limit:
        out.append(Problem(path, f"and {len(problems) - limit} more problem(s) of the same file"))
    return out


def source_path_problem(cur: Curation) -> str | None:
    """Why ``document.path`` cannot be opened as this Document's source (None: it is ``<id>.txt``).

    A curated file may name any path; validate opens only the file the store would read for the
    id, inside the corpus, so ``/etc/hostname`` or ``../../x`` are reported, never read.
    """
    try:
        check_doc_id(cur.document.id)
    except InvalidDocumentId as exc:
        return f"{exc}; source not opened"
    expected = f"{cur.document.id}.txt"
    if cur.document.path != expected:
        return (f"document.path {bounded(cur.document.path, 200)!r} is not {expected!r} (the source of this id "
                "inside the corpus); it is not opened")
    return None


def validate_file(path: Path, *, root: Path | None = None, taxonomy: Taxonomy | None = None) -> list[Problem]:
    """Every problem of one curated file (an empty list: the file is valid)."""
    taxonomy = taxonomy or default_taxonomy()
    try:
        cur = load_curation_file(path)[0]
    except CurationFileError as exc:
        return [Problem(path, exc.reason)]
    except OSError as exc:
        return [Problem(path, f"cannot be read ({exc.strerror or exc})")]
    problems = _listed(path, taxonomy_problems(cur, taxonomy) + edge_problems(cur))
    root = root or corpus_root_of(path)
    if root is None:
        problems.append(Problem(path, "is not inside a corpus 'curated/' folder; source text not checked"))
        return problems
    refused = source_path_problem(cur)
    if refused is not None:
        problems.append(Problem(path, refused))
        return problems
    expected = (root / CURATED_DIR / f"{cur.document.id}.json").resolve()
    if expected != path.resolve():
        problems.append(Problem(path, f"document id {cur.document.id!r} does not match the file's place"))
    source_path = root / cur.document.path
    if not source_path.resolve().is_relative_to(root.resolve()) and not source_path.is_symlink():
        problems.append(Problem(path, f"source {source_path} lies outside the corpus; not opened"))
        return problems
    try:
        source = read_source(source_path)
    except SourceError as exc:
        problems.append(Problem(path, f"source {exc.path}: {exc.reason}"))
        return problems
    problems.extend(_listed(path, text_problems(cur, source.text) + grapheme_problems(cur, source.text)))
    return problems


def validate_corpus(root: Path, *, taxonomy: Taxonomy | None = None,
                    warnings: list[str] | None = None) -> list[Problem]:
    """Every curated file of a corpus, orphaned curations and unreadable sources (source warnings into ``warnings``)."""
    corpus = Corpus(root)
    problems: list[Problem] = []
    for doc_id in corpus.document_ids():
        try:
            corpus.read_source(doc_id)
        except SourceError as exc:
            problems.append(Problem(exc.path, exc.reason))
    problems.extend(Problem(Path(p.split(": ", 1)[0]), p.split(": ", 1)[1]) for p in corpus.listing_problems)
    if corpus.curated_dir.is_dir():
        for path in sorted(corpus.curated_dir.rglob("*.json")):
            if any(part.startswith(".") for part in path.relative_to(corpus.curated_dir).parts):
                continue  # hidden: never a curated file (a temp file of a save, an editor's backup)
            problems.extend(validate_file(path, root=root, taxonomy=taxonomy))
    for orphan in corpus.orphan_curations():
        problems.append(Problem(orphan, "has no source document in the corpus"))
    if warnings is not None:
        warnings.extend(w for d in sorted(corpus.source_warnings) for w in corpus.source_warnings[d])
    return problems


def validate_source(path: Path, *, taxonomy: Taxonomy | None = None) -> list[Problem]:
    """A Document's ``.txt`` given by hand: it must read as a source, and its curation (the nearest
    ``<corpus>/curated/<id>.json`` above it, if any) is validated; a source is never parsed as JSON."""
    try:
        read_source(path)
    except SourceError as exc:
        return [Problem(exc.path, exc.reason)]
    for corpus_root in path.resolve().parents:
        curated = corpus_root / CURATED_DIR / path.resolve().relative_to(corpus_root).with_suffix(".json")
        if curated.is_file():
            return validate_file(curated, root=corpus_root, taxonomy=taxonomy)
    return [Problem(path, "reads as a source but has no curation (no curated/<id>.json in a folder above it); "
                          "nothing to validate")]


def validate_paths(paths: list[Path], *, taxonomy: Taxonomy | None = None,
                   warnings: list[str] | None = None) -> list[Problem]:
    problems: list[Problem] = []
    for path in paths:
        if path.is_dir():
            problems.extend(validate_corpus(path, taxonomy=taxonomy, warnings=warnings))
        elif path.is_file() and path.suffix == ".txt":
            problems.extend(validate_source(path, taxonomy=taxonomy))
        elif path.is_file():
            problems.extend(validate_file(path, taxonomy=taxonomy))
        else:
            problems.append(Problem(path, "does not exist"))
    return problems
