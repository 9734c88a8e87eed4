"""Score the parser on annotated real pages, read in place (a folder laid out like ``realpages``).

The folder holds ``index.tsv`` (file, url, chars, main_title, main_date, kind, …),
``pages/*.txt`` and, optionally, ``blocks/*.json`` (every line's label, whether it is in
the main Article, its speaker). The measures are those of the shared ``score-pages`` tool,
so the figures match it: for pages with a title, the Article whose title matches (else the
first) has the title, the date and starts at the title line; ``invented`` counts Articles on
pages whose index has no title; from the blocks, each line's class (main Article, teaser,
boilerplate), its label inside the Article, and speaker recall on spoken paragraphs.

Parsing follows the CLI: the pages chosen are one corpus (cross-page context), or each
page alone. Nothing is written.
"""

from __future__ import annotations

import csv
import json
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from curator.core.model import Curation


def _norm(s: str | None) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", s or "")).strip().casefold()


def _surname(name: str | None) -> str:
    toks = re.findall(r"\w+", name or "")
    return toks[-1].casefold() if toks else ""


@dataclass
class PageRow:
    id: str
    title: str
    date: str | None  # ISO
    kind: str


@dataclass
class PagesReport:
    pages: int = 0  # pages with a title
    title: int = 0
    date: int = 0
    start: int = 0
    none_pages: int = 0
    invented: int = 0
    blocks: int = 0
    coarse: int = 0
    fine_n: int = 0
    fine: int = 0
    spk_n: int = 0
    spk: int = 0
    spk_false: int = 0
    misses: dict[str, list[str]] = field(default_factory=dict)
    calibration: list[tuple[float, bool]] = field(default_factory=list)

    @staticmethod
    def _r(a: int, b: int) -> float:
        return round(a / b, 3) if b else 0.0

    def summary(self) -> dict[str, Any]:
        r = self._r
        return {
            "pages": self.pages, "title_acc": r(self.title, self.pages), "date_acc": r(self.date, self.pages),
            "start_acc": r(self.start, self.pages), "invented": f"{self.invented}/{self.none_pages}",
            "coarse_acc": r(self.coarse, self.blocks), "fine_acc": r(self.fine, self.fine_n),
            "speaker_recall": r(self.spk, self.spk_n), "speaker_false": self.spk_false,
        }

    def line(self) -> str:
        s = self.summary()
        return (f"title={s['title_acc']:.3f} date={s['date_acc']:.3f} start={s['start_acc']:.3f} "
                f"invented={s['invented']} | line class={s['coarse_acc']:.3f} label in Article={s['fine_acc']:.3f} "
                f"speakers={s['speaker_recall']:.3f} false={s['speaker_false']}")


def read_index(folder: Path) -> list[PageRow]:
    path = folder / "index.tsv"
    try:
        with path.open(encoding="utf-8", newline="") as fh:
            rows = list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))
    except OSError as exc:
        raise FileNotFoundError(f"{path}: cannot read the index: {exc}") from None
    out = []
    for row in rows:
        try:
            doc = Path(row["file"]).stem
            date = row.get("main_date") or ""
        except (KeyError, TypeError):
            raise ValueError(f"{path}: needs the columns file, main_title, main_date") from None
        iso = None
        if date:
            dd, mm, yy = date.split(".")
            iso = f"{yy}-{mm}-{dd}"
        out.append(PageRow(doc, row.get("main_title") or "", iso, row.get("kind") or ""))
    return out


def _covering(segs: list[Any], s: int, e: int) -> Any:
    best, overlap = None, 0
    for g in segs:
        o = min(e, g.end) - max(s, g.start)
        if o > overlap:
            best, overlap = g, o
    return best


