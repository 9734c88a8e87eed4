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


def test_a_screenshot_gets_the_umasks_mode_and_one_over_a_file_keeps_its_mode(
        seeds_copy: Path, tmp_path: Path) -> None:
    """Findings round 23 (newuser23): `--screenshot` wrote its PNG 0600 (mkstemp's mode) where every other file
    Curator writes gets the umask's (0644 under umask 022), and replacing a 0640 file made it 0600."""
    import os
    import stat

    old = os.umask(0o022)
    try:
        new = tmp_path / "new.png"
        assert main(["gui", str(seeds_copy), "--screenshot", str(new)]) == 0
        assert stat.S_IMODE(new.stat().st_mode) == 0o644
        kept = tmp_path / "kept.png"
        kept.write_bytes(b"old")
        kept.chmod(0o640)
        assert main(["gui", str(seeds_copy), "--screenshot", str(kept)]) == 0
        assert kept.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        assert stat.S_IMODE(kept.stat().st_mode) == 0o640
    finally:
        os.umask(old)


def test_save_a_copy_onto_a_source_document_is_refused(qtbot, seeds_copy: Path) -> None:  # type: ignore[no-untyped-def]
    w = quiet_window(qtbot, seeds_copy, DOC)
    for target in (seeds_copy / f"{DOC}.txt", seeds_copy / "001_a97ccaad3a27ba85.txt", seeds_copy / "new-page.txt"):
        before = target.read_bytes() if target.exists() else None
        assert not w.save_copy(path=target)
        assert (target.read_bytes() if target.exists() else None) == before
        assert str(target) in w.problems_shown[-1][1]


def test_a_screenshot_into_a_read_only_folder_names_the_png_not_its_temp_file(
        seeds_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    """Findings round 20: on a read-only mount, `--screenshot R/s.png` said `R/.s.png.fgmpp5hf.partial.png:
    Read-only file system`. The simulated mount fails as the real one does (tests run as root: permission bits
    stop nothing): mkstemp's OSError names the temp file it tried to create."""
    import errno
    import tempfile

    ro = tmp_path / "ro"
    ro.mkdir()
    real_mkstemp = tempfile.mkstemp

    def mkstemp(suffix=None, prefix=None, dir=None, text=False):  # type: ignore[no-untyped-def]  # noqa: A002
        if dir is not None and Path(dir).resolve() == ro.resolve():
            tried = Path(dir) / f"{prefix}fgmpp5hf{suffix}"
            raise OSError(errno.EROFS, "Read-only file system", str(tried))
        return real_mkstemp(suffix=suffix, prefix=prefix, dir=dir, text=text)

    monkeypatch.setattr(tempfile, "mkstemp", mkstemp)
    shot = ro / "s.png"
    assert main(["gui", str(seeds_copy), "--screenshot", str(shot)]) == 1
    err = capsys.readouterr().err
    assert f"{shot}: " in err and "Read-only file system" in err
    assert ".partial" not in err and "fgmpp5hf" not in err
    assert list(ro.iterdir()) == []
