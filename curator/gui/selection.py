"""The editor's selection of segments, shared by every pane (one source of truth, both ways)."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal


class Selection(QObject):
    """The current segment and the selected ones; ``source`` names the pane that changed them."""

    sig_changed = Signal(object)  # source (a pane object or None)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.current: str | None = None
        self.ids: tuple[str, ...] = ()
        self.event: str | None = None

    def set(self, current: str | None, ids: tuple[str, ...] | None = None, *, source: object = None) -> None:
        ids = ids if ids is not None else ((current,) if current else ())
        if current == self.current and ids == self.ids:
            return
        self.current, self.ids = current, ids
        self.sig_changed.emit(source)

    def set_event(self, event_id: str | None, *, source: object = None) -> None:
        if event_id != self.event:
            self.event = event_id
            self.sig_changed.emit(source)

    def targets(self) -> tuple[str, ...]:
        """The segments a verb applies to: the selected ones, else the current one."""
        if self.ids:
            return self.ids
        return (self.current,) if self.current else ()
