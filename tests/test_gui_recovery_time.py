"""The crash-journal dialog names when the unsaved edits were written in words, not as a raw ISO stamp."""

from __future__ import annotations

import time

import pytest

from curator.gui.main_window import journal_time


@pytest.fixture
def utc(monkeypatch):  # type: ignore[no-untyped-def]
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def test_a_journal_stamp_reads_as_a_local_date_and_minute(utc) -> None:  # type: ignore[no-untyped-def]
    assert journal_time("2026-11-28T06:56:22.028+00:00") == "28 Nov 2026, 06:56 UTC"


def test_a_stamp_in_another_zone_is_shown_in_the_local_one(utc) -> None:  # type: ignore[no-untyped-def]
    assert journal_time("2026-11-28T09:56:22+03:00") == "28 Nov 2026, 06:56 UTC"


def test_an_unreadable_stamp_is_shown_as_written() -> None:
    assert journal_time("yesterday-ish") == "yesterday-ish"
