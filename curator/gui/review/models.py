"""Item models of the review mode: the changed Documents with their metrics, and one Document's changes."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from curator.core.review.diff import Change, SegRef
from curator.gui.review.job import SHOWN_METRICS, DocReview
from curator.gui.widgets import plain_tip

Index = QModelIndex | QPersistentModelIndex
WORSE = QColor("#b3261e")
BETTER = QColor("#1b7a3a")
LEFT_GREY = QColor("#8a8a8a")


def format_metric(value: float | None, delta: float | None) -> str:
    """``0.982`` or, when it moved against the baseline, ``0.982 (−0.018)``."""
    if value is None:
        return "n/a"
    if delta is None or abs(delta) < 5e-4:
        return f"{value:.3f}"
    return f"{value:.3f} ({delta:+.3f})".replace("-", "\u2212")


class _ListTable(QAbstractTableModel):
    """A flat table over ``self._items()`` with fixed ``HEADERS``: the shape both review tables share."""

    HEADERS: tuple[str, ...] = ()

    def _items(self) -> list[Any]:
        raise NotImplementedError

    def refresh(self, row: int) -> None:
        self.dataChanged.emit(self.index(row, 0), self.index(row, self.columnCount() - 1))

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt's API)
        return 0 if parent.isValid() else len(self._items())

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(self.HEADERS):
            return self.HEADERS[section]
        return None


class DocumentsModel(_ListTable):
    """One row per reviewed Document: status, number of changes, metric (and delta), snapshot state."""

    HEADERS: tuple[str, ...] = ("Document", "Status", "Changes", *(t for _k, t in SHOWN_METRICS), "Snapshot")
    _FIRST_METRIC = 3

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[DocReview] = []

    def set_rows(self, rows: list[DocReview]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def row_of(self, doc_id: str) -> int:
        return next((i for i, r in enumerate(self.rows) if r.doc_id == doc_id), -1)

    def refresh_row(self, doc_id: str) -> None:
        row = self.row_of(doc_id)
        if row >= 0:
            self.refresh(row)

    def _items(self) -> list[DocReview]:
        return self.rows

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self.rows)):
            return None
        entry = self.rows[index.row()]
        col = index.column()
        m = col - self._FIRST_METRIC
        if role == Qt.ItemDataRole.DisplayRole:
            if col == 0:
                return entry.doc_id
            if col == 1:
                return entry.curation.status
            if col == 2:
                return str(len(entry.diff.changes))
            if 0 <= m < len(SHOWN_METRICS):
                key = SHOWN_METRICS[m][0]
                return format_metric(entry.values.get(key), entry.deltas.get(key))
            if col == len(self.HEADERS) - 1:
                return entry.snapshot
        elif role == Qt.ItemDataRole.ForegroundRole and 0 <= m < len(SHOWN_METRICS):
            delta = entry.deltas.get(SHOWN_METRICS[m][0])
            if delta is not None and abs(delta) >= 5e-4:
                return QBrush(WORSE if delta < 0 else BETTER)
        elif role == Qt.ItemDataRole.ToolTipRole:
            if 0 <= m < len(SHOWN_METRICS):
                key = SHOWN_METRICS[m][0]
                base = "against the accepted baseline" if entry.baseline_metrics is not None else "no accepted baseline"
                return f"{key} of the new parse against the curation ({base})"
            if col == 0 and entry.notes:
                return plain_tip("\n".join(entry.notes))
        elif role == Qt.ItemDataRole.TextAlignmentRole and col >= 2:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


def _labels(refs: tuple[SegRef, ...]) -> str:
    return " + ".join(r.label for r in refs) or "—"


def _snippets(refs: tuple[SegRef, ...]) -> str:
    return " + ".join(f"“{r.snippet}”" for r in refs) or "—"


def change_key(change: Change) -> tuple[Any, ...]:
    """Identifies a change across re-diffs (segment ids and spans on both sides)."""
    return (change.kind, tuple((r.id, r.start, r.end) for r in change.old), tuple((r.id, r.start, r.end) for r in change.new))


class ChangesModel(_ListTable):
    """The segment changes of one Document, curation (old) -> new parse; ones left are greyed."""

    HEADERS: tuple[str, ...] = ("Change", "Labels", "Where", "Text (curation → new parse)")

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.changes: list[Change] = []
        self.left: set[tuple[Any, ...]] = set()

    def set_changes(self, changes: list[Change], left: set[tuple[Any, ...]]) -> None:
        self.beginResetModel()
        self.changes = list(changes)
        self.left = left
        self.endResetModel()

    def mark_left(self, row: int) -> None:
        self.left.add(change_key(self.changes[row]))
        self.refresh(row)

    def _items(self) -> list[Change]:
        return self.changes

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self.changes)):
            return None
        change = self.changes[index.row()]
        col = index.column()
        left = change_key(change) in self.left
        if role == Qt.ItemDataRole.DisplayRole:
            if col == 0:
                return change.kind + (" (left)" if left else "")
            if col == 1:
                return f"{_labels(change.old)} → {_labels(change.new)}"
            if col == 2:
                return f"[{change.start}, {change.end})"
            if col == 3:
                return plain_tip(f"{_snippets(change.old)} → {_snippets(change.new)}")
        elif role == Qt.ItemDataRole.ForegroundRole and left:
            return QBrush(LEFT_GREY)
        elif role == Qt.ItemDataRole.ToolTipRole:
            return plain_tip(change.describe())
        return None
