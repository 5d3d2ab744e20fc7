"""The civic rooms and the economy and education spaces in the headset: a places list, and visits to them.

The places button (:mod:`game.xr.bindings`) opens a world panel ahead of the visitor listing City Hall's rooms
(mayor's office, 120 Center, reservations, exhibition) and the four spaces (Invest Seoul, the Fintech Lab, the
Citizens' University, Seoul Learn) by the names the desktop's menus use, in the app's language; the laser presses a
row, or the right stick moves the highlight and the trigger chooses it (:class:`game.xr.place_list.PlaceList`).
Choosing a place loads its room through the desktop's own scene code (:func:`game.scenes.registry.create`), stands
the visitor at the room's viewpoint facing what the desktop camera faces, and lets the teleport arc land on the
room's floor; "back to the street" releases the room and puts the rig back where the visitor left the district.

The rooms' services (booking, the FAQ, enrolment) are 2D panels on the desktop and kiosk; in the headset the visitor
sees the room, its signs and boards.
"""

from __future__ import annotations

import math

from panda3d.core import CardMaker, NodePath, Point3

from game.explore import ROOM_TITLES, SPACE_TITLES
from game.scenes import registry
from game.text import i18n
from game.xr.arc import Hit, SegmentQuery
from game.xr.axes import Vec3, srgb_to_linear
from game.xr.locomotion import Rig
from game.xr.panels import Button, WorldPanel
from game.xr.place_list import CLOSE, STREET, PlaceList

TITLES = {**ROOM_TITLES, **SPACE_TITLES}  # the civic rooms first, then the spaces, as the desktop lists them
LABEL_KEYS = {**TITLES, STREET: "xr.back_to_street", CLOSE: "xr.close"}
PANEL_W, PANEL_H = 0.8, 1.0  # metres
#: Held a little further and higher than the comfort menu (1 m ahead, 0.3 m down), so the two never overlap.
PANEL_DISTANCE_M = 1.2
PANEL_DROP_M = 0.1
HIGHLIGHT_SRGB = (0.95, 0.7, 0.2, 1.0)
FLOOR_TOLERANCE_M = 0.01  # a rig this far off the room's floor was carried out of the room by something else


def row_buttons(keys: tuple[str, ...]) -> list[Button]:
    """One full-width row per key, top to bottom, touching (the drawn cards are inset), as the comfort menu's."""
    height = 0.96 / len(keys)
    return [Button(key, (0.03, 0.98 - (i + 1) * height, 0.97, 0.98 - i * height)) for i, key in enumerate(keys)]


def room_floor(room: NodePath, world: NodePath, size: tuple[float, float, float]) -> SegmentQuery:
    """The teleport arc's segment test inside a room: its floor (room-local z = 0) within its walls."""
    half_w, half_d = size[0] / 2, size[1] / 2

    def query(a: Vec3, b: Vec3) -> Hit | None:
        la, lb = room.get_relative_point(world, Point3(*a)), room.get_relative_point(world, Point3(*b))
        if not la.z >= 0.0 > lb.z:
            return None
        t = la.z / (la.z - lb.z)
        x, y = la.x + t * (lb.x - la.x), la.y + t * (lb.y - la.y)
        if abs(x) > half_w or abs(y) > half_d:
            return None
        p = world.get_relative_point(room, Point3(x, y, 0.0))
        return Hit((p.x, p.y, p.z), (0.0, 0.0, 1.0))

    return query


