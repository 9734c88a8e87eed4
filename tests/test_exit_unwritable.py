"""An output that cannot be written (a read-only folder, a full disk, no permission) exits 1 in every
command, as a file the command could not do; 2 stays for a command line that cannot be run (findings
round 20, F3: `export` said 1, `parse --out` and `review --html` said 2). export's own case:
tests/test_export.py, a read-only output folder."""

from __future__ import annotations

import errno
import os
import tempfile
from pathlib import Path

import pytest

from curator.cli import main
from tests.conftest import SEEDS


@pytest.fixture
def ro_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder seen as a read-only mount (tests run as root: permission bits stop nothing)."""
    root = tmp_path / "ro"
    root.mkdir()
    real_access, real_mkstemp = os.access, tempfile.mkstemp

    def access(path, mode, *a, **kw):  # type: ignore[no-untyped-def]
        if mode & os.W_OK and Path(path).resolve().is_relative_to(root.resolve()):
            return False
        return real_access(path, mode, *a, **kw)

    def mkstemp(*a, dir=None, **kw):  # type: ignore[no-untyped-def]  # noqa: A002 - mkstemp's name
        if dir is not None and Path(dir).resolve().is_relative_to(root.resolve()):
            raise OSError(errno.EROFS, "Read-only file system", str(dir))
        return real_mkstemp(*a, dir=dir, **kw)

    monkeypatch.setattr(os, "access", access)
    monkeypatch.setattr(tempfile, "mkstemp", mkstemp)
    return root


def test_parse_out_into_a_read_only_folder_exits_1(ro_folder: Path, capsys) -> None:
    assert main(["parse", str(SEEDS), "--out", str(ro_folder / "parsed"), "-q"]) == 1
    err = capsys.readouterr().err
    assert f"cannot create {ro_folder / 'parsed'}" in err  # why: as statvfs says (the simulation: permission)
    assert not (ro_folder / "parsed").exists()


def test_parse_out_onto_a_file_is_still_a_usage_error(tmp_path: Path, capsys) -> None:
    target = tmp_path / "a-file"
    target.write_text("x", encoding="utf-8")
    assert main(["parse", str(SEEDS), "--out", str(target), "-q"]) == 2
    assert "a file, not a folder" in capsys.readouterr().err


def test_review_html_into_a_read_only_folder_exits_1(ro_folder: Path, capsys) -> None:
    out = ro_folder / "r.html"
    assert main(["review", str(SEEDS), "--html", str(out), "--no-record", "-q"]) == 1
    err = capsys.readouterr().err
    assert str(out) in err and "Read-only file system" in err and "Traceback" not in err
    assert not out.exists()


@pytest.mark.parametrize("err_no", [errno.ENOSPC, errno.EACCES, errno.EROFS])
def test_an_unexpected_write_error_of_the_disk_exits_1(tmp_path: Path, monkeypatch, capsys, err_no: int) -> None:
    """The last resort in `main` (an OSError no command caught) tells the disk from the command line."""
    from curator.cli import review

    def fails(args):  # type: ignore[no-untyped-def]
        raise OSError(err_no, os.strerror(err_no), str(tmp_path / "out.html"))
    monkeypatch.setattr(review, "run", fails)
    assert main(["review", str(SEEDS), "--no-record"]) == 1
    assert f"{tmp_path / 'out.html'}: {os.strerror(err_no)}" in capsys.readouterr().err
