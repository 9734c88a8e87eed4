"""Item models of the corpus pane: one row per Document, and the filter over them."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QBrush, QColor

from curator.gui.workspace import DocSummary

# Short headers keep the narrow corpus pane readable; the tooltips say what they count.
COLUMNS = ("Document", "Status", "Seg", "Todo", "Dup")
COLUMN_TIPS = ("Document id (path without .txt)", "Curation status", "Segments",
               "Segments not yet reviewed", "Duplicate groups")
STATUS_TEXT = {"auto": "auto", "in_progress": "in progress", "curated": "curated", "new": "not parsed",
               "error": "error"}
STATUS_COLOUR = {"auto": "#e9ecef", "in_progress": "#ffe8a3", "curated": "#b7e4c7", "new": "#ffffff",
                 "error": "#f4a6a6"}
DOC_ID_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2
Index = QModelIndex | QPersistentModelIndex


class CorpusModel(QAbstractTableModel):
    """Documents with their status and counts."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[DocSummary] = []
        self._row_of: dict[str, int] = {}

    def set_summaries(self, summaries: list[DocSummary]) -> None:
        self.beginResetModel()
        self._rows = list(summaries)
        self._row_of = {s.doc_id: i for i, s in enumerate(self._rows)}
        self.endResetModel()

    def update(self, summary: DocSummary) -> None:
        row = self._row_of.get(summary.doc_id)
        if row is None:
            self.beginInsertRows(QModelIndex(), len(self._rows), len(self._rows))
            self._rows.append(summary)
            self._row_of[summary.doc_id] = len(self._rows) - 1
            self.endInsertRows()
            return
        self._rows[row] = summary
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))

    def summary(self, row: int) -> DocSummary:
        return self._rows[row]

    def row_of(self, doc_id: str) -> int:
        return self._row_of.get(doc_id, -1)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(COLUMNS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        if role == Qt.ItemDataRole.ToolTipRole:
            return COLUMN_TIPS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        s = self._rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            known = s.status not in ("new", "error")
            return [
                ("● " if s.modified else "") + s.doc_id,
                STATUS_TEXT.get(s.status, s.status),
                s.segments if known else "",
                s.unreviewed if known else "",
                s.duplicates if known else "",
            ][col]
        if role == Qt.ItemDataRole.BackgroundRole and col == 1:
            return QBrush(QColor(STATUS_COLOUR.get(s.status, "#ffffff")))
        if role == Qt.ItemDataRole.ToolTipRole:
            return s.problem or (f"{s.doc_id}: unsaved changes" if s.modified else s.doc_id)
        if role == Qt.ItemDataRole.TextAlignmentRole and col >= 2:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == DOC_ID_ROLE:
            return s.doc_id
        if role == SORT_ROLE:
            # Sort by value, never by the displayed text: the unsaved marker must not move a row.
            return [s.doc_id, s.status, s.segments, s.unreviewed, s.duplicates][col]
        return None


class CorpusFilter(QSortFilterProxyModel):
    """Filter Documents by name, status, label, speaker and having duplicate groups."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)
        self.name = ""
        self.status = ""
        self.label = ""
        self.speaker = ""
        self.has_duplicates = False

    def set_filter(self, *, name: str | None = None, status: str | None = None, label: str | None = None,
                   speaker: str | None = None, has_duplicates: bool | None = None) -> None:
        self.beginFilterChange()
        for key, value in (("name", name), ("status", status), ("label", label), ("speaker", speaker),
                           ("has_duplicates", has_duplicates)):
            if value is not None:
                setattr(self, key, value)
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:  # noqa: N802
        model = self.sourceModel()
        if not isinstance(model, CorpusModel):
            return True
        s = model.summary(source_row)
        if self.name and self.name.casefold() not in s.doc_id.casefold():
            return False
        if self.status and s.status != self.status:
            return False
        if self.label and self.label not in s.labels:
            return False
        if self.speaker and not any(self.speaker.casefold() in n.casefold() for n in s.speakers):
            return False
        return not (self.has_duplicates and s.duplicates == 0)
