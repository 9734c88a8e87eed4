"""Small widgets every pane uses: combo boxes that ignore a passing wheel, plain-text labels, long messages.

Text that comes from files (ids, titles, speaker names, error messages) is never
read as markup: a QLabel guesses "rich text" from a leading tag, so an id like
``<img src=...>`` would load an image. Everything here is plain text.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt
from PySide6.QtGui import QFontMetrics, QKeyEvent, QKeySequence, QResizeEvent, QShowEvent, QWheelEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QStatusBar,
    QTableView,
    QVBoxLayout,
    QWidget,
)

# A message longer than this shows its first lines, with the whole text one click away.
SHORT_CHARS = 300
SHORT_LINES = 4
# The banner above the text shows more before it cuts: its messages (a conflict naming a deep path, the
# large-page notes) ran past 300 characters and ended "…" beside Details.
BANNER_CHARS = 700


class RowTable(QTableView):
    """A table whose rows are the things chosen: Home and End go to the first and last row (a table's own
    move along the row: in the corpus table, End then Enter reopened the same document)."""

    def moveCursor(self, action: QAbstractItemView.CursorAction,  # noqa: N802 (Qt's name)
                   modifiers: Qt.KeyboardModifier) -> QModelIndex:
        if action in (QAbstractItemView.CursorAction.MoveHome, QAbstractItemView.CursorAction.MoveEnd):
            model = self.model()
            if model is None or model.rowCount() == 0:
                return QModelIndex()
            row = 0 if action == QAbstractItemView.CursorAction.MoveHome else model.rowCount() - 1
            return model.index(row, max(self.currentIndex().column(), 0))
        return super().moveCursor(action, modifiers)


class SafeComboBox(QComboBox):
    """A combo box that changes only when the editor means it: the wheel acts only while it has focus.

    A notch of the wheel over an unfocused box (scrolling the inspector past it) goes to the
    scroll area instead of changing a segment's label.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # a wheel never gives it focus

    def wheelEvent(self, event: QWheelEvent) -> None:  # noqa: N802 (Qt's name)
        if not self.hasFocus():
            event.ignore()  # passed on to the parent (the scroll area scrolls)
            return
        super().wheelEvent(event)


