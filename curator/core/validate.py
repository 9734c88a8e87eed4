"""Checks behind ``curator validate``: schema, invariants, text match and hash."""

from __future__ import annotations

import json
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


def _surrogate_fields(value: object, where: str, found: list[str]) -> None:
    if isinstance(value, str):
        for at, ch in enumerate(value):
            if "\ud800" <= ch <= "\udfff":
                found.append(f"{where or 'value'}: contains a lone surrogate U+{ord(ch):04X} at character {at} "
                             "(no character: it cannot be written as UTF-8; replace or remove it)")
                return
    elif isinstance(value, dict):
        for key, item in value.items():
            _surrogate_fields(key, f"{where}.{key}" if where else str(key), found)
            _surrogate_fields(item, f"{where}.{key}" if where else str(key), found)
    elif isinstance(value, (list, tuple)):
        for n, item in enumerate(value):
            _surrogate_fields(item, f"{where}[{n}]", found)


def surrogate_problems(cur: Curation) -> list[str]:
    """Every field holding a lone surrogate (JSON allows ``"\\ud800"``; UTF-8 cannot store it, so no
    export could write it), named by its place (``articles[0].title``)."""
    data = cur.model_dump()
    try:  # the common case, one C-speed pass: nothing to name
        json.dumps(data, ensure_ascii=False, default=str).encode("utf-8")
        return []
    except UnicodeEncodeError:
        pass
    found: list[str] = []
    _surrogate_fields(data, "", found)
    return found


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


CHECKED, MISSING, SKIPPED = "checked", "missing", "skipped"  # what check_file did with the source text
NOT_A_CORPUS = "not a corpus (no .txt sources, no curated/ folder)"
SOURCES_HINT = "--sources CORPUS names the corpus they were parsed from"


def _source_root_above(path: Path, cur: Curation) -> Path | None:
    """The nearest folder above ``path`` holding this curation's source (``<id>.txt``), if any:
    a ``parse --out`` folder made inside its corpus finds its sources without being told."""
    for folder in path.resolve().parents:
        if (folder / cur.document.path).is_file():
            return folder
    return None


def _source_problems(path: Path, cur: Curation, root: Path) -> list[Problem]:
    """This curation against its source text in corpus ``root`` (never a file outside it)."""
    source_path = root / cur.document.path
    if not source_path.resolve().is_relative_to(root.resolve()) and not source_path.is_symlink():
        return [Problem(path, f"source {source_path} lies outside the corpus; not opened")]
    try:
        source = read_source(source_path)
    except SourceError as exc:
        return [Problem(path, f"source {exc.path}: {exc.reason}")]
    return _listed(path, text_problems(cur, source.text) + grapheme_problems(cur, source.text))


def check_file(path: Path, *, root: Path | None = None, taxonomy: Taxonomy | None = None,
               sources: Path | None = None, place: Path | None = None) -> tuple[list[Problem], str]:
    """Every problem of one curated file, and what became of its source text: ``checked``, ``missing``
    (not found), or ``skipped`` (the file could not be read, or names a source that is never opened).

    ``root``: the corpus whose ``curated/`` holds the file (else found from the path). A file outside
    any ``curated/`` (``parse --out``) is compared with its source in ``sources``, or in the nearest
    folder above it that holds ``<id>.txt``; where neither has it, the text is not checked (the caller
    says so). ``place``: the folder the file should sit in as ``<id>.json`` (a ``parse --out`` folder).
    """
    taxonomy = taxonomy or default_taxonomy()
    try:
        cur = load_curation_file(path)[0]
    except CurationFileError as exc:
        return [Problem(path, exc.reason)], SKIPPED
    except OSError as exc:
        return [Problem(path, f"cannot be read ({exc.strerror or exc})")], SKIPPED
    problems = _listed(path, surrogate_problems(cur) + taxonomy_problems(cur, taxonomy) + edge_problems(cur))
    refused = source_path_problem(cur)
    root = root or corpus_root_of(path)
    if root is not None:
        expected: Path | None = root / CURATED_DIR
    else:
        expected = place
    if refused is not None:
        problems.append(Problem(path, refused))
        return problems, SKIPPED
    if expected is not None and (expected / f"{cur.document.id}.json").resolve() != path.resolve():
        problems.append(Problem(path, f"document id {cur.document.id!r} does not match the file's place"))
    if root is None:
        root = sources if sources is not None and (sources / cur.document.path).is_file() \
            else _source_root_above(path, cur)
    if root is None:
        return problems, MISSING
    return problems + _source_problems(path, cur, root), CHECKED


def validate_file(path: Path, *, root: Path | None = None, taxonomy: Taxonomy | None = None,
                  sources: Path | None = None, checked: list[str] | None = None) -> list[Problem]:
    """Every problem of one curated file (an empty list: the file is valid)."""
    problems, text = check_file(path, root=root, taxonomy=taxonomy, sources=sources)
    if text == MISSING:
        problems.append(Problem(path, "is not inside a corpus 'curated/' folder and its source was not found; "
                                      f"source text not checked ({SOURCES_HINT})"))
    if checked is not None:
        checked.append(f"{path}: curated file; source text " + ("checked" if text == CHECKED else "not checked"))
    return problems


