"""Feeds the modal stack from the window: the one place that listens to Panda3D's button events.

Every button thrower (the window's keyboard and mouse, each attached gamepad) throws one generic event per
press with the key's name, and the window's thrower a ``keystroke`` event per typed character (Panda3D sends
none unless asked, which is why typing on a real keyboard once did nothing). The per-key events (``"s"``,
``"enter"``) are thrown under a prefix nobody listens to, so no code can bypass the stack by ``accept("enter")``.
"""

from __future__ import annotations

from typing import Any

from direct.showbase.DirectObject import DirectObject

from game.input.keymap import Keymap
from game.input.stack import ModalStack, Press

BUTTON_EVENT = "mseoul-button"
GAMEPAD_EVENT = "mseoul-gamepad-button"
TEXT_EVENT = "mseoul-keystroke"
UNUSED_PREFIX = "unrouted-"  # per-key events still thrown by Panda3D; nothing in the app listens to them


class InputRouter(DirectObject):
    def __init__(self, base: Any, keymap: Keymap, stack: ModalStack | None = None) -> None:
        super().__init__()
        self.base, self.keymap = base, keymap
        self.stack = stack or ModalStack()
        self.attach()
        self.accept(BUTTON_EVENT, self._button)
        self.accept(GAMEPAD_EVENT, lambda name: self._button(f"gamepad-{name}"))
        self.accept(TEXT_EVENT, self.stack.text)

    def attach(self) -> None:
        """Route every thrower the ShowBase has now; call again after attaching a gamepad."""
        for np in self.base.buttonThrowers or []:
            thrower = np.node()
            thrower.setButtonDownEvent(BUTTON_EVENT)
            thrower.setButtonRepeatEvent(BUTTON_EVENT)  # a held Backspace keeps erasing
            thrower.setKeystrokeEvent(TEXT_EVENT)
            thrower.setPrefix(UNUSED_PREFIX)
        for np in getattr(self.base, "deviceButtonThrowers", []):
            thrower = np.node()
            thrower.setButtonDownEvent(GAMEPAD_EVENT)
            thrower.setPrefix(UNUSED_PREFIX)

    @property
    def thrower(self) -> Any:
        """The window's keyboard thrower (None on an offscreen buffer, which has no input device)."""
        throwers = self.base.buttonThrowers
        return throwers[0].node() if throwers else None

    def _button(self, key: str) -> None:
        self.stack.press(Press(key, self.keymap.actions(key)))

    def inject(self, key: str, text: str = "") -> None:
        """A press (and the text it types) for ops tools driving an app with no keyboard (the offscreen exhibit
        self-check, the soak run): the same delivery as a key from the window, minus the window."""
        self._button(key)
        for ch in text:
            self.stack.text(ch)

    def release(self) -> None:
        self.ignoreAll()
        self.stack.clear()
