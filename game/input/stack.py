"""The modal stack: who hears a key. Pure (no Panda3D), so the delivery rules have plain unit tests.

Layers are ordered by priority, then by when they were pushed (an alert's priority keeps it above any menu
opened after it). A press goes to the top layer first and walks down until one consumes it; a ``modal`` layer
stops it either way, so nothing below a menu or a form sees a key. A layer with ``text_focus`` (a focused text
field) consumes every typing key — printable characters, Space, Enter, Backspace — and receives the typed
characters; nothing below it walks or opens a panel while the visitor writes.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Protocol

log = logging.getLogger("mseoul.input")

ALERT = 100  # alerts sit above every menu, panel and keyboard
PANEL = 10
WORLD = 0  # explore, the social keys, the kiosk's visit keys
TYPING_KEYS = frozenset({"space", "enter", "backspace", "delete", "arrow_left", "arrow_right", "home", "end"})


@dataclass(frozen=True)
class Press:
    """One button press: the key as Panda3D names it (modifiers first) and the actions bound to it."""

    key: str
    actions: frozenset[str] = frozenset()

    def __contains__(self, action: str) -> bool:
        return action in self.actions

    @property
    def char(self) -> str | None:
        """The character the key types, if any (``shift-a`` → ``a``, ``space`` → `` ``)."""
        base = self.key.removeprefix("shift-")
        return " " if base == "space" else base if len(base) == 1 else None

    @property
    def typing(self) -> bool:
        """A key a text field takes as text or editing (``a``, ``shift-a``, ``space``, ``enter``…)."""
        base = self.key.removeprefix("shift-")
        return len(base) == 1 or base in TYPING_KEYS


def dispatch(press: Press, actions: Mapping[str, Callable[[], object]]) -> bool:
    """Run the first of ``actions`` (name → callable) that ``press`` is bound to; whether one ran (consumed it)."""
    for name, act in actions.items():
        if name in press:
            act()
            return True
    return False


class Layer(Protocol):
    modal: bool  # blocks every key from the layers below it

    @property
    def text_focus(self) -> bool: ...

    def on_key(self, press: Press) -> bool: ...

    def on_text(self, ch: str) -> bool: ...


@dataclass
class _Entry:
    layer: Layer
    priority: int
    order: int


@dataclass
class ModalStack:
    _entries: list[_Entry] = field(default_factory=list)
    _order: int = 0
    observers: list[Callable[[Press], None]] = field(default_factory=list)  # every press, before delivery
    listeners: list[Callable[[], None]] = field(default_factory=list)  # the stack changed
    strict: bool = False  # tests: a failing handler raises instead of being logged
    _spent: str | None = None  # the character of a key just used as an action: its keystroke is not text

    def push(self, layer: Layer, priority: int = PANEL) -> None:
        if self.has(layer):
            return
        self._order += 1
        self._entries.append(_Entry(layer, priority, self._order))
        self._entries.sort(key=lambda e: (e.priority, e.order))
        self._changed()

    def remove(self, layer: Layer) -> None:
        """Take ``layer`` off the stack; removing one that is not there is fine (closing twice)."""
        before = len(self._entries)
        self._entries = [e for e in self._entries if e.layer is not layer]
        if len(self._entries) != before:
            self._changed()

    def has(self, layer: Layer) -> bool:
        return any(e.layer is layer for e in self._entries)

    @property
    def layers(self) -> list[Layer]:
        """Top first."""
        return [e.layer for e in reversed(self._entries)]

    @property
    def top(self) -> Layer | None:
        return self._entries[-1].layer if self._entries else None

    def covered(self, layer: Layer) -> bool:
        """Whether a modal layer or a focused text field sits above ``layer`` (it would hear no keys)."""
        for above in self.layers:
            if above is layer:
                return False
            if above.modal or above.text_focus:
                return True
        return True

    def clear(self) -> None:
        self._entries.clear()
        self._changed()

    def press(self, press: Press) -> Layer | None:
        """Deliver a button press; the layer that consumed it (or blocked it), or None."""
        for observer in list(self.observers):
            observer(press)
        self._spent = None
        for layer in self.layers:
            if layer.text_focus and press.typing:
                self._call(layer.on_key, press)
                return layer
            if self._call(layer.on_key, press) or layer.modal:
                # The keyboard sends the key's character right after the press: it was an action ("1" chose a
                # room), not text for a field that the action may just have opened.
                self._spent = press.char
                return layer
        return None

    def text(self, ch: str) -> Layer | None:
        """Deliver a typed character (from the keystroke event) to the focused text field, if it is on top."""
        spent, self._spent = self._spent, None
        if not ch.isprintable() or ch.lower() == spent:
            return None  # Enter's "\r", Tab, Backspace: handled as presses; a key used as an action
        for layer in self.layers:
            if layer.text_focus:
                self._call(layer.on_text, ch)
                return layer
            if layer.modal:
                return None
        return None

    def _call(self, handler, arg) -> bool:
        try:
            return bool(handler(arg))
        except Exception:  # noqa: BLE001 - a failing handler is logged; it must not take the input path down
            if self.strict:
                raise
            log.exception("input handler %r failed on %r", handler, arg)
            return True

    def _changed(self) -> None:
        for listener in list(self.listeners):
            listener()
