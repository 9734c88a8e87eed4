"""Export a corpus: Documents in, records streamed to a writer, a data card beside them."""

from __future__ import annotations

import datetime as _dt
import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from curator import __version__
from curator.core.export.card import CardStats, card_path, render_card
from curator.core.export.documents import (
    Excluded,
    Skipped,
    Usable,
    load_for_export,
    parse_context,
)
from curator.core.export.options import ExportError, ExportOptions, ExportWriteError, NotWritable, os_reason
from curator.core.export.records import build_records
from curator.core.export.replace import check_replaceable, write_record
from curator.core.export.writers import open_writer, partial_path
from curator.core.parallel import Workers
from curator.core.outputs import output_refusal
from curator.core.store import Corpus

# progress(done, total): called after each Document; should_stop(): polled as often.
Progress = Callable[[int, int], None]
ShouldStop = Callable[[], bool]


class ExportCancelled(Exception):
    """The export was stopped on request; the output was left as it was."""


def _check_output_name(out: str) -> None:
    if out.strip() in ("", "-") or Path(out).name in ("", ".", ".."):
        raise ExportError(f"{out!r}: give a file name for the export (standard output is not supported)")


def _check_not_special(target: Path) -> None:
    """A device or pipe (or a link to one) would be replaced by a regular file (``--out /dev/stdout`` as root)."""
    if target.exists() and not (target.is_file() or target.is_dir()):
        raise ExportError(f"{target}: is not a regular file (a device or pipe); give the name of a file to write")


@dataclass
class ExportResult:
    """What an export wrote and what it left out."""

    out: Path
    card: Path
    documents: int
    records: int
    skipped: list[Skipped] = field(default_factory=list)
    excluded: int = 0
    dropped_segments: int = 0
    corpus: Corpus | None = None  # what was read, with its listing problems and source warnings
    empty_articles: int = 0  # Articles with no segment: not in the data
    empty_articles_listed: list[str] = field(default_factory=list)  # the first ones, "document article"


@dataclass
class _State:
    root: str
    include: str
    context: object
    options: ExportOptions


_STATE: _State | None = None


def _init(state: _State) -> None:
    global _STATE
    _STATE = state


def _prepare(doc_id: str) -> tuple[Skipped | Excluded | tuple[str, bool, object], tuple[str, ...]]:
    """One Document's outcome (when usable: parser, parsed on the fly, records) and its source's
    warnings (in a worker with ``jobs > 1``)."""
    st = _STATE
    assert st is not None
    corpus = _CORPORA.get(st.root)
    if corpus is None:
        corpus = _CORPORA[st.root] = Corpus(st.root)
    corpus.source_warnings.pop(doc_id, None)
    outcome = load_for_export(corpus, doc_id, include=st.include, context=st.context)  # type: ignore[arg-type]
    warnings = corpus.source_warnings.pop(doc_id, ())
    if isinstance(outcome, Usable):
        cur = outcome.curation
        records = build_records(cur, outcome.text, options=st.options)
        return (f"{cur.parser.name} {cur.parser.version}", outcome.parsed, records), warnings
    return outcome, warnings


_CORPORA: dict[str, Corpus] = {}


def _discard(tmp: Path) -> None:
    """Remove a hidden ``.partial`` file or folder; on a read-only or failing disk there may be none to
    remove, or it cannot be: the error that stopped the export is the one to report."""
    try:
        if tmp.is_dir():
            shutil.rmtree(tmp, ignore_errors=True)
        else:
            tmp.unlink(missing_ok=True)
    except OSError:
        pass


