"""Is the parser's Article confidence calibrated? Confidence bins against how often it was right.

An Article is *right* when the gold has an Article with the same title (whitespace and case
folded), the same date (or both none) and the same first offset; an Article on a page whose
gold has none is wrong. Pairs of (confidence, right) are binned; a calibrated parser is
right about as often as it says in every bin (the reliability diagram's bars on the
diagonal). The promise checked by ``curator bench pages``: of the Articles at 0.9 or more,
at least 95 % are right.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

from curator.core.model import Curation

EDGES: tuple[float, ...] = (0.0, 0.5, 0.7, 0.8, 0.9, 0.95, 1.0)
HIGH = 0.9
HIGH_PROMISE = 0.95


@dataclass(frozen=True)
class Bin:
    lo: float
    hi: float
    n: int
    right: int
    mean_confidence: float | None

    @property
    def accuracy(self) -> float | None:
        return self.right / self.n if self.n else None

    def label(self) -> str:
        close = "]" if self.hi >= 1.0 else ")"
        return f"[{self.lo:.2f}, {self.hi:.2f}{close}"


def _norm(s: str | None) -> str:
    return " ".join((s or "").split()).casefold()


def _start(cur: Curation, article_id: str) -> int | None:
    starts = [s.start for s in cur.segments if s.article == article_id]
    return min(starts) if starts else None


def article_pairs(gold: Curation, pred: Curation) -> list[tuple[float, bool]]:
    """(confidence, right) for every predicted Article that carries a confidence."""
    out = []
    golds = [(_norm(a.title), a.date, _start(gold, a.id)) for a in gold.articles]
    for a in pred.articles:
        if a.confidence is None:
            continue
        key = (_norm(a.title), a.date, _start(pred, a.id))
        out.append((a.confidence, key in golds))
    return out


def table(pairs: list[tuple[float, bool]], edges: tuple[float, ...] = EDGES) -> list[Bin]:
    """Pairs binned by confidence (the last bin includes 1.0)."""
    bins = []
    for lo, hi in zip(edges, edges[1:], strict=False):
        inside = [(c, r) for c, r in pairs if lo <= c < hi or (hi >= 1.0 and c == 1.0)]
        mean = sum(c for c, _ in inside) / len(inside) if inside else None
        bins.append(Bin(lo, hi, len(inside), sum(r for _, r in inside), mean))
    return bins


def high_accuracy(pairs: list[tuple[float, bool]], threshold: float = HIGH) -> tuple[int, float | None]:
    """How many Articles are at ``threshold`` or more, and the share of them that are right."""
    high = [r for c, r in pairs if c >= threshold]
    return len(high), (sum(high) / len(high) if high else None)


def render_table(pairs: list[tuple[float, bool]]) -> str:
    """The calibration table as text."""
    lines = ["confidence      n  right  accuracy  mean conf"]
    for b in table(pairs):
        acc = "—" if b.accuracy is None else f"{b.accuracy:.3f}"
        mean = "—" if b.mean_confidence is None else f"{b.mean_confidence:.3f}"
        lines.append(f"{b.label():<13}{b.n:>4}  {b.right:>5}  {acc:>8}  {mean:>9}")
    n, high = high_accuracy(pairs)
    verdict = "—" if high is None else f"{high:.3f} ({'ok' if high >= HIGH_PROMISE else 'BELOW'} the {HIGH_PROMISE:.0%} promise)"
    lines.append(f">= {HIGH:.2f}: {n} Articles, right {verdict}")
    return "\n".join(lines) + "\n"


def reliability_svg(pairs: list[tuple[float, bool]], *, width: int = 360, height: int = 260) -> str:
    """A reliability diagram as inline SVG: one bar per bin (accuracy), the diagonal, counts."""
    pad_l, pad_b, pad_t, pad_r = 40, 34, 12, 10
    w, h = width - pad_l - pad_r, height - pad_t - pad_b

    def x(v: float) -> float:
        return pad_l + v * w

    def y(v: float) -> float:
        return pad_t + (1.0 - v) * h

    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" role="img" '
             f'aria-label="{html.escape("reliability diagram: accuracy by confidence bin")}">',
             f'<rect x="{pad_l}" y="{pad_t}" width="{w}" height="{h}" fill="#fafafa" stroke="#bbb"/>']
    for v in (0.0, 0.25, 0.5, 0.75, 1.0):
        parts.append(f'<text x="{pad_l - 4}" y="{y(v) + 4:.1f}" font-size="10" text-anchor="end">{v:.2f}</text>')
        parts.append(f'<text x="{x(v):.1f}" y="{height - pad_b + 14}" font-size="10" text-anchor="middle">{v:.2f}</text>')
    for b in table(pairs):
        if not b.n or b.accuracy is None:
            continue
        left, right = x(b.lo) + 1, x(b.hi) - 1
        top = y(b.accuracy)
        colour = "#3a7" if b.mean_confidence is None or b.accuracy + 0.05 >= b.mean_confidence else "#c44"
        tip = html.escape(f"{b.label()}: {b.n} Articles, {b.right} right ({b.accuracy:.0%})")
        parts.append(f'<rect x="{left:.1f}" y="{top:.1f}" width="{right - left:.1f}" height="{y(0) - top:.1f}" '
                     f'fill="{colour}" fill-opacity="0.75"><title>{tip}</title></rect>')
        parts.append(f'<text x="{(left + right) / 2:.1f}" y="{max(top - 3, pad_t + 10):.1f}" font-size="9" '
                     f'text-anchor="middle">{b.n}</text>')
    parts.append(f'<line x1="{x(0):.1f}" y1="{y(0):.1f}" x2="{x(1):.1f}" y2="{y(1):.1f}" stroke="#555" '
                 'stroke-dasharray="4 3"/>')
    parts.append(f'<text x="{pad_l + w / 2:.1f}" y="{height - 4}" font-size="11" text-anchor="middle">'
                 'Article confidence (bars: share right, label: count)</text>')
    parts.append("</svg>")
    return "".join(parts)
