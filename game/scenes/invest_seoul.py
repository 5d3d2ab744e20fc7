"""Invest Seoul Center scene: the lounge's FAQ board (the data file's questions), the reception sign, and the
private room's document screen showing the page the consultant and visitor look at together: an FAQ answer, or a
page of one of the centre's shared PDF documents (rendered by :mod:`game.spaces.pdf_pages`). What goes up is
told to ``watchers`` (:class:`game.spaces.shared_screen.SharedScreen` shows it to the others in the room)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from panda3d.core import TextNode

from game.interiors import invest_seoul
from game.scenes.room import Placement, RoomScene
from game.spaces import cards, catalogue, pdf_pages
from game.text import i18n

SCENE_ID = "invest-seoul"
PLACEMENT = Placement(x=0.0, z=31.0)
PAGE_SIZE = (480, 320)  # the document screen's picture: its board's 3:2 (2.4 m by 1.6 m)


@dataclass
class InvestSeoul(RoomScene):
    data: catalogue.InvestSeoul | None = None
    shown_page: tuple[int, int] | None = None  # (document, page) on the screen; None while an FAQ answer is
    _pages: dict[tuple[int, int], object] = field(default_factory=dict)  # pictures rendered so far
    #: Told of each page put up: (0, the FAQ answer's number) or (document + 1, page), as ``screen.show`` says it.
    watchers: list[Callable[[int, int], None]] = field(default_factory=list)

    def furnish(self) -> None:
        lang = self.app.config.language
        x, y, z = self.anchor("title")
        self.sign(i18n.both("spaces.invest_title"), (x, y, z), "-y", 0.16, name="invest-title")
        x, y, z = self.anchor("faq_board")
        self.sign(i18n.text("spaces.faq_board", lang), (x, y, z), "-y", 0.16, color=(1.0, 0.8, 0.25, 1),
                  name="faq-title")
        for k, entry in enumerate(self.data.faq[: invest_seoul.FAQ_ROWS]):
            self.sign(f"· {entry.question[lang]}", (x - 2.25, y, z - 0.35 - k * 0.34), "-y", 0.11,
                      color=(0.95, 0.95, 0.97, 1), align=TextNode.ALeft, name=f"faq-{k}")
        x, y, z = self.anchor("private_sign")
        self.sign(i18n.text("spaces.invest_private", lang), (x, y, z), "-x", 0.13, name="private-room")
        self.page = self.room.attachNewNode("document-page")
        self.pdf_card = None  # made with the first PDF page shown
        self.show_document(self.data.faq[0])

    def show_document(self, entry) -> None:
        """The shared document: one FAQ entry as a page on the private room's screen."""
        lang = self.app.config.language
        self.page.node().removeAllChildren()
        self.page.show()
        self.shown_page = None
        if self.pdf_card is not None:
            self.pdf_card.hide()
        x, y, z = self.anchor("document")
        title = self.sign(f"{i18n.text('spaces.document', lang)} · {entry.question[lang]}", (x, y + 1.1, z),
                          "-x", 0.09, color=(0.1, 0.2, 0.45, 1), width=2.2, align=TextNode.ALeft, name="doc-title")
        body = self.sign(entry.answer[lang], (x, y + 1.1, z - 0.3), "-x", 0.075, width=2.2, align=TextNode.ALeft,
                         name="doc-body")
        title.reparentTo(self.page)
        body.reparentTo(self.page)
        for watcher in self.watchers:
            watcher(0, self.data.faq.index(entry))

    def show_pdf_page(self, document: int, page: int) -> None:
        """Page ``page`` of shared document ``document`` on the screen, in place of the FAQ answer; each page is
        rendered the first time it is shown."""
        picture = self._pages.get((document, page))
        if picture is None:
            picture = self._pages[(document, page)] = pdf_pages.pages(self.data.documents[document].pdf, PAGE_SIZE,
                                                                     page, 1)[0]
        if self.pdf_card is None:
            x, y, _ = self.anchor("document")
            self.pdf_card = cards.card(self.room, picture, invest_seoul.DOC_SCREEN[0], invest_seoul.DOC_SCREEN[1],
                                       "pdf-page")
            self.pdf_card.setPos(x, y, invest_seoul.DOC_SCREEN[2])  # just before the board, as its text
            self.pdf_card.setH(-90)  # a card faces -Y; the screen's wall faces -X
        else:
            cards.replace(self.pdf_card, picture)
        self.pdf_card.show()
        self.page.hide()
        self.shown_page = (document, page)
        for watcher in self.watchers:
            watcher(document + 1, page)


def create(app) -> InvestSeoul:
    return InvestSeoul(app, invest_seoul.build(), PLACEMENT, SCENE_ID, data=catalogue.load_invest_seoul())