class KeyLetterComboBox(SafeComboBox):
    """A combo box whose letter keys choose by a key letter of each item (``set_key``), not by the item's
    name: the inspector's Label box, where T is title as in the text and the tree (the combo's type-ahead made
    "t" a teaser). A letter no item has does nothing."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._keys: dict[str, int] = {}

    def set_key(self, letter: str, index: int) -> None:
        self._keys[letter.upper()] = index

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt's name)
        text = event.text()
        plain = not (event.modifiers() & ~(Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.KeypadModifier))
        if plain and len(text) == 1 and text.isalpha():
            index = self._keys.get(text.upper())
            if index is not None and self.isEnabled():
                self.setCurrentIndex(index)
                self.activated.emit(index)
            event.accept()
            return
        super().keyPressEvent(event)


class UndoFallsThrough(QObject):
    """Ctrl+Z / Ctrl+Shift+Z (Ctrl+Y) in a field that edits the Document reach the window's Undo/Redo
    when the field has nothing of its own to undo or redo.

    A QLineEdit claims those keys whatever its history holds: after F2, a name and Enter the focus
    stays in the Speaker field, and Ctrl+Z did nothing at all. Typing not yet applied is still the
    field's own to undo first. Installed only on the inspector's fields, never on find or filter
    boxes: there a key must not change the Document.
    """

    _REDO = (QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y"))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if event.type() != QEvent.Type.ShortcutOverride or not isinstance(watched, QLineEdit):
            return False
        assert isinstance(event, QKeyEvent)
        combo = QKeySequence(event.keyCombination())
        if event.matches(QKeySequence.StandardKey.Undo):
            return not watched.isUndoAvailable()  # True: the field never sees it, the shortcut fires
        if event.matches(QKeySequence.StandardKey.Redo) or combo in self._REDO:
            return not watched.isRedoAvailable()
        return False


class KeysStayHere(QObject):
    """In a query field (find, corpus search, filters) the keys that edit the Document are the field's own.

    Ctrl+J, Alt+Down or Ctrl+R typed into the find box merged, nudged or reviewed the current segment
    out of the editor's sight. The filter claims those keys for the field (a ShortcutOverride accepted:
    the shortcut does not fire) and the key itself (a combo box took Ctrl+Shift+A's letter as a search), and says
    where they work.
    ``keys`` gives the Document-editing key sequences (PortableText) when asked, so that it follows the menus.
    """

    def __init__(self, keys: Callable[[], frozenset[str]], say: Callable[[str], None], parent: QObject) -> None:
        super().__init__(parent)
        self._keys = keys
        self._say = say

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        kind = event.type()
        if kind not in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress) or not isinstance(event, QKeyEvent):
            return False
        if event.modifiers() == Qt.KeyboardModifier.NoModifier:
            return False  # plain keys are the field's already (the label letters are scoped to the editing panes)
        key = QKeySequence(event.keyCombination()).toString(QKeySequence.SequenceFormat.PortableText)
        if key not in self._keys():
            return False
        if kind == QEvent.Type.KeyPress:
            return True  # nor the field's: a combo box searched its items for the letter (Ctrl+Shift+A chose "answer")
        event.accept()
        self._say(f"{key} edits the document: it works in the text or the segments pane (Esc, Ctrl+2 or Ctrl+3), "
                  "not while typing here.")
        return True


def plain_tip(text: str) -> str:
    """A tooltip that shows ``text`` literally (Qt renders a tooltip that looks like HTML as HTML)."""
    if "<" not in text and "&" not in text:
        return text  # nothing Qt could take for markup
    return "<p style='white-space:pre-wrap'>" + html.escape(text) + "</p>"


def plain_label(text: str = "", parent: QWidget | None = None, *, wrap: bool = False,
                selectable: bool = False) -> QLabel:
    """A QLabel that shows ``text`` literally, whatever it holds."""
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setText(text)
    label.setWordWrap(wrap)
    if selectable:
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                      | Qt.TextInteractionFlag.TextSelectableByKeyboard)
    return label


def shorten(text: str, *, chars: int = SHORT_CHARS, lines: int = SHORT_LINES) -> str:
    """The first lines of a long message, marked as cut; the text itself when it is short."""
    rows = text.splitlines()
    short = "\n".join(rows[:lines])
    if len(short) > chars:
        short = short[: chars - 1].rstrip()
    return short if short == text else short.rstrip() + " …"


def message_box(parent: QWidget | None, icon: QMessageBox.Icon, title: str, text: str) -> QMessageBox:
    """A QMessageBox with plain text; a long message shows its start, the whole under "Show Details…"."""
    box = QMessageBox(icon, title, "", QMessageBox.StandardButton.Ok, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    short = shorten(text)
    box.setText(short)
    if short != text:
        box.setDetailedText(text)  # plain text always
    return box


class FullTextDialog(QDialog):
    """The whole of a long message, selectable, with a Copy button."""

    def __init__(self, title: str, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.resize(720, 420)
        self.body = QPlainTextEdit(self)
        self.body.setReadOnly(True)
        self.body.setPlainText(text)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        copy = buttons.addButton("Copy", QDialogButtonBox.ButtonRole.ActionRole)
        copy.clicked.connect(lambda: (self.body.selectAll(), self.body.copy()))
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(self.body)
        lay.addWidget(buttons)


def elide_words(text: str, metrics: QFontMetrics, width: int) -> str:
    """``text`` with every word wider than ``width`` cut in its middle (a path keeps its start and file name).

    A wrapped label breaks lines between words only: one word wider than the label (a path, a URL, an
    id) ran off its edge and took the rest of the line with it."""
    if width <= 0:
        return text

    def fit(match: re.Match[str]) -> str:
        word = match.group()
        if metrics.horizontalAdvance(word) <= width:
            return word
        return metrics.elidedText(word, Qt.TextElideMode.ElideMiddle, width)

    return re.sub(r"\S+", fit, text)


def fit_line(text: str, metrics: QFontMetrics, width: int) -> str:
    """One line within ``width``: its longest word cut in the middle if that is enough, else cut at the end."""
    if width <= 0 or metrics.horizontalAdvance(text) <= width:
        return text
    words = text.split(" ")
    longest = max(range(len(words)), key=lambda i: metrics.horizontalAdvance(words[i]))
    room = width - metrics.horizontalAdvance(" ".join(words[:longest] + ["…"] + words[longest + 1:]))
    if room >= metrics.horizontalAdvance("x" * 16):
        words[longest] = metrics.elidedText(words[longest], Qt.TextElideMode.ElideMiddle,
                                            room + metrics.horizontalAdvance("…"))
        fitted = " ".join(words)
        if metrics.horizontalAdvance(fitted) <= width:
            return fitted
    return metrics.elidedText(text, Qt.TextElideMode.ElideRight, width)


class WrappedLabel(QLabel):
    """A plain-text label that wraps, and cuts in the middle any word wider than itself (the whole text
    in its tooltip). Its width never grows to hold a long word: the pane gives it its width."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setWordWrap(True)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.full = ""
        self.tip = ""

    def set_full_text(self, text: str, *, tip: str = "") -> None:
        """Show ``text``; ``tip``: the tooltip (else the text itself whenever a word of it is cut)."""
        self.full, self.tip = text, tip
        self._fit()

    def _fit(self) -> None:
        width = self.contentsRect().width() - 2 * self.margin()
        shown = elide_words(self.full, self.fontMetrics(), width) if self.isVisible() else self.full
        if shown != self.text():
            self.setText(shown)
        self.setToolTip(plain_tip(self.tip or (self.full if shown != self.full else "")))

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        self._fit()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt's name)
        super().showEvent(event)
        self._fit()


class FittingStatusBar(QStatusBar):
    """A status bar whose messages fit: a long path is cut in its middle, the whole message in the tooltip.

    QStatusBar clips a message at its right edge ("Saved /home/…/curated/long-na" and nothing after)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.messageChanged.connect(self._message_changed)

    def room(self) -> int:
        """The width a message has: the bar less its permanent widgets, the size grip and margins."""
        taken = sum(w.width() + 6 for w in self.findChildren(QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly)
                    if w.isVisible())
        return max(0, self.width() - taken - 16)

    def showMessage(self, message: str, timeout: int = 0) -> None:  # noqa: N802 (Qt's name)
        shown = fit_line(message, self.fontMetrics(), self.room()) if self.isVisible() else message
        super().showMessage(shown, timeout)
        self.setToolTip(plain_tip(message) if shown != message else "")

    def _message_changed(self, message: str) -> None:
        if not message:  # the message went (its time ran out): so does its tooltip
            self.setToolTip("")


class MessageBanner(QWidget):
    """A warning strip above the text: plain text, a long message cut short with "Details…"; verbs below it."""

    STYLE = "background:#fff3cd; color:#5c4400; padding:6px; border:1px solid #e0c36c;"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("banner")
        self.label = WrappedLabel(self)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                           | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.details = QPushButton("Details…", self)
        self.details.setToolTip("Show the whole message")
        self.details.clicked.connect(self.show_details)
        self.extra: list[QPushButton] = []
        # The message takes the banner's whole width, its verbs a row below it: beside it, three buttons
        # left the text ~170 px at 1024x700 (a path ran off it) and set the centre's minimum width.
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(2)
        lay.addWidget(self.label)
        self._lay = QHBoxLayout()
        self._lay.setContentsMargins(4, 0, 4, 4)
        self._lay.addStretch(1)
        self._lay.addWidget(self.details)
        lay.addLayout(self._lay)
        self.setStyleSheet(f"#banner {{{self.STYLE}}} QLabel {{{self.STYLE} border:none;}}")
        self.label.setStyleSheet(self.STYLE)
        self.full = ""
        self.hide()

    def set_message(self, text: str) -> None:
        """Show ``text`` (empty: hide the banner)."""
        self.full = text
        short = shorten(text, chars=BANNER_CHARS)
        self.label.set_full_text(short, tip=text if short != text else "")
        self.details.setVisible(short != text)
        self._update_buttons_row()
        self.setVisible(bool(text))

    def text(self) -> str:
        return self.full

    def add_button(self, text: str, slot: object, tip: str = "") -> QPushButton:
        """A verb below the message (e.g. Reload / Save a copy), shown with it."""
        button = QPushButton(text, self)
        button.setToolTip(tip)
        button.clicked.connect(slot)
        self._lay.insertWidget(self._lay.count() - 1, button)
        self.extra.append(button)
        self._update_buttons_row()
        return button

    def clear_buttons(self) -> None:
        for button in self.extra:
            button.hide()
            button.deleteLater()
        self.extra = []
        self._update_buttons_row()

    def _update_buttons_row(self) -> None:
        """The row of verbs takes no height while it has none to show."""
        margins = (4, 0, 4, 4) if self.extra or not self.details.isHidden() else (0, 0, 0, 0)
        self._lay.setContentsMargins(*margins)

    def show_details(self) -> None:
        run_modal(FullTextDialog("Message", self.full, self.window()))


def run_modal(dialog: QDialog) -> int:
    """``dialog.exec()``, then the keyboard back in the widget that had it before.

    Without a window manager (and offscreen) Qt gave it to no widget once a picker, the export dialog
    or a message box closed: the next label key or Ctrl+J went nowhere."""
    import shiboken6

    back = QApplication.focusWidget()
    result = dialog.exec()
    if back is not None and shiboken6.isValid(back) and back.isVisible():
        back.window().activateWindow()
        back.setFocus(Qt.FocusReason.OtherFocusReason)
    else:
        parent = dialog.parentWidget() if shiboken6.isValid(dialog) else None
        if parent is not None:
            parent.window().activateWindow()
    return result
