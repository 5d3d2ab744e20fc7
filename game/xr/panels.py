"""World-space UI panels the laser pointer operates, and the in-headset comfort menu built from one.

A panel is a flat card in the world with buttons laid out in its own (u, v) square. Anything that wants to be
pointed at implements :class:`Pointable` and registers with the driver; the driver does the ray test with
:mod:`game.xr.raycast` and calls ``click``. Text uses the Hangul font when installed (Korean is the default
language and Panda3D's built-in font has no Hangul).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from panda3d.core import CardMaker, NodePath, TextNode

from game.xr.axes import srgb_to_linear
from game.xr.raycast import PanelRect

PANEL_SRGB = (0.08, 0.1, 0.14, 0.92)
BUTTON_SRGB = (0.2, 0.32, 0.5, 1.0)


class Pointable(Protocol):
    name: str

    def rect(self, world: NodePath) -> PanelRect | None: ...
    def click(self, u: float, v: float) -> str | None: ...


@dataclass(frozen=True)
class Button:
    key: str
    rect: tuple[float, float, float, float]  # u0, v0, u1, v1 in the panel's unit square, origin bottom-left


class WorldPanel:
    """A card of ``width`` × ``height`` metres in its node's XZ plane, facing -Y, with labelled buttons."""

    def __init__(self, parent: NodePath, name: str, width: float, height: float, buttons: list[Button],
                 on_click: Callable[[str], None], font=None) -> None:  # fmt: skip
        self.name = name
        self.width, self.height = width, height
        self.buttons = buttons
        self.on_click = on_click
        self.font = font
        self.root = parent.attach_new_node(name)
        self.root.set_light_off(1)
        self.root.set_shader_off(1)
        card = CardMaker(f"{name}-card")
        card.set_frame(-width / 2, width / 2, -height / 2, height / 2)
        card.set_color(*srgb_to_linear(PANEL_SRGB))
        self.root.attach_new_node(card.generate()).set_two_sided(True)
        self.labels: dict[str, TextNode] = {}
        for b in buttons:
            u0, v0, u1, v1 = b.rect
            bc = CardMaker(f"{name}-{b.key}")
            inset = 0.008  # metres of background between neighbouring buttons
            bc.set_frame((u0 - 0.5) * width + inset, (u1 - 0.5) * width - inset,
                         (v0 - 0.5) * height + inset, (v1 - 0.5) * height - inset)  # fmt: skip
            bc.set_color(*srgb_to_linear(BUTTON_SRGB))
            self.root.attach_new_node(bc.generate()).set_y(-0.002)
            text = TextNode(f"{name}-{b.key}-label")
            text.set_align(TextNode.A_center)
            if font is not None:
                text.set_font(font)
            label = self.root.attach_new_node(text)
            label.set_pos(((u0 + u1) / 2 - 0.5) * width, -0.004, ((v0 + v1) / 2 - 0.5) * height - 0.015)
            label.set_scale(0.045)
            self.labels[b.key] = text
        self.root.hide()

    def set_label(self, key: str, text: str) -> None:
        self.labels[key].set_text(text)

    @property
    def visible(self) -> bool:
        return not self.root.is_hidden()

    def rect(self, world: NodePath) -> PanelRect | None:
        if not self.visible:
            return None
        right = world.get_relative_vector(self.root, (1, 0, 0))
        up = world.get_relative_vector(self.root, (0, 0, 1))
        sx, sz = right.length(), up.length()
        right.normalize()
        up.normalize()
        return PanelRect(self.name, tuple(self.root.get_pos(world)), tuple(right), tuple(up),
                         self.width * sx, self.height * sz)  # fmt: skip

    def button_at(self, u: float, v: float) -> str | None:
        for b in self.buttons:
            u0, v0, u1, v1 = b.rect
            if u0 <= u <= u1 and v0 <= v <= v1:
                return b.key
        return None

    def click(self, u: float, v: float) -> str | None:
        """Press the button under (u, v), if any, and say which."""
        key = self.button_at(u, v)
        if key is not None:
            self.on_click(key)
        return key

    def destroy(self) -> None:
        self.root.remove_node()


MENU_KEYS = ("recentre", "snap", "smooth", "vignette", "close")


def menu_buttons() -> list[Button]:
    """The comfort menu: one full-width row per button, top to bottom in :data:`MENU_KEYS` order.

    Rows touch (the drawn cards are inset instead), so a laser anywhere on the list presses a button rather
    than falling into a gap between two.
    """
    rows = len(MENU_KEYS)
    height = 0.9 / rows
    return [Button(key, (0.04, 0.95 - (i + 1) * height, 0.96, 0.95 - i * height)) for i, key in enumerate(MENU_KEYS)]