def evaluate(
    folder: Path | str, *, ids: Iterable[str] | None = None, alone: bool = False, parse: Any = None,
    build_context: Any = None,
) -> PagesReport:
    """Parse the chosen pages (one corpus, or each alone) and score them."""
    if parse is None or build_context is None:
        from curator.core.parse import build_context as bc
        from curator.core.parse import parse_text

        parse, build_context = parse_text, bc
    folder = Path(folder)
    rows = read_index(folder)
    wanted = set(ids) if ids is not None else None
    rows = [r for r in rows if wanted is None or r.id in wanted]
    texts = {r.id: (folder / "pages" / f"{r.id}.txt").read_text(encoding="utf-8") for r in rows}
    context = None if alone else build_context(texts.values())
    preds: dict[str, Curation] = {r.id: parse(texts[r.id], r.id, context) for r in rows}
    rep = PagesReport()
    for r in rows:
        pred, text = preds[r.id], texts[r.id]
        misses: list[str] = []
        if not r.title:
            rep.none_pages += 1
            if pred.articles:
                rep.invented += 1
                misses.append(f"no article expected, got {pred.articles[0].title[:50]!r}")
                rep.calibration.extend((a.confidence, False) for a in pred.articles if a.confidence is not None)
        else:
            rep.pages += 1
            m = re.search(r"(?m)^" + re.escape(r.title.strip()) + r"\s*$", text)
            gstart = m.start() if m else text.find(r.title.strip())
            cand = [a for a in pred.articles if _norm(a.title) == _norm(r.title)]
            a = cand[0] if cand else (pred.articles[0] if pred.articles else None)
            ok_t = a is not None and _norm(a.title) == _norm(r.title)
            ok_d = a is not None and (a.date.isoformat() if a.date else None) == r.date
            mine = sorted((g.start for g in pred.segments if a is not None and g.article == a.id))
            ok_s = bool(mine) and mine[0] == gstart
            rep.title += ok_t
            rep.date += ok_d
            rep.start += ok_s
            if not ok_t:
                misses.append(f"title: {(a.title if a else '')[:50]!r}")
            if not ok_d:
                misses.append(f"date {r.date} -> {a.date if a else None}")
            if not ok_s:
                misses.append(f"start {gstart} -> {mine[0] if mine else None}")
            for art in pred.articles:
                if art.confidence is not None:
                    rep.calibration.append((art.confidence, art is a and ok_t and ok_d and ok_s))
        misses += _blocks(folder / "blocks" / f"{r.id}.json", pred, rep)
        if misses:
            rep.misses[r.id] = misses
    return rep


def _blocks(path: Path, pred: Curation, rep: PagesReport) -> list[str]:
    if not path.is_file():
        return []
    gold = json.loads(path.read_text(encoding="utf-8"))
    segs = sorted(pred.segments, key=lambda g: g.start)
    names = {s.id: s.name for s in pred.speakers}
    votes: dict[str, int] = {}
    for b in gold["blocks"]:
        if b["main"]:
            g = _covering(segs, b["start"], b["end"])
            if g is not None and g.article:
                votes[g.article] = votes.get(g.article, 0) + b["end"] - b["start"]
    aid = max(votes, key=lambda k: votes[k]) if votes else None
    errs = []
    for b in gold["blocks"]:
        g = _covering(segs, b["start"], b["end"])
        want = "article" if b["main"] else b["label"]
        if g is None:
            got = "none"
        elif g.label in ("teaser", "boilerplate"):
            got = g.label
        elif g.article and g.article == aid:
            got = "article"
        else:
            got = "other:" + g.label
        rep.blocks += 1
        if got == want:
            rep.coarse += 1
        else:
            errs.append(f"{b['i']}:{want}->{got}")
        if not b["main"]:
            continue
        rep.fine_n += 1
        if g is not None and g.label == b["label"]:
            rep.fine += 1
        elif g is not None:
            errs.append(f"{b['i']}:{b['label']}~{g.label}")
        said = names.get(g.speaker) if g is not None and g.speaker else None
        if b["speaker"]:
            rep.spk_n += 1
            if said and _surname(said) == _surname(b["speaker"]):
                rep.spk += 1
            else:
                errs.append(f"{b['i']}:speaker {_surname(b['speaker'])}->{_surname(said) or None}")
        elif said and b["label"] != "question":
            rep.spk_false += 1
            errs.append(f"{b['i']}:speaker none->{_surname(said)}")
    return errs


def halves(ids: list[str]) -> dict[str, list[str]]:
    """Odd and even page numbers (ids whose number cannot be read go with the odd half)."""
    def number(i: str) -> int:
        digits = re.sub(r"\D", "", i)
        return int(digits) if digits else 1

    return {"odd": [i for i in ids if number(i) % 2], "even": [i for i in ids if not number(i) % 2]}
