"""Review reports as a terminal table, JSON for tools, and one self-contained HTML file."""

from __future__ import annotations

import html
from typing import Any

from curator.core.review.calibration import high_accuracy, reliability_svg, render_table, table
from curator.core.review.check import OVERALL, CheckFailure
from curator.core.review.diff import ATTRIBUTES, KINDS, MEMBERSHIP, SegmentDiff
from curator.core.review.metrics import NONE_LABEL, Metrics
from curator.core.review.runner import DocumentReview, ReviewReport, metric_delta

# The columns of the terminal and HTML summary tables (name, header).
COLUMNS: tuple[tuple[str, str], ...] = (
    ("label.accuracy_chars", "label acc"),
    ("label.accuracy_segments", "seg acc"),
    ("label.macro_f1", "macro-F1"),
    ("boundary.exact.f1", "bound F1"),
    ("boundary.line.f1", "bound ±1ln"),
    ("article.title", "title"),
    ("article.date", "date"),
    ("article.kind", "kind"),
    ("speaker.accuracy", "speaker"),
    ("event.recall", "event R"),
    ("event.precision", "event P"),
    ("duplicate.recall", "dup R"),
    ("duplicate.precision", "dup P"),
)


def fmt(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.3f}"


def fmt_delta(value: float | None) -> str:
    """A signed change, or "" when there is none worth printing."""
    if value is None or abs(value) < 5e-4:
        return ""
    return f"{value:+.3f}"


# -- JSON -----------------------------------------------------------------------------
def _diff_json(d: SegmentDiff | None) -> dict[str, Any] | None:
    return d.to_json() if d is not None else None


def document_json(doc: DocumentReview) -> dict[str, Any]:
    return {
        "id": doc.id,
        "metrics": doc.metrics.to_json() if doc.metrics else None,
        "baseline_metrics": doc.baseline_metrics.to_json() if doc.baseline_metrics else None,
        "delta": doc.delta(),
        "diff_vs_gold": _diff_json(doc.diff_gold),
        "diff_vs_baseline": _diff_json(doc.diff_baseline),
        "snapshot": doc.snapshot,
        "problems": doc.problems,
        "notes": doc.notes,
        "calibration": [[c, r] for c, r in doc.calibration],
    }


def report_json(report: ReviewReport, failures: list[CheckFailure] | None) -> dict[str, Any]:
    fair, before = report.overall_on_baseline_docs, report.overall_baseline
    return {
        "parser": {"name": report.parser_name, "version": report.parser_version},
        "baseline": report.baseline,
        "overall": report.overall.to_json() if report.scored else None,
        "overall_baseline": before.to_json() if before else None,
        "overall_delta": metric_delta(fair, before),
        "documents": [document_json(d) for d in report.documents],
        "problems": [*report.left_out, *report.problems],
        "stale_pending": [{"id": s.id, "path": str(s.path), "reason": s.reason} for s in report.stale],
        "calibration": [
            {"bin": b.label(), "lo": b.lo, "hi": b.hi, "n": b.n, "right": b.right, "accuracy": b.accuracy,
             "mean_confidence": b.mean_confidence}
            for b in table(report.calibration)
        ],
        "check": None if failures is None else {"ok": not failures, "failures": [f.to_json() for f in failures]},
    }


# -- terminal ---------------------------------------------------------------------------
def _table(rows: list[list[str]]) -> list[str]:
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    out = []
    for n, row in enumerate(rows):
        cells = [row[0].ljust(widths[0])] + [c.rjust(w) for c, w in zip(row[1:], widths[1:], strict=True)]
        out.append("  ".join(cells).rstrip())
        if n == 0:
            out.append("  ".join("-" * w for w in widths))
    return out


def _cell(current: Metrics | None, baseline: Metrics | None, name: str) -> str:
    if current is None:
        return "—"
    value = current.flat()[name]
    text = fmt(value)
    if baseline is not None:
        delta = fmt_delta(metric_delta(current, baseline).get(name))
        if delta:
            text += f" ({delta})"
    return text


