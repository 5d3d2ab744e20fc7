"""The raised hands of a gathering on a room's wall (the lecture hall's, the Fintech Lab's stage on demo day):
in the order they went up, where the lecturer or the host (and everyone) reads who asks next."""

from __future__ import annotations

from panda3d.core import NodePath, TextNode

from game.text import i18n

HANDS_SHOWN = 8


def show_hands(scene, node: NodePath, names: list[str], pos: tuple[float, float, float], facing: str,
               color: tuple[float, float, float, float]) -> None:
    """Redraw ``scene``'s (a :class:`game.scenes.room.RoomScene`) list under ``node``: its title and the first
    names numbered, or that there are none yet, in the scene's language."""
    node.node().removeAllChildren()
    lang = scene.lang
    lines = [f"{k}. {name}" for k, name in enumerate(names[:HANDS_SHOWN], 1)] or [i18n.text("spaces.hands_none",
                                                                                          lang)]
    scene.sign("\n".join([i18n.text("spaces.hands_title", lang), *lines]), pos, facing, 0.16, color=color,
               align=TextNode.ALeft, name="hands-list").reparentTo(node)
