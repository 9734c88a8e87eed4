"""The accepted scores: what ``--check`` holds the parser to, document by document, with zero tolerance.

Accepting a snapshot (``curator review --accept``) also records how that accepted output
scored against the gold at that moment, in ``<corpus>/.curator/review/scores.json``. From
then on ``curator review --check`` fails, naming the document and the metric, whenever any
metric of any gold document is below its recorded score, whether the parser changed or the
gold did (a relabelled paragraph is a drop too, even when the parser's output is the same).
A deliberate change is taken by accepting again: ``curator review --accept --all`` records
the scores anew even when no output is pending.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

from curator.core.jsonio import CurationFileError, JsonFileError, atomic_write_text, load_json_file
from curator.core.model import text_problems
from curator.core.review.metrics import score
from curator.core.review.snapshots import Snapshots, load_snapshot
from curator.core.store import Corpus
from curator.core.textio import SourceError

SCORES_FILE = "scores.json"
VERSION = 1


def scores_path(corpus: Corpus) -> Path:
    return Snapshots(corpus).root / SCORES_FILE


def load_scores(corpus: Corpus) -> dict[str, dict[str, float | None]]:
    """Recorded scores by document id (empty when none were recorded); a damaged file is an error."""
    path = scores_path(corpus)
    if not path.is_file():
        return {}
    try:
        data = load_json_file(path)
        docs = data["documents"]
        if not isinstance(docs, dict):
            raise TypeError("'documents' is not an object")
        return {str(k): {str(m): (None if v is None else float(v)) for m, v in vals.items()} for k, vals in docs.items()}
    except JsonFileError as exc:
        raise ValueError(f"cannot read the accepted scores: {exc}") from None
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise ValueError(f"{path}: cannot read the accepted scores: {exc}") from None


def record_scores(corpus: Corpus, doc_ids: Iterable[str] | None = None) -> dict[str, list[str]]:
    """Score the accepted snapshot of each gold document against its gold and record it.

    ``doc_ids``: only these (None: every document with an accepted snapshot). Returns the
    documents recorded and the problems met (``{"recorded": [...], "problems": [...]}``).
    """
    from curator.core.review.runner import gold_of

    snaps = Snapshots(corpus)
    scores = load_scores(corpus)
    wanted = set(snaps.accepted_ids()) if doc_ids is None else set(doc_ids) & set(snaps.accepted_ids())
    recorded, problems = [], []
    for doc_id in sorted(wanted):
        gold, gold_problems = gold_of(corpus, doc_id)
        problems.extend(gold_problems)
        if gold is None:
            scores.pop(doc_id, None)
            continue
        try:
            accepted = load_snapshot(snaps.accepted_path(doc_id))
            text = corpus.read_source(doc_id).text
        except (CurationFileError, SourceError) as exc:
            problems.append(str(exc))
            continue
        mismatch = text_problems(gold, text) or text_problems(accepted, text)
        if mismatch:
            problems.append(f"{doc_id}: not recorded: {mismatch[0]}")
            continue
        scores[doc_id] = score(gold, accepted, text).flat()
        recorded.append(doc_id)
    data = {"version": VERSION, "comment": "Scores of the accepted parser outputs against the gold; "
            "curator review --check fails on any drop below them (see docs/review.md).",
            "documents": {k: scores[k] for k in sorted(scores)}}
    atomic_write_text(scores_path(corpus), json.dumps(data, indent=1, sort_keys=True) + "\n")
    return {"recorded": recorded, "problems": problems}
