"""The small interfaces the alert presentation calls out through, so each side can be built and tested alone.

The speech worker (``game/speech``) and the signing avatar (``game/signing``, ``ui/signing``) implement
:class:`Speech` and :class:`Signing`; the world may implement :class:`Locator` to give the avatar's position.
The alert code only ever receives these objects (or None) — it never imports their implementations.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol, runtime_checkable


@runtime_checkable
class Speech(Protocol):
    def say(self, text: str, lang: str) -> Path | None:
        """Speak ``text`` in ``lang`` (``ko``/``en``); returns the WAV it plays (maybe still being written), or None.

        Must not block a frame: synthesis happens in the speech worker.
        """


@dataclass(frozen=True, slots=True)
class GlossSpan:
    """One signed gloss as the captions need it: when the hands sign it, and the written words it stands for
    (so it can be found in a caption page's text)."""

    gloss: str
    start: float  # seconds from the start of :meth:`Signing.play`
    end: float
    words: tuple[str, ...] = ()  # e.g. ("머리 보호",) or ("protect your head",); alternatives, any may match


@dataclass(frozen=True, slots=True)
class SignedSegment:
    """One stretch of what the panel signed, for the report: who signs it, so a viewer (and a reviewer) can tell a
    recorded human interpreter from the avatar."""

    gloss: str  # a lexicon gloss, a number, a fingerspelled ``#word``, or a recorded clip's phrase/template id
    source: str  # "interpreter" (a recorded clip) or "avatar"
    start: float  # seconds from the start of :meth:`Signing.play`
    end: float


@runtime_checkable
class Signing(Protocol):
    def glosses_for(self, category: str, lang: str, text: str = "") -> Sequence[str]:
        """The KSL gloss sequence of the message template for a pictogram id (``earthquake``…), with the numbers
        of the alert's ``text`` (a magnitude, a distance, an age) signed in it.

        ``lang`` is the language of the written alert, for templates that quote it (fingerspelled names).
        """

    def play(self, glosses: Sequence[str]) -> None:
        """Sign ``glosses`` in the picture-in-picture panel, from the start."""

    def timing(self, lang: str) -> tuple[tuple[GlossSpan, ...], float]:
        """The glosses of the last :meth:`play` with their times and their words in ``lang``, and the signing's
        whole duration (back at rest), so the captions can be paged with the hands."""

    def segments(self) -> tuple[SignedSegment, ...]:
        """What the last :meth:`play` signs, in order, each with its source and times."""

    def placeholders(self) -> tuple[str, ...]:
        """The glosses of the last :meth:`play` the avatar signs with a placeholder form (a sign whose KSL form is
        unknown to the lexicon's authors); empty when none."""

    def seek(self, t: float) -> None:
        """Pose the avatar ``t`` seconds into the signing (called every frame while an alert is up: the alert
        keeps one clock for captions and signing, so the signer can hold or restart with the caption pages)."""

    def set_frame(self, frame: tuple[float, float, float, float]) -> None:
        """Place the panel in the overlay's reserved region (left, right, bottom, top in aspect2d units)."""

    def set_visible(self, visible: bool) -> None:
        """Show or hide the panel (hidden when no alert is on screen)."""


@runtime_checkable
class Locator(Protocol):
    def user_location(self) -> tuple[float, float]:
        """The user's WGS84 (lat, lon): the avatar's position in the world."""
