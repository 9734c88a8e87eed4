"""Item models of the corpus pane: one row per Document, and the filter over them."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QStandardItem, QStandardItemModel

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
               "error": "error", "loading": "loading…"}
STATUS_COLOUR = {"auto": "#e9ecef", "in_progress": "#ffe8a3", "curated": "#b7e4c7", "new": "#ffffff",
                 "error": "#f4a6a6"}
DOC_ID_ROLE = Qt.ItemDataRole.UserRole + 1  # on the first column
SORT_ROLE = Qt.ItemDataRole.UserRole + 2
_DISPLAY, _TIP, _FONT = int(Qt.ItemDataRole.DisplayRole), int(Qt.ItemDataRole.ToolTipRole), int(Qt.ItemDataRole.FontRole)
_BACKGROUND, _ALIGN = int(Qt.ItemDataRole.BackgroundRole), int(Qt.ItemDataRole.TextAlignmentRole)
_SORT, _DOC_ID = int(SORT_ROLE), int(DOC_ID_ROLE)
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
Index = QModelIndex | QPersistentModelIndex


def shown_name(doc_id: str) -> str:
    """A Document's id as its row shows it: the page's own name first, then its folder.

    Imported ids are ``host/path/slug-hash``: shown as they are, every row of a crawl begins with
    the same host and folders, and the narrow column hides the one part that differs.
    """
    folder, sep, name = doc_id.rpartition("/")
    return f"{name}  ‹ {folder}" if sep else doc_id


class CorpusModel(QStandardItemModel):
    """Documents with their status and counts, one row each, held in C++ items.

    The view paints, the proxy sorts and the header fits columns reading these items without
    calling Python: with a Python ``data()`` one paint of the table was ~800 calls and the re-sort
    at the end of a background parse ~5,500 (a 100-130 ms stall of the UI thread with 300
    Documents). Python runs once per changed row, when its summary is stored.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(0, len(COLUMNS), parent)
        self._rows: list[DocSummary] = []
        self._row_of: dict[str, int] = {}
        self.open_id: str | None = None  # the Document shown in the text (its row is bold)
        self._bold = QFont()
        self._bold.setBold(True)
        self._status_brush = {k: QBrush(QColor(v)) for k, v in STATUS_COLOUR.items()}
        for col, (name, tip) in enumerate(zip(COLUMNS, COLUMN_TIPS, strict=True)):
            item = QStandardItem(name)
            item.setToolTip(tip)
            if col == 0:  # read from its start, as the names below it: centred, a narrow pane cut both ends
                item.setTextAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
            self.setHorizontalHeaderItem(col, item)

    def _roles(self, s: DocSummary) -> list[dict[int, Any]]:
        """The items' data of one row, per column (roles as plain ints: PySide's enum conversions cost)."""
        known = s.status not in ("new", "error", "loading")  # loading: a big curated file read on the loader thread
        tip = plain_tip(s.problem or (f"{s.doc_id}: unsaved changes" if s.modified else s.doc_id))
        bold = s.doc_id == self.open_id
        # Sort by value, never by the displayed text: the unsaved marker must not move a row.
        first = {_DISPLAY: ("● " if s.modified else "") + shown_name(s.doc_id), _SORT: s.doc_id, _DOC_ID: s.doc_id,
                 _TIP: tip}
        status = {_DISPLAY: STATUS_TEXT.get(s.status, s.status), _SORT: s.status, _TIP: tip,
                  _BACKGROUND: self._status_brush.get(s.status, self._status_brush["new"])}
        conf = {_DISPLAY: "—" if known else "", _SORT: UNKNOWN_LAST, _TIP: tip, _ALIGN: _RIGHT}
        if s.confidence is not None:
            # Doubtful pages stand out: the lower the confidence, the stronger the tint.
            conf.update({_DISPLAY: f"{s.confidence:.2f}", _SORT: s.confidence,
                         _BACKGROUND: QBrush(QColor(230, 159, 0, int(200 * (1 - s.confidence)))),
                         _TIP: plain_tip(f"confidence {s.confidence:.2f}" + (f": {s.doubts}" if s.doubts else ""))})
        rows = [first, status, conf]
        for value in (s.segments, s.unreviewed, s.duplicates):
            rows.append({_DISPLAY: value if known else "", _SORT: value, _TIP: tip, _ALIGN: _RIGHT})
        if bold:
            for roles in rows:
                roles[_FONT] = self._bold
        return rows

    @staticmethod
    def _item(roles: dict[int, Any]) -> QStandardItem:
        item = QStandardItem()
        for role, value in roles.items():
            item.setData(value, role)
        return item

    def _refill(self, rows: list[int]) -> None:
        """Store these rows' summaries in their items; one change notice for the span, not one per item
        (a background parse's batch of rows made six notices per row, each re-mapped by the proxy)."""
        if not rows:
            return
        blocked = self.blockSignals(True)
        try:
            for row in rows:
                for col, roles in enumerate(self._roles(self._rows[row])):
                    # setItemData merges: a role the row no longer has (the bold font of the
                    # Document left, the tint of a confidence now unknown) must go first.
                    index = self.index(row, col)
                    self.clearItemData(index)
                    self.setItemData(index, roles)
        finally:
            self.blockSignals(blocked)
        self.dataChanged.emit(self.index(min(rows), 0), self.index(max(rows), len(COLUMNS) - 1))

    def set_open(self, doc_id: str | None) -> None:
        """Mark the open Document's row (bold), wherever the table's cursor is."""
        rows = [self._row_of.get(d, -1) for d in (self.open_id, doc_id)]
        self.open_id = doc_id
        for row in rows:
            if row >= 0:
                self._refill([row])

    def set_summaries(self, summaries: list[DocSummary]) -> None:
        self.removeRows(0, self.rowCount())
        self._rows = []
        self._row_of = {}
        self._append(summaries)

    def _append(self, summaries: list[DocSummary]) -> None:
        if not summaries:
            return
        first = len(self._rows)
        for s in summaries:
            self._row_of[s.doc_id] = len(self._rows)
            self._rows.append(s)
        # One insertion of empty rows (one notice), then items put in place without a notice each:
        # the views and the proxy learn of the rows from the insertion and of their values from one
        # change notice over the block.
        self.insertRows(first, len(summaries))
        blocked = self.blockSignals(True)
        try:
            for row, s in enumerate(summaries, start=first):
                for col, roles in enumerate(self._roles(s)):
                    self.setItem(row, col, self._item(roles))
        finally:
            self.blockSignals(blocked)
        self.dataChanged.emit(self.index(first, 0), self.index(len(self._rows) - 1, len(COLUMNS) - 1))

    def update(self, summary: DocSummary) -> None:
        self.update_many([summary])

    def update_many(self, summaries: list[DocSummary]) -> None:
        """``update`` for many rows: changed rows refilled, new ones appended in one insertion."""
        new: list[DocSummary] = []
        changed: list[int] = []
        for s in summaries:
            row = self._row_of.get(s.doc_id)
            if row is None:
                new.append(s)
            elif self._rows[row] != s:
                self._rows[row] = s
                changed.append(row)
        self._refill(changed)
        self._append(new)

    def remove(self, doc_ids: list[str]) -> None:
        """Drop the rows of ``doc_ids`` (their sources left the folder)."""
        gone = set(doc_ids)
        for row in sorted((self._row_of[d] for d in gone if d in self._row_of), reverse=True):
            self.removeRow(row)
            del self._rows[row]
        self._row_of = {s.doc_id: i for i, s in enumerate(self._rows)}

    def summary(self, row: int) -> DocSummary:
        return self._rows[row]

    def row_of(self, doc_id: str) -> int:
        return self._row_of.get(doc_id, -1)


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
