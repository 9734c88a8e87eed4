"""Item model of the segments pane: articles -> their segments; teasers and boilerplate apart."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from curator.core.edit import Changes
from curator.core.model import Curation, Segment
from curator.core.taxonomy import OUTSIDE_ARTICLE_LABELS, default_taxonomy

COLUMNS = ("Label", "Text", "Speaker", "Dup", "✓")
COL_LABEL, COL_TEXT, COL_SPEAKER, COL_DUP, COL_REVIEWED = range(len(COLUMNS))
FIRST_WORDS = 60
SEGMENT_ID_ROLE = Qt.ItemDataRole.UserRole + 1

Index = QModelIndex | QPersistentModelIndex


@dataclass
class _Group:
    key: str  # article id, "@outside" or "@none"
    title: str
    segments: list[Segment] = field(default_factory=list)


def group_segments(cur: Curation) -> list[_Group]:
    """Articles in order, then segments without an article, then teasers and boilerplate."""
    groups = {a.id: _Group(a.id, f"Article {a.id}: {a.title or '(untitled)'}"
                           + (f" · {a.date}" if a.date else "") + f" · {a.kind}") for a in cur.articles}
    loose = _Group("@none", "Not in an article")
    outside = _Group("@outside", "Teasers and boilerplate (outside articles)")
    for seg in cur.segments:
        if seg.label in OUTSIDE_ARTICLE_LABELS:
            outside.segments.append(seg)
        elif seg.article in groups:
            groups[seg.article].segments.append(seg)
        else:
            loose.segments.append(seg)
    return [g for g in [*groups.values(), loose, outside] if g.segments]


class SegmentsModel(QAbstractItemModel):
    """Two levels: group rows (internal id 0) and segment rows (internal id = group row + 1)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._cur: Curation | None = None
        self._groups: list[_Group] = []
        self._where: dict[str, tuple[int, int]] = {}
        self._speakers: dict[str, str] = {}
        self._dups: dict[str, str] = {}
        self._colours = {c.name: QColor(c.colour) for c in default_taxonomy().labels}

    def set_curation(self, cur: Curation | None) -> None:
        self.beginResetModel()
        self._load(cur)
        self.endResetModel()

    def _load(self, cur: Curation | None) -> None:
        self._cur = cur
        self._groups = group_segments(cur) if cur else []
        self._where = {s.id: (g, r) for g, grp in enumerate(self._groups) for r, s in enumerate(grp.segments)}
        self._speakers = {s.id: s.name for s in cur.speakers} if cur else {}
        self._dups = {}
        if cur:
            for d in cur.duplicates:
                mark = "orig" if d.of is None else "copy"
                if d.decision == "rejected":
                    mark = "✗"
                self._dups.setdefault(d.segment, mark)

    def apply(self, cur: Curation, changes: Changes) -> None:
        """Refresh after an edit: a reset when the grouping moved, else only the changed rows."""
        if changes.layout or changes.articles or changes.duplicates or changes.speakers \
                or self._grouping_moved(cur, changes):
            self.set_curation(cur)
            return
        self._cur = cur
        segs = {s.id: s for s in cur.segments if s.id in changes.segments}
        for sid, seg in segs.items():
            g, r = self._where[sid]
            self._groups[g].segments[r] = seg
            self.dataChanged.emit(self.index(r, 0, self.index(g, 0)), self.index(r, len(COLUMNS) - 1, self.index(g, 0)))

    def _grouping_moved(self, cur: Curation, changes: Changes) -> bool:
        for seg in cur.segments:
            if seg.id in changes.segments:
                if seg.id not in self._where:
                    return True
                g, r = self._where[seg.id]
                old = self._groups[g].segments[r]
                if (old.label in OUTSIDE_ARTICLE_LABELS) != (seg.label in OUTSIDE_ARTICLE_LABELS) or \
                        old.article != seg.article:
                    return True
        return False

    # -- lookups -----------------------------------------------------------------
    def index_of(self, segment_id: str, column: int = 0) -> QModelIndex:
        where = self._where.get(segment_id)
        if where is None:
            return QModelIndex()
        g, r = where
        return self.index(r, column, self.index(g, 0))

    def segment_at(self, index: Index) -> Segment | None:
        if not index.isValid() or index.internalId() == 0:
            return None
        return self._groups[index.internalId() - 1].segments[index.row()]

    # -- QAbstractItemModel --------------------------------------------------------
    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, column, 0)
        if parent.internalId() != 0:
            return QModelIndex()
        return self.createIndex(row, column, parent.row() + 1)

    def parent(self, index: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not index.isValid() or index.internalId() == 0:
            return QModelIndex()
        return self.createIndex(index.internalId() - 1, 0, 0)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        if not parent.isValid():
            return len(self._groups)
        if parent.internalId() == 0 and parent.column() == 0:
            return len(self._groups[parent.row()].segments)
        return 0

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(COLUMNS):
            return COLUMNS[section]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        if index.internalId() == 0:
            return Qt.ItemFlag.ItemIsEnabled
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if index.internalId() == 0:
            group = self._groups[index.row()]
            if role == Qt.ItemDataRole.DisplayRole:
                return f"{group.title}  ({len(group.segments)})" if index.column() == 0 else None
            if role == Qt.ItemDataRole.FontRole:
                font = QFont()
                font.setBold(True)
                return font
            return None
        seg = self._groups[index.internalId() - 1].segments[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if col == COL_LABEL:
                return seg.label
            if col == COL_TEXT:
                words = " ".join(seg.text.split())
                return words if len(words) <= FIRST_WORDS else words[: FIRST_WORDS - 1] + "…"
            if col == COL_SPEAKER:
                return self._speakers.get(seg.speaker or "", "")
            if col == COL_DUP:
                return self._dups.get(seg.id, "")
            if col == COL_REVIEWED:
                return "✓" if seg.reviewed else ""
        if role == Qt.ItemDataRole.BackgroundRole and col == COL_LABEL:
            colour = self._colours.get(seg.label)
            return QBrush(colour) if colour else None
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{seg.id} [{seg.start}, {seg.end}) · {seg.origin}" + (" · reviewed" if seg.reviewed else "")
        if role == SEGMENT_ID_ROLE:
            return seg.id
        return None
