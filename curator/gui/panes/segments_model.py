"""Item model of the segments pane: articles -> their segments (their own boilerplate too); teasers and other boilerplate apart.

The tree's shape lives in C++, its cells are computed when asked. A ``QStandardItemModel`` holds one
item per group (a few) and, under each, *empty* rows (``insertRows``: a null pointer per cell, no
Python object): ``index``, ``parent``, ``rowCount`` and ``flags`` stay in C++, and the tree's layout,
which walks every row after any insertion or removal, never calls Python. ``data`` is overridden: a
segment row's cells are computed from the Curation's own lists only for the rows the view shows.

Measured on a 20 MB Document with 20,000 segments (`curator bench gui --only open`): five filled
``QStandardItem`` per segment took 2.2 s to build at open; a pure-Python ``QAbstractItemModel``
(lazy too) was called ~80,000 times (``index`` + ``flags``) on every relayout, 0.4-0.8 s of UI thread
per split or undo. An edit signals exactly the rows it changed (``apply``): rows of segments whose id
left or joined a group are removed or inserted, rows whose segment changed get ``dataChanged``, and
nothing else. The tree keeps its expansion, scroll position and selection.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from itertools import compress, count, repeat
from operator import attrgetter, ne, or_
from typing import Any

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QStandardItem, QStandardItemModel

from curator.core.colours import hex_rgb, tint
from curator.core.edit import Changes
from curator.core.edit.checks import changed_window, identity_window, retag_of
from curator.core.model import Curation, Segment
from curator.core.taxonomy import NEVER_IN_ARTICLE_LABELS, NOT_ARTICLE_TEXT_LABELS, default_taxonomy
from curator.gui import dup_marks
from curator.gui.widgets import plain_tip

COLUMNS = ("Label", "Text", "Speaker", "Dup", "✓")
COL_LABEL, COL_TEXT, COL_SPEAKER, COL_DUP, COL_REVIEWED = range(len(COLUMNS))
FIRST_WORDS = 60
SEGMENT_ID_ROLE = Qt.ItemDataRole.UserRole + 1
_START = attrgetter("start")
_WINDOW_MAX = 2000  # an edit replacing more segments than this is followed by comparing whole groups

Index = QModelIndex | QPersistentModelIndex
_GROUP_FLAGS = Qt.ItemFlag.ItemIsEnabled
# A segment row is an empty row: Qt's default flags (selectable, enabled; also editable and
# draggable, which the tree never acts on: it has no edit triggers and no drag). Overriding
# flags() in Python would put a Python call per row back into every layout of the tree.
_DISPLAY = Qt.ItemDataRole.DisplayRole
_TOOLTIP = Qt.ItemDataRole.ToolTipRole
_STATUS = Qt.ItemDataRole.StatusTipRole
_BACKGROUND = Qt.ItemDataRole.BackgroundRole
# The roles a segment's cell answers (``SegmentsModel.data``); plain ints and the enums alike
_ANSWERED = frozenset(int(getattr(r, "value", r)) for r in (_DISPLAY, _TOOLTIP, _STATUS, _BACKGROUND, SEGMENT_ID_ROLE))
_FONT = Qt.ItemDataRole.FontRole


@dataclass(eq=False)  # compared by identity: the id -> row map names groups, whose rows move
class _Group:
    key: str  # article id, "@outside" or "@none"
    title: str
    segments: list[Segment] = field(default_factory=list)


def group_titles(cur: Curation) -> list[_Group]:
    """Every group a Curation can have, empty: its Articles in order, then "not in an article", then outside."""
    return [*(_Group(a.id, f"Article {a.id}: {a.title or '(untitled)'}" + (f" · {a.date}" if a.date else "")
                     + f" · {a.kind}") for a in cur.articles),
            _Group("@none", "Not in an article"), _Group("@outside", "Teasers and boilerplate (outside articles)")]


def group_key(seg: Segment, articles: set[str] | dict[str, Any]) -> str:
    """The group a segment shows in: its Article (its boilerplate too: a file name, a credit), else
    "@outside" for a teaser or boilerplate in no Article, else "@none"."""
    if seg.article in articles and seg.label not in NEVER_IN_ARTICLE_LABELS:
        return seg.article  # type: ignore[return-value]
    return "@outside" if seg.label in NOT_ARTICLE_TEXT_LABELS else "@none"


def group_segments(cur: Curation) -> list[_Group]:
    """Articles in order, then segments without an article, then teasers and boilerplate in none."""
    *articles, loose, outside = group_titles(cur)
    groups = {g.key: g for g in articles}
    # Bound appends looked up once per group: this runs over every segment on each edit and undo.
    add = {key: g.segments.append for key, g in groups.items()}
    add_loose, add_outside = loose.segments.append, outside.segments.append
    never, apart = NEVER_IN_ARTICLE_LABELS, NOT_ARTICLE_TEXT_LABELS
    for seg in cur.segments:
        label = seg.label
        if label in never:
            add_outside(seg)
        else:
            add.get(seg.article, add_outside if label in apart else add_loose)(seg)  # type: ignore[arg-type]
    return [g for g in [*groups.values(), loose, outside] if g.segments]


def _names_and_marks(cur: Curation | None) -> tuple[dict[str, str], dict[str, tuple[str, str]]]:
    """Speaker names by id, and for each segment in a duplicate group its mark (its first group's) and
    every membership in words (the mark's tooltip and status tip)."""
    if cur is None:
        return {}, {}
    marks: dict[str, tuple[str, str]] = {}
    doc = cur.document.id
    for d in cur.duplicates:
        said = dup_marks.explain(d, doc)
        if d.segment in marks:
            word, before = marks[d.segment]
            marks[d.segment] = (word, f"{before}\n{said}")
        else:
            marks[d.segment] = (dup_marks.mark(d), said)
    return {s.id: s.name for s in cur.speakers}, marks


class SegmentsModel(QStandardItemModel):
    """Two levels: a row per group (article, "not in an article", outside articles), its segments below."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setHorizontalHeaderLabels(list(COLUMNS))
        for col, tip in ((COL_DUP, dup_marks.COLUMN_TIP), (COL_REVIEWED, "✓ — the segment is reviewed (Ctrl+R)")):
            self.setHeaderData(col, Qt.Orientation.Horizontal, tip, _TOOLTIP)
        self._cur: Curation | None = None
        self._titled: object = None  # the Articles list the group titles were last made from
        self._groups: list[_Group] = []  # what the rows show, in row order
        # segment id -> (its group, its row there): a group's own row is looked up (a few groups), so that
        # a group row inserted or removed does not move 40,000 entries
        self._where: dict[str, tuple[_Group, int]] = {}
        self._speakers: dict[str, str] = {}
        self._dups: dict[str, tuple[str, str]] = {}
        self._colours = {c.name: QBrush(QColor(*(round(v) for v in tint(hex_rgb(c.colour)))))
                         for c in default_taxonomy().labels}  # as tinted behind the text
        self._bold = QFont()
        self._bold.setBold(True)
        # The lists the cells are read from change between Qt's "about to" signal (old rows) and
        # its "done" signal (new rows): connected first, this runs before any view's slot.
        self._pending: Callable[[], None] | None = None
        self._inserted: list[_Group] = []  # the group rows the last _sync_groups inserted and removed
        self._removed: list[_Group] = []
        self.rowsRemoved.connect(self._take_pending)
        self.rowsInserted.connect(self._take_pending)

    def _take_pending(self, *_: object) -> None:
        if self._pending is not None:
            pending, self._pending = self._pending, None
            pending()

    def _group_item(self, group: _Group) -> list[QStandardItem]:
        """A group's row, with ``len(group.segments)`` empty rows below its first cell (no item per segment).

        Its title is in the Text cell: spanned across the row from the first (``setFirstColumnSpanned``), it made
        Qt's tree keep a temporary persistent index per row in each relayout, 3-9 ms of every Del, merge or new
        Article on a 40,000-segment page."""
        item = QStandardItem()
        item.setColumnCount(len(COLUMNS))
        item.setRowCount(len(group.segments))
        cells = [item, *(QStandardItem() for _ in COLUMNS[1:])]
        cells[COL_TEXT].setText(_group_text(group))
        cells[COL_TEXT].setToolTip(plain_tip(_group_text(group)))
        cells[COL_TEXT].setFont(self._bold)
        item.setText(f"{len(group.segments):,}")
        for cell in cells:
            cell.setFlags(_GROUP_FLAGS)
        return cells

    def data(self, index: Index, role: int = _DISPLAY) -> Any:
        if role not in _ANSWERED:
            # Qt asks each painted cell for eight roles: the five a segment's cell answers are told apart from the
            # rest (a group row's font, alignment…) with one call into Qt instead of five (a Del repaints ~130 cells).
            return super().data(index, role)
        parent = index.parent()
        if not parent.isValid():
            return super().data(index, role)
        g, r = parent.row(), index.row()
        if g >= len(self._groups) or r >= len(self._groups[g].segments):
            return None
        seg = self._groups[g].segments[r]
        col = index.column()
        if col == COL_LABEL:
            if role == _DISPLAY:
                return seg.label
            if role == SEGMENT_ID_ROLE:
                return seg.id
            if role == _BACKGROUND:
                return self._colours.get(seg.label)
            if role == _TOOLTIP:
                return _tip(seg)
        elif col == COL_TEXT:
            if role == _DISPLAY:
                return first_words(seg.text)
            if role == _TOOLTIP:
                return _tip(seg)
        elif col == COL_SPEAKER:
            if role == _DISPLAY:
                return self._speakers.get(seg.speaker or "", "")
        elif col == COL_DUP:
            mark = self._dups.get(seg.id)
            if role == _DISPLAY:
                return mark[0] if mark else ""
            if mark is not None and role == _TOOLTIP:
                return plain_tip(mark[1])  # ids come from files: never markup
            if mark is not None and role == _STATUS:
                return mark[1]
        elif col == COL_REVIEWED:
            if role == _DISPLAY:
                return "✓" if seg.reviewed else ""
        return None

    def _set_title(self, row: int, group: _Group) -> None:
        """A group row's title (its Text cell, whole in its tooltip) and count (its Label cell, beside the arrow:
        seen when a narrow Text column elides the title)."""
        title = _group_text(group)
        cell = self.item(row, COL_TEXT)
        cell.setText(title)
        cell.setToolTip(plain_tip(title))
        self.item(row, COL_LABEL).setText(f"{len(group.segments):,}")

    def title(self, row: int) -> str:
        """The title of the group at ``row`` (in its Text cell)."""
        return self.item(row, COL_TEXT).text()

    def _changed_rows(self, g: int, first: int, last: int) -> None:
        parent = self.index(g, 0)
        self.dataChanged.emit(self.index(first, 0, parent), self.index(last, len(COLUMNS) - 1, parent))

    # -- whole Documents -------------------------------------------------------------
    def set_curation(self, cur: Curation | None) -> None:
        self.beginResetModel()
        self.blockSignals(True)  # one reset, not a signal per group
        try:
            self.removeRows(0, self.rowCount())
            self._cur = cur
            self._titled = cur.articles if cur else None
            self._speakers, self._dups = _names_and_marks(cur)
            self._groups = group_segments(cur) if cur else []
            for group in self._groups:
                self.appendRow(self._group_item(group))
            self._reindex()
        finally:
            self.blockSignals(False)
        self.endResetModel()

    def _reindex(self) -> None:
        self._where = {s.id: (grp, r) for grp in self._groups for r, s in enumerate(grp.segments)}

    def _row_of(self, group: _Group) -> int:
        return next(row for row, g in enumerate(self._groups) if g is group)

    # -- edits -------------------------------------------------------------------------
    def apply(self, cur: Curation, changes: Changes) -> None:
        """Refresh after an edit: row signals for exactly the groups and segments that changed."""
        if self._cur is None:
            self.set_curation(cur)
            return
        before, self._cur = self._cur, cur
        old_names, old_marks = self._speakers, self._dups
        self._speakers, self._dups = _names_and_marks(cur)
        if not self._apply_window(before, cur):
            wanted = self._regrouped(before, cur) or group_segments(cur)
            if not self._sync_groups(wanted):
                self.set_curation(cur)
                return
            # The id map names group objects, not group rows: a group row that came, went or changed key moves
            # no entry of the others. Each group's moved rows are patched, an inserted group's rows entered and a
            # removed group's left-overs dropped (rebuilding the map was ~5 ms of a new article on 40,000 rows).
            for row, new in enumerate(wanted):
                self._sync_segments(row, new.segments, reindex=True)
            for group in self._inserted:
                self._where.update(zip(map(_ID, group.segments), zip(repeat(group), count())))
            for group in self._removed:
                for sid in map(_ID, group.segments):
                    if self._where.get(sid, _NOWHERE)[0] is group:
                        del self._where[sid]
        # Rows whose segment is unchanged but whose speaker name or duplicate mark is new.
        stale = {sid for sid in old_marks.keys() | self._dups.keys() if old_marks.get(sid) != self._dups.get(sid)}
        if old_names != self._speakers:
            stale.update(s.id for s in cur.segments if s.speaker is not None)
        for sid in stale:
            where = self._where.get(sid)
            if where is not None:
                self._changed_rows(self._row_of(where[0]), where[1], where[1])

    def _regrouped(self, before: Curation, cur: Curation) -> list[_Group] | None:
        """``group_segments(cur)``, from the groups shown and the edit's window of segments alone; None when
        the window is most of the Document or a segment kept around it would change group.

        The segments kept around the window keep their group (their label and Article are the same objects'),
        so each group is its rows before the window, the window's segments of that group, and its rows after
        it (found by bisecting the starts). Grouping all 40,000 segments in Python was the largest part of a
        new article's cost on the UI thread.
        """
        old, new = before.segments, cur.segments
        lo, hi_old, hi_new = changed_window(old, new)
        if 2 * (hi_new - lo) > len(new) or 2 * (hi_old - lo) > len(old):
            return None
        articles = {a.id for a in cur.articles}
        came: dict[str, list[Segment]] = {}
        window = new[lo:hi_new]
        named = set(map(_ARTICLE, window))
        if len(named) == 1 and NOT_ARTICLE_TEXT_LABELS.isdisjoint(map(_LABEL, window)):
            # One group takes the whole window (a new Article's thousands of segments): found in C.
            (article,) = named
            came[article if article in articles else "@none"] = window  # type: ignore[index]
        else:
            for seg in window:
                came.setdefault(group_key(seg, articles), []).append(seg)
        before_start = old[lo - 1].start if lo > 0 else -1
        after_start = old[hi_old].start if hi_old < len(old) else None
        wanted = group_titles(cur)
        keys = {g.key for g in wanted}
        for group in self._groups:
            if group.key not in keys:
                kept = bisect.bisect_right(group.segments, before_start, key=_START)
                if kept or (after_start is not None
                            and bisect.bisect_left(group.segments, after_start, key=_START) < len(group.segments)):
                    return None
        shown = {g.key: g.segments for g in self._groups}
        for group in wanted:
            segs = shown.get(group.key, [])
            head = segs[: bisect.bisect_right(segs, before_start, key=_START)]
            tail = segs[bisect.bisect_left(segs, after_start, key=_START):] if after_start is not None else []
            group.segments = head + came.pop(group.key, []) + tail
        if came:
            return None
        return [g for g in wanted if g.segments]

    def _apply_window(self, before: Curation, cur: Curation) -> bool:
        """Follow an edit that kept the Articles (their ids, in order) from its window of segments alone;
        False (nothing done) otherwise.

        The segments the edit replaced (``changed_window``) leave their groups' rows and the new ones are
        put in at their place by start offset; a group they need is inserted, one they empty removed;
        only the groups they touch are compared. Grouping every segment again took ~30-45 ms of the UI
        thread per edit and undo on a 40,000-segment page, and re-mapping every id after a group row came
        or went ~35-45 ms more.
        """
        if [a.id for a in before.articles] != [a.id for a in cur.articles]:
            return False
        lo, hi_old, hi_new = changed_window(before.segments, cur.segments)
        if hi_old - lo > _WINDOW_MAX or hi_new - lo > _WINDOW_MAX:
            return False
        articles = {a.id for a in cur.articles}
        gone: dict[int, list[int]] = {}  # by id() of the group: rows whose segment the edit replaced
        for seg in before.segments[lo:hi_old]:
            where = self._where.get(seg.id)
            if where is None:
                return False
            gone.setdefault(id(where[0]), []).append(where[1])
        came: dict[str, list[Segment]] = {}
        for seg in cur.segments[lo:hi_new]:
            came.setdefault(group_key(seg, articles), []).append(seg)
        self._sync_titles(cur)
        # Groups the window needs that have no row yet: inserted empty at their place in the order.
        have = {g.key: g for g in self._groups}
        order = {g.key: k for k, g in enumerate(group_titles(cur))}
        for key in sorted(came.keys() - have.keys(), key=order.__getitem__):
            fresh = next(g for g in group_titles(cur) if g.key == key)
            row = sum(1 for g in self._groups if order.get(g.key, -1) < order[key])
            self._pending = lambda row=row, fresh=fresh: self._groups.insert(row, fresh)  # type: ignore[misc]
            self.insertRow(row, self._group_item(fresh))
            self._pending = None
            have[key] = fresh
        emptied = []
        for group in list(self._groups):
            out = gone.get(id(group), [])
            new = came.get(group.key, [])
            if not out and not new:
                continue
            segs = group.segments
            if out:
                first, last = min(out), max(out)
                if last - first + 1 != len(out):
                    raise AssertionError("a window's rows in one group are one run")  # segments are sorted
                segs = segs[:first] + segs[last + 1:]
            if new:
                at = bisect.bisect_left(segs, new[0].start, key=_START)
                segs = segs[:at] + new + segs[at:]
            self._sync_segments(self._row_of(group), segs, reindex=True)
            if not segs:
                emptied.append(group)
        for group in emptied:  # its row goes (its segments' entries went with them)
            row = self._row_of(group)
            self._pending = lambda row=row: self._groups.__delitem__(row)  # type: ignore[misc]
            self.removeRow(row)
            self._pending = None
        return True

    def _sync_titles(self, cur: Curation) -> None:
        if cur.articles is self._titled:
            return
        self._titled = cur.articles
        titles = {g.key: g.title for g in group_titles(cur)}
        for row, group in enumerate(self._groups):
            title = titles.get(group.key, group.title)
            if title != group.title:
                group.title = title
                self._set_title(row, group)

    def _sync_groups(self, wanted: list[_Group]) -> bool:
        """Bring the group rows to ``wanted``'s keys; False when the groups kept changed order.

        A group that replaces another at the same place (a new article starting at an
        article's first segment, and its undo) takes over that row: its segments keep
        their rows and nothing is removed or inserted. Other groups that left are
        removed and new ones inserted with their segments.
        """
        self._inserted, self._removed = [], []
        old_keys = {g.key for g in self._groups}
        new_keys = {g.key for g in wanted}
        if [g.key for g in self._groups if g.key in new_keys] != [g.key for g in wanted if g.key in old_keys]:
            return False
        row, j = 0, 0
        while row < len(self._groups) or j < len(wanted):
            have = self._groups[row] if row < len(self._groups) else None
            want = wanted[j] if j < len(wanted) else None
            if have is not None and want is not None and have.key == want.key:
                if have.title != want.title:
                    have.title = want.title
                    self._set_title(row, have)
                row, j = row + 1, j + 1
            elif have is not None and have.key not in new_keys and want is not None and want.key not in old_keys:
                # Its rows stay; _sync_segments then changes only what differs.
                have.key, have.title = want.key, want.title
                self._set_title(row, have)
                row, j = row + 1, j + 1
            elif have is not None and have.key not in new_keys:
                self._removed.append(have)
                self._pending = lambda row=row: self._groups.__delitem__(row)  # type: ignore[misc]
                self.removeRow(row)
            else:
                assert want is not None  # the order check above leaves no other case
                fresh = _Group(want.key, want.title, list(want.segments))
                self._inserted.append(fresh)
                self._pending = lambda row=row, fresh=fresh: self._groups.insert(row, fresh)  # type: ignore[misc]
                self.insertRow(row, self._group_item(want))
                row, j = row + 1, j + 1
        return True

    def _sync_segments(self, row: int, new: list[Segment], *, reindex: bool = False) -> None:
        """Bring one group's rows to ``new``: rows whose ids differ are replaced, the others refreshed.

        With ``reindex`` the id -> position map is patched for the rows that moved (a
        full rebuild allocates 5,000 tuples per edit, and the garbage collector's
        passes over them were the slowest part of an edit).
        """
        group = self._groups[row]
        old = group.segments
        # Rows outside this window hold the same objects (found in C): only the window is compared.
        li, hio, hin = identity_window(old, new)
        if li == len(old) == len(new):
            return
        parent = self.item(row, 0)
        limit = min(hio, hin)
        # The rows that keep their segment's id, from each end of the window (compared in C: a new article's
        # 4,000 copies one by one cost ~6 ms with the refresh check below).
        lo = next(compress(count(li), map(ne, map(_ID, old[li:limit]), map(_ID, new[li:limit]))), limit)
        same_tail = min(hio, hin) - lo
        kept_tail = next(compress(count(), map(ne, map(_ID, reversed(old[hio - same_tail: hio])),
                                                map(_ID, reversed(new[hin - same_tail: hin])))), same_tail)
        hi_old, hi_new = hio - kept_tail, hin - kept_tail
        # The rows' cells are read from group.segments while Qt tells the view: keep it in step.
        if hi_old > lo:
            kept = old[:lo] + old[hi_old:]
            self._pending = lambda: setattr(group, "segments", kept)
            parent.removeRows(lo, hi_old - lo)
        if hi_new > lo:
            self._pending = lambda: setattr(group, "segments", list(new))
            parent.insertRows(lo, hi_new - lo)
        self._pending = None
        group.segments = list(new)
        if lo - li > _REFRESH_WHOLE and _only_article_changed(old[li:lo], new[li:lo]):
            changed = []  # a new Article's thousands of copies: nothing a row shows changed (~2-3 ms to compare)
        else:
            changed = list(compress(range(li, lo), map(ne, map(_SHOWN, old[li:lo]), map(_SHOWN, new[li:lo]))))
        changed += compress(range(hi_new, hin), map(ne, map(_SHOWN, old[hi_old: hio]), map(_SHOWN, new[hi_new: hin])))
        for first, last in _runs(changed):
            self._changed_rows(row, first, last)
        if len(old) != len(new):
            self._set_title(row, group)
        if reindex:
            for seg in old[lo:hi_old]:
                if self._where.get(seg.id, (None, 0))[0] is group:  # unless it already moved to another group
                    del self._where[seg.id]
            for k in range(lo, len(new) if len(new) != len(old) else hi_new):
                self._where[new[k].id] = (group, k)

    # -- lookups -------------------------------------------------------------------------
    def index_of(self, segment_id: str, column: int = 0) -> QModelIndex:
        where = self._where.get(segment_id)
        if where is None:
            return QModelIndex()
        group, r = where
        return self.index(r, column, self.index(self._row_of(group), 0))

    def rows_of(self, segment_ids: Iterable[str]) -> list[tuple[int, int, int]]:
        """The rows of these segments as (group row, first, last) runs: a text selection over 40,000 segments
        was 40,000 index pairs told to Qt one by one (seconds)."""
        where = self._where
        by_group: dict[int, list[int]] = {}
        rows_of_group: dict[int, int] = {}
        for sid in segment_ids:
            place = where.get(sid)
            if place is None:
                continue
            group, r = place
            g = rows_of_group.get(id(group))
            if g is None:
                g = rows_of_group[id(group)] = self._row_of(group)
            by_group.setdefault(g, []).append(r)
        return [(g, first, last) for g, rows in by_group.items() for first, last in _runs(rows)]

    def segment_at(self, index: Index) -> Segment | None:
        if not index.isValid() or not index.parent().isValid():
            return None
        g, r = index.parent().row(), index.row()
        if g >= len(self._groups) or r >= len(self._groups[g].segments):
            return None
        return self._groups[g].segments[r]


def _tip(seg: Segment) -> str:
    return plain_tip(f"{seg.id} [{seg.start}, {seg.end}) · {seg.origin}" + (" · reviewed" if seg.reviewed else ""))


def _runs(rows: list[int]) -> list[tuple[int, int]]:
    """Sorted rows as (first, last) runs of consecutive numbers."""
    runs: list[tuple[int, int]] = []
    for r in sorted(rows):
        if runs and runs[-1][1] == r - 1:
            runs[-1] = (runs[-1][0], r)
        else:
            runs.append((r, r))
    return runs


# Past this many rows that kept their ids, copies that only took another Article are recognised at once.
_REFRESH_WHOLE = 64
_DICT = attrgetter("__dict__")


def _only_article_changed(old: list[Segment], new: list[Segment]) -> bool:
    """Whether each of ``new`` is the segment it replaced with one Article id all share (compared as dicts, in C)."""
    made = retag_of(old, new)  # copies the edit made with another Article id only: nothing to compare
    if made is not None:
        return made.keys() == {"article"}
    articles = set(map(_ARTICLE, new))
    if len(articles) != 1:
        return False
    return list(map(or_, map(_DICT, old), repeat({"article": articles.pop()}))) == list(map(_DICT, new))
# The fields a segment row shows (its article is shown by the group it sits in).
_SHOWN = attrgetter("id", "label", "start", "end", "origin", "reviewed", "speaker", "text")
_ID = attrgetter("id")
_ARTICLE = attrgetter("article")
_LABEL = attrgetter("label")
_NOWHERE: tuple[None, int] = (None, 0)


def first_words(text: str, limit: int = FIRST_WORDS) -> str:
    """The start of ``text`` with its whitespace collapsed, at most ``limit`` characters ("…" when cut).

    Reads only the first ``4 * limit`` characters: splitting a whole 20 MB one-line segment took
    1.2 s of the UI thread.
    """
    head = text[: 4 * limit]
    words = " ".join(head.split())
    if len(words) <= limit and len(head) == len(text):
        return words
    return words[: limit - 1] + "…"


def _group_text(group: _Group) -> str:
    return f"{group.title}  ({len(group.segments)})"