def validate_folder(folder: Path, *, taxonomy: Taxonomy | None = None, sources: Path | None = None,
                    checked: list[str] | None = None) -> list[Problem]:
    """A folder that is no corpus (a ``parse --out`` folder): every JSON below it as a curation.

    It said "ok" having checked nothing (it was read as an empty corpus). Each file is checked as a
    curated file is; the source text where ``sources`` or a folder above has it, and the folder says
    how many it could not compare."""
    files = sorted(p for p in folder.rglob("*.json")
                   if not any(part.startswith(".") for part in p.relative_to(folder).parts))
    if not files:  # the problem says it: no "checked" line repeating it (round 20, F5)
        return [Problem(folder, f"{NOT_A_CORPUS} and no JSON file in it: nothing was checked")]
    problems: list[Problem] = []
    compared = missing = 0
    for path in files:
        found, text = check_file(path, taxonomy=taxonomy, sources=sources, place=folder)
        problems.extend(found)
        compared += text == CHECKED
        missing += text == MISSING
    if missing:
        problems.append(Problem(folder, f"{NOT_A_CORPUS}: the source text of {missing} curation(s) was not found, "
                                        f"so it was not checked ({SOURCES_HINT})"))
    if checked is not None and folder.resolve().name == CURATED_DIR and compared == len(files):
        checked.append(f"{folder}: a corpus's curated/ folder; {len(files)} curated file(s) checked against their sources")
    elif checked is not None:
        checked.append(f"{folder}: not a corpus; {len(files)} JSON file(s) validated as curations (schema, "
                       f"invariants, taxonomy); source text checked for {compared}"
                       + (f", not found for {missing}" if missing else ""))
    return problems


def validate_corpus(root: Path, *, taxonomy: Taxonomy | None = None, warnings: list[str] | None = None,
                    checked: list[str] | None = None) -> list[Problem]:
    """Every curated file of a corpus, orphaned curations and unreadable sources (source warnings into ``warnings``)."""
    corpus = Corpus(root)
    problems: list[Problem] = []
    ids = corpus.document_ids()
    files = 0
    for doc_id in ids:
        try:
            corpus.read_source(doc_id)
        except SourceError as exc:
            problems.append(Problem(exc.path, exc.reason))
    problems.extend(Problem(Path(p.split(": ", 1)[0]), p.split(": ", 1)[1]) for p in corpus.listing_problems)
    if corpus.curated_dir.is_dir():
        for path in sorted(corpus.curated_dir.rglob("*.json")):
            if any(part.startswith(".") for part in path.relative_to(corpus.curated_dir).parts):
                continue  # hidden: never a curated file (a temp file of a save, an editor's backup)
            files += 1
            problems.extend(check_file(path, root=root, taxonomy=taxonomy)[0])
    for orphan in corpus.orphan_curations():
        problems.append(Problem(orphan, "has no source document in the corpus"))
    if warnings is not None:
        warnings.extend(w for d in sorted(corpus.source_warnings) for w in corpus.source_warnings[d])
    if checked is not None:
        checked.append(f"{root}: corpus of {len(ids)} document(s); {files} curated file(s) checked against their sources")
    return problems


def is_corpus(folder: Path) -> bool:
    """A folder with Documents (``.txt`` sources) or a ``curated/`` folder; else, e.g., a ``parse --out`` folder."""
    corpus = Corpus(folder)
    return corpus.curated_dir.is_dir() or corpus.has_documents()


def validate_source(path: Path, *, taxonomy: Taxonomy | None = None,
                    checked: list[str] | None = None) -> list[Problem]:
    """A Document's ``.txt`` given by hand: it must read as a source, and its curation (the nearest
    ``<corpus>/curated/<id>.json`` above it, if any) is validated; a source is never parsed as JSON."""
    try:
        read_source(path)
    except SourceError as exc:
        return [Problem(exc.path, exc.reason)]
    for corpus_root in path.resolve().parents:
        curated = corpus_root / CURATED_DIR / path.resolve().relative_to(corpus_root).with_suffix(".json")
        if curated.is_file():
            if checked is not None:
                checked.append(f"{path}: source read; its curation {curated} checked against it")
            return check_file(curated, root=corpus_root, taxonomy=taxonomy)[0]
    if checked is not None:
        checked.append(f"{path}: source read; no curation to check")
    return [Problem(path, "reads as a source but has no curation (no curated/<id>.json in a folder above it); "
                          "nothing to validate")]


def validate_paths(paths: list[Path], *, taxonomy: Taxonomy | None = None, warnings: list[str] | None = None,
                   sources: Path | None = None, checked: list[str] | None = None) -> list[Problem]:
    """Every problem of these corpora, folders and files; ``checked`` gets one line per path saying what was
    checked (a folder that is no corpus is said to be one, never reported as an ok empty corpus)."""
    problems: list[Problem] = []
    for path in paths:
        if path.is_dir() and is_corpus(path):
            problems.extend(validate_corpus(path, taxonomy=taxonomy, warnings=warnings, checked=checked))
        elif path.is_dir():
            problems.extend(validate_folder(path, taxonomy=taxonomy, sources=sources, checked=checked))
        elif path.is_file() and path.suffix == ".txt":
            problems.extend(validate_source(path, taxonomy=taxonomy, checked=checked))
        elif path.is_file():
            problems.extend(validate_file(path, taxonomy=taxonomy, sources=sources, checked=checked))
        else:
            problems.append(Problem(path, "does not exist"))
    return problems
