"""``--check``: which documents and metrics fall below the thresholds or the baseline."""

from __future__ import annotations

from dataclasses import dataclass

from curator.core.review.config import ReviewConfig
from curator.core.review.runner import ReviewReport

OVERALL = "(overall)"
# Float sums may differ in the last bits between equal counts summed in another order.
_EPS = 1e-9


@dataclass(frozen=True)
class CheckFailure:
    scope: str  # a document id, or OVERALL
    metric: str
    value: float | None
    limit: float | None
    reason: str  # "below threshold" | "below baseline" | a problem

    def __str__(self) -> str:
        if self.value is None:
            return f"{self.scope}: {self.metric}: {self.reason}"
        return f"{self.scope}: {self.metric} = {self.value:.4f} {self.reason} {self.limit:.4f}"

    def to_json(self) -> dict[str, object]:
        return {"scope": self.scope, "metric": self.metric, "value": self.value, "limit": self.limit, "reason": self.reason}


def _compare(
    scope: str,
    current: dict[str, float | None],
    *,
    thresholds: dict[str, float],
    baseline: dict[str, float | None] | None,
    tolerance: float,
) -> list[CheckFailure]:
    out = []
    for name, limit in sorted(thresholds.items()):
        value = current.get(name)
        if value is not None and value < limit - _EPS:
            out.append(CheckFailure(scope, name, value, limit, "below threshold"))
    if baseline:
        for name, value in current.items():
            before = baseline.get(name)
            if value is None or before is None:
                continue
            if value < before - tolerance - _EPS:
                out.append(CheckFailure(scope, name, value, before, "below baseline"))
    return out


def check_report(report: ReviewReport, config: ReviewConfig) -> list[CheckFailure]:
    """Every failure; an empty list means the parser passes."""
    failures: list[CheckFailure] = []
    for problem in [*report.left_out, *report.problems]:
        failures.append(CheckFailure(OVERALL, "corpus", None, None, problem))
    if not report.scored:
        failures.append(CheckFailure(OVERALL, "gold", None, None, "no curated gold document could be scored"))
    for doc in report.documents:
        for problem in doc.problems:
            failures.append(CheckFailure(doc.id, "document", None, None, problem))
        if doc.metrics is None:
            continue
        recorded = report.accepted_scores.get(doc.id)
        if recorded:
            now = doc.metrics.flat()
            for name, before in sorted(recorded.items()):
                value = now.get(name)
                if value is not None and before is not None and value < before - config.baseline_tolerance - _EPS:
                    failures.append(CheckFailure(doc.id, name, value, before, "below accepted score"))
        failures.extend(
            _compare(
                doc.id,
                doc.metrics.flat(),
                thresholds=config.document,
                baseline=doc.baseline_metrics.flat() if doc.baseline_metrics else None,
                tolerance=config.baseline_tolerance,
            )
        )
    if report.scored:
        failures.extend(_compare(OVERALL, report.overall.flat(), thresholds=config.overall, baseline=None, tolerance=0))
        fair, old = report.overall_on_baseline_docs, report.overall_baseline
        if fair is not None and old is not None:
            failures.extend(
                _compare(OVERALL, fair.flat(), thresholds={}, baseline=old.flat(), tolerance=config.baseline_tolerance)
            )
    return failures
