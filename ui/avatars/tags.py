"""A cap on how many name tags show at once: the nearest ones. Pure but for the nodes it is handed.

Two hundred tags cost a software renderer ~25 ms a frame (each a card and text, billboarded in cull) and cover
the view in labels; a visitor reads the few nearest. The presence task hides tags beyond its distance first
(``AvatarNode.set_label``); this keeps the nearest :data:`CAP` of those.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import Protocol

CAP = 24


class Tagged(Protocol):
    tag_wanted: bool

    def tag_place(self) -> tuple[float, float]: ...

    def show_tag(self, shown: bool) -> None: ...


def cap_name_tags(avatars: Iterable[Tagged], eye: tuple[float, float], cap: int = CAP) -> int:
    """Show the tags of the ``cap`` wanted ones nearest ``eye``, hide the others; returns how many show."""
    wanted = [a for a in avatars if a.tag_wanted]
    wanted.sort(key=lambda a: math.dist(a.tag_place(), eye))
    for k, avatar in enumerate(wanted):
        avatar.show_tag(k < cap)
    return min(len(wanted), cap)
