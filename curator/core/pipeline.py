"""Corpus-level parsing: every Document parsed with corpus evidence, then Duplicate groups proposed.

Duplicates need the whole corpus (a passage is a duplicate of another Document's
passage), so they are attached after each Document is parsed on its own. The CLI,
the window and the review all parse through here so they see the same proposals.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping

from curator.core.dups import Params, find_in_curations
from curator.core.dups.contract import GroupIndex, apply_decisions, curation_duplicates
from curator.core.model import Curation
from curator.core.parse import CorpusContext, build_context, parse_document
from curator.core.store import Corpus
from curator.core.textio import SourceError, SourceText

ParseFn = Callable[..., Curation]


def propose_duplicates(
    curations: Mapping[str, Curation],
    texts: Mapping[str, str],
    *,
    params: Params | None = None,
    decided: Iterable[Curation] = (),
) -> dict[str, Curation]:
    """Each Curation with its ``duplicates`` replaced by fresh proposals.

    Decisions an editor already took (stored in ``decided`` or in the Curations
    themselves) are carried over by group id, as ``curator.core.dups`` defines.
    """
    items = [(curations[d], texts[d]) for d in sorted(curations)]
    if not items:
        return {}
    groups = find_in_curations(items, params)
    apply_decisions(groups, [*decided, *curations.values()])
    index = GroupIndex(groups, curations)
    out = {}
    for doc_id, cur in curations.items():
        dups = curation_duplicates(index, cur)
        out[doc_id] = Curation.model_validate({**cur.model_dump(), "duplicates": [d.model_dump() for d in dups]})
    return out


def read_sources(corpus: Corpus, doc_ids: Iterable[str] | None = None) -> tuple[dict[str, SourceText], list[str]]:
    """Source texts by id, and one message per Document that could not be read."""
    sources: dict[str, SourceText] = {}
    problems: list[str] = []
    for doc_id in corpus.document_ids() if doc_ids is None else doc_ids:
        try:
            sources[doc_id] = corpus.read_source(doc_id)
        except SourceError as exc:
            problems.append(str(exc))
    return sources, problems


def parse_corpus(
    corpus: Corpus,
    *,
    sources: Mapping[str, SourceText] | None = None,
    parse: ParseFn = parse_document,
    context: CorpusContext | None = None,
    duplicates: bool = True,
) -> dict[str, Curation]:
    """Parse every readable Document of ``corpus`` (status ``auto``) with duplicate proposals."""
    if sources is None:
        sources, _ = read_sources(corpus)
    if context is None:
        context = build_context(s.text for s in sources.values())
    parsed = {
        doc_id: parse(src.text, doc=corpus.document_ref(doc_id, src), context=context)
        for doc_id, src in sources.items()
    }
    if not duplicates:
        return parsed
    return propose_duplicates(parsed, {d: s.text for d, s in sources.items()})
