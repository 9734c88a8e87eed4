"""Red team F1 and F2 (the window's part): `curator gui --screenshot` onto a curated file or a page truncated it
to 0 bytes (QImage.save opened it, then failed on the format), and File ▸ Save a copy… onto the Document's own
``<id>.txt`` wrote the Curation JSON over the page. Both are refused before anything is opened or written."""

from __future__ import annotations

from pathlib import Path

import pytest

from curator.cli import main
from tests.gui_window import quiet_window

pytestmark = pytest.mark.gui

DOC = "003_fec15abcf43ad61a"


@pytest.mark.parametrize("target", [f"curated/{DOC}.json", f"{DOC}.txt", "curated/shot.png", ".curator/shot.png",
                                    "notes.md"])
def test_a_screenshot_onto_the_corpus_or_not_a_png_is_refused_and_writes_nothing(
        seeds_copy: Path, target: str, capsys: pytest.CaptureFixture[str]) -> None:
    path = seeds_copy / target
    before = path.read_bytes() if path.exists() else None
    if before is None and target == "notes.md":
        path.write_text("my notes\n", encoding="utf-8")
        before = path.read_bytes()
    assert main(["gui", str(seeds_copy), "--screenshot", str(path)]) == 2
    err = capsys.readouterr().err
    assert str(path) in err
    assert (path.read_bytes() if path.exists() else None) == before


def test_a_screenshot_to_a_png_elsewhere_is_written_whole(seeds_copy: Path, tmp_path: Path) -> None:
    shots = tmp_path / "shots"
    shots.mkdir()
    shot = shots / "window.PNG"
    assert main(["gui", str(seeds_copy), "--screenshot", str(shot)]) == 0
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert [p.name for p in shots.iterdir()] == ["window.PNG"]  # no temp file left


def test_save_a_copy_onto_a_source_document_is_refused(qtbot, seeds_copy: Path) -> None:  # type: ignore[no-untyped-def]
    w = quiet_window(qtbot, seeds_copy, DOC)
    for target in (seeds_copy / f"{DOC}.txt", seeds_copy / "001_a97ccaad3a27ba85.txt", seeds_copy / "new-page.txt"):
        before = target.read_bytes() if target.exists() else None
        assert not w.save_copy(path=target)
        assert (target.read_bytes() if target.exists() else None) == before
        assert str(target) in w.problems_shown[-1][1]
