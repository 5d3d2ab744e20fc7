"""A gathering in the world: a lit podium disc at the speaker's spot and a KO/EN sign over it.

The disc ignores the scene's lights and shaders so it glows the same at noon and at night, and the sign
billboards over everything (like name tags), so a visitor arriving at the square finds the town hall from afar.
Raised hands are drawn by each :class:`ui.avatars.node.AvatarNode` (``set_hand``); this is only the place.
"""

from __future__ import annotations

from functools import lru_cache

from panda3d.core import NodePath

from game.architecture.mesh import merge, srgb_to_linear
from game.architecture.primitives import lathe
from game.render.geom import meshes_to_node
from game.social.gathering import PODIUM_HEIGHT, PODIUM_RADIUS, SIGN_HEIGHT, Stage
from game.text import i18n
from ui import theme
from ui.avatars.node import billboard_label

SIGN_WRAP = 16.0  # em


@lru_cache(maxsize=1)
def _podium() -> NodePath:
    gold, rim = (*srgb_to_linear("#f2c14e"), 1.0), (*srgb_to_linear("#fff4c2"), 1.0)
    disc = lathe([PODIUM_RADIUS, PODIUM_RADIUS, 0.0], [0.0, PODIUM_HEIGHT, PODIUM_HEIGHT], (0, 0, 0), gold, 32)
    ring = lathe([PODIUM_RADIUS + 0.12, PODIUM_RADIUS + 0.12, PODIUM_RADIUS, PODIUM_RADIUS],
                 [0.0, 0.04, 0.04, 0.0], (0, 0, 0), rim, 32)
    return NodePath(meshes_to_node("podium", merge([disc, ring])))


def sign_text(stage: Stage, speaker: str) -> str:
    """The sign: "speaker's spot" and the title in both languages, then who has the floor (``speaker``: a
    display name, empty when nobody does)."""
    lines = [i18n.both("social.speaker_spot"), stage.title_ko, stage.title_en]
    if speaker:
        lines.append(i18n.both("social.speaker_now", name=speaker))
    return "\n".join(lines)


class GatheringStage:
    """Create under the world node for a gathering that is on; :meth:`update` each frame; :meth:`destroy`."""

    def __init__(self, parent: NodePath, stage: Stage, font=None) -> None:
        self.gathering_id = stage.gathering_id
        self.root = parent.attachNewNode("gathering")
        self.podium = _podium().copyTo(self.root)
        self.podium.setLightOff(1)
        self.podium.setShaderOff(1)
        self.sign, self.sign_text = billboard_label(self.root, "gathering-sign", font, theme.HIGHLIGHT_TEXT,
                                                    theme.HIGHLIGHT_BG, SIGN_WRAP)
        self.sign.setZ(SIGN_HEIGHT)
        self.update(stage, "")

    def update(self, stage: Stage, speaker: str) -> None:
        """Follow the spot (a moderator may move it by scheduling anew) and the speaker's name."""
        self.root.setPos(stage.spot[0], stage.spot[1], 0.0)
        text = sign_text(stage, speaker)
        if self.sign_text.getText() != text:
            self.sign_text.setText(text)
            # Text grows downwards from its first line: lift a taller sign so its last line stays above heads.
            rows = self.sign_text.getNumRows()
            self.sign.setZ(SIGN_HEIGHT + (rows - 1) * self.sign_text.getLineHeight() * self.sign.getSz())

    def destroy(self) -> None:
        self.root.removeNode()