class XrPlaces:
    """Install on an :class:`game.xr.driver.XrDriver` over the app; ``release()`` leaves any room and takes it off."""

    def __init__(self, driver, app) -> None:
        self.driver, self.app = driver, app
        self.list = PlaceList(tuple(TITLES))
        self.panel = WorldPanel(driver.world, "xr-places", PANEL_W, PANEL_H, row_buttons(self.list.rows),
                                self._pressed, app.font)  # fmt: skip
        card = CardMaker("xr-places-highlight")
        card.set_frame(-0.012, 0.012, -0.03, 0.03)
        card.set_color(*srgb_to_linear(HIGHLIGHT_SRGB))
        self.highlight = self.panel.root.attach_new_node(card.generate())
        self.scene = None  # the room stood in (game.scenes.room.RoomScene)
        self.place: str | None = None
        self._floor_z = 0.0
        self._street: tuple[Rig, Rig, SegmentQuery] | None = None  # rig, recentre anchor and arc test outside
        self._relabel(app.language.value)
        self._unsubscribe = app.language.subscribe(self._relabel)
        driver.register(self.panel)
        driver.gestures.append(self.update)

    def _relabel(self, lang: str) -> None:
        for key in self.list.rows:
            self.panel.set_label(key, i18n.text(LABEL_KEYS[key], lang))

    # --- input --------------------------------------------------------------------------------------------
    def update(self, frame, _dt: float) -> None:
        """The places button, stick and trigger this frame (after the laser had its turn)."""
        was_open = self.list.visible
        if self.scene is not None and abs(self.driver.rig_state.z - self._floor_z) > FLOOR_TOLERANCE_M:
            self._close_room()  # something else carried the visitor off the floor (a kiosk's idle wipe): leave it there
        chosen = self.list.update(frame, self.place is not None, self.driver.pressed_frame == self.driver.frame_index)
        if self.list.visible and not was_open:
            self._show()
        elif was_open and not self.list.visible:
            self.panel.root.hide()
        self._mark()
        if chosen is not None:
            self.choose(chosen)

    def _pressed(self, key: str) -> None:
        """The laser pressed a row."""
        self.list.close()
        self.panel.root.hide()
        self.choose(key)

    def _show(self) -> None:
        """Open the list ahead of the head, level, facing the visitor (the comfort menu steps aside)."""
        world, head = self.driver.world, self.driver.rig.head
        self.driver.menu.root.hide()
        fx, fy, _ = world.get_relative_vector(head, (0, 1, 0))
        n = math.hypot(fx, fy)
        fx, fy = (fx / n, fy / n) if n > 1e-3 else (0.0, 1.0)
        x, y, z = head.get_pos(world)
        self.panel.root.set_pos(world, x + fx * PANEL_DISTANCE_M, y + fy * PANEL_DISTANCE_M, z - PANEL_DROP_M)
        self.panel.root.set_h(world, math.degrees(math.atan2(-fx, fy)))
        self.panel.root.show()
        self.driver.events.append({"frame": self.driver.frame_index, "places": "open"})

    def _mark(self) -> None:
        """The highlight beside the highlighted row's left edge."""
        u0, v0, _u1, v1 = self.panel.buttons[self.list.cursor].rect
        self.highlight.set_pos((u0 - 0.5) * PANEL_W + 0.03, -0.003, ((v0 + v1) / 2 - 0.5) * PANEL_H)

    # --- visits -------------------------------------------------------------------------------------------
    def choose(self, key: str) -> None:
        """Act on a row: enter a place (leaving the one stood in), go back to the street, or just close."""
        if key == CLOSE or key == self.place:
            return
        self.leave()
        if key != STREET:
            self.enter(key)

    def enter(self, place: str) -> None:
        """Load ``place``'s room and stand at its viewpoint; the arc lands on its floor while inside."""
        driver = self.driver
        self.scene = registry.create(self.app, place)
        self.scene.load()
        self.place = place
        self._street = (driver.rig_state, driver.anchor, driver.collide)
        self.app.flow.request("civic")  # declined in a kiosk's attract state or under an alert: the room opens anyway
        view = self.scene.view()
        cx, cy, _ = self.scene.anchor("camera")
        floor = self.scene.world_point((cx, cy, 0.0))
        self._floor_z = floor[2]
        driver.collide = room_floor(self.scene.room, driver.world, self.scene.interior.size)
        driver.place_at(Rig(*floor, view.heading))
        driver.events.append({"frame": driver.frame_index, "place": place, "rig": _rounded(driver.rig_state)})

    def leave(self) -> None:
        """Back out to the street: the room goes, the rig returns to where the visitor left the district."""
        if self.scene is None:
            return
        driver = self.driver
        driver.rig_state = self._street[0]
        driver.rig.set_rig(driver.rig_state)
        driver.vignette.pulse()
        self._close_room()

    def _close_room(self) -> None:
        """Release the room and give the street its recentre anchor and arc test back; the rig stays as it is."""
        driver = self.driver
        _, driver.anchor, driver.collide = self._street
        self.scene.release()
        self.scene, self.place, self._street = None, None, None
        self.app.flow.request("explore")
        driver.events.append({"frame": driver.frame_index, "place": STREET, "rig": _rounded(driver.rig_state)})

    def release(self) -> None:
        self.leave()
        self._unsubscribe()
        if self.update in self.driver.gestures:
            self.driver.gestures.remove(self.update)
        if self.panel in self.driver.pointables:
            self.driver.pointables.remove(self.panel)
        self.panel.destroy()


def _rounded(rig: Rig) -> dict[str, float]:
    return {"x": round(rig.x, 3), "y": round(rig.y, 3), "z": round(rig.z, 3), "heading": round(rig.heading, 3)}
