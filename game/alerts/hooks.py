"""The small interfaces the alert presentation calls out through, so each side can be built and tested alone.

The speech worker (``game/speech``) and the signing avatar (``game/signing``, ``ui/signing``) implement
:class:`Speech` and :class:`Signing`; the world may implement :class:`Locator` to give the avatar's position.
The alert code only ever receives these objects (or None) — it never imports their implementations.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Protocol, runtime_checkable


@runtime_checkable
class Speech(Protocol):
    def say(self, text: str, lang: str) -> Path | None:
        """Speak ``text`` in ``lang`` (``ko``/``en``); returns the WAV it plays (maybe still being written), or None.

        Must not block a frame: synthesis happens in the speech worker.
        """


@runtime_checkable
class Signing(Protocol):
    def glosses_for(self, category: str, lang: str) -> Sequence[str]:
        """The KSL gloss sequence of the message template for a pictogram id (``earthquake``…).

        ``lang`` is the language of the written alert, for templates that quote it (fingerspelled names).
        """

    def play(self, glosses: Sequence[str]) -> None:
        """Sign ``glosses`` in the picture-in-picture panel, from the start."""

    def update(self, dt: float) -> None:
        """Advance the signing by ``dt`` seconds (called every frame while an alert is up)."""

    def set_frame(self, frame: tuple[float, float, float, float]) -> None:
        """Place the panel in the overlay's reserved region (left, right, bottom, top in aspect2d units)."""

    def set_visible(self, visible: bool) -> None:
        """Show or hide the panel (hidden when no alert is on screen)."""


@runtime_checkable
class Locator(Protocol):
    def user_location(self) -> tuple[float, float]:
        """The user's WGS84 (lat, lon): the avatar's position in the world."""
