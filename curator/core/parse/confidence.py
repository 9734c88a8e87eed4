"""How sure the parser is that it found the page's Article with the right title, date and start.

The confidence of an Article comes from the rule that placed it and the evidence that rule
saw (``Layout.rule``, ``Layout.reasons``, the undated rule's score):

* the title repeated with its date (rule A) is the site's own article header: the
  surest placement; a repeat with small differences a little less;
* a title followed by its date alone, glued to the lead or with ``Download document``
  (rule B), a question or a salutation (D): sure, unless the page also shows a listing's
  rhythm before it;
* an undated title (the scored rule in ``titles.py``): the logistic of its score, capped
  below the dated rules (nothing on the page dates it), higher when other pages of the
  corpus share the sidebar before it;
* a title cut right after itself, or cut inside its repeat: doubtful.

The table is calibrated on annotated pages (``curator bench pages DIR`` prints the
calibration table: of the Articles at 0.9 or more, at least 95 % must be right); every
figure here is a rule's observed accuracy rounded down, not a tuned weight.
"""

from __future__ import annotations

import math

from curator.core.parse.layout import Layout

# confidence by rule (the dated rules see the site's own header)
BY_RULE: dict[str, float] = {
    "repeat": 0.98,
    "repeat-variant": 0.93,
    "date": 0.93,
    "month-date": 0.85,
    "question": 0.88,
    "salutation": 0.88,
    "cut-repeat": 0.75,
    "cut-title": 0.45,
}
# an undated title is never as sure as a dated one
UNDATED_MAX = 0.92
UNDATED_MIN = 0.35
# score at which an undated title is even odds, and how fast confidence rises with it
_UNDATED_MIDPOINT = 0.6
_UNDATED_SLOPE = 1.1
# the sidebar before it shared by other pages: the corpus agrees where the Article starts
_SHARED_SIDEBAR_BONUS = 0.04


def article_confidence(layout: Layout) -> float:
    """The parser's confidence (0-1) in the Article ``layout`` placed."""
    if layout.rule == "undated" and layout.score is not None:
        p = 1.0 / (1.0 + math.exp(-(layout.score - _UNDATED_MIDPOINT) * _UNDATED_SLOPE))
        if any("sidebar other pages share" in r for r in layout.reasons):
            p += _SHARED_SIDEBAR_BONUS
        return round(min(UNDATED_MAX, max(UNDATED_MIN, p)), 3)
    return BY_RULE.get(layout.rule, 0.5)
