"""Help ▸ Keyboard shortcuts, Label legend and About: built from the window's own actions and the taxonomy.

The shortcut table is read off the menus, so it is always the keys the window
really has; the README's table is checked against the same list by a test.
"""

from __future__ import annotations

import platform
import sys

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import Qt, qVersion
from PySide6.QtGui import QColor, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLineEdit,
    QMenu,
    QMenuBar,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from curator import __version__
from curator.core.colours import hex_rgb, tint
from curator.core.taxonomy import Taxonomy, default_taxonomy
from curator.gui import dup_marks
from curator.gui.widgets import plain_label


def menu_shortcuts(menubar: QMenuBar) -> list[tuple[str, str, str, str]]:
    """(menu path, action, keys, what it does) for every menu action that has a key, in menu order."""
    rows: list[tuple[str, str, str, str]] = []

    def walk(menu: QMenu, path: str) -> None:
        for act in menu.actions():
            if act.menu() is not None:
                walk(act.menu(), f"{path} ▸ {act.menu().title().replace('&', '')}")  # type: ignore[union-attr]
                continue
            keys = ", ".join(k.toString(QKeySequence.SequenceFormat.NativeText) for k in act.shortcuts())
            if keys and not act.isSeparator():
                rows.append((path, act.text().replace("&", ""), keys, act.statusTip() or act.toolTip()))

    for top in menubar.actions():
        if top.menu() is not None:
            walk(top.menu(), top.menu().title().replace("&", ""))  # type: ignore[union-attr]
    return rows


class ShortcutsDialog(QDialog):
    """Every key of the window, with a filter: type a word or a key to find it."""

    def __init__(self, rows: list[tuple[str, str, str, str]], extra: list[tuple[str, str, str, str]],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Keyboard shortcuts")
        self.resize(1100, 720)
        self.filter = QLineEdit(self, placeholderText="Filter: a word or a key (e.g. nudge, Ctrl+J)",
                                clearButtonEnabled=True)
        self.table = QTableWidget(0, 4, self)
        self.table.setHorizontalHeaderLabels(["Key", "Action", "Menu", "What it does"])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setWordWrap(False)
        for path, text, keys, tip in [*rows, *extra]:
            r = self.table.rowCount()
            self.table.insertRow(r)
            for c, value in enumerate((keys, text, path, tip)):
                item = QTableWidgetItem(value)
                item.setToolTip(value)
                self.table.setItem(r, c, item)
        header = self.table.horizontalHeader()
        for c in range(3):
            header.setSectionResizeMode(c, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(self.filter)
        lay.addWidget(self.table, 1)
        lay.addWidget(buttons)
        self.filter.textChanged.connect(self._filter)
        self.filter.setFocus()

    def _filter(self, text: str) -> None:
        needle = text.casefold().strip()
        for r in range(self.table.rowCount()):
            hay = " ".join(self.table.item(r, c).text() for c in range(4)).casefold()
            self.table.setRowHidden(r, bool(needle) and needle not in hay)

    def keys(self) -> list[str]:
        return [self.table.item(r, 0).text() for r in range(self.table.rowCount())]


class LegendDialog(QDialog):
    """The labels: colour, key letter (also drawn in the text's gutter), name and meaning."""

    def __init__(self, taxonomy: Taxonomy | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        tax = taxonomy or default_taxonomy()
        self.setWindowTitle("Label legend")
        self.resize(760, 420)
        self.table = QTableWidget(len(tax.labels), 3, self)
        self.table.setHorizontalHeaderLabels(["Key", "Label", "Meaning"])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        for r, cat in enumerate(tax.labels):
            tinted = QColor(*(round(v) for v in tint(hex_rgb(cat.colour))))  # as behind the text
            key = QTableWidgetItem(cat.shortcut or "")
            key.setBackground(tinted)
            key.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
            self.table.setItem(r, 0, key)
            name = QTableWidgetItem(cat.name)
            name.setBackground(tinted)
            self.table.setItem(r, 1, name)
            self.table.setItem(r, 2, QTableWidgetItem(cat.description))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        note = plain_label("In the text, each segment's first line carries its key letter in the left margin "
                           "(✓ reviewed, then the speaker); the label keys act in the text and the segments tree.",
                           self, wrap=True)
        self.marks = plain_label(dup_marks.LEGEND, self, wrap=True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(self.table, 1)
        lay.addWidget(note)
        lay.addWidget(self.marks)
        lay.addWidget(buttons)


def about_text(corpus: str) -> str:
    return (f"Curator {__version__}\n\n"
            "Parse, curate, export and review scraped news pages: one curated JSON file per document, "
            "every edit undoable, offsets in Unicode code points.\n\n"
            f"Corpus: {corpus}\n"
            f"Python {platform.python_version()} · Qt {qVersion()} · PySide6 {pyside_version} · {sys.platform}")


def markdown_table(rows: list[tuple[str, str, str, str]]) -> str:
    """The shortcut table as Markdown (docs/gui.md holds exactly this; a test keeps it so)."""
    out = ["| Key | Action | Menu | What it does |", "|---|---|---|---|"]
    for path, text, keys, tip in rows:
        cells = (keys, text, path, tip)
        out.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
    return "\n".join(out) + "\n"
