"""Scores of a predicted Curation against the curated gold on the same text.

Definitions (docs/review.md repeats them for readers):

* **label accuracy (chars)**: over every non-whitespace code point of the text,
  the share whose gold label equals its predicted label; a code point outside
  every segment has the pseudo-label ``(none)`` on that side.
* **label accuracy (segments)**: over gold segments, the share whose predicted
  segment of largest overlap carries the same label (no overlap: wrong).
* **macro-F1**: per-label F1 over non-whitespace characters (from the
  confusion matrix), averaged over the real labels present in gold or prediction.
* **boundaries**: a boundary is a segment start or a segment end offset (two
  kinds; a start never matches an end). *Exact*: same kind and offset. *Within
  one line*: same kind and the predicted boundary's line is the gold one's or
  adjacent (a start's line is that of its first character, an end's that of its
  last), one-to-one, closest first.
* **articles**: gold and predicted articles are paired one-to-one by the
  characters their segments share, largest first; title, date and kind accuracy
  are over gold articles (an unpaired gold article counts wrong).
* **speaker accuracy**: over gold segments that have a speaker or whose best
  predicted segment has one; right when both name the same speaker after name
  normalisation (the Speaker's name, ids differ between files).
* **events**: paired one-to-one by a score over type, date, place, participants
  and evidence overlap; per field, precision = equal values / predicted events
  with the field set, recall = equal values / gold events with it set;
  participants count per person. Gold events the editor rejected are not gold.
* **duplicates**: pairs of segments in one duplicate group (predicted segments
  mapped to their best gold segment), plus "segment is a duplicate of something
  in document X" pairs for cross-document links; rejected gold entries are not gold.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from itertools import accumulate
from typing import Any

from curator.core.model import Curation, Event
from curator.core.review.measures import PRF, Ratio, normalise_name, normalise_title
from curator.core.review.overlap import LineIndex, best_match, overlapping_pairs

NONE_LABEL = "(none)"
EVENT_FIELDS: tuple[str, ...] = ("type", "date", "place", "participants")


@dataclass
class Metrics:
    """All counts for one document, or summed over many."""

    confusion: dict[str, dict[str, int]] = field(default_factory=dict)
    segment_labels: Ratio = field(default_factory=Ratio)
    boundary_exact: PRF = field(default_factory=PRF)
    boundary_line: PRF = field(default_factory=PRF)
    articles: PRF = field(default_factory=PRF)
    article_title: Ratio = field(default_factory=Ratio)
    article_date: Ratio = field(default_factory=Ratio)
    article_kind: Ratio = field(default_factory=Ratio)
    speakers: Ratio = field(default_factory=Ratio)
    events: PRF = field(default_factory=PRF)
    event_fields: dict[str, PRF] = field(default_factory=lambda: {f: PRF() for f in EVENT_FIELDS})
    duplicates: PRF = field(default_factory=PRF)

    # -- derived ---------------------------------------------------------------
    @property
    def char_labels(self) -> Ratio:
        total = sum(n for row in self.confusion.values() for n in row.values())
        right = sum(row.get(g, 0) for g, row in self.confusion.items())
        return Ratio(right, total)

    def label_prf(self) -> dict[str, PRF]:
        """Per real label, character-level precision/recall from the confusion matrix."""
        labels = {g for g in self.confusion} | {p for row in self.confusion.values() for p in row}
        labels.discard(NONE_LABEL)
        out = {}
        for label in sorted(labels):
            tp = self.confusion.get(label, {}).get(label, 0)
            n_gold = sum(self.confusion.get(label, {}).values())
            n_pred = sum(row.get(label, 0) for row in self.confusion.values())
            out[label] = PRF(tp, n_pred, n_gold)
        return out

    @property
    def macro_f1(self) -> float | None:
        scores = [p.f1 for p in self.label_prf().values() if p.f1 is not None]
        return sum(scores) / len(scores) if scores else None

    def __add__(self, other: Metrics) -> Metrics:
        confusion: dict[str, dict[str, int]] = defaultdict(dict)
        for source in (self.confusion, other.confusion):
            for g, row in source.items():
                for p, n in row.items():
                    confusion[g][p] = confusion[g].get(p, 0) + n
        return Metrics(
            confusion=dict(confusion),
            segment_labels=self.segment_labels + other.segment_labels,
            boundary_exact=self.boundary_exact + other.boundary_exact,
            boundary_line=self.boundary_line + other.boundary_line,
            articles=self.articles + other.articles,
            article_title=self.article_title + other.article_title,
            article_date=self.article_date + other.article_date,
            article_kind=self.article_kind + other.article_kind,
            speakers=self.speakers + other.speakers,
            events=self.events + other.events,
            event_fields={f: self.event_fields[f] + other.event_fields[f] for f in EVENT_FIELDS},
            duplicates=self.duplicates + other.duplicates,
        )

    def flat(self) -> dict[str, float | None]:
        """The headline figures by stable name (the names thresholds and --check use)."""
        out: dict[str, float | None] = {
            "label.accuracy_chars": self.char_labels.value,
            "label.accuracy_segments": self.segment_labels.value,
            "label.macro_f1": self.macro_f1,
            "boundary.exact.precision": self.boundary_exact.precision,
            "boundary.exact.recall": self.boundary_exact.recall,
            "boundary.exact.f1": self.boundary_exact.f1,
            "boundary.line.precision": self.boundary_line.precision,
            "boundary.line.recall": self.boundary_line.recall,
            "boundary.line.f1": self.boundary_line.f1,
            "article.match.f1": self.articles.f1,
            "article.title": self.article_title.value,
            "article.date": self.article_date.value,
            "article.kind": self.article_kind.value,
            "speaker.accuracy": self.speakers.value,
            "event.precision": self.events.precision,
            "event.recall": self.events.recall,
        }
        for name, prf in self.event_fields.items():
            out[f"event.{name}.precision"] = prf.precision
            out[f"event.{name}.recall"] = prf.recall
        out["duplicate.precision"] = self.duplicates.precision
        out["duplicate.recall"] = self.duplicates.recall
        return out

    def to_json(self) -> dict[str, Any]:
        return {
            "flat": self.flat(),
            "confusion": self.confusion,
            "labels": {k: v.to_json() for k, v in self.label_prf().items()},
            "counts": {
                "label.accuracy_chars": self.char_labels.to_json(),
                "label.accuracy_segments": self.segment_labels.to_json(),
                "boundary.exact": self.boundary_exact.to_json(),
                "boundary.line": self.boundary_line.to_json(),
                "article.match": self.articles.to_json(),
                "article.title": self.article_title.to_json(),
                "article.date": self.article_date.to_json(),
                "article.kind": self.article_kind.to_json(),
                "speaker.accuracy": self.speakers.to_json(),
                "event": self.events.to_json(),
                **{f"event.{k}": v.to_json() for k, v in self.event_fields.items()},
                "duplicate": self.duplicates.to_json(),
            },
        }


def total(metrics: list[Metrics]) -> Metrics:
    """Micro-sum over documents (macro-F1 of the sum is then macro over labels)."""
    out = Metrics()
    for m in metrics:
        out = out + m
    return out


def score(gold: Curation, pred: Curation, text: str) -> Metrics:
    """Compare ``pred`` with ``gold``; both must describe ``text``."""
    for name, cur in (("gold", gold), ("prediction", pred)):
        if cur.document.length != len(text):
            raise ValueError(
                f"{name} for {cur.document.id} covers {cur.document.length} code points, the text has {len(text)}"
            )
    pairs = overlapping_pairs(gold.segments, pred.segments)
    gold_best = best_match(pairs, n=len(gold.segments), side=0)
    pred_best = best_match(pairs, n=len(pred.segments), side=1)
    m = Metrics()
    m.confusion = _confusion(gold, pred, text)
    m.segment_labels = Ratio(
        sum(1 for g, b in zip(gold.segments, gold_best, strict=True) if b is not None and pred.segments[b].label == g.label),
        len(gold.segments),
    )
    lines = LineIndex(text)
    m.boundary_exact, m.boundary_line = _boundaries(gold, pred, lines)
    _articles(m, gold, pred, pairs)
    m.speakers = _speakers(gold, pred, gold_best)
    m.events, m.event_fields = _events(gold, pred)
    m.duplicates = _duplicates(gold, pred, pred_best)
    return m


# -- labels ---------------------------------------------------------------------
def _label_runs(cur: Curation, length: int) -> list[tuple[int, int, str]]:
    runs = []
    pos = 0
    for seg in cur.segments:
        if seg.start > pos:
            runs.append((pos, seg.start, NONE_LABEL))
        runs.append((seg.start, seg.end, seg.label))
        pos = seg.end
    if pos < length:
        runs.append((pos, length, NONE_LABEL))
    return runs


def _confusion(gold: Curation, pred: Curation, text: str) -> dict[str, dict[str, int]]:
    # Prefix counts of non-whitespace code points make each elementary interval O(1).
    solid = [0, *accumulate(0 if ch.isspace() else 1 for ch in text)]
    confusion: dict[str, dict[str, int]] = defaultdict(dict)
    g_runs = _label_runs(gold, len(text))
    p_runs = _label_runs(pred, len(text))
    i = j = 0
    while i < len(g_runs) and j < len(p_runs):
        gs, ge, gl = g_runs[i]
        ps, pe, pl = p_runs[j]
        lo, hi = max(gs, ps), min(ge, pe)
        if hi > lo:
            n = solid[hi] - solid[lo]
            if n:
                confusion[gl][pl] = confusion[gl].get(pl, 0) + n
        if ge <= pe:
            i += 1
        if pe <= ge:
            j += 1
    return dict(confusion)


# -- boundaries -------------------------------------------------------------------
def _boundary_set(cur: Curation) -> set[tuple[str, int]]:
    out = set()
    for seg in cur.segments:
        out.add(("start", seg.start))
        out.add(("end", seg.end))
    return out


def _boundaries(gold: Curation, pred: Curation, lines: LineIndex) -> tuple[PRF, PRF]:
    g = _boundary_set(gold)
    p = _boundary_set(pred)
    exact = PRF(len(g & p), len(p), len(g))

    def line(b: tuple[str, int]) -> int:
        return lines.start_line(b[1]) if b[0] == "start" else lines.end_line(b[1])

    by_line: dict[tuple[str, int], list[tuple[str, int]]] = defaultdict(list)
    for pb in p:
        by_line[(pb[0], line(pb))].append(pb)
    candidates = []
    for gb in g:
        gl = line(gb)
        for near in (gl - 1, gl, gl + 1):
            for pb in by_line.get((gb[0], near), ()):
                candidates.append((abs(near - gl), abs(pb[1] - gb[1]), gb, pb))
    candidates.sort(key=lambda c: (c[0], c[1], c[2][1], c[3][1]))
    used_g: set[tuple[str, int]] = set()
    used_p: set[tuple[str, int]] = set()
    for _d, _c, gb, pb in candidates:
        if gb in used_g or pb in used_p:
            continue
        used_g.add(gb)
        used_p.add(pb)
    return exact, PRF(len(used_g), len(p), len(g))


# -- articles ---------------------------------------------------------------------
def match_articles(gold: Curation, pred: Curation, pairs: list[tuple[int, int, int]]) -> dict[str, str]:
    """Gold article id -> predicted article id, one-to-one by shared segment characters."""
    shared: dict[tuple[str, str], int] = defaultdict(int)
    for gi, pi, chars in pairs:
        ga, pa = gold.segments[gi].article, pred.segments[pi].article
        if ga is not None and pa is not None:
            shared[(ga, pa)] += chars
    out: dict[str, str] = {}
    taken: set[str] = set()
    for (ga, pa), _n in sorted(shared.items(), key=lambda kv: (-kv[1], kv[0])):
        if ga in out or pa in taken:
            continue
        out[ga] = pa
        taken.add(pa)
    return out


def _articles(m: Metrics, gold: Curation, pred: Curation, pairs: list[tuple[int, int, int]]) -> None:
    matched = match_articles(gold, pred, pairs)
    by_id = {a.id: a for a in pred.articles}
    m.articles = PRF(len(matched), len(pred.articles), len(gold.articles))
    title = date = kind = 0
    for art in gold.articles:
        other = by_id.get(matched.get(art.id, ""))
        if other is None:
            continue
        title += normalise_title(art.title) == normalise_title(other.title)
        date += art.date == other.date
        kind += art.kind == other.kind
    n = len(gold.articles)
    m.article_title, m.article_date, m.article_kind = Ratio(title, n), Ratio(date, n), Ratio(kind, n)


# -- speakers ---------------------------------------------------------------------
def speaker_names(cur: Curation) -> dict[str, str]:
    """Speaker id -> normalised name (the id itself when the name normalises to nothing)."""
    return {s.id: normalise_name(s.name) or normalise_name(s.id) for s in cur.speakers}


def paired_names(gold: Curation, pred: Curation) -> tuple[dict[str, str], dict[str, str]]:
    """Names to compare speakers by: a prediction's speaker with the id of a gold speaker is that
    speaker whatever the spelling (ids are stable slugs; the parser keeps the page's spelling,
    ``Rakhmon`` where the gold has the registry's ``Rahmon``), the others by name."""
    g_names, p_names = speaker_names(gold), speaker_names(pred)
    return g_names, {pid: g_names.get(pid, name) for pid, name in p_names.items()}


def _speakers(gold: Curation, pred: Curation, gold_best: list[int | None]) -> Ratio:
    g_names, p_names = paired_names(gold, pred)
    right = total_ = 0
    for seg, best in zip(gold.segments, gold_best, strict=True):
        other = pred.segments[best] if best is not None else None
        g = g_names.get(seg.speaker) if seg.speaker else None
        p = p_names.get(other.speaker) if other is not None and other.speaker else None
        if g is None and p is None:
            continue
        total_ += 1
        right += g is not None and g == p
    return Ratio(right, total_)


# -- events -----------------------------------------------------------------------
def _event_pair_score(g: Event, p: Event, g_names: dict[str, str], p_names: dict[str, str]) -> float:
    s = 0.0
    s += g.type == p.type
    s += g.date is not None and g.date == p.date
    s += bool(g.place) and normalise_name(g.place) == normalise_name(p.place)
    gp = {g_names.get(x, x) for x in g.participants}
    pp = {p_names.get(x, x) for x in p.participants}
    if gp | pp:
        s += len(gp & pp) / len(gp | pp)
    if any(a.start < b.end and b.start < a.end for a in g.evidence for b in p.evidence):
        s += 2
    return s


# Two events are the same when their evidence overlaps, or two of type/date/place agree.
_EVENT_MATCH_MIN = 2.0


def match_events(gold: list[Event], pred: list[Event], g_names: dict[str, str], p_names: dict[str, str]) -> list[tuple[int, int]]:
    """One-to-one pairs (gold index, predicted index), best score first."""
    scored = []
    for i, g in enumerate(gold):
        for j, p in enumerate(pred):
            s = _event_pair_score(g, p, g_names, p_names)
            if s >= _EVENT_MATCH_MIN:
                scored.append((-s, i, j))
    scored.sort()
    used_g: set[int] = set()
    used_p: set[int] = set()
    out = []
    for _s, i, j in scored:
        if i in used_g or j in used_p:
            continue
        used_g.add(i)
        used_p.add(j)
        out.append((i, j))
    return out


def _events(gold: Curation, pred: Curation) -> tuple[PRF, dict[str, PRF]]:
    g_events = [e for e in gold.events if e.decision != "rejected"]
    p_events = list(pred.events)
    g_names, p_names = paired_names(gold, pred)
    pairs = match_events(g_events, p_events, g_names, p_names)
    fields = {f: PRF() for f in EVENT_FIELDS}
    for f in ("type", "date", "place"):
        fields[f].n_gold = sum(1 for e in g_events if getattr(e, f))
        fields[f].n_pred = sum(1 for e in p_events if getattr(e, f))
    fields["participants"].n_gold = sum(len(set(e.participants)) for e in g_events)
    fields["participants"].n_pred = sum(len(set(e.participants)) for e in p_events)
    for i, j in pairs:
        g, p = g_events[i], p_events[j]
        fields["type"].tp += g.type == p.type
        fields["date"].tp += g.date is not None and g.date == p.date
        fields["place"].tp += bool(g.place) and bool(p.place) and normalise_name(g.place) == normalise_name(p.place)
        gp = {g_names.get(x, x) for x in g.participants}
        pp = {p_names.get(x, x) for x in p.participants}
        fields["participants"].tp += len(gp & pp)
    return PRF(len(pairs), len(p_events), len(g_events)), fields


# -- duplicates -------------------------------------------------------------------
def _duplicate_pairs(cur: Curation, seg_key: dict[str, Any], *, gold: bool) -> set[tuple[Any, Any]]:
    groups: dict[str, list[Any]] = defaultdict(list)
    out: set[tuple[Any, Any]] = set()
    for dup in cur.duplicates:
        if gold and dup.decision == "rejected":
            continue
        key = seg_key.get(dup.segment)
        if key is None:
            continue
        groups[dup.group].append(key)
        if dup.of is not None and dup.of.document != cur.document.id:
            out.add((key, ("document", dup.of.document)))
    for members in groups.values():
        uniq = sorted(set(members), key=repr)
        for a in range(len(uniq)):
            for b in range(a + 1, len(uniq)):
                out.add((uniq[a], uniq[b]))
    return out


def _duplicates(gold: Curation, pred: Curation, pred_best: list[int | None]) -> PRF:
    g_key: dict[str, Any] = {s.id: i for i, s in enumerate(gold.segments)}
    # A predicted segment stands for the gold segment it overlaps most; unmatched ones stay apart.
    p_key: dict[str, Any] = {
        s.id: (b if b is not None else ("pred", s.id)) for s, b in zip(pred.segments, pred_best, strict=True)
    }
    g = _duplicate_pairs(gold, g_key, gold=True)
    p = _duplicate_pairs(pred, p_key, gold=False)
    return PRF(len(g & p), len(p), len(g))


def matched_articles(old: Curation, new: Curation) -> dict[str, str]:
    """``match_articles`` of two Curations of one text: old Article id -> new Article id."""
    return match_articles(old, new, overlapping_pairs(old.segments, new.segments))
