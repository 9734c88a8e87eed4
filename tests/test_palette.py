"""The label palette stays readable for everyone: every pair distinguishable as painted, text on every tint legible."""

from __future__ import annotations

import pytest

from curator.core.colours import (
    TINT_ALPHA,
    contrast_with_black,
    delta_e2000,
    hex_rgb,
    lab,
    palette_report,
    simulate,
    tint,
)
from curator.core.taxonomy import default_taxonomy

# CIEDE2000 >= 6: two patches side by side read as different colours, not shades of one.
MIN_DELTA = 6.0
# WCAG AAA for the black text painted over each tint.
MIN_CONTRAST = 7.0


def _palette() -> dict[str, str]:
    return {c.name: c.colour for c in default_taxonomy().labels}


def test_every_pair_of_labels_differs_for_normal_protan_and_deutan_vision() -> None:
    report = palette_report(_palette(), alpha=TINT_ALPHA)
    closest = report[0]
    assert closest.delta >= MIN_DELTA, "too close: " + ", ".join(str(p) for p in report[:5])
    assert {p.vision for p in report} == {"normal", "protanopia", "deuteranopia"}


def test_black_text_is_legible_on_every_label_tint() -> None:
    for name, colour in _palette().items():
        assert contrast_with_black(tint(hex_rgb(colour))) >= MIN_CONTRAST, name


def test_the_measure_catches_the_old_palette() -> None:
    """The palette before issue 12: question/answer and lead/heading were near-identical for deuteranopes."""
    old = {"lead": "#8ecae6", "heading": "#cdb4db", "question": "#a0c4ff", "answer": "#bdb2ff",
           "title": "#f4a261", "dateline": "#e9c46a", "teaser": "#d9d9d9", "boilerplate": "#b0b0b0"}
    report = palette_report(old)
    assert report[0].delta < 2 and {report[0].first, report[0].second} == {"question", "answer"}


@pytest.mark.parametrize(("a", "b", "expected"), [
    # Sharma, Wu & Dalal (2005) test data for CIEDE2000, pairs 1 and 17.
    ((50.0, 2.6772, -79.7751), (50.0, 0.0, -82.7485), 2.0425),
    ((50.0, 2.5, 0.0), (73.0, 25.0, -18.0), 27.1492),
])
def test_delta_e2000_matches_published_values(a, b, expected) -> None:  # type: ignore[no-untyped-def]
    assert delta_e2000(a, b) == pytest.approx(expected, abs=1e-3)


def test_simulation_keeps_greys_and_folds_red_onto_green_for_deutans() -> None:
    assert simulate((128, 128, 128), "deuteranopia") == pytest.approx((128, 128, 128), abs=1)
    red, green = lab(simulate((200, 60, 60), "deuteranopia")), lab(simulate((120, 120, 40), "deuteranopia"))
    assert delta_e2000(red, green) < delta_e2000(lab((200, 60, 60)), lab((120, 120, 40)))
