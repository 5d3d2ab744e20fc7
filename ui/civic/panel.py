"""One accessible panel type for every civic screen: fields and buttons in a column, driven by keyboard, mouse,
touch or a pointer, with the on-screen keyboard, a voice guide, text size 100–200 % and a Korean/English switch.

Keys (named actions of :mod:`game.input.keymap`, delivered by the input stack while the panel is on top): Tab /
arrows move the focus, Enter activates (in a field it closes the syllable and moves on), typed characters go to
the focused field, Backspace deletes by jamo, F2 switches Hangul/Latin key mapping, F3 the interface language, F4
the voice guide, Page Up/Down the text size, Esc closes. A focused field takes every typing key, so nothing
below the panel walks or opens a menu while the visitor writes.
A field keeps its text until an action succeeds, so a refused form never loses what the visitor wrote. The
on-screen keyboard shows while a field has the focus (a click, touch or pointer on a field brings it up).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from direct.gui.DirectGui import DGG, DirectButton, DirectFrame, OnscreenText
from panda3d.core import TextNode

from game.caption_style import DEFAULT as CAPTION_DEFAULT
from game.caption_style import CaptionStyle
from game.input.stack import ModalStack, Press, dispatch
from game.text import i18n
from ui import theme
from ui.civic.field import FieldText
from ui.keyboard import ScreenKeyboard

Speak = Callable[[str, str], None]  # (text, lang)
SIZES = (1.0, 1.25, 1.5, 1.75, 2.0)
ROW = 0.075  # height of one row
OUTPUT_SCALE = 0.042  # the result line's text size (a caption's: times the caption style's size)
OUT_LINE = 0.042 * 1.2  # one line of results
CHROME = 0.3  # title, gaps and the help line
# The panel sits low on the left, its bottom on the screen's (or on the on-screen keyboard's top while that shows),
# as tall as what it says: room walls (the reservations calendar, the exhibition's wall text) stay in view above.
BOTTOM, ABOVE_KEYBOARD, TOP = -0.97, -0.56, 0.95


@dataclass
class Item:
    """A focusable row: a text field (``field`` set) or a button (``action`` set); ``label`` gives its words."""

    label: Callable[[str], str]
    action: Callable[[], None] | None = None
    field: FieldText | None = None
    widget: DirectButton | None = None

    def spoken(self, lang: str) -> str:
        if self.field is not None:
            return f"{self.label(lang)}: {self.field.text}"
        return self.label(lang)


@dataclass
class PanelState:
    lang: str
    focus: int = 0
    size: int = 0  # index into SIZES
    voice: bool = False
    message: str = ""
    extra: dict = field(default_factory=dict)


class Panel:
    modal = True

    def __init__(self, base, font, lang: str, title_key: str, items: list[Item], speak: Speak | None = None,
                 on_close: Callable[[], None] | None = None, keyboard: bool = True, keys: ModalStack | None = None):
        """``keys``: the input stack the panel joins on top while it is open."""
        self.keys = keys
        #: Set by the app (``Language.set``) so F3 switches the whole app, not just this panel.
        self.on_language: Callable[[str], None] | None = None
        self.base, self.font, self.items, self.speak, self.on_close = base, font, items, speak, on_close
        self.title_key = title_key
        self.state = PanelState(lang)
        height = CHROME + len(items) * ROW
        # The origin is the top edge, so the title stays where it is when results make the panel taller.
        self.frame = DirectFrame(parent=base.aspect2d, frameColor=theme.PANEL_BG, frameSize=(-0.95, 0.95, -height, 0),
                                 pos=(-0.78, 0, TOP))  # left, leaving the room in view on a 16:9 screen
        self.title = OnscreenText(parent=self.frame, font=font, pos=(-0.9, -0.09), scale=0.06, fg=theme.ACCENT,
                                  align=TextNode.ALeft, mayChange=True)
        for k, item in enumerate(items):
            item.widget = DirectButton(parent=self.frame, text="", text_font=font, text_align=TextNode.ALeft,
                                       scale=0.045, pos=(-0.9, 0, -0.19 - k * ROW), relief=DGG.FLAT,
                                       frameSize=(-0.3, 39.5, -0.45, 1.05), command=self._click, extraArgs=[k])
        self.caption_style: CaptionStyle | None = None
        self.output = OnscreenText(parent=self.frame, font=font, pos=(-0.9, -0.24 - len(items) * ROW),
                                   scale=OUTPUT_SCALE,
                                   fg=theme.TEXT, align=TextNode.ALeft, wordwrap=42, mayChange=True)
        self.help = OnscreenText(parent=self.frame, font=font, pos=(-0.9, -height + 0.06), scale=0.032,
                                 fg=theme.TEXT_DIM, align=TextNode.ALeft, wordwrap=58, mayChange=True)
        self.keyboard = ScreenKeyboard(base.aspect2d, font, self.type) if keyboard else None
        self.refresh()
        if keys is not None:
            keys.push(self)

    # -- input -------------------------------------------------------------------------------------------------
    @property
    def text_focus(self) -> bool:
        return self.frame is not None and self.current.field is not None

    def on_key(self, press: Press) -> bool:
        steps = {"next": 1, "down": 1, "previous": -1, "up": -1}
        actions = {"confirm": self.activate, "keyboard-mode": self.toggle_hangul,
                   "panel-language": self.toggle_language, "voice": self.toggle_voice,
                   "bigger": lambda: self.resize(1), "smaller": lambda: self.resize(-1), "cancel": self.close,
                   "erase": lambda: self.type("\b")}
        for name, delta in steps.items():
            if name in press:
                self.move(delta)
                return True
        return dispatch(press, actions)

    def on_text(self, ch: str) -> bool:
        self.type(ch)
        return True

    def _click(self, index: int) -> None:
        self.focus(index)
        self.activate()

    @property
    def current(self) -> Item:
        return self.items[self.state.focus]

    def type(self, ch: str) -> None:
        """A character from either keyboard into the focused field (buttons ignore typing)."""
        if self.current.field is not None:
            self.current.field.key(ch)
            self.refresh()

    def move(self, delta: int) -> None:
        self.focus((self.state.focus + delta) % len(self.items))

    def focus(self, index: int) -> None:
        if self.current.field is not None:
            self.current.field.commit()
        self.state.focus = index
        self.refresh()
        self.say(self.current.spoken(self.state.lang))

    def activate(self) -> None:
        item = self.current
        if item.field is not None:
            item.field.commit()
            self.move(1)
        elif item.action is not None:
            item.action()
            self.refresh()

    def toggle_hangul(self) -> None:
        for item in self.items:
            if item.field is not None:
                item.field.hangul = not item.field.hangul
                item.field.commit()
        if self.keyboard is not None:
            self.keyboard.toggle_mode()
        hangul = next((i.field.hangul for i in self.items if i.field is not None), True)
        self.show(i18n.text("civic.keyboard_mode_ko" if hangul else "civic.keyboard_mode_en", self.state.lang))

    def toggle_language(self) -> None:
        lang = "en" if self.state.lang == "ko" else "ko"
        if self.on_language is not None:
            self.on_language(lang)  # the app's one setting: it calls set_language back, with every other view
        else:
            self.set_language(lang)

    def set_language(self, lang: str) -> None:
        self.state.lang = lang
        self.refresh()

    def toggle_voice(self) -> None:
        self.state.voice = not self.state.voice
        if self.state.voice:
            self.say(i18n.text("civic.voice_on", self.state.lang), force=True)

    def resize(self, delta: int) -> None:
        self.state.size = min(max(self.state.size + delta, 0), len(SIZES) - 1)
        self.refresh()
        self.show(i18n.text("civic.text_size", self.state.lang, percent=int(SIZES[self.state.size] * 100)))

    def close(self) -> None:
        self.destroy()
        if self.on_close is not None:
            self.on_close()

    # -- output ------------------------------------------------------------------------------------------------
    def say(self, text: str, force: bool = False) -> None:
        if (self.state.voice or force) and self.speak is not None and text:
            self.speak(text, self.state.lang)

    def show(self, message: str, speak: bool = True, style: CaptionStyle | None = None) -> None:
        """Put a result or a problem under the fields (and speak it in voice-guide mode); with ``style`` the line is
        a caption of what is heard (the audio guide) and takes the visitor's caption style."""
        self.state.message = message
        self.caption_style = style
        self.refresh()
        if speak:
            self.say(message)

    def refresh(self) -> None:
        if self.frame is None:  # a reply arrived after the visitor closed the panel
            return
        lang = self.state.lang
        s = SIZES[self.state.size]
        self.frame.setScale(s)
        self.title.setText(i18n.text(self.title_key, lang))
        for k, item in enumerate(self.items):
            on = k == self.state.focus
            text = item.label(lang)
            if item.field is not None:
                shown = item.field.text[-40:] + ("_" if on else "")
                text = f"{text}: {shown}"
            item.widget["text"] = text
            item.widget["frameColor"] = theme.HIGHLIGHT_BG if on else (0.18, 0.2, 0.24, 1)
            item.widget["text_fg"] = theme.HIGHLIGHT_TEXT if on else theme.TEXT
        self.output.setText(self.state.message)
        style = self.caption_style or CAPTION_DEFAULT  # a caption in the visitor's style; other lines as they are
        self.output["fg"] = (*style.rgb(theme.TEXT[:3]), 1.0)
        self.output["bg"] = style.card() or (0, 0, 0, 0)
        self.output.setScale(OUTPUT_SCALE * style.size)
        self.help.setText(i18n.text("civic.help", lang))
        typing = self.keyboard is not None and self.current.field is not None
        if self.keyboard is not None:  # only a field takes typing; on a button, results get the room it covers
            self.keyboard.frame.show() if typing else self.keyboard.frame.hide()
        self._fit(s, typing)

    def _fit(self, scale: float, typing: bool) -> None:
        """As tall as the rows and the results need; bottom on the screen's edge or on the keyboard's top."""
        rows = self.output.textNode.getNumRows() if self.state.message else 0
        height = CHROME + len(self.items) * ROW + rows * OUT_LINE
        self.frame["frameSize"] = (-0.95, 0.95, -height, 0)
        self.help.setPos(-0.9, -height + 0.06)
        bottom = ABOVE_KEYBOARD if typing else BOTTOM
        self.frame.setPos(-0.78, 0, min(TOP, bottom + height * scale))

    def destroy(self) -> None:
        if self.keys is not None:
            self.keys.remove(self)
        if self.keyboard is not None:
            self.keyboard.destroy()
            self.keyboard = None
        if self.frame is not None:
            self.frame.destroy()
            self.frame = None
