"""Pictures on walls: an RGBA array (from :mod:`game.spaces.drawing`) as an unlit textured card in a room."""

from __future__ import annotations

import numpy as np
from panda3d.core import CardMaker, NodePath, SamplerState, Texture


def texture(image: np.ndarray, name: str) -> Texture:
    """A texture holding ``image`` (rows top first, RGBA uint8); Panda3D stores rows bottom first, BGRA."""
    h, w = image.shape[:2]
    tex = Texture(name)
    tex.setup2dTexture(w, h, Texture.T_unsigned_byte, Texture.F_srgb_alpha)
    tex.setRamImageAs(np.ascontiguousarray(image[::-1]).tobytes(), "RGBA")
    tex.setMinfilter(SamplerState.FT_linear)
    tex.setMagfilter(SamplerState.FT_linear)
    return tex


def card(parent: NodePath, image: np.ndarray, width: float, height: float, name: str) -> NodePath:
    """A ``width`` × ``height`` card facing -Y of ``parent``'s frame, bottom centre at the origin; like the room's
    signs it skips the PBR shader and lights, so the picture shows its own colours."""
    cm = CardMaker(name)
    cm.setFrame(-width / 2, width / 2, 0, height)
    node = parent.attachNewNode(cm.generate())
    node.setTexture(texture(image, name), 10)
    node.setLightOff(10)
    node.setShaderOff(10)
    return node


def replace(node: NodePath, image: np.ndarray) -> None:
    """Show a new picture on an existing card (the next slide)."""
    node.getTexture().setRamImageAs(np.ascontiguousarray(image[::-1]).tobytes(), "RGBA")
