"""The picture-in-picture signing panel: recorded interpreter clips first, the avatar for what has none.

Recorded human interpreters come first (W3C XAUR: avatars must not replace them): every gloss or template with a
clip in the clips folder (:mod:`game.signing.clips`) is played from its video (a Panda3D movie texture posed on
the panel's clock), and only the rest is signed by the avatar. A label over the picture always says which the
viewer sees — "수어 통역 NAME" / "interpreter NAME", or "아바타 수어" / "avatar signing", in the app's one
language — and the line under it shows the clip's own captions (or the avatar's current gloss) in step.

The avatar lives in its own small scene (own camera, own lights, own clear colour) drawn into a texture
buffer of the host window, so it never depends on the world's lighting, post-processing or camera, and the
same card can sit on the desktop overlay, a kiosk layout or an XR head-locked quad. It implements the alert
presentation's ``Signing`` hook: :meth:`glosses_for`, :meth:`play`, :meth:`timing` and :meth:`seek` (the alert
controller poses it on the captions' clock); other callers advance it with :meth:`update`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator, Sequence
from dataclasses import replace
from pathlib import Path

from panda3d.core import (
    AmbientLight,
    Camera,
    CardMaker,
    DirectionalLight,
    Filename,
    GraphicsOutput,
    MovieTexture,
    NodePath,
    PerspectiveLens,
    TextFont,
    TextNode,
)

from game.alerts.hooks import GlossSpan, SignedSegment
from game.caption_style import DEFAULT as DEFAULT_CAPTIONS
from game.caption_style import CaptionStyle
from game.signing import clips, fingerspell, lexicon, numbers, templates
from game.signing.clips import ClipError, ClipLibrary
from game.signing.lexicon import Lexicon
from game.signing.placement import Region
from game.signing.programme import Part, Programme, plan
from game.signing.timeline import Span, Timeline, compile_glosses
from game.text.i18n import text
from ui.signing.avatar import Avatar

log = logging.getLogger("mseoul.signing")
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
    parent's coordinates. ``library`` holds the recorded interpreter clips played before the avatar is used.
    ``font`` (a Hangul-capable font) enables the title and the current-gloss caption.
    """

    def __init__(self, host: GraphicsOutput, parent: NodePath, *, size: tuple[int, int] = (320, 240),
                 frame: tuple[float, float, float, float] = (-0.4, 0.4, -0.3, 0.3), lang: str = "ko",
                 font: TextFont | None = None, lex: Lexicon | None = None, place: str = templates.DEFAULT_PLACE,
                 speed: float = 1.0, library: ClipLibrary = clips.EMPTY,
                 placement: Callable[[Region], Region] | None = None,
                 caption_style: CaptionStyle = DEFAULT_CAPTIONS) -> None:
        self.lexicon = lex or lexicon.load()
        self.alphabet = fingerspell.load(self.lexicon)
        self.templates = templates.load(self.lexicon)
        self.lang, self.place, self.speed = lang, place, speed
        self._movies: dict[Path, MovieTexture] = {}
        self.library = self._playable(library)
        self.programme: Programme | None = None
        # The category, glosses and number glosses last asked for (see :meth:`glosses_for`).
        self._template: tuple[str, tuple[str, ...], tuple[str, ...]] | None = None
        self._clip_shown: str | None = None
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
        self.picture = self.card.attach_new_node("ksl-avatar-picture")
        self.clip_picture = self.card.attach_new_node("ksl-clip-picture")
        self.caption: NodePath | None = None
        self.source_label: NodePath | None = None  # which signer the viewer sees: interpreter or avatar
        if font is not None:
            self.caption = self._label_node("ksl-caption", font, text("signing.title", lang))
            self._style_caption(caption_style)
            self.source_label = self._label_node("ksl-source", font, text("signing.avatar_label", lang))
        self.caption_style = caption_style
        self.placement = placement  # the visitor's size and corner for the panel (see game.signing.placement)
        self.frame = frame
        self.set_frame(frame)

    def _style_caption(self, style: CaptionStyle) -> None:
        """The visitor's caption colour and backing (0: the panel's own white card): a chosen colour is light, so
        it gets a dark card, at least 80 % opaque for contrast, instead of the white one."""
        assert self.caption is not None
        node = self.caption.node()
        if style.colour is not None:
            node.set_text_color(*style.rgb((0.0, 0.0, 0.0)), 1.0)
            node.set_card_color(0.0, 0.0, 0.0, max(style.background, 0.8))
        elif style.background > 0:
            node.set_card_color(1.0, 1.0, 1.0, style.background)

    @staticmethod
    def _label_node(name: str, font: TextFont, initial: str) -> NodePath:
        label = TextNode(name)
        label.set_font(font)
        label.set_align(TextNode.A_center)
        label.set_text_color(0.05, 0.05, 0.08, 1.0)
        label.set_card_color(1.0, 1.0, 1.0, 0.9)
        label.set_card_as_margin(0.3, 0.3, 0.15, 0.1)
        label.set_text(initial)
        return NodePath(label)

    def _movie(self, path: Path) -> MovieTexture:
        """A clip's video as a texture, opened once; it never runs on its own clock (:meth:`seek` poses it)."""
        movie = self._movies.get(path)
        if movie is None:
            movie = MovieTexture(f"ksl-clip-{path.stem}")
            if not movie.read(Filename.from_os_specific(str(path))):
                raise ClipError(f"{path} cannot be played (convert it with `{clips.CONVERT_HINT}`)")
            movie.stop()
            self._movies[path] = movie
        return movie

    def _playable(self, library: ClipLibrary) -> ClipLibrary:
        """``library`` without the clips Panda3D cannot open (each logged), with every duration measured."""
        kept = {}
        for clip_id, clip in library.clips.items():
            try:
                kept[clip_id] = replace(clip, duration=clip.duration or self._movie(clip.path).get_video_length())
            except ClipError as exc:
                log.error("interpreter clip %r not used: %s", clip_id, exc)
        return ClipLibrary(library.folder, kept)

    def set_frame(self, frame: tuple[float, float, float, float]) -> None:
        """Move the card to (left, right, bottom, top) in the parent's coordinates, e.g. the alert overlay's
        ``signing_region``, resized or moved by :attr:`placement`; keep the region's aspect near the buffer's so the
        avatar is not stretched."""
        if self.placement is not None:
            frame = self.placement(frame)
        self.frame = frame
        self.picture.get_children().detach()
        card = CardMaker("ksl-card-geom")
        card.set_frame(*frame)
        card.set_uv_range(self.buffer.get_texture())  # the texture may be padded to a power of two
        self.picture.attach_new_node(card.generate()).set_texture(self.buffer.get_texture())
        self._clip_shown = None  # the clip's card is rebuilt at the new size on the next pose
        left, right, bottom, top = frame
        height = (top - bottom) * 0.075
        if self.caption is not None:
            self.caption.reparent_to(self.card)
            size = height * self.caption_style.size
            self.caption.set_scale(size)
            at_top = self.caption_style.position == "top"
            self.caption.set_pos((left + right) / 2, -0.01, top - size * 1.1 if at_top else bottom + size * 0.6)
        if self.source_label is not None:
            self.source_label.reparent_to(self.card)
            self.source_label.set_scale(height * 0.85)
            at_top = self.caption is None or self.caption_style.position != "top"
            self.source_label.set_pos((left + right) / 2, -0.01,
                                      top - height * 1.1 if at_top else bottom + height * 0.6)

    # -- the Signing hook --------------------------------------------------------------------------------------
    def glosses_for(self, category: str, lang: str, text: str = "") -> Sequence[str]:
        """The template's glosses for an alert pictogram id, with the numbers of the alert ``text`` signed after
        the hazard; KSL is signed the same for ``ko`` and ``en`` alerts (``lang`` only matters to templates
        quoting text, which ours do not), so it is accepted and unused. Remembered so that :meth:`play` of these
        glosses can use the template's own recorded clip (then the avatar signs the numbers after it)."""
        template = self.templates.get(category, self.templates["general"])
        glosses = numbers.with_numbers(template.glosses_for(self.lexicon, self.place), text)
        self._template = (template.category, tuple(glosses), tuple(numbers.glosses(text)))
        return glosses

    def play(self, glosses: Sequence[str]) -> None:
        """Start signing ``glosses`` from the beginning (replacing whatever was being signed): recorded clips
        where the library has them, the avatar for the rest."""
        category, extra = None, ()
        if self._template is not None and self._template[1] == tuple(glosses):
            category, _, extra = self._template
        self.programme = plan(list(glosses), self.library, self.lexicon, self.alphabet, speed=self.speed,
                              category=category, after_template=extra)
        self.time = 0.0
        self._show(0.0)

    def timing(self, lang: str) -> tuple[tuple[GlossSpan, ...], float]:
        """The glosses (and clips) of the last :meth:`play` with their spans and words in ``lang``, and the whole
        signing's duration: the alert captions are paged by these."""
        if self.programme is None:
            return (), 0.0
        return self.programme.spans(self.lexicon, lang), self.programme.duration

    def segments(self) -> tuple[SignedSegment, ...]:
        return self.programme.segments() if self.programme is not None else ()

    def placeholders(self) -> tuple[str, ...]:
        return self.programme.placeholders(self.lexicon) if self.programme is not None else ()

    def seek(self, t: float) -> None:
        """Show the signing ``t`` seconds in (clamped to it), for a caller keeping its own clock.

        Idle costs nothing: while the avatar's pose does not change (the end, a hold between caption pages, or a
        recorded clip on screen), the avatar's buffer stops rendering and its card keeps the last picture.
        """
        if self.programme is not None:
            t = min(max(t, 0.0), self.programme.duration)
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
        return self.programme is not None and self.time < self.programme.duration

    @property
    def spans(self) -> tuple[SignedSegment, ...]:
        """Each gloss's (or clip's) (start, end) in seconds from :meth:`play`, for caption sync (kept after the
        end)."""
        return self.segments()

    @property
    def timeline(self) -> Timeline | None:
        """The avatar's timeline when the avatar signs the whole of the last :meth:`play` (the preview's case)."""
        parts = self.programme.parts if self.programme is not None else ()
        return parts[0].timeline if len(parts) == 1 else None

    @property
    def source_text(self) -> str | None:
        """The label over the picture (None without a font)."""
        return self.source_label.node().get_text() if self.source_label is not None else None

    def warm_up(self) -> Iterator[str]:
        """Solve every template's signs once so an alert's first :meth:`play` does not stall a frame (~2 s in all).

        A generator, one sign per step (≤ 0.15 s each, cold; a whole template can take 0.6 s): a sign's arm poses
        do not depend on its neighbours, so solving each alone fills the same solver cache the template would.
        Step it from a task between frames, or drain it with ``for _ in panel.warm_up(): pass``. Yields the gloss
        just solved.
        """
        solved: set[str] = set()
        for category in self.templates:
            for gloss in self.templates[category].glosses_for(self.lexicon, self.place):
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
        assert self.programme is not None
        found = self.programme.part_at(t)
        if found is None:
            return
        part, local = found
        if part.clip is not None:
            self._show_clip(part, local)
            return
        assert part.timeline is not None
        self.clip_picture.hide()
        self.picture.show()
        self._redraw()
        self.avatar.apply(part.timeline.sample(local))
        self._set_labels(self._label(part.timeline.span_at(local)), text("signing.avatar_label", self.lang))

    def _show_clip(self, part: Part, local: float) -> None:
        """Pose the clip's video at ``local`` seconds; its caption (if it has one there) goes under it."""
        clip = part.clip
        assert clip is not None
        movie = self._movie(clip.path)
        if self._clip_shown != clip.id:
            self.clip_picture.get_children().detach()
            card = CardMaker("ksl-clip-geom")
            card.set_frame(*self.frame)
            card.set_uv_range(movie)  # the video may be padded to a power of two
            self.clip_picture.attach_new_node(card.generate()).set_texture(movie)
            self._clip_shown = clip.id
        movie.set_time(local)
        self.picture.hide()
        self.clip_picture.show()
        self.buffer.set_active(False)
        caption = clip.caption_at(local, "ko" if self.lang == "ko" else "en") or ""
        self._set_labels(caption, text("signing.interpreter_label", self.lang, signer=clip.signer))

    def _set_labels(self, caption: str, source: str) -> None:
        if self.caption is not None:
            self.caption.node().set_text(caption)
            self.caption.set_alpha_scale(1.0 if caption else 0.0)
        if self.source_label is not None:
            self.source_label.node().set_text(source)

    def _label(self, span: Span | None) -> str:
        """The caption under the signer: the gloss (KSL glosses are Korean words) or, in English, its meaning."""
        if span is None:
            return text("signing.title", self.lang)
        sign = self.lexicon.signs.get(span.gloss) if span.kind == "sign" else None
        if self.lang != "ko" and sign is not None:
            return sign.meaning["en"].split(",")[0].strip()
        return span.gloss.removeprefix("#")

    def set_language(self, lang: str) -> None:
        """The app's language changed: the caption and the source label follow at once."""
        self.lang = lang
        if self.programme is not None:
            self._show(self.time)
            return
        if self.caption is not None:
            self.caption.node().set_text(text("signing.title", lang))
        if self.source_label is not None:
            self.source_label.node().set_text(text("signing.avatar_label", lang))
