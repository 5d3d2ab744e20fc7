"""Signing space: the words the lexicon uses for directions and places, turned into vectors. Pure.

The lexicon is written from the *signer's* point of view, as sign-language descriptions are ("palm forward",
"fingers left", "in front of the chest"), so an interpreter can read and correct it. Coordinates in the data
are ``[out, forward, up]`` metres from the signer's sternum, where *out* is away from the body's midline on
the side of the hand that signs (the signer's right for the right hand), so one site table serves both
hands. This module converts them to the avatar's frame (see :mod:`game.signing.skeleton`: +Z up, facing -Y,
the signer's right is -X).
"""

from __future__ import annotations

import numpy as np

from game.signing import skeleton

#: Signer-centred unit directions in the avatar frame. "in"/"out" are towards/away from the body's midline and
#: depend on the hand; "forward" is away from the signer (towards the viewer), "back" towards the signer.
_ABSOLUTE = {
    "up": (0.0, 0.0, 1.0), "down": (0.0, 0.0, -1.0),
    "forward": (0.0, -1.0, 0.0), "back": (0.0, 1.0, 0.0),
    "right": (-1.0, 0.0, 0.0), "left": (1.0, 0.0, 0.0),
}
DIRECTION_WORDS = (*_ABSOLUTE, "in", "out")


class SpaceError(ValueError):
    """A direction word or site is unknown or degenerate; the message says which."""


def direction(text: str, side: str = "R") -> np.ndarray:
    """Unit vector for a direction such as ``"up"``, ``"forward"``, or a blend like ``"up-forward"``."""
    total = np.zeros(3)
    for word in text.split("-"):
        if word == "in":
            word = "left" if side == "R" else "right"
        elif word == "out":
            word = "right" if side == "R" else "left"
        if word not in _ABSOLUTE:
            raise SpaceError(f"unknown direction {word!r} in {text!r}; use {', '.join(DIRECTION_WORDS)} joined by '-'")
        total += _ABSOLUTE[word]
    norm = np.linalg.norm(total)
    if norm < 1e-6:
        raise SpaceError(f"direction {text!r} cancels out")
    return total / norm


def site_point(site: tuple[float, float, float], offset: tuple[float, float, float], side: str = "R") -> np.ndarray:
    """Palm-centre target in the torso frame for a site plus an offset, both ``[out, forward, up]``."""
    out, forward, up = (a + b for a, b in zip(site, offset, strict=True))
    point = np.array([-out, -forward, up + skeleton.CHEST_UP])
    return point if side == "R" else mirror(point)


def mirror(v: np.ndarray) -> np.ndarray:
    """The same vector for the other hand (reflection in the body's midline plane)."""
    return np.array([-v[0], v[1], v[2]])


def orthonormal_palm(fingers: np.ndarray, palm: np.ndarray) -> np.ndarray:
    """The palm normal made exactly perpendicular to the finger direction (authors give rough directions)."""
    p = palm - np.dot(palm, fingers) * fingers
    norm = np.linalg.norm(p)
    if norm < 0.2:
        raise SpaceError("palm direction is (nearly) parallel to the finger direction")
    return p / norm
