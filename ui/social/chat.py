"""The chat panel: the log of what was said nearby, an input line, and one status line for notices.

Typing reuses the civic field (``ui.civic.field.FieldText``): physical keys compose 두벌식 Hangul (F2 switches to
Latin), and on kiosks and in VR the civic on-screen keyboard (``ui.keyboard.ScreenKeyboard``) sends the same keys.
While the input is open the panel is a focused text field on top of the input stack (:mod:`game.input.stack`):
it takes every typing key, so walking keys do not move the visitor and one-key actions stay quiet while they
write. With nothing said and the input closed the panel takes no room: only its one status line shows.
"""

from __future__ import annotations

from collections.abc import Callable

from direct.gui.DirectGui import DirectFrame, OnscreenText
from panda3d.core import TextNode

from game.caption_style import DEFAULT, CaptionStyle
from game.input.stack import ModalStack, Press
from game.text import i18n
from net.protocol import CHAT_SCOPES, MAX_CHAT
from ui import theme
from ui.civic.field import FieldText
from ui.keyboard import ScreenKeyboard

WIDTH = 1.2
LINES = 8
SCALE = 0.05
LINE = SCALE * 1.2  # OnscreenText's line spacing at that scale
BACKING = (0.0, 0.0, 0.0, 0.55)  # the panel's own, when the caption style asks for no card


class ChatPanel:
    modal = True

    def __init__(self, base, font, lang: str, on_send: Callable[[str, str], None],
                 on_typing: Callable[[bool], None] = lambda typing: None, screen_keyboard: bool = False,
                 keys: ModalStack | None = None, style: CaptionStyle = DEFAULT) -> None:
        """``keys``: the input stack the open input line joins on top (None: typing comes only from the on-screen
        keyboard, as in VR). ``style``: the visitor's caption style, for the log — the caption of chat read
        aloud, each line led by its speaker's name (its size, colour and backing; the panel keeps its corner)."""
        self.keys = keys
        self.line = LINE * style.size
        self.base, self.font, self.lang = base, font, lang
        self.on_send, self.on_typing, self.screen_keyboard = on_send, on_typing, screen_keyboard
        self.scope = CHAT_SCOPES[0]
        self.field = FieldText(max_len=MAX_CHAT, hangul=lang == "ko")
        self.frame = DirectFrame(parent=base.a2dBottomRight, frameColor=style.card() or BACKING,
                                 frameSize=(-WIDTH - 0.04, 0.0, 0.0, 0.26 + LINES * self.line), pos=(-0.02, 0, 0.02))
        self.log = self._text(0.26, (*style.rgb(theme.TEXT[:3]), 1.0), scale=SCALE * style.size)
        self.input = self._text(0.16, theme.ACCENT)
        self.status = self._text(0.075, theme.TEXT_DIM, scale=0.036)  # two lines fit below the input
        self.notice = ""
        self.lines: list[str] = []
        self.keyboard: ScreenKeyboard | None = None
        self.open = False
        self._refresh_input()

    @property
    def text_focus(self) -> bool:
        return self.open

    def on_key(self, press: Press) -> bool:
        if "confirm" in press:
            self._send()
        elif "cancel" in press:
            self.stop()
        elif "chat-scope" in press:
            self._toggle_scope()
        elif "keyboard-mode" in press:
            self._toggle_hangul()
        elif "erase" in press:
            self._key("\b")
        return True

    def on_text(self, ch: str) -> bool:
        self._key(ch)
        return True

    def _text(self, z: float, fg, scale: float = SCALE) -> OnscreenText:
        return OnscreenText(parent=self.frame, font=self.font, pos=(-WIDTH, z), scale=scale, fg=fg,
                            align=TextNode.ALeft, wordwrap=WIDTH / scale, mayChange=True)

    def show_lines(self, lines: list[str]) -> None:
        self.lines = lines
        self._fit()
        self.log.setText("\n".join(lines[-LINES:]))
        # OnscreenText grows downwards from its first line: keep the newest line just above the input.
        rows = min(LINES, self.log.textNode.getNumRows())
        self.log.setPos(-WIDTH, 0.26 + (rows - 1) * self.line)

    def set_status(self, text: str) -> None:
        """A notice (refusal, block, report…) in place of the key help until the next one."""
        self.notice = text
        self._refresh_input()

    def start(self) -> None:
        """Open the input line and take the keyboard."""
        if self.open:
            return
        self.open = True
        self.on_typing(True)
        if self.keys is not None:
            self.keys.push(self)
        if self.screen_keyboard:
            self.keyboard = ScreenKeyboard(self.base.aspect2d, self.font, self._key, hangul=self.field.hangul)
        self._refresh_input()

    def stop(self) -> None:
        """Close the input (what was typed stays for next time) and give the keyboard back."""
        if not self.open:
            return
        self.open = False
        if self.keys is not None:
            self.keys.remove(self)
        if self.keyboard is not None:
            self.keyboard.destroy()
            self.keyboard = None
        self.field.commit()
        self._refresh_input()
        self.on_typing(False)

    def _key(self, ch: str) -> None:
        self.field.key(ch)
        self._refresh_input()

    def _send(self) -> None:
        self.field.commit()
        text = self.field.text
        if text.strip():
            self.on_send(text, self.scope)
            self.field.text = ""
        self.stop()

    def _toggle_scope(self) -> None:
        self.scope = CHAT_SCOPES[(CHAT_SCOPES.index(self.scope) + 1) % len(CHAT_SCOPES)]
        self._refresh_input()

    def _toggle_hangul(self) -> None:
        self.field.commit()
        self.field.hangul = not self.field.hangul
        self._refresh_input()

    def _fit(self) -> None:
        """An empty, closed chat shrinks to its status line; the log's room comes back with the first line."""
        if self.open or self.lines:
            self.frame["frameSize"] = (-WIDTH - 0.04, 0.0, 0.0, 0.26 + LINES * self.line)
            self.log.show()
        else:
            self.frame["frameSize"] = (-WIDTH - 0.04, 0.0, 0.0, 0.13)
            self.log.hide()

    def set_visible(self, visible: bool) -> None:
        """Hidden while an alert is on screen (it must not dim the alert's text and buttons)."""
        self.frame.show() if visible else self.frame.hide()

    def _refresh_input(self) -> None:
        self._fit()
        if self.open:
            scope = i18n.text(f"social.scope_{self.scope}", self.lang)
            mode = "한" if self.field.hangul else "A"
            self.input.setText(f"[{mode}] {self.field.text[-60:]}|")
            self.status.setText(i18n.text("social.chat_prompt", self.lang, scope=scope))
        else:
            self.input.setText("")
            self.status.setText(self.notice or i18n.text("social.chat_help", self.lang))

    def set_language(self, lang: str) -> None:
        self.lang = lang
        self._refresh_input()

    def destroy(self) -> None:
        self.stop()
        self.frame.destroy()