def export_corpus(
    root: Path | str,
    out: Path | str,
    *,
    options: ExportOptions,
    progress: Progress | None = None,
    should_stop: ShouldStop | None = None,
    jobs: int = 1,
    mapper: Callable | None = None,
    force: bool = False,
) -> ExportResult:
    """Write the corpus's records to ``out`` and a data card beside it; see docs/export.md.

    With ``jobs > 1`` Documents are loaded, checked and turned into records in worker
    processes; the writer takes them in corpus order, so the output is the same.
    A file beside ``out`` (``out`` itself, the card, a labelling config) is replaced only when an earlier
    Curator export wrote it and nobody changed it since (curator.core.export.replace), or with ``force``.
    """
    corpus = Corpus(root)
    _check_output_name(str(out))
    out = Path(out)
    for target in (out, card_path(out)):
        _check_not_special(target)
    for target in (out, card_path(out)):  # never onto a corpus's Documents or state (curator.core.outputs)
        why = output_refusal(target, corpus=corpus.root, writes_documents=target == out and options.format == "brat")
        if why is not None:
            raise ExportError(why)
    if not force:
        check_replaceable(out, options.format)
    doc_ids = corpus.document_ids()
    context = parse_context(corpus, doc_ids) if options.include == "all" else None
    stats = CardStats()
    try:
        writer = open_writer(out, format=options.format, level=options.level)
    except OSError as exc:
        _discard(partial_path(out))
        raise ExportWriteError(f"{out}: cannot write the export ({os_reason(exc)}); "
                               "the output is left as it was") from None
    # The local workers share this process's folder: they read the root as given, so their messages
    # name files as the listing does; another engine's workers (Dask) need the resolved root.
    state = _State(str(corpus.root if mapper is None else corpus.root.resolve()), options.include, context, options)
    workers = Workers(min(jobs, max(1, len(doc_ids))) if mapper is None else 1, _init, (state,))
    # ``mapper``: another engine's ordered map (the Dask engine's tasks); else these workers.
    outcomes = workers.imap(_prepare, doc_ids, chunksize=16) if mapper is None else mapper(
        _prepare, doc_ids, _init, state)
    try:
        for done, (outcome, warnings) in enumerate(outcomes, start=1):
            if warnings:
                corpus.source_warnings[doc_ids[done - 1]] = tuple(corpus.as_given(w) for w in warnings)
            if should_stop is not None and should_stop():
                raise ExportCancelled(f"export to {out} cancelled after {done - 1} of {len(doc_ids)} documents")
            if isinstance(outcome, Skipped):
                stats.skipped.append(Skipped(outcome.document, Path(corpus.as_given(str(outcome.path))), outcome.reason))
            elif isinstance(outcome, Excluded):
                stats.excluded[outcome.status] += 1
            else:
                parser, parsed, records = outcome
                try:
                    writer.write(records)
                except OSError as exc:
                    raise ExportWriteError(f"{out}: cannot write the export ({os_reason(exc)}); "
                                           "the output is left as it was") from None
                except NotWritable as exc:
                    doc_id = doc_ids[done - 1]
                    stats.skipped.append(Skipped(doc_id, corpus.source_path(doc_id), f"{exc}; not exported"))
                    continue
                stats.add(records, parser=parser, parsed=parsed, level=options.level)
            if progress is not None:
                progress(done, len(doc_ids))
        try:
            writer.finish()
        except OSError as exc:
            raise ExportWriteError(f"{out}: cannot write the export ({os_reason(exc)}); "
                                   "the output is left as it was") from None
        workers.close()
    except BaseException:
        workers.terminate()
        writer.abort()
        raise
    card = card_path(out)
    text = render_card(
        stats, out=out, corpus=corpus.root, options=options, version=__version__,
        when=_dt.datetime.now(_dt.UTC),
    )
    if hasattr(writer, "card_lines"):  # how the writer laid the output out (the spaCy shards)
        text += "\n## Output files\n\n" + "\n".join(writer.card_lines()) + "\n"
    # Written like the data file (plain open + replace) so both get the same permissions.
    tmp = partial_path(card)
    try:
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, card)
    except OSError as exc:
        _discard(tmp)
        raise ExportWriteError(f"{card}: cannot write the data card ({os_reason(exc)}); {out} is written") from None
    write_record(out, options.format)
    return ExportResult(
        out=out,
        card=card,
        documents=stats.documents,
        records=stats.records,
        skipped=stats.skipped,
        excluded=sum(stats.excluded.values()),
        dropped_segments=stats.dropped,
        corpus=corpus,
        empty_articles=stats.empty_articles,
        empty_articles_listed=stats.empty_articles_listed,
    )
