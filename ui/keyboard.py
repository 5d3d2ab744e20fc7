"""On-screen keyboard for kiosks, touch screens and VR pointers: 두벌식 jamo keys (or Latin), space, backspace.

Each key calls ``on_key`` with what a physical key would send (a jamo, a letter, " " or "\\b"), so the
focused field composes syllables the same way for both keyboards. Keys are ordinary DirectButtons, so mouse,
touch and a laser pointer (which clicks) all work.
"""

from __future__ import annotations

from collections.abc import Callable

from direct.gui.DirectGui import DGG, DirectButton, DirectFrame

from game.text.hangul import DUBEOLSIK, DUBEOLSIK_SHIFT
from ui import theme

ROWS = ("qwertyuiop", "asdfghjkl", "zxcvbnm")


class ScreenKeyboard:
    def __init__(self, parent, font, on_key: Callable[[str], None], hangul: bool = True, scale: float = 0.065):
        self.on_key = on_key
        self.font = font
        self.frame = DirectFrame(parent=parent, frameColor=(0.1, 0.11, 0.14, 0.95), frameSize=(-1.0, 1.0, -0.36, 0.02),
                                 pos=(0, 0, -0.6))
        self.scale = scale
        self.shift = False
        self.buttons: list[DirectButton] = []
        self.hangul = hangul
        self._build()

    def _label(self, key: str) -> str:
        if not self.hangul:
            return key.upper() if self.shift else key
        return DUBEOLSIK_SHIFT.get(key.upper(), DUBEOLSIK[key]) if self.shift else DUBEOLSIK[key]

    def _build(self) -> None:
        for b in self.buttons:
            b.destroy()
        self.buttons = []
        step = 0.19
        for r, row in enumerate(ROWS):
            x0 = -len(row) * step / 2 + step / 2
            for i, key in enumerate(row):
                self._button(self._label(key), (x0 + i * step, -0.07 - r * 0.085), self._press, [key])
        self._button("⇧", (-0.85, -0.24), self._toggle_shift, [])
        self._button("한/A", (-0.62, -0.32), self.toggle_mode, [])
        self._button("Space", (0.0, -0.32), self.on_key, [" "], width=6)
        self._button("←", (0.85, -0.24), self.on_key, ["\b"])

    def _button(self, text: str, pos, command, args, width: float = 1.6) -> None:
        b = DirectButton(parent=self.frame, text=text, text_font=self.font, scale=self.scale, pos=(pos[0], 0, pos[1]),
                         frameSize=(-width * 0.85, width * 0.85, -0.4, 0.95), relief=DGG.FLAT,
                         frameColor=(0.25, 0.27, 0.32, 1), text_fg=theme.TEXT, command=command, extraArgs=args)
        self.buttons.append(b)

    def _press(self, key: str) -> None:
        if self.hangul:
            self.on_key(self._label(key))
        else:
            self.on_key(key.upper() if self.shift else key)
        if self.shift:
            self._toggle_shift()

    def _toggle_shift(self) -> None:
        self.shift = not self.shift
        self._build()

    def toggle_mode(self) -> None:
        self.hangul = not self.hangul
        self._build()

    def destroy(self) -> None:
        self.frame.destroy()
