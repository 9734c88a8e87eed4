"""Item models of the corpus pane: one row per Document, and the filter over them."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from curator.gui.workspace import DocSummary
from curator.gui.widgets import plain_tip

# Short headers keep the narrow corpus pane readable; the tooltips say what they count.
COLUMNS = ("Document", "Status", "Conf", "Seg", "Todo", "Dup")
COLUMN_TIPS = ("Document id (path without .txt)", "Curation status",
               "The parser's confidence in the page's article (its least sure one; — unknown): sort to start "
               "with the doubtful pages", "Segments", "Segments not yet reviewed", "Duplicate groups")
COL_CONFIDENCE = 2
UNKNOWN_LAST = 2.0  # sorts unknown confidence after every known one
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
        self.open_id: str | None = None  # the Document shown in the text (its row is bold)
        self._bold = QFont()
        self._bold.setBold(True)

    def set_open(self, doc_id: str | None) -> None:
        """Mark the open Document's row (bold), wherever the table's cursor is."""
        rows = [self._row_of.get(d, -1) for d in (self.open_id, doc_id)]
        self.open_id = doc_id
        for row in rows:
            if row >= 0:
                self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1),
                                      [Qt.ItemDataRole.FontRole])

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

    def update_many(self, summaries: list[DocSummary]) -> None:
        """``update`` for many rows: one insertion and one change notice (one re-sort, one resize)."""
        new = [s for s in summaries if s.doc_id not in self._row_of]
        changed = []
        for s in summaries:
            row = self._row_of.get(s.doc_id)
            if row is not None:
                self._rows[row] = s
                changed.append(row)
        if changed:  # one notice for the batch (the pane pauses the proxy's re-sorting during a job)
            self.dataChanged.emit(self.index(min(changed), 0), self.index(max(changed), len(COLUMNS) - 1))
        if new:
            self.beginInsertRows(QModelIndex(), len(self._rows), len(self._rows) + len(new) - 1)
            for s in new:
                self._row_of[s.doc_id] = len(self._rows)
                self._rows.append(s)
            self.endInsertRows()

    def remove(self, doc_ids: list[str]) -> None:
        """Drop the rows of ``doc_ids`` (their sources left the folder)."""
        gone = set(doc_ids)
        for row in sorted((self._row_of[d] for d in gone if d in self._row_of), reverse=True):
            self.beginRemoveRows(QModelIndex(), row, row)
            del self._rows[row]
            self.endRemoveRows()
        self._row_of = {s.doc_id: i for i, s in enumerate(self._rows)}

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
                f"{s.confidence:.2f}" if s.confidence is not None else ("—" if known else ""),
                s.segments if known else "",
                s.unreviewed if known else "",
                s.duplicates if known else "",
            ][col]
        if role == Qt.ItemDataRole.BackgroundRole and col == 1:
            return QBrush(QColor(STATUS_COLOUR.get(s.status, "#ffffff")))
        if role == Qt.ItemDataRole.BackgroundRole and col == COL_CONFIDENCE and s.confidence is not None:
            # Doubtful pages stand out: the lower the confidence, the stronger the tint.
            return QBrush(QColor(230, 159, 0, int(200 * (1 - s.confidence))))
        if role == Qt.ItemDataRole.ToolTipRole:
            if col == COL_CONFIDENCE and s.confidence is not None:
                return plain_tip(f"confidence {s.confidence:.2f}" + (f": {s.doubts}" if s.doubts else ""))
            return plain_tip(s.problem or (f"{s.doc_id}: unsaved changes" if s.modified else s.doc_id))
        if role == Qt.ItemDataRole.TextAlignmentRole and col >= 2:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.FontRole and s.doc_id == self.open_id:
            return self._bold
        if role == DOC_ID_ROLE:
            return s.doc_id
        if role == SORT_ROLE:
            # Sort by value, never by the displayed text: the unsaved marker must not move a row.
            confidence = s.confidence if s.confidence is not None else UNKNOWN_LAST
            return [s.doc_id, s.status, confidence, s.segments, s.unreviewed, s.duplicates][col]
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
        self.confidence: float | str = ""  # "" any, a number: at most that, "unknown"

    def set_filter(self, *, name: str | None = None, status: str | None = None, label: str | None = None,
                   speaker: str | None = None, has_duplicates: bool | None = None,
                   confidence: float | str | None = None) -> None:
        self.beginFilterChange()
        for key, value in (("name", name), ("status", status), ("label", label), ("speaker", speaker),
                           ("has_duplicates", has_duplicates), ("confidence", confidence)):
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
        if self.confidence == "unknown" and (s.confidence is not None or s.status in ("new", "error")):
            return False
        if isinstance(self.confidence, float) and (s.confidence is None or s.confidence > self.confidence):
            return False
        return not (self.has_duplicates and s.duplicates == 0)
