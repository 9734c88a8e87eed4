"""Checks behind ``curator validate``: schema, invariants, text match and hash."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from curator.core.jsonio import CurationFileError, parse_curation
from curator.core.model import Curation, edge_problems, text_problems
from curator.core.store import CURATED_DIR, Corpus
from curator.core.taxonomy import Taxonomy, default_taxonomy
from curator.core.textio import SourceError, read_source


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


def validate_file(path: Path, *, root: Path | None = None, taxonomy: Taxonomy | None = None) -> list[Problem]:
    """Every problem of one curated file (an empty list: the file is valid)."""
    taxonomy = taxonomy or default_taxonomy()
    try:
        cur = parse_curation(path.read_bytes(), path)
    except CurationFileError as exc:
        return [Problem(path, exc.reason)]
    except OSError as exc:
        return [Problem(path, f"cannot be read ({exc.strerror or exc})")]
    problems = [Problem(path, p) for p in taxonomy_problems(cur, taxonomy)]
    problems.extend(Problem(path, p) for p in edge_problems(cur))
    root = root or corpus_root_of(path)
    if root is None:
        problems.append(Problem(path, "is not inside a corpus 'curated/' folder; source text not checked"))
        return problems
    expected = (root / CURATED_DIR / f"{cur.document.id}.json").resolve()
    if expected != path.resolve():
        problems.append(Problem(path, f"document id {cur.document.id!r} does not match the file's place"))
    source_path = root / cur.document.path
    try:
        source = read_source(source_path)
    except SourceError as exc:
        problems.append(Problem(path, f"source {exc.path}: {exc.reason}"))
        return problems
    problems.extend(Problem(path, p) for p in text_problems(cur, source.text))
    return problems


def validate_corpus(root: Path, *, taxonomy: Taxonomy | None = None) -> list[Problem]:
    """Every curated file of a corpus, orphaned curations and unreadable sources."""
    corpus = Corpus(root)
    problems: list[Problem] = []
    for doc_id in corpus.document_ids():
        try:
            corpus.read_source(doc_id)
        except SourceError as exc:
            problems.append(Problem(exc.path, exc.reason))
    if corpus.curated_dir.is_dir():
        for path in sorted(corpus.curated_dir.rglob("*.json")):
            problems.extend(validate_file(path, root=root, taxonomy=taxonomy))
    for orphan in corpus.orphan_curations():
        problems.append(Problem(orphan, "has no source document in the corpus"))
    return problems


def validate_paths(paths: list[Path], *, taxonomy: Taxonomy | None = None) -> list[Problem]:
    problems: list[Problem] = []
    for path in paths:
        if path.is_dir():
            problems.extend(validate_corpus(path, taxonomy=taxonomy))
        elif path.is_file():
            problems.extend(validate_file(path, taxonomy=taxonomy))
        else:
            problems.append(Problem(path, "does not exist"))
    return problems
