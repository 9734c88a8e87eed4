"""Test isolation: no display, no user state leaking in or out."""

from __future__ import annotations

import gc
import os
import shutil
import sys
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("HF_DATASETS_OFFLINE", "1")
os.environ.setdefault("HF_HUB_OFFLINE", "1")

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO / "seeds"


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test gets its own HOME and XDG folders, so settings and journals never leak."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    for var, sub in (("XDG_CONFIG_HOME", ".config"), ("XDG_DATA_HOME", ".local/share"),
                     ("XDG_CACHE_HOME", ".cache"), ("XDG_STATE_HOME", ".local/state")):
        monkeypatch.setenv(var, str(home / sub))


@pytest.fixture(autouse=True)
def _isolated_qt_settings(request: pytest.FixtureRequest, tmp_path: Path) -> None:
    """Window tests (marked ``gui``) keep QSettings and Qt's standard paths in the test's own folder."""
    if request.node.get_closest_marker("gui") is None:
        return
    from PySide6.QtCore import QSettings, QStandardPaths

    QStandardPaths.setTestModeEnabled(True)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))


@pytest.fixture(autouse=True)
def _collect_on_the_ui_thread():  # type: ignore[no-untyped-def]
    """Once a QApplication exists, cycles are collected on the UI thread only, as in the app
    (curator/gui/ui_thread_gc.py): a window collected in a worker thread crashed the suite.

    Each test's garbage is collected when it ends, so windows a test half-destroyed on purpose are
    never collected in a batch with the next test's; ``gc.freeze`` keeps that full collection to the
    objects the test made (a full collection over pandas, spaCy and Qt costs ~170 ms)."""
    app = _ui_thread_collector()
    yield
    if app is not None or _ui_thread_collector() is not None:
        gc.collect()
        gc.freeze()


def _ui_thread_collector() -> object | None:
    if "PySide6.QtWidgets" not in sys.modules:
        return None
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if app is None:
        return None
    from curator.gui.ui_thread_gc import collect_on_ui_thread

    return collect_on_ui_thread(app)


@pytest.fixture
def seeds_copy(tmp_path: Path) -> Path:
    """A private copy of the seed corpus (sources and any curated gold)."""
    dest = tmp_path / "corpus"
    shutil.copytree(SEEDS, dest, ignore=shutil.ignore_patterns(".curator"))
    return dest


@pytest.fixture
def read_only(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The seeds' texts and curations, with no `.curator/` (no base), seen as a read-only mount.

    Tests run as root here, where permission bits do not stop a write; a read-only mount is
    what `os.access` reports, so that is what is simulated."""
    root = tmp_path / "ro"
    root.mkdir()
    for txt in SEEDS.glob("*.txt"):
        shutil.copy(txt, root / txt.name)
    shutil.copytree(SEEDS / "curated", root / "curated")
    real = os.access

    def access(path, mode, *a, **kw):  # type: ignore[no-untyped-def]
        if mode & os.W_OK and Path(path).resolve().is_relative_to(root.resolve()):
            return False
        return real(path, mode, *a, **kw)

    monkeypatch.setattr(os, "access", access)
    return root


@pytest.fixture
def dialogs(monkeypatch: pytest.MonkeyPatch) -> list:
    """Dialogs a GUI test would open, recorded instead of blocking it (Qt imported only here)."""
    from PySide6.QtWidgets import QDialog

    shown: list = []

    def fake_exec(self: QDialog) -> int:
        shown.append(self)
        return 0

    monkeypatch.setattr(QDialog, "exec", fake_exec)
    return shown
