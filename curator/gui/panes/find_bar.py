"""Find in the document (Ctrl+F): incremental, next / previous, every match highlighted in the text."""

from __future__ import annotations

import time
from collections.abc import Iterator

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QToolButton, QWidget

from curator.core.search.find import MAX_MATCHES, Query, iter_find
from curator.gui.panes.text_view import DocumentView
from curator.gui.widgets import plain_label

# Typing pauses this long before a search of a big document (a 1 MB page searches in ~10 ms).
DEBOUNCE_MS = 60
# A search runs on the UI thread in slices of about this long, window by window (``iter_find``), the
# event loop turning between two: on a 20 MB page one search took 2-8 s in one go (a word found nowhere,
# a regex), the window frozen. The first match after the caret is shown as soon as it is found.
SLICE_MS = 30


class _Field(QLineEdit):
    """The query field: Enter finds the next match, Shift+Enter the previous one, Esc closes the bar."""

    sig_step = Signal(int)
    sig_close = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt's name)
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.sig_step.emit(-1 if event.modifiers() & Qt.KeyboardModifier.ShiftModifier else 1)
            return
        if event.key() == Qt.Key.Key_Escape:
            self.sig_close.emit()
            return
        super().keyPressEvent(event)


class FindBar(QWidget):
    """A strip above the text: query, Aa (case), .* (regex), "3 of 17", previous, next, close."""

    def __init__(self, view: DocumentView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("find-bar")
        self.view = view
        self.field = _Field(self)
        self.field.setPlaceholderText("Find in document (Enter: next, Shift+Enter: previous, Esc: close)")
        self.field.setClearButtonEnabled(True)
        self.case = self._toggle("Aa", "Match case")
        self.regex = self._toggle(".*", "Regular expression")
        self.count = plain_label("", self)
        self.count.setMinimumWidth(90)
        prev = self._button("▲", "Previous match (Shift+F3, Shift+Enter)", lambda: self.step(-1))
        nxt = self._button("▼", "Next match (F3, Enter)", lambda: self.step(1))
        close = self._button("✕", "Close (Esc)", self.close_bar)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(4, 2, 4, 2)
        for w in (self.field, self.case, self.regex, self.count, prev, nxt, close):
            lay.addWidget(w, 1 if w is self.field else 0)
        self.matches: list[tuple[int, int]] = []
        self.complete = True
        self.current = -1
        self._timer = QTimer(self, singleShot=True, interval=DEBOUNCE_MS)
        self._timer.timeout.connect(self.search)
        self._running: Iterator[tuple[int, int] | int] | None = None  # the search under way
        self._here = 0  # the caret when it started: the first match after it is shown first
        self._searched = 0  # how far into the text it has come
        self._slices = QTimer(self, singleShot=True, interval=0)
        self._slices.timeout.connect(self._go_on)
        self.field.textChanged.connect(lambda _t: self._timer.start())
        self.case.toggled.connect(lambda _on: self.search())
        self.regex.toggled.connect(lambda _on: self.search())
        self.field.sig_step.connect(self.step)
        self.field.sig_close.connect(self.close_bar)
        self.hide()

    def _toggle(self, text: str, tip: str) -> QToolButton:
        button = QToolButton(self)
        button.setText(text)
        button.setToolTip(tip)
        button.setCheckable(True)
        return button

    def _button(self, text: str, tip: str, slot: object) -> QToolButton:
        button = QToolButton(self)
        button.setText(text)
        button.setToolTip(tip)
        button.clicked.connect(slot)
        return button

    # -- verbs ---------------------------------------------------------------------------
    def open_bar(self) -> None:
        """Show the bar with the text's selection (if any) as the query, ready to type."""
        span = self.view.selected_span()
        if span is not None and self.view.doc is not None and 0 < span[1] - span[0] <= 200:
            picked = self.view.doc.text[span[0]:span[1]]
            if "\n" not in picked:
                self.field.setText(picked)
        self.show()
        self.field.setFocus()
        self.field.selectAll()
        self.search()

    def close_bar(self) -> None:
        self._stop()
        self.hide()
        self.view.set_find_marks([], -1)
        self.view.setFocus()

    def _stop(self) -> None:
        self._running = None
        self._slices.stop()

    @property
    def searching(self) -> bool:
        """A search of a long document is under way (its matches so far are shown)."""
        return self._running is not None

    def search(self) -> None:
        """Find every match of the query in the current document and go to the first after the caret.

        The text is searched window by window: the matches found so far are shown and counted while the
        rest is searched between two turns of the event loop (a short document is done at once).
        """
        self._timer.stop()
        self._stop()
        doc = self.view.doc
        text = self.field.text()
        self.matches, self.complete, self.current = [], True, -1
        self.field.setStyleSheet("")
        if doc is None or not text:
            self.count.setText("")
            self.view.set_find_marks([], -1)
            return
        try:
            query = Query(text, regex=self.regex.isChecked(), case=self.case.isChecked())
            query.pattern()
        except ValueError as exc:
            self.count.setText("bad regex")
            self.count.setToolTip(str(exc))
            self.field.setStyleSheet("background:#ffd7d7;")
            self.view.set_find_marks([], -1)
            return
        self.count.setToolTip("")
        self._running = iter_find(doc.text, query)
        self._here = self.view.cursor_offset()
        self._searched = 0
        self._go_on()

    def _go_on(self) -> None:
        """Search on for about SLICE_MS (at least one window), then show what was found."""
        running, doc = self._running, self.view.doc
        if running is None or doc is None:
            return
        deadline = time.perf_counter() + SLICE_MS / 1000
        found_first = False
        for item in running:
            if isinstance(item, tuple):
                self.matches.append(item)
                if self.current < 0 and item[0] >= self._here:
                    self.current = len(self.matches) - 1
                    found_first = True
            else:
                self._searched = item
                if time.perf_counter() >= deadline:
                    break
        else:
            self._running = None
        if self._running is None:
            self.complete = len(self.matches) < MAX_MATCHES
            if not self.matches:
                self.count.setText("no match")
                self.field.setStyleSheet("background:#ffd7d7;")
                self.view.set_find_marks([], -1)
                return
            if self.current < 0:  # none after the caret: round to the first
                self.current = 0
                found_first = True
        else:
            self._slices.start()
        if found_first:
            self._show()
        else:
            self._show_count()

    def _show_count(self) -> None:
        if self._running is not None:
            share = 100 * self._searched // max(1, len(self.view.doc.text)) if self.view.doc else 0
            shown = f"{self.current + 1} of " if self.current >= 0 else ""
            self.count.setText(f"{shown}{len(self.matches)}… {share}%")
        else:
            total = f"{len(self.matches)}{'' if self.complete else '+'}"
            self.count.setText(f"{self.current + 1} of {total}")
        self.view.set_find_marks(self.matches, self.current)

    def step(self, direction: int) -> None:
        """Go to the next (+1) or previous (-1) match, wrapping round (among those found so far while a
        long search goes on)."""
        if self.isHidden():
            self.open_bar()
            return
        if not self.matches:
            if self._running is None:
                self.search()
            if not self.matches:
                return
        self.current = (self.current + direction) % len(self.matches)
        self._show()

    def _show(self) -> None:
        self._show_count()
        start, end = self.matches[self.current]
        self.view.select_span(start, end)
        self.view.centerCursor()

    def on_document(self) -> None:
        """The shown document changed: search it again if the bar is open."""
        if not self.isHidden():
            self.search()
        else:
            self._stop()
            self.view.set_find_marks([], -1)
