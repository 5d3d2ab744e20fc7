"""The picture-in-picture signing panel: the avatar rendered offscreen onto a card under a parent you give.

The avatar lives in its own small scene (own camera, own lights, own clear colour) drawn into a texture
buffer of the host window, so it never depends on the world's lighting, post-processing or camera, and the
same card can sit on the desktop overlay, a kiosk layout or an XR head-locked quad. It implements the alert
presentation's ``Signing`` hook: :meth:`glosses_for`, :meth:`play`, :meth:`timing` and :meth:`seek` (the alert
controller poses it on the captions' clock); other callers advance it with :meth:`update`.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from panda3d.core import (
    AmbientLight,
    Camera,
    CardMaker,
    DirectionalLight,
    GraphicsOutput,
    NodePath,
    PerspectiveLens,
    TextFont,
    TextNode,
)

from game.alerts.hooks import GlossSpan, SignedSegment
from game.signing import fingerspell, lexicon, templates
from game.signing.lexicon import Lexicon
from game.signing.timeline import Span, Timeline, caption_spans, compile_glosses
from ui.i18n import text
from ui.signing.avatar import Avatar

BACKGROUND = (0.86, 0.89, 0.93, 1.0)
#: Camera framing the upper body and signing space (avatar frame: metres, facing -Y).
CAMERA_POS = (0.0, -1.75, 1.48)
LOOK_AT = (0.0, 0.0, 1.45)
FOV_DEGREES = 29.0
#: Frames the buffer keeps rendering after a pose change (the card then holds the last picture).
REDRAW_FRAMES = 2


class SigningPanel:
    """A signing avatar in a picture-in-picture card.

    ``host`` is the window (or buffer) whose graphics context renders the panel; ``parent`` is where the card
    goes (``aspect2d``, a DirectFrame, an XR quad); ``frame`` is the card's (left, right, bottom, top) in the
    parent's coordinates. ``font`` (a Hangul-capable font) enables the title and the current-gloss caption.
    """

    def __init__(self, host: GraphicsOutput, parent: NodePath, *, size: tuple[int, int] = (320, 240),
                 frame: tuple[float, float, float, float] = (-0.4, 0.4, -0.3, 0.3), lang: str = "ko",
                 font: TextFont | None = None, lex: Lexicon | None = None, place: str = templates.DEFAULT_PLACE,
                 speed: float = 1.0) -> None:
        self.lexicon = lex or lexicon.load()
        self.alphabet = fingerspell.load(self.lexicon)
        self.templates = templates.load(self.lexicon)
        self.lang, self.place, self.speed = lang, place, speed
        self.timeline: Timeline | None = None
        self.time = 0.0
        self._visible = True
        self._render_frames = REDRAW_FRAMES  # draw the rest pose once

        width, height = size
        self.buffer = host.make_texture_buffer("ksl-panel", width, height)
        self.buffer.set_sort(-20)
        self.buffer.set_clear_color_active(True)
        self.buffer.set_clear_color(BACKGROUND)
        self.scene = NodePath("ksl-scene")
        lens = PerspectiveLens()
        lens.set_fov(FOV_DEGREES * width / height, FOV_DEGREES)
        lens.set_near_far(0.1, 10.0)
        self.camera = self.scene.attach_new_node(Camera("ksl-camera", lens))
        self.camera.set_pos(*CAMERA_POS)
        self.camera.look_at(*LOOK_AT)
        region = self.buffer.make_display_region()
        region.set_camera(self.camera)
        ambient = self.scene.attach_new_node(AmbientLight("ksl-ambient"))
        ambient.node().set_color((0.42, 0.42, 0.45, 1.0))
        key = self.scene.attach_new_node(DirectionalLight("ksl-key"))
        key.node().set_color((0.75, 0.73, 0.70, 1.0))
        key.set_hpr(-25.0, -30.0, 0.0)
        self.scene.set_light(ambient)
        self.scene.set_light(key)
        self.avatar = Avatar(self.scene.attach_new_node("ksl-avatar"))

        self.card = parent.attach_new_node("ksl-card")
        # Drawn after the alert overlay (fixed bin, order 100) whatever bin the parent imposes: in XR the head
        # panel puts everything in one fixed bin, where the overlay's black backing would otherwise cover it.
        self.card.set_bin("fixed", 200)
        self.caption: NodePath | None = None
        if font is not None:
            label = TextNode("ksl-caption")
            label.set_font(font)
            label.set_align(TextNode.A_center)
            label.set_text_color(0.05, 0.05, 0.08, 1.0)
            label.set_card_color(1.0, 1.0, 1.0, 0.9)
            label.set_card_as_margin(0.3, 0.3, 0.15, 0.1)
            label.set_text(text("signing.title", lang))
            self.caption = NodePath(label)
        self.set_frame(frame)

    def set_frame(self, frame: tuple[float, float, float, float]) -> None:
        """Move the card to (left, right, bottom, top) in the parent's coordinates, e.g. the alert overlay's
        ``signing_region``; keep the region's aspect near the buffer's so the avatar is not stretched."""
        for child in self.card.get_children():
            child.detach_node()
        card = CardMaker("ksl-card-geom")
        card.set_frame(*frame)
        card.set_uv_range(self.buffer.get_texture())  # the texture may be padded to a power of two
        self.card.attach_new_node(card.generate()).set_texture(self.buffer.get_texture())
        if self.caption is not None:
            left, right, bottom, top = frame
            height = (top - bottom) * 0.075
            self.caption.reparent_to(self.card)
            self.caption.set_scale(height)
            self.caption.set_pos((left + right) / 2, -0.01, bottom + height * 0.6)

    # -- the Signing hook --------------------------------------------------------------------------------------
    def glosses_for(self, category: str, lang: str) -> Sequence[str]:
        """The template's glosses for an alert pictogram id; KSL is signed the same for ``ko`` and ``en`` alerts
        (``lang`` only matters to templates quoting text, which ours do not), so it is accepted and unused."""
        template = self.templates.get(category, self.templates["general"])
        return template.glosses_for(self.lexicon, self.place)

    def play(self, glosses: Sequence[str]) -> None:
        """Start signing ``glosses`` from the beginning (replacing whatever was being signed)."""
        self.timeline = compile_glosses(list(glosses), self.lexicon, self.alphabet, self.speed)
        self.time = 0.0
        self._show(0.0)

    def timing(self, lang: str) -> tuple[tuple[GlossSpan, ...], float]:
        """The glosses of the last :meth:`play` with their spans and words in ``lang``, and the whole signing's
        duration: the alert captions are paged by these."""
        if self.timeline is None:
            return (), 0.0
        return caption_spans(self.timeline, self.lexicon, lang), self.timeline.duration

    def segments(self) -> tuple[SignedSegment, ...]:
        return tuple(SignedSegment(s.gloss, "avatar", s.start, s.end) for s in self.spans)

    def placeholders(self) -> tuple[str, ...]:
        signs = self.lexicon.signs
        return tuple(s.gloss for s in self.spans if s.kind == "sign" and signs[s.gloss].placeholder)

    def seek(self, t: float) -> None:
        """Pose the avatar ``t`` seconds into the signing (clamped to it), for a caller keeping its own clock.

        Idle costs nothing: while the pose does not change (the end, or a hold between caption pages), the
        panel's buffer stops rendering after the pose has been drawn and the card keeps showing that picture.
        """
        if self.timeline is not None:
            t = min(max(t, 0.0), self.timeline.duration)
            if t != self.time:
                self.time = t
                self._show(t)
                return
        if self._render_frames > 0:
            self._render_frames -= 1
            if self._render_frames == 0:
                self.buffer.set_active(False)

    def update(self, dt: float) -> None:
        """Advance by ``dt`` seconds of the app clock and pose the avatar (see :meth:`seek`)."""
        self.seek(self.time + dt)

    # -- state -------------------------------------------------------------------------------------------------
    @property
    def playing(self) -> bool:
        return self.timeline is not None and self.time < self.timeline.duration

    @property
    def spans(self) -> tuple[Span, ...]:
        """Each gloss's (start, end) in seconds from :meth:`play`, for caption sync (kept after the end)."""
        return self.timeline.spans if self.timeline is not None else ()

    def warm_up(self) -> Iterator[str]:
        """Solve every template's signs once so an alert's first :meth:`play` does not stall a frame (~2 s in all).

        A generator, one sign per step (≤ 0.15 s each, cold; a whole template can take 0.6 s): a sign's arm poses
        do not depend on its neighbours, so solving each alone fills the same solver cache the template would.
        Step it from a task between frames, or drain it with ``for _ in panel.warm_up(): pass``. Yields the gloss
        just solved.
        """
        solved: set[str] = set()
        for category in self.templates:
            for gloss in self.glosses_for(category, self.lang):
                if gloss in solved or gloss.startswith("["):  # an expression marker has no sign of its own
                    continue
                solved.add(gloss)
                compile_glosses([gloss], self.lexicon, self.alphabet, self.speed)
                yield gloss

    def set_visible(self, visible: bool) -> None:
        """Show or hide the card; a hidden panel never renders its buffer."""
        self._visible = visible
        if visible:
            self.card.show()
            self._redraw()
        else:
            self.card.hide()
            self.buffer.set_active(False)

    def destroy(self) -> None:
        self.card.remove_node()
        self.scene.remove_node()
        engine = self.buffer.get_engine()
        engine.remove_window(self.buffer)

    def _redraw(self) -> None:
        """Render the buffer for the next few frames, so the card catches up with a pose change."""
        self._render_frames = REDRAW_FRAMES
        self.buffer.set_active(self._visible)

    def _show(self, t: float) -> None:
        assert self.timeline is not None
        self._redraw()
        self.avatar.apply(self.timeline.sample(t))
        if self.caption is not None:
            self.caption.node().set_text(self._label(self.timeline.span_at(t)))

    def _label(self, span) -> str:
        """The caption under the signer: the gloss (KSL glosses are Korean words) or, in English, its meaning."""
        if span is None:
            return text("signing.title", self.lang)
        sign = self.lexicon.signs.get(span.gloss) if span.kind == "sign" else None
        if self.lang != "ko" and sign is not None:
            return sign.meaning["en"].split(",")[0].strip()
        return span.gloss.removeprefix("#")

    def set_language(self, lang: str) -> None:
        """The app's language changed: the caption follows from the next frame (the title at once)."""
        self.lang = lang
        if self.caption is not None and self.timeline is None:
            self.caption.node().set_text(text("signing.title", lang))
