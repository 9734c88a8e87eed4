"""A teaser stays outside every Article: the inspector offers no way to put it in one (boilerplate: see
test_gui_owned_boilerplate.py).

The inspector showed "New article from here" and the "In article" box enabled on a teaser, beside its own note
saying teasers are never part of an Article; both only answered with an error."""

from __future__ import annotations

from pathlib import Path

import pytest

from curator.core.taxonomy import NEVER_IN_ARTICLE_LABELS, stands_apart
from tests.gui_window import quiet_window

pytestmark = pytest.mark.gui

DOC = "000_52543f1512a84840"


def test_a_teaser_offers_no_new_article_nor_an_article_to_join(qtbot, seeds_copy: Path) -> None:  # type: ignore[no-untyped-def]
    w = quiet_window(qtbot, seeds_copy, DOC)
    segments = w.ws.current.curation.segments
    outside = next(s for s in segments if s.label in NEVER_IN_ARTICLE_LABELS)
    inside = next(s for s in segments if not stands_apart(s.label, s.article))
    w.selection.set(outside.id)
    assert not w.inspector.new_article.isEnabled()
    assert not w.inspector.article.isEnabled()
    # The key stays: pressed, it says why no article starts here (a disabled key would do nothing, silently).
    messages: list[str] = []
    w.ws.sig_message.connect(messages.append)
    w.edit_actions.actions["new_article"].trigger()
    assert any("outside articles" in m for m in messages), messages
    w.selection.set(inside.id)
    assert w.inspector.new_article.isEnabled() and w.inspector.article.isEnabled()
    w.selection.set(None, ())
    assert not w.inspector.new_article.isEnabled()
