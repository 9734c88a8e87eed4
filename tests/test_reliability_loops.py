"""Issue 11: the short versions of the ``curator bench reliability`` loops (the long ones: the bench).

Each test runs one loop of the bench on scratch copies of the seeds and requires no failure and
nothing lost; the row's note says what went wrong when one does.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from curator.bench.reliability import files, quiet, work
from curator.bench.reliability.common import Row

pytestmark = pytest.mark.reliability


def _clean(row: Row) -> None:
    assert (row.failures, row.lost) == (0, 0), f"{row.item}: {row.failures} failure(s), {row.lost} lost: {row.note}"
    assert row.attempts > 0


def test_reparse_killed_at_random_loses_no_segment(tmp_path: Path) -> None:
    _clean(work.reparse_kill(tmp_path, True))


def test_reparse_with_an_unwritable_sidecar_keeps_the_curation_and_says_so(tmp_path: Path) -> None:
    _clean(work.reparse_sidecar(tmp_path, True))


def test_cli_outputs_inside_a_corpus_state_are_refused(tmp_path: Path) -> None:
    _clean(work.cli_paths(tmp_path, True))


def test_document_length_is_checked_before_allocating(tmp_path: Path) -> None:
    _clean(files.huge_length(tmp_path, True))


def test_validate_never_reads_outside_the_corpus(tmp_path: Path) -> None:
    _clean(files.validate_paths(tmp_path, True))


def test_messages_about_huge_invalid_files_are_bounded(tmp_path: Path) -> None:
    _clean(files.long_messages(tmp_path, True))


def test_csv_round_trips_cr_crlf_and_line_separators(tmp_path: Path) -> None:
    _clean(quiet.csv_cr(tmp_path, True))


def test_the_data_card_carries_no_live_markup(tmp_path: Path) -> None:
    _clean(quiet.card_escape(tmp_path, True))


def test_mostly_utf8_and_utf32_are_decoded_and_every_command_warns(tmp_path: Path) -> None:
    _clean(quiet.decoding(tmp_path, True))


def test_reanchoring_an_unchanged_text_moves_no_short_segment(tmp_path: Path) -> None:
    _clean(quiet.reanchor_short(tmp_path, True))


def test_the_journal_latency_item_runs(tmp_path: Path) -> None:
    """The bench item runs its child to the end (it stopped on an ImportError for a renamed helper).
    Its figures are timings, for the bench's table, not asserted here."""
    row = work.journal_latency(tmp_path, True)
    assert not row.note.startswith("could not run"), row.note
    assert row.attempts == 8
