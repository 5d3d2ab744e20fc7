"""The district's data in 3D (the seed's "big data in 3D"): V shows a bar over each hotspot place, as tall and as
coloured as its crowd level (live, stale or typical, as the badge says); V again its air quality, again its roads'
pace (``game.life.data_layers``); once more puts it away. A legend in both languages names the layer's levels.

A layer at the street's level of the input stack; the bars are unlit boxes drawn over the city, rebuilt only when
a level changes. Levels come from callables (the live badge's), so the view decides nothing itself.
"""

from __future__ import annotations

from collections.abc import Callable

from direct.gui.DirectGui import DirectFrame
from direct.gui.OnscreenText import OnscreenText
from panda3d.core import NodePath, TextNode, TransparencyAttrib

from game.architecture.mesh import box
from game.input.stack import WORLD, Press, dispatch
from game.life import data_layers
from game.life.density import CrowdData
from game.render.geom import meshes_to_node
from game.text import i18n
from ui import theme

BAR_SIDE = 8.0  # metres
BAR_BASE, BAR_STEP = 12.0, 14.0  # height of the calmest level and per level above it
REFRESH_S = 2.0


def bar_height(level: int) -> float:
    return BAR_BASE + BAR_STEP * level


class DataView:
    modal = False
    text_focus = False

    def __init__(self, app, data: CrowdData, sources: tuple[Callable[[], dict[str, tuple[int, str]]], ...]) -> None:
        """``sources``, one per layer of :func:`game.life.data_layers.layers` (crowd, air, roads): hotspot name →
        (level index, source: live, stale or typical); a hotspot a source leaves out gets no bar."""
        self.app, self.data = app, data
        self.layers = tuple(zip(data_layers.layers(data), sources, strict=True))
        self.layer: int | None = None  # which layer shows, or None
        self.root = app.world.attachNewNode("data-view")
        self.root.setLightOff(1)
        self.root.setShaderOff(1)
        self.root.setTransparency(TransparencyAttrib.MAlpha)
        self.root.setBin("fixed", 10)
        self.root.hide()
        self.shown: dict[str, tuple[int, str]] = {}
        self.legend: DirectFrame | None = None
        self._next = 0.0
        self._task = app.base.taskMgr.add(self._update, "data-view")
        app.keys.push(self, WORLD)

    @property
    def visible(self) -> bool:
        return self.layer is not None

    def _legend(self, layer: data_layers.Layer) -> DirectFrame:
        base, font = self.app.base, self.app.font
        frame = DirectFrame(parent=base.a2dBottomRight, frameColor=theme.PANEL_BG, frameSize=(-0.78, 0, 0, 0.42),
                            pos=(-0.03, 0, 0.2))
        title = " / ".join(i18n.text(f"citydata.{layer.key}", lang) for lang in ("ko", "en"))
        OnscreenText(parent=frame, text=title, font=font, pos=(-0.75, 0.36), scale=0.04, fg=theme.ACCENT,
                     align=TextNode.ALeft)
        for i, ((ko, en), rgb) in enumerate(zip(layer.names, layer.colours, strict=True)):
            y = 0.28 - 0.075 * i
            DirectFrame(parent=frame, frameColor=(*rgb, 1.0), frameSize=(-0.74, -0.68, y - 0.015, y + 0.04))
            OnscreenText(parent=frame, text=f"{ko} · {en}", font=font, pos=(-0.65, y), scale=0.04, fg=theme.TEXT,
                         align=TextNode.ALeft)
        return frame

    def on_key(self, press: Press) -> bool:
        return dispatch(press, {"data-view": self.toggle})

    def on_text(self, ch: str) -> bool:
        return False

    def toggle(self) -> None:
        """The next layer (crowd → air → roads), then off."""
        self.layer = 0 if self.layer is None else self.layer + 1 if self.layer + 1 < len(self.layers) else None
        if self.legend is not None:
            self.legend.destroy()
            self.legend = None
        if self.layer is None:
            self.root.hide()
            return
        self.legend = self._legend(self.layers[self.layer][0])
        self._rebuild(self.layers[self.layer][1]())
        self.root.show()

    def _update(self, task):
        if self.layer is not None and task.time >= self._next:
            self._next = task.time + REFRESH_S
            levels = self.layers[self.layer][1]()
            if levels != self.shown:
                self._rebuild(levels)
        return task.cont

    def _rebuild(self, levels: dict[str, tuple[int, str]]) -> None:
        self.root.getChildren().detach()
        self.shown = dict(levels)
        colours = self.layers[self.layer][0].colours
        for hotspot in self.data.hotspots:
            if hotspot.name not in levels:
                continue
            level, source = levels[hotspot.name]
            rgb = tuple(((c + 0.055) / 1.055) ** 2.4 for c in colours[level])  # linear
            alpha = 0.9 if source == "live" else 0.6  # stale and typical bars are paler: not measured now
            for place, _ in hotspot.places:
                bar = NodePath(meshes_to_node(f"bar-{place.id}", box((BAR_SIDE, BAR_SIDE, bar_height(level)),
                                                                     (0.0, 0.0, 0.0), (*rgb, alpha))))
                bar.reparentTo(self.root)
                bar.setPos(place.x, place.y, 0.2)

    def bars(self) -> dict[str, float]:
        """Place id → bar height, of the bars now built (tests, the tour)."""
        return {np.getName().removeprefix("bar-"): np.getTightBounds()[1].z - np.getTightBounds()[0].z
                for np in self.root.getChildren()}

    def release(self) -> None:
        self.app.keys.remove(self)
        self.app.base.taskMgr.remove(self._task)
        self.root.removeNode()
        if self.legend is not None:
            self.legend.destroy()
