"""Invest Seoul's document screen shared over presence: the page the consultant or the visitor puts up (a PDF
page turned, an FAQ answer asked) goes to the hub (``screen.show``), and a page put up by another in the room
(``PageShown``) goes up here, so everyone in the private room looks at the same page. The visitor's own pages
come back from the hub too and are skipped: they went up at once."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from net.presence.client import PageShown, PresenceClient


class SharedScreen:
    """Shares ``scene``'s screen (a :class:`game.scenes.invest_seoul.InvestSeoul`) while the visit lasts."""

    def __init__(self, scene, presence: PresenceClient, shown: Callable[[], None] = lambda: None) -> None:
        """``shown``: called after another's page went up (the panel's documents row names the page)."""
        self.scene, self.presence, self.shown = scene, presence, shown
        self._arriving = False  # putting up another's page: not to be sent back
        scene.watchers.append(self._put_up)

    def _put_up(self, document: int, page: int) -> None:
        if not self._arriving:
            self.presence.show_page(document, page)

    def handle(self, events: Iterable[object]) -> None:
        for event in events:
            if isinstance(event, PageShown) and not event.mine and self._show(event.document, event.page):
                self.shown()

    def _show(self, document: int, page: int) -> bool:
        """Put up another's page; False for a page this app's data does not have (another version's documents)."""
        data = self.scene.data
        self._arriving = True
        try:
            if document == 0 and page < len(data.faq):
                self.scene.show_document(data.faq[page])
            elif 0 < document <= len(data.documents) and page < data.documents[document - 1].pages:
                self.scene.show_pdf_page(document - 1, page)
            else:
                return False
        finally:
            self._arriving = False
        return True

    def release(self) -> None:
        self.scene.watchers.remove(self._put_up)
