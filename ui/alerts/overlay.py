"""The alert overlay: a full-screen takeover (위급), a large banner (긴급) or a smaller banner (안전안내).

Built under a parent NodePath handed in (normally ``aspect2d``), from a pure
:class:`game.alerts.presentation.Presentation`. It owns only its nodes; time comes in through
:meth:`AlertOverlay.update` (``dt`` seconds), which drives the attention flash and the caption pages, so the
same overlay can be stepped deterministically offscreen and measured.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from direct.gui import DirectGuiGlobals as DGG
from direct.gui.DirectButton import DirectButton
from panda3d.core import NodePath, TextNode

from game.alerts import flash
from game.alerts.captions import Page, page_at
from game.alerts.pictograms import shapes
from game.alerts.presentation import Presentation
from game.caption_style import DEFAULT as DEFAULT_CAPTIONS
from game.caption_style import CaptionStyle
from game.text import i18n
from ui.alerts.geometry import rect_node, shapes_node
from ui.alerts.theme import BADGE, BLACK, RGB, STYLES, WHITE, LevelStyle, to_linear

MARGIN = 0.05


def _same(rgb: RGB) -> RGB:
    return rgb


class AlertOverlay:
    """One alert on screen at a time; :meth:`show` replaces whatever was there."""

    def __init__(self, parent: NodePath, aspect_ratio: float, font: Any | None = None, ui_lang: str = "ko",
                 on_acknowledge: Callable[[], None] | None = None, on_replay: Callable[[], None] | None = None,
                 srgb_framebuffer: bool = False, signing_panel: bool = False,
                 caption_style: CaptionStyle = DEFAULT_CAPTIONS) -> None:
        """``signing_panel``: keep :attr:`signing_region` free for the signing avatar's picture-in-picture.
        ``caption_style``: the visitor's caption size, colour and backing (the layout keeps their place)."""
        self.caption_style = caption_style
        self.parent = parent
        self.signing_panel = signing_panel
        # (left, right, bottom, top) in aspect2d units: Panda3D's frame order, as CardMaker and DirectGUI use it
        self.signing_region: tuple[float, float, float, float] | None = None
        # Colours are specified in sRGB; an sRGB framebuffer would encode them a second time and wash them out.
        self.colour = to_linear if srgb_framebuffer else _same
        self.aspect_ratio = aspect_ratio
        self.font = font
        self.ui_lang = ui_lang
        self.on_acknowledge = on_acknowledge
        self.on_replay = on_replay
        self.root: NodePath | None = None
        self.presentation: Presentation | None = None
        self.pages: tuple[Page, ...] = ()  # the presentation's caption pages, or retimed to follow the signing
        self.elapsed = 0.0
        self.page = 0
        self.schedule: flash.Schedule = ()
        self.frame_np: NodePath | None = None
        self.caption_np: NodePath | None = None
        self.pictogram_np: NodePath | None = None
        self.buttons: list[DirectButton] = []
        self._caption: TextNode | None = None
        self._pager: TextNode | None = None
        self._style: LevelStyle | None = None

    # -- life cycle ---------------------------------------------------------------------------------------------
    def show(self, presentation: Presentation) -> None:
        """Build the overlay for ``presentation`` and restart its flash and captions from the beginning."""
        self.clear()
        self.presentation = presentation
        self.pages = presentation.pages
        self._style = style = STYLES[presentation.level]
        self.schedule = flash.flash_schedule(style.flash_hz, style.flash_count)
        self.root = self.parent.attachNewNode(f"alert-{presentation.level.id}")
        self.root.setBin("fixed", 100)
        self.root.setDepthTest(False)
        self.root.setDepthWrite(False)
        self._build(presentation, style)
        self.restart()

    def restart(self) -> None:
        """Back to the first caption page and the start of the flash (replay)."""
        self.elapsed = 0.0
        self.page = -1
        self.update(0.0)

    def retime(self, pages: tuple[Page, ...]) -> None:
        """Page by ``pages`` (the same lines, other durations: kept up until the signer has signed them) and
        restart, so captions and signing begin together."""
        assert tuple(p.lines for p in pages) == tuple(p.lines for p in self.pages), "retime keeps the lines"
        self.pages = pages
        self.restart()

    def clear(self) -> None:
        for button in self.buttons:
            button.destroy()  # DirectGUI objects also hold messenger hooks, not just nodes
        self.buttons = []
        if self.root is not None:
            self.root.removeNode()
        self.root = self.frame_np = self.caption_np = self.pictogram_np = None
        self.signing_region = None
        self._caption = self._pager = None
        self.presentation = None
        self.pages = ()

    @property
    def visible(self) -> bool:
        return self.root is not None

    # -- time ---------------------------------------------------------------------------------------------------
    def update(self, dt: float) -> None:
        """Advance by ``dt`` seconds: flash the frame per the schedule and turn caption pages (at reading speed,
        or slower to wait for the signer: :meth:`retime`)."""
        if self.presentation is None or self._style is None:
            return
        self.elapsed += dt
        if self.frame_np is not None:
            lit = flash.is_lit(self.schedule, self.elapsed)
            self.frame_np.setColor(*self.colour(self._style.flash_lit if lit else self._style.flash_dim), 1.0)
        page = page_at(self.pages, self.elapsed)
        if page != self.page and self._caption is not None and self.pages:
            self.page = page
            self._caption.setText("\n".join(self.pages[page].lines))
            if self._pager is not None:
                self._pager.setText(i18n.text("alerts.page", self.ui_lang, page=page + 1, pages=len(self.pages)))

    def caption_lines(self) -> tuple[str, ...]:
        if not self.pages:
            return ()
        return self.pages[max(self.page, 0)].lines

    # -- building -----------------------------------------------------------------------------------------------
    def _text(self, text: str, color: tuple[float, float, float], scale: float, pos: tuple[float, float],
              align: int = TextNode.ALeft, name: str = "text") -> tuple[NodePath, TextNode]:
        node = TextNode(name)
        if self.font is not None:
            node.setFont(self.font)
        node.setText(text)
        node.setTextColor(*self.colour(color), 1.0)
        node.setAlign(align)
        assert self.root is not None
        np_ = self.root.attachNewNode(node)
        np_.setScale(scale)
        np_.setPos(pos[0], 0, pos[1])
        return np_, node

    def _text_width(self, text: str) -> float:
        """Width of ``text`` at scale 1 in this overlay's font."""
        probe = TextNode("probe")
        if self.font is not None:
            probe.setFont(self.font)
        return probe.calcWidth(text)

    def _fit_scale(self, lines: list[str], width: float, max_scale: float) -> float:
        """The largest scale ≤ ``max_scale`` at which every line fits ``width`` (one size for all caption pages)."""
        widest = max((self._text_width(line) for line in lines), default=0.0)
        return min(max_scale, width / widest) if widest > 0 else max_scale

    def _line(self, text: str, color: RGB, max_scale: float, pos: tuple[float, float], width: float,
              align: int = TextNode.ALeft, name: str = "text") -> tuple[NodePath, TextNode]:
        """One line of text, shrunk if needed so long English names never run off the panel."""
        return self._text(text, color, self._fit_scale([text], width, max_scale), pos, align, name)

    def _build(self, p: Presentation, s: LevelStyle) -> None:
        left, right = -self.aspect_ratio, self.aspect_ratio
        inner_left, inner_right = left + s.border + MARGIN, right - s.border - MARGIN
        head_bottom = self._chrome(p, s, left, right)
        body_top, body_bottom = head_bottom - MARGIN, s.bottom + s.border + MARGIN
        button_h = 0.12 if s.captions_below else 0.1
        buttons_left = self._buttons(inner_right, body_bottom, button_h)
        # Pictogram with its name under it (a text alternative for the drawing).
        label_scale = 0.055 if s.captions_below else 0.045
        if s.captions_below:
            size = min(0.8, (body_top - body_bottom) * 0.45)
            pic_cx = inner_left + size / 2 + 0.1
        else:
            size = min(0.7, body_top - body_bottom - label_scale * 1.4)
            pic_cx = inner_left + size / 2
        picto = shapes_node(shapes(p.pictogram), f"pictogram-{p.pictogram}", self.colour)
        picto.reparentTo(self.root)
        picto.setScale(size / 2)
        picto.setPos(pic_cx, 0, body_top - size / 2)
        self.pictogram_np = picto
        self._line(i18n.text(f"alerts.pictogram_{p.pictogram}", self.ui_lang), s.text, label_scale,
                   (pic_cx, body_top - size - label_scale * 1.1), size + 0.1, TextNode.ACenter, "pictogram-label")
        sender = i18n.text("alerts.sender", self.ui_lang, sender=p.sender_name)
        # Captions: full width under the pictogram in the takeover, beside it in banners.
        if s.captions_below:
            cap_left, cap_top = inner_left, body_top - size - label_scale * 2.2
            ev_left, ev_z = pic_cx + size / 2 + 0.15, body_top - size * 0.4
            ev_right = inner_right
            if self.signing_panel:  # 4:3 picture-in-picture beside the event name, above the captions
                height = body_top - cap_top
                ev_right = inner_right - height * 4 / 3 - MARGIN
                self.signing_region = (inner_right - height * 4 / 3, inner_right, cap_top, body_top)
            self._line(p.event, s.text, 0.16, (ev_left, ev_z), ev_right - ev_left, name="event")
            self._line(sender, s.text, 0.06, (ev_left, ev_z - 0.13), ev_right - ev_left, name="sender")
            if p.drill is not None:
                self._line(i18n.text("alerts.drill_notice", self.ui_lang), BADGE, 0.07, (ev_left, ev_z + 0.2),
                           ev_right - ev_left, name="drill-notice")
        else:
            cap_left, cap_top = pic_cx + size / 2 + MARGIN * 2, body_top
            if self.signing_panel:  # under the banner, bottom-right over the world, clear of the captions
                height = min(0.75, s.bottom + 1.0 - 2 * MARGIN)
                self.signing_region = (right - MARGIN - height * 4 / 3, right - MARGIN, s.bottom - MARGIN - height,
                                       s.bottom - MARGIN)
            self._line(sender, s.text, 0.045, (cap_left, body_bottom + 0.02), buttons_left - MARGIN - cap_left,
                       name="sender")
        all_lines = [line for page in p.pages for line in page.lines]
        style = self.caption_style
        scale = self._fit_scale(all_lines, inner_right - cap_left, s.max_caption_scale * style.size)
        self.caption_np, self._caption = self._text("", style.rgb(s.text), scale, (cap_left, cap_top - scale * 0.85),
                                                    name="caption")
        card = style.card()
        if card is not None:
            self._caption.setCardColor(*self.colour(card[:3]), card[3])
            self._caption.setCardAsMargin(0.2, 0.2, 0.15, 0.1)
        if len(p.pages) > 1:
            _, self._pager = self._text("", s.text, 0.045, (inner_right, body_bottom + button_h + 0.03),
                                        TextNode.ARight, name="pager")

    def _chrome(self, p: Presentation, s: LevelStyle, left: float, right: float) -> float:
        """Panel, the frame (the only part that flashes), the header with the level name and any drill badge;
        returns the bottom of the header."""
        assert self.root is not None
        self.root.attachNewNode(rect_node(left, s.bottom, right, s.top, s.background, "panel", self.colour).node())
        frame = self.root.attachNewNode("frame")
        b = s.border
        for i, (x0, z0, x1, z1) in enumerate(((left, s.bottom, right, s.bottom + b), (left, s.top - b, right, s.top),
                                              (left, s.bottom, left + b, s.top), (right - b, s.bottom, right, s.top))):
            rect_node(x0, z0, x1, z1, WHITE, f"frame{i}").reparentTo(frame)  # coloured per frame by update()
        self.frame_np = frame
        head_top, head_bottom = s.top - b, s.top - b - s.header_height
        rect_node(left + b, head_bottom, right - b, head_top, s.header, "header", self.colour).reparentTo(self.root)
        title_scale = s.header_height * 0.55
        title_z = head_bottom + (s.header_height - title_scale * 0.7) / 2
        title = i18n.text(f"alerts.level_{p.level.id}", self.ui_lang)
        title_right = right - b - MARGIN
        if p.drill is not None:
            if not s.captions_below:  # banners have no room for a notice line: the header carries it
                title = f"{title} · {i18n.text('alerts.drill_notice', self.ui_lang)}"
            badge = i18n.text(f"alerts.badge_{p.drill.lower()}", self.ui_lang)
            bw = title_scale * 0.9 * self._text_width(badge) + 2 * MARGIN
            x0, z0, x1, z1 = title_right - bw, head_bottom + 0.02, title_right, head_top - 0.02
            rect_node(x0 - 0.012, z0 - 0.012, x1 + 0.012, z1 + 0.012, BLACK, "badge-rim").reparentTo(self.root)
            rect_node(x0, z0, x1, z1, BADGE, "badge", self.colour).reparentTo(self.root)
            self._text(badge, BLACK, title_scale * 0.9, (x1 - bw / 2, title_z), TextNode.ACenter, name="badge-text")
            title_right = x0 - MARGIN
        self._line(title, s.header_text, title_scale, (left + b + MARGIN, title_z), title_right - left - b - MARGIN,
                   name="level")
        return head_bottom

    def _buttons(self, right: float, bottom: float, height: float) -> float:
        """Acknowledge and replay, right-aligned on the bottom row, clickable here and bound to keys and gamepad
        by the controller; returns the left edge of the row."""
        scale = height * 0.55
        x = right
        for key, command in (("alerts.acknowledge", self.on_acknowledge), ("alerts.replay", self.on_replay)):
            label = i18n.text(key, self.ui_lang)
            button = DirectButton(parent=self.root, text=label, text_font=self.font, text_fg=(*BLACK, 1),
                                  frameColor=(*WHITE, 1), relief=DGG.FLAT, pad=(0.4, 0.25), scale=scale,
                                  text_align=TextNode.ACenter, command=command or (lambda: None))
            width = button.getWidth() * scale
            button.setPos(x - width / 2, 0, bottom + height * 0.3)
            self.buttons.append(button)
            x -= width + MARGIN
        return x + MARGIN
