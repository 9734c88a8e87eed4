"""Small widgets every pane uses: combo boxes that ignore a passing wheel, plain-text labels, long messages.

Text that comes from files (ids, titles, speaker names, error messages) is never
read as markup: a QLabel guesses "rich text" from a leading tag, so an id like
``<img src=...>`` would load an image. Everything here is plain text.
"""

from __future__ import annotations

import html
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence, QWheelEvent
from PySide6.QtWidgets import (
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
    QVBoxLayout,
    QWidget,
)

# A message longer than this shows its first lines, with the whole text one click away.
SHORT_CHARS = 300
SHORT_LINES = 4


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
    the shortcut does not fire, the field gets the key and ignores it) and says where they work.
    ``keys`` gives the Document-editing key sequences (PortableText) when asked, so that it follows the menus.
    """

    def __init__(self, keys: Callable[[], frozenset[str]], say: Callable[[str], None], parent: QObject) -> None:
        super().__init__(parent)
        self._keys = keys
        self._say = say

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if event.type() != QEvent.Type.ShortcutOverride or not isinstance(event, QKeyEvent):
            return False
        if event.modifiers() == Qt.KeyboardModifier.NoModifier:
            return False  # plain keys are the field's already (the label letters are scoped to the editing panes)
        key = QKeySequence(event.keyCombination()).toString(QKeySequence.SequenceFormat.PortableText)
        if key not in self._keys():
            return False
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


class MessageBanner(QWidget):
    """A warning strip above the text: plain text, a long message cut short with "Details…" beside it."""

    STYLE = "background:#fff3cd; color:#5c4400; padding:6px; border:1px solid #e0c36c;"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("banner")
        self.label = plain_label("", self, wrap=True, selectable=True)
        self.label.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.details = QPushButton("Details…", self)
        self.details.setToolTip("Show the whole message")
        self.details.clicked.connect(self.show_details)
        self.extra: list[QPushButton] = []
        self._lay = QHBoxLayout(self)
        self._lay.setContentsMargins(0, 0, 0, 0)
        self._lay.addWidget(self.label, 1)
        self._lay.addWidget(self.details, 0, Qt.AlignmentFlag.AlignTop)
        self.setStyleSheet(f"#banner {{{self.STYLE}}} QLabel {{{self.STYLE} border:none;}}")
        self.label.setStyleSheet(self.STYLE)
        self.full = ""
        self.hide()

    def set_message(self, text: str) -> None:
        """Show ``text`` (empty: hide the banner)."""
        self.full = text
        short = shorten(text)
        self.label.setText(short)
        self.label.setToolTip(text if short != text else "")
        self.details.setVisible(short != text)
        self.setVisible(bool(text))

    def text(self) -> str:
        return self.full

    def add_button(self, text: str, slot: object, tip: str = "") -> QPushButton:
        """A verb beside the message (e.g. Reload / Save a copy), shown with it."""
        button = QPushButton(text, self)
        button.setToolTip(tip)
        button.clicked.connect(slot)
        self._lay.insertWidget(self._lay.count() - 1, button, 0, Qt.AlignmentFlag.AlignTop)
        self.extra.append(button)
        return button

    def clear_buttons(self) -> None:
        for button in self.extra:
            button.deleteLater()
        self.extra = []

    def show_details(self) -> None:
        FullTextDialog("Message", self.full, self.window()).exec()
