"""Seoul Citizens' University scene: the lecture's current slide on the projection screen (a drawn background,
its heading) with the narration as a caption beneath, and the course board on the side wall.

:meth:`CitizensUniversity.show_slide` is what a playing lecture (:mod:`game.spaces.lecture`) calls each time
the slide changes."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from direct.task import Task
from panda3d.core import NodePath, TextNode

from game import tasks
from game.interiors import citizens_university
from game.scenes.room import Placement, RoomScene
from game.spaces import cards, catalogue, drawing, hands, pdf_pages
from game.spaces.lecture import LecturePlayer
from game.text import i18n

SCENE_ID = "citizens-university"
PLACEMENT = Placement(x=20.0, z=17.5)
PDF_SIZE = (512, 288)


@dataclass
class CitizensUniversity(RoomScene):
    data: catalogue.CitizensUniversity | None = None
    slide_index: int = -1
    player: LecturePlayer | None = None
    hand_names: list[str] = field(default_factory=list)
    pages: list = field(default_factory=list)  # the PDF's pages as pictures, when the lecture has one
    watchers: list[Callable[[int], None]] = field(default_factory=list)  # each slide as it begins (signing)

    def furnish(self) -> None:
        lang = self.app.config.language
        w, h = citizens_university.SCREEN
        x, y, z = self.anchor("screen")
        slides = self.data.lecture.slides
        # A lecture given as a PDF shows its pages (sharper: twice the drawn backgrounds' size); else drawn slides.
        self.pages = pdf_pages.pages(self.data.lecture.pdf, PDF_SIZE, 0, len(slides)) if self.data.lecture.pdf \
            else []
        self.screen = cards.card(self.room, self._picture(0), w - 0.1, h - 0.1, "slide")
        self.screen.setPos(x, y, z - h / 2 + 0.05)  # a card faces -Y, as the room's front wall does
        self.text = self.room.attachNewNode("slide-text")
        x, y, z = self.anchor("course_board")
        self.sign(f"{i18n.text('spaces.uni_title', lang)} · {i18n.text('spaces.courses', lang)}", (x, y, z), "+x",
                  0.14, color=(1.0, 0.85, 0.45, 1), name="course-title")
        for k, course in enumerate(self.data.courses):
            self.sign(i18n.text("spaces.course_line", lang, title=course.title[lang], weeks=course.weeks),
                      (x, y + 2.0, z - 0.4 - k * 0.3), "+x", 0.11, color=(0.95, 0.95, 0.95, 1),
                      align=TextNode.ALeft, name=f"course-{k}")
        self.hands = self.room.attachNewNode("hands")
        self.show_hands([])
        self.show_slide(0)

    def show_hands(self, names: list[str]) -> None:
        """The lecture's raised hands in the order they went up, on the front wall beside the screen, where the
        lecturer (and everyone) reads who asks next; the list empties as hands are lowered or taken."""
        self.hand_names = list(names)
        x, y, z = self.anchor("screen")
        hands.show_hands(self, self.hands, self.hand_names, (x - 7.6, y, z + 1.2), "-y", (0.1, 0.1, 0.12, 1))

    def relabel(self, lang: str) -> None:
        self.show_hands(self.hand_names)

    def _picture(self, index: int):
        """Slide ``index``'s picture: the PDF's page, or the drawn background."""
        if self.pages:
            return self.pages[index]
        slides = self.data.lecture.slides
        return drawing.slide(slides[index].color, index, len(slides))

    def show_slide(self, index: int) -> None:
        """Slide ``index``: background, heading and its narration as the caption, in the visitor's language."""
        lang = self.app.config.language
        slides = self.data.lecture.slides
        slide = slides[index]
        cards.replace(self.screen, self._picture(index))
        self.slide_index = index
        self.text.node().removeAllChildren()
        x, y, z = self.anchor("screen")
        _, h = citizens_university.SCREEN
        parts: list[NodePath] = [
            self.sign(self.data.lecture.title[lang], (x, y - 0.02, z + h / 2 - 0.45), "-y", 0.17,
                      color=(0.1, 0.1, 0.12, 1), name="lecture-title"),
        ]
        if not self.pages:  # a PDF page carries its own heading
            parts.append(self.sign(slide.heading[lang], (x, y - 0.02, z - 0.1), "-y", 0.36, color=(1, 1, 1, 1),
                                   name="slide-heading"))
        cx, cy, cz = self.anchor("caption")
        parts.append(self.sign(slide.narration[lang], (cx, cy, cz), "-y", 0.13, color=(1.0, 0.95, 0.6, 1),
                               width=6.6, name="caption"))
        for node in parts:
            node.reparentTo(self.text)


    def play(self, on_slide: Callable[[int], None], on_end: Callable[[int], None]) -> None:
        """Play the lecture from its first slide: each slide as its time comes (the frame's ``dt``), ``on_slide``
        for each (captions, narration), ``on_end(seen)`` once the last has had its time."""
        self.stop()
        self.player = LecturePlayer(self.data.lecture)
        self._on_slide, self._on_end = on_slide, on_end
        self._begin([0])
        self.app.base.taskMgr.add(self._tick, "lecture", sort=tasks.WORLD)

    def skip(self) -> None:
        """The next slide now (the visitor read ahead, or is re-watching)."""
        if self.player is not None:
            self._begin(self.player.skip())
            self._finish_if_done()

    def stop(self) -> None:
        self.app.base.taskMgr.remove("lecture")
        self.player = None

    def _begin(self, indices: list[int]) -> None:
        for k in indices:
            self.show_slide(k)
            self._on_slide(k)
            for watcher in self.watchers:
                watcher(k)

    def _finish_if_done(self) -> None:
        if self.player is not None and self.player.finished:
            seen = self.player.seen
            self.stop()
            self._on_end(seen)

    def _tick(self, task):
        self._begin(self.player.advance(self.app.base.clock.getDt()))
        self._finish_if_done()
        return Task.cont

    def release(self) -> None:
        self.stop()
        super().release()


def create(app) -> CitizensUniversity:
    return CitizensUniversity(app, citizens_university.build(), PLACEMENT, SCENE_ID,
                              data=catalogue.load_citizens_university())