def render_text(report: ReviewReport, failures: list[CheckFailure] | None, *, diffs: bool = False, max_changes: int = 20) -> str:
    lines = [f"parser {report.parser_name} {report.parser_version}; baseline: {report.baseline or 'none'}"]
    if report.baseline:
        lines.append("figures in brackets: change against the baseline on the same gold")
    rows = [["document", *(h for _n, h in COLUMNS), "changes"]]
    for doc in report.documents:
        changes = doc.diff_baseline if doc.diff_baseline is not None else None
        changed = "—" if changes is None else str(len(changes.changes))
        rows.append([doc.id, *(_cell(doc.metrics, doc.baseline_metrics, n) for n, _h in COLUMNS), changed])
    if report.scored:
        fair, before = report.overall_on_baseline_docs, report.overall_baseline
        overall = report.overall
        row = [OVERALL]
        for n, _h in COLUMNS:
            text = fmt(overall.flat()[n])
            if fair is not None and before is not None:
                delta = fmt_delta(metric_delta(fair, before).get(n))
                if delta:
                    text += f" ({delta})"
            row.append(text)
        rows.append([*row, ""])
    lines.extend(_table(rows))
    if not report.scored:
        lines.append("no gold scored: no document here has a curated file with status 'curated' (curated/<id>.json)")
    if report.calibration:
        lines.append("")
        lines.append("Article confidence against the gold (calibration):")
        lines.extend(render_table(report.calibration).rstrip("\n").split("\n"))
    lines.append("")
    lines.append("changes: against the baseline when there is one; the diff against the gold lists the parser's errors")
    for doc in report.documents:
        for label, d in (("vs gold", doc.diff_gold), ("vs baseline", doc.diff_baseline)):
            if d is None:
                continue
            counts = ", ".join(f"{n} {k}" for k, n in d.counts().items() if n)
            lines.append(f"{doc.id} {label}: {counts or 'no changes'} ({d.unchanged} unchanged)")
            if diffs:
                for change in d.changes[:max_changes]:
                    lines.append(f"    {change.describe()}")
                if len(d.changes) > max_changes:
                    lines.append(f"    … {len(d.changes) - max_changes} more (--json or --html for all)")
        if doc.snapshot:
            lines.append(f"{doc.id}: snapshot {doc.snapshot}")
        for problem in doc.problems:
            lines.append(f"{doc.id}: PROBLEM: {problem}")
        for note in doc.notes:
            lines.append(f"{doc.id}: note: {note}")
    for problem in report.problems:
        lines.append(f"PROBLEM: {problem}")
    for stale in report.stale:
        lines.append(f"stale pending snapshot: {stale}")
    if failures is not None:
        lines.append("")
        if failures:
            lines.append(f"check FAILED ({len(failures)}):")
            lines.extend(f"  {f}" for f in failures)
        else:
            lines.append("check passed")
    return "\n".join(lines) + "\n"


# -- HTML -------------------------------------------------------------------------------
_CSS = """
body{font-family:system-ui,sans-serif;margin:1.5em;color:#222}
table{border-collapse:collapse;margin:.5em 0 1.5em}
th,td{border:1px solid #ccc;padding:.25em .5em;text-align:right;vertical-align:top}
th:first-child,td:first-child{text-align:left}
.up{color:#17662b}.down{color:#b00020;font-weight:bold}
.changes th{text-align:left}
.change td{text-align:left;font-family:ui-monospace,monospace;font-size:.9em}
.kind{font-weight:bold;white-space:nowrap}
.fail{color:#b00020}.ok{color:#17662b}
.problem{color:#b00020}
details{margin:.5em 0}
"""


def _e(value: object) -> str:
    return html.escape(str(value), quote=True)


def _metric_cell(current: Metrics | None, baseline: Metrics | None, name: str) -> str:
    if current is None:
        return "<td>—</td>"
    value = current.flat()[name]
    out = _e(fmt(value))
    if baseline is not None:
        delta = metric_delta(current, baseline).get(name)
        shown = fmt_delta(delta)
        if delta is not None and shown:
            cls = "up" if delta > 0 else "down"
            out += f' <span class="{cls}">({_e(shown)})</span>'
    return f"<td>{out}</td>"


def _confusion_html(m: Metrics) -> str:
    labels = sorted({*m.confusion, *(p for row in m.confusion.values() for p in row)})
    if not labels:
        return ""
    head = "".join(f"<th>{_e(p)}</th>" for p in labels)
    rows = []
    for g in labels:
        cells = "".join(f"<td>{m.confusion.get(g, {}).get(p, 0) or ''}</td>" for p in labels)
        rows.append(f"<tr><th>{_e(g)}</th>{cells}</tr>")
    return (
        "<details><summary>confusion matrix (non-blank characters; rows gold, columns predicted; "
        f"{_e(NONE_LABEL)} = outside any segment)</summary><table><tr><th>gold \\ predicted</th>{head}</tr>"
        + "".join(rows)
        + "</table></details>"
    )


