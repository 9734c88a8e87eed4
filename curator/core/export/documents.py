"""Which Documents an export takes, each checked against its source before use."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from curator.core.jsonio import CurationFileError
from curator.core.model import Curation, text_problems
from curator.core.store import Corpus
from curator.core.taxonomy import default_taxonomy
from curator.core.textio import SourceError
from curator.core.validate import surrogate_problems, taxonomy_problems

if TYPE_CHECKING:
    from curator.core.parse import CorpusContext


@dataclass(frozen=True)
class Usable:
    """A Curation whose text matches its source, ready for records."""

    curation: Curation
    text: str
    parsed: bool  # made by the parser during the export (no curated file)


@dataclass(frozen=True)
class Skipped:
    """A Document that cannot be exported honestly; the message names the file."""

    document: str
    path: Path
    reason: str

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"


@dataclass(frozen=True)
class Excluded:
    """A Document left out by ``include=curated`` (``status`` is ``none`` without a curated file)."""

    document: str
    status: str


Outcome = Usable | Skipped | Excluded


def _readable_texts(corpus: Corpus, doc_ids: list[str]) -> Iterator[str]:
    for doc_id in doc_ids:
        try:
            yield corpus.read_source(doc_id).text
        except SourceError:
            continue  # reported when the Document itself is reached


def parse_context(corpus: Corpus, doc_ids: list[str]) -> CorpusContext | None:
    """Cross-document evidence for on-the-fly parsing, only when some Document needs it."""
    if not any(not corpus.curated_path(d).is_file() for d in doc_ids):
        return None
    # The parser is imported only when a Document needs parsing: exporting curated
    # files neither pays for it nor depends on it.
    from curator.core.parse import build_context

    return build_context(_readable_texts(corpus, doc_ids))


def load_for_export(corpus: Corpus, doc_id: str, *, include: str, context: CorpusContext | None) -> Outcome:
    """One Document's Curation with its verified text, or why it is left out."""
    curated = corpus.curated_path(doc_id)
    try:
        loaded = corpus.load(doc_id)
    except CurationFileError as exc:
        return Skipped(doc_id, exc.path, exc.reason)
    if loaded is None and include == "curated":
        return Excluded(doc_id, "none")
    if loaded is not None and include == "curated" and loaded.curation.status != "curated":
        return Excluded(doc_id, loaded.curation.status)
    try:
        source = corpus.read_source(doc_id)
    except SourceError as exc:
        return Skipped(doc_id, exc.path, exc.reason)
    if loaded is None:
        from curator.core.parse import parse_document

        try:
            cur = parse_document(source.text, doc=corpus.document_ref(doc_id, source), context=context)
        except Exception as exc:  # noqa: BLE001 - a parser bug must not stop the other Documents
            return Skipped(doc_id, corpus.source_path(doc_id), f"parser failed: {type(exc).__name__}: {exc}")
        return Usable(cur, source.text, parsed=True)
    unwritable = surrogate_problems(loaded.curation)
    if unwritable:  # validate rejects it too; replacing them would change the editors' gold unseen
        return Skipped(doc_id, curated, "; ".join(unwritable[:3]) + "; not exported")
    problems = text_problems(loaded.curation, source.text)
    outside = [] if problems else taxonomy_problems(loaded.curation, default_taxonomy())
    if problems or outside:
        listed = problems or outside
        shown = "; ".join(listed[:3]) + (f"; and {len(listed) - 3} more" if len(listed) > 3 else "")
        reason = f"does not match its source {corpus.source_path(doc_id)} ({shown})" if problems \
            else f"outside the taxonomy ({shown})"
        return Skipped(doc_id, curated, reason + "; not exported")
    cur = loaded.curation
    if cur.document.source is None:
        # Curated before its provenance was recorded (or the file was made by hand): the
        # corpus still knows where the page came from.
        info = corpus.source_info(doc_id)
        if info is not None:
            cur = cur.model_copy(update={"document": cur.document.model_copy(update={"source": info})})
    return Usable(cur, source.text, parsed=False)
