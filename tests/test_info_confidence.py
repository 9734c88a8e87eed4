"""``curator info --sort confidence`` / ``--max-confidence``: doubtful pages first."""

from __future__ import annotations

from pathlib import Path

import pytest

from curator.cli import main
from curator.core.confidence import document_confidence, rank
from curator.core.parse import parse_text

DATED = ("The Council of Border Agencies met in Aktobe\n\nThe Council of Border Agencies met in Aktobe 02.08.2031\n\n"
         "On 2 August 2031, the heads of the border agencies met in Aktobe and approved a plan of patrols.")
UNDATED = ("On 1 August 2031, the rescue units of four states trained together in the mountains near Almaty.\n"
           "Engineers of the joint staff inspected the bridges on the northern road.\n"
           "Volunteers planted trees along the river in honour of the veterans of the rescue service\n"
           "On 31 July 2031, volunteers from six towns planted three hundred trees along the river bank.")
NONE = ("On 1 August 2031, the rescue units of four states trained together in the mountains near Almaty.\n"
        "On 30 July 2031, engineers of the joint staff inspected the bridges on the northern road.")


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    for name, text in (("a_dated", DATED), ("b_undated", UNDATED), ("c_none", NONE)):
        (tmp_path / f"{name}.txt").write_text(text, encoding="utf-8")
    return tmp_path


def test_document_confidence_is_the_least_sure_article_and_none_without_one() -> None:
    assert document_confidence(parse_text(NONE)) is None
    dated, undated = document_confidence(parse_text(DATED)), document_confidence(parse_text(UNDATED))
    assert dated is not None and undated is not None and undated < 0.95 <= dated
    assert sorted([dated, None, undated], key=rank) == [None, undated, dated]


def test_info_sorts_doubtful_pages_first(corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["info", str(corpus), "--sort", "confidence"]) == 0
    out = capsys.readouterr().out
    order = [name for name in ("c_none", "b_undated", "a_dated") if name in out]
    assert order == ["c_none", "b_undated", "a_dated"]
    assert out.index("c_none") < out.index("b_undated") < out.index("a_dated")
    assert "parsed now" in out and "(no Article found)" in out


def test_info_filters_by_maximum_confidence(corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["info", str(corpus), "--max-confidence", "0.95"]) == 0
    out = capsys.readouterr().out
    assert "b_undated" in out and "c_none" in out and "a_dated" not in out
    assert "2 document(s) listed" in out
