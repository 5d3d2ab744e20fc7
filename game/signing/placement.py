"""Where the signing panel goes and how large it is, from the visitor's settings. Pure.

The alert layout reserves a 4:3 region for the signer (about 0.38–0.41 of the screen height at 16:9). A visitor
who reads signs from further away, or on a small screen, needs it larger (W3C XAUR REQ 10b asks for signing video
of at least a third of the frame) or elsewhere; this scales the region about its outer top corner, or moves it to
a screen corner, and keeps it on screen.
"""

from __future__ import annotations

Region = tuple[float, float, float, float]  # (left, right, bottom, top) in aspect2d units; the screen is 2 high
MARGIN = 0.04
ASPECT = 4 / 3


def place(region: Region, aspect_ratio: float, height: float | None = None, corner: str | None = None) -> Region:
    """The panel's region: ``height`` a fraction of the screen height (None: the region's own), at ``corner``
    (``top-left`` … ``bottom-right``; None: anchored at the region's top-right), shifted to stay on screen."""
    left, right, bottom, top = region
    h = (top - bottom) if height is None else 2.0 * height
    h = min(h, 2.0 - 2 * MARGIN)
    w = min(h * ASPECT, 2 * aspect_ratio - 2 * MARGIN)
    if corner is None:
        x1, z1 = right, top
    else:
        vertical, horizontal = corner.split("-")
        x1 = aspect_ratio - MARGIN if horizontal == "right" else -aspect_ratio + MARGIN + w
        z1 = 1.0 - MARGIN if vertical == "top" else -1.0 + MARGIN + h
    x1 = min(max(x1, -aspect_ratio + MARGIN + w), aspect_ratio - MARGIN)
    z1 = min(max(z1, -1.0 + MARGIN + h), 1.0 - MARGIN)
    return (x1 - w, x1, z1 - h, z1)