def _diff_html(title: str, d: SegmentDiff, *, open_: bool = False) -> str:
    counts = ", ".join(f"{n} {k}" for k, n in d.counts().items() if n) or "no changes"
    rows = []
    for c in d.changes:
        who = c.kind == ATTRIBUTES  # a speaker change: the speakers are the change
        art = c.kind == MEMBERSHIP  # an Article membership change: the Articles are
        old = "<br>".join(_e(r.shown(speaker=who, article=art)) for r in c.old) or "—"
        new = "<br>".join(_e(r.shown(speaker=who, article=art)) for r in c.new) or "—"
        rows.append(f'<tr class="change"><td class="kind">{_e(c.kind)}</td><td>{old}</td><td>{new}</td></tr>')
    table = (
        "<table class='changes'><tr><th>change</th><th>old</th><th>new</th></tr>" + "".join(rows) + "</table>" if rows else ""
    )
    attr = " open" if open_ and d.changes else ""
    return f"<details{attr}><summary>{_e(title)}: {_e(counts)} ({d.unchanged} unchanged)</summary>{table}</details>"


def _calibration_html(pairs: list[tuple[float, bool]]) -> str:
    rows = "".join(
        f"<tr><td>{_e(b.label())}</td><td>{b.n}</td><td>{b.right}</td><td>{_e(fmt(b.accuracy))}</td>"
        f"<td>{_e(fmt(b.mean_confidence))}</td></tr>" for b in table(pairs))
    n, acc = high_accuracy(pairs)
    return (
        "<h2>Article confidence (calibration)</h2>"
        f"<p>An Article is right when the gold has one with its title, date and first offset. "
        f"At 0.90 or more: {n} Articles, right {_e(fmt(acc))}.</p>"
        f"<figure>{reliability_svg(pairs)}<figcaption>Reliability diagram: share right per confidence bin; "
        "the dashed line is perfect calibration.</figcaption></figure>"
        "<table><tr><th>confidence</th><th>Articles</th><th>right</th><th>accuracy</th><th>mean confidence</th></tr>"
        f"{rows}</table>"
    )


def render_html(report: ReviewReport, failures: list[CheckFailure] | None) -> str:
    parts = [
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>",
        f"<title>Curator review — {_e(report.parser_name)} {_e(report.parser_version)}</title>",
        f"<style>{_CSS}</style></head><body>",
        f"<h1>Parser review: {_e(report.parser_name)} {_e(report.parser_version)}</h1>",
        f"<p>Baseline: {_e(report.baseline or 'none')}. Change kinds: {_e(', '.join(KINDS))}.</p>",
    ]
    if failures is not None:
        if failures:
            items = "".join(f"<li>{_e(f)}</li>" for f in failures)
            parts.append(f'<h2 class="fail">Check failed ({len(failures)})</h2><ul>{items}</ul>')
        else:
            parts.append('<h2 class="ok">Check passed</h2>')
    head = "".join(f"<th>{_e(h)}</th>" for _n, h in COLUMNS)
    rows = []
    for doc in report.documents:
        cells = "".join(_metric_cell(doc.metrics, doc.baseline_metrics, n) for n, _h in COLUMNS)
        rows.append(f"<tr><td><a href='#{_e(doc.id)}'>{_e(doc.id)}</a></td>{cells}</tr>")
    if report.scored:
        fair, before = report.overall_on_baseline_docs, report.overall_baseline
        overall = report.overall
        overall_cells: list[str] = []
        for n, _h in COLUMNS:
            text = _e(fmt(overall.flat()[n]))
            if fair is not None and before is not None:
                delta = fmt_delta(metric_delta(fair, before).get(n))
                if delta:
                    text += f" ({_e(delta)})"
            overall_cells.append(f"<td><b>{text}</b></td>")
        rows.append(f"<tr><td><b>{_e(OVERALL)}</b></td>{''.join(overall_cells)}</tr>")
    parts.append(f"<h2>Metrics</h2><table><tr><th>document</th>{head}</tr>{''.join(rows)}</table>")
    if report.scored:
        parts.append(_confusion_html(report.overall))
    if report.calibration:
        parts.append(_calibration_html(report.calibration))
    for problem in [*report.left_out, *report.problems]:
        parts.append(f'<p class="problem">{_e(problem)}</p>')
    for stale in report.stale:
        parts.append(f'<p class="problem">stale pending snapshot: {_e(stale)}</p>')
    parts.append("<h2>Documents</h2>")
    for doc in report.documents:
        parts.append(f"<h3 id='{_e(doc.id)}'>{_e(doc.id)}</h3>")
        if doc.snapshot:
            parts.append(f"<p>snapshot: {_e(doc.snapshot)}</p>")
        for problem in doc.problems:
            parts.append(f'<p class="problem">{_e(problem)}</p>')
        for note in doc.notes:
            parts.append(f"<p>{_e(note)}</p>")
        if doc.metrics is not None:
            parts.append(_confusion_html(doc.metrics))
        if doc.diff_baseline is not None:
            parts.append(_diff_html("changes against the baseline", doc.diff_baseline, open_=True))
        if doc.diff_gold is not None:
            parts.append(_diff_html("differences from the gold", doc.diff_gold))
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"
