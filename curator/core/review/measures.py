"""Counting containers for review metrics: ratios and precision/recall pairs.

Metrics keep their counts, not only their values, so that documents add up
(micro-averages) and a reader can see how many items a figure rests on.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

_NON_WORD = re.compile(r"[\W_]+", re.UNICODE)
_SPACES = re.compile(r"\s+")


@dataclass
class Ratio:
    """``num / den``; None when there was nothing to measure."""

    num: int = 0
    den: int = 0

    @property
    def value(self) -> float | None:
        return self.num / self.den if self.den else None

    def __add__(self, other: Ratio) -> Ratio:
        return Ratio(self.num + other.num, self.den + other.den)

    def to_json(self) -> dict[str, object]:
        return {"num": self.num, "den": self.den, "value": self.value}


@dataclass
class PRF:
    """Precision and recall from ``tp`` correct items out of ``n_pred`` predicted and ``n_gold`` gold."""

    tp: int = 0
    n_pred: int = 0
    n_gold: int = 0

    @property
    def precision(self) -> float | None:
        return self.tp / self.n_pred if self.n_pred else None

    @property
    def recall(self) -> float | None:
        return self.tp / self.n_gold if self.n_gold else None

    @property
    def f1(self) -> float | None:
        # Undefined only when neither side has anything; otherwise a miss on one side is 0.
        if self.n_pred == 0 and self.n_gold == 0:
            return None
        denom = self.n_pred + self.n_gold
        return 2 * self.tp / denom if denom else None

    def __add__(self, other: PRF) -> PRF:
        return PRF(self.tp + other.tp, self.n_pred + other.n_pred, self.n_gold + other.n_gold)

    def to_json(self) -> dict[str, object]:
        return {
            "tp": self.tp,
            "n_pred": self.n_pred,
            "n_gold": self.n_gold,
            "precision": self.precision,
            "recall": self.recall,
            "f1": self.f1,
        }


def normalise_name(value: str | None) -> str:
    """Case-, accent-form- and punctuation-insensitive form of a name or place."""
    if not value:
        return ""
    text = unicodedata.normalize("NFKC", value).casefold()
    return _SPACES.sub(" ", _NON_WORD.sub(" ", text)).strip()


def normalise_title(value: str | None) -> str:
    """Titles compare after NFKC, case folding and whitespace collapsing (punctuation counts)."""
    if not value:
        return ""
    return _SPACES.sub(" ", unicodedata.normalize("NFKC", value).casefold()).strip()
