"""Drive the real app as a person does: key presses and typed text enter through the window's own input device
(the one a real X11 window feeds from the keyboard), then travel the data graph, the window's button thrower and
the input router like any other press. Nothing here sends a Panda3D event by name."""

from __future__ import annotations

import os

from panda3d.core import ButtonHandle, ButtonRegistry, KeyboardButton, MouseButton

MODIFIERS = {"shift": KeyboardButton.shift(), "control": KeyboardButton.control(), "alt": KeyboardButton.alt()}


def open_app(display: str, config):
    """An App whose window opens on ``display``; the process environment is left as it was (other tests start
    subprocesses that must not inherit this display)."""
    from game.app import App

    old = os.environ.get("DISPLAY")
    os.environ["DISPLAY"] = display
    try:
        return App(config)
    finally:
        if old is None:
            os.environ.pop("DISPLAY", None)
        else:
            os.environ["DISPLAY"] = old


CHARS = {"enter": "\r", "space": " ", "tab": "\t", "backspace": "\b"}


def _button(name: str) -> ButtonHandle:
    """The keyboard button Panda3D names ``name`` (``"a"``, ``"enter"``, ``"arrow_up"``, ``"f2"``)."""
    button = KeyboardButton.asciiKey(name) if len(name) == 1 else ButtonRegistry.ptr().findButton(name)
    assert button != ButtonHandle.none(), name
    return button


class Pilot:
    def __init__(self, app) -> None:
        self.app = app
        self.device = app.base.win.getInputDevice(0)  # GraphicsWindowInputDevice of the real window

    def step(self, frames: int = 1) -> None:
        self.app.step(frames)

    def press(self, *keys: str, quick: bool = False) -> None:
        """Press and release each key (``"enter"``, ``"shift-tab"``, ``"t"``), one frame each (``quick``: all within
        one frame, as a fast hand does), with the typed character a keyboard also sends for it."""
        for key in keys:
            *mods, name = key.split("-") if key != "-" else ["-"]
            for mod in mods:
                self.device.buttonDown(MODIFIERS[mod])
            button = _button(name)
            self.device.buttonDown(button)
            ch = CHARS.get(name, name if len(name) == 1 else "")
            if ch:
                self.device.keystroke(ord(ch.upper() if "shift" in mods else ch))
            self.device.buttonUp(button)
            for mod in reversed(mods):
                self.device.buttonUp(MODIFIERS[mod])
            if not quick:
                self.step()
        if quick:
            self.step()

    def click(self, node) -> None:
        """Move the pointer onto ``node`` (a DirectGUI widget) and click it there, as a mouse or a touch does."""
        base = self.app.base
        left, right, bottom, top = node.getBounds()  # the widget's frame, in its own coordinates
        x, _, z = base.render2d.getRelativePoint(node, ((left + right) / 2, 0, (bottom + top) / 2))
        self.device.setPointerInWindow((x + 1) / 2 * base.win.getXSize(), (1 - z) / 2 * base.win.getYSize())
        self.step()
        self.device.buttonDown(MouseButton.one())
        self.step()
        self.device.buttonUp(MouseButton.one())
        self.step()

    def type(self, text: str) -> None:
        """Type ``text``: ASCII through its keys, other characters (Hangul syllables) as an input method commits
        them — a typed character with no key press of its own."""
        for ch in text:
            if ch == " ":
                self.press("space")
            elif ch.isascii():
                self.press(ch)
            else:
                self.device.keystroke(ord(ch))
                self.step()

    def hold(self, key: str, frames: int) -> None:
        """Hold a key down for ``frames`` frames (walking)."""
        button = _button(key)
        self.device.buttonDown(button)
        ch = CHARS.get(key, key if len(key) == 1 else "")
        if ch:
            self.device.keystroke(ord(ch))
        self.step(frames)
        self.device.buttonUp(button)
        self.step()
