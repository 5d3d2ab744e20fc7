"""The headset's places list without a runtime: its rows and names, the stick-and-trigger choice, the room's floor
for the teleport arc, and the places button bound where a controller has one free."""

from __future__ import annotations

from dataclasses import replace

import pytest

from game.scenes import registry
from game.text import i18n
from game.xr.bindings import PROFILE_INPUTS, SUGGESTED
from game.xr.intents import HandState, InputFrame
from game.xr.place_list import CLOSE, STREET, PlaceList

PLACES = ("mayors-office", "center-120", "reservations", "exhibition", "invest-seoul", "fintech-lab",
          "citizens-university", "seoul-learn")  # fmt: skip


def _frame(places=False, stick_y=0.0, select=False) -> InputFrame:
    return InputFrame(right=HandState(stick=(0.0, stick_y), select=select), places=places)


def _feed(plist: PlaceList, frames: list[InputFrame], inside: bool = False) -> list[str | None]:
    return [plist.update(f, inside) for f in frames]


def test_the_list_holds_every_room_and_space_then_the_street_and_close_named_in_both_languages():
    from game.xr.places import LABEL_KEYS, TITLES, row_buttons

    assert tuple(TITLES) == PLACES and set(PLACES) == set(registry.INTERIORS)
    rows = PlaceList(tuple(TITLES)).rows
    assert rows == (*PLACES, STREET, CLOSE)
    for lang in i18n.LANGS:
        names = [i18n.text(LABEL_KEYS[key], lang) for key in rows]
        assert all(names) and len(set(names)) == len(names), names
    assert i18n.text("xr.back_to_street", "ko") != i18n.text("xr.back_to_street", "en")
    buttons = row_buttons(rows)
    assert [b.key for b in buttons] == list(rows)
    for upper, lower in zip(buttons, buttons[1:], strict=False):
        assert upper.rect[1] == pytest.approx(lower.rect[3])  # rows touch: no gap for the laser to fall through


def test_the_places_button_opens_and_closes_and_the_trigger_does_nothing_while_closed():
    plist = PlaceList(PLACES)
    assert _feed(plist, [_frame(select=True), _frame()]) == [None, None] and not plist.visible
    _feed(plist, [_frame(places=True), _frame(places=True)])  # held: one press
    assert plist.visible and plist.highlighted == "mayors-office"
    _feed(plist, [_frame(), _frame(places=True)])
    assert not plist.visible


def test_each_push_of_the_stick_moves_one_row_and_the_trigger_chooses_it_once():
    plist = PlaceList(PLACES)
    frames = [_frame(places=True), _frame()]
    for _ in range(4):  # four pushes down, each held two frames and let go
        frames += [_frame(stick_y=-1.0), _frame(stick_y=-0.9), _frame(stick_y=0.5), _frame()]
    frames += [_frame(select=True), _frame(select=True)]
    chosen = _feed(plist, frames)
    assert [c for c in chosen if c is not None] == ["invest-seoul"]
    assert chosen[-2] == "invest-seoul" and not plist.visible


def test_up_wraps_to_the_bottom_and_inside_a_room_the_highlight_starts_on_the_way_out():
    plist = PlaceList(PLACES)
    _feed(plist, [_frame(places=True), _frame(stick_y=1.0)])
    assert plist.highlighted == CLOSE
    _feed(plist, [_frame(places=True), _frame()])
    assert _feed(plist, [_frame(places=True), _frame(select=True)], inside=True)[-1] == STREET


def test_a_trigger_pull_the_laser_used_chooses_nothing_more():
    plist = PlaceList(PLACES)
    plist.update(_frame(places=True), False)
    assert plist.update(_frame(select=True), False, laser_pressed=True) is None and plist.visible
    assert plist.update(replace(_frame(), right=HandState(select=False)), False) is None


def test_the_arc_lands_on_the_room_floor_within_its_walls_only():
    from panda3d.core import NodePath

    from game.xr.places import room_floor

    world = NodePath("world")
    room = world.attach_new_node("room")
    room.set_pos(10.0, 20.0, 17.5)
    room.set_h(180.0)
    query = room_floor(room, world, (8.0, 6.0, 3.0))
    hit = query((11.0, 21.0, 18.0), (11.0, 21.0, 17.0))
    assert hit is not None and hit.point == pytest.approx((11.0, 21.0, 17.5)) and hit.walkable
    assert query((15.0, 20.0, 18.0), (15.0, 20.0, 17.0)) is None  # 5 m to the side: beyond the 4 m half-width
    assert query((11.0, 21.0, 17.0), (11.0, 21.0, 18.0)) is None  # from below: not a floor to stand on
    assert query((11.0, 21.0, 19.0), (11.0, 21.0, 18.0)) is None  # still above the floor


@pytest.mark.parametrize("profile", sorted(SUGGESTED))
def test_the_places_button_is_a_free_button_of_each_controller_that_has_one(profile):
    bound = [(a, p) for a, p in SUGGESTED[profile] if a == "places"]
    if profile == "khr_simple":  # select and menu on both hands are taken: it has no places button
        assert bound == []
        return
    ((_, path),) = bound
    hand, sub = path.split("/input/")
    assert f"input/{sub}" in PROFILE_INPUTS[profile][hand]
    others = {p for a, p in SUGGESTED[profile] if a not in ("places", "thumbstick")}
    assert path not in others


class _Scene:
    """A room as :class:`game.xr.places.XrPlaces` uses it: 10 m up, its viewpoint facing east."""

    released = False

    def __init__(self, world) -> None:
        self.room = world.attach_new_node("room")
        self.room.set_z(10.0)
        self.interior = type("Interior", (), {"size": (8.0, 6.0, 3.0)})()

    def load(self) -> None: ...

    def release(self) -> None:
        self.released = True

    def view(self):
        return type("View", (), {"heading": -90.0})()

    def anchor(self, name: str):
        return (1.0, 2.0, 1.7)

    def world_point(self, local):
        return (local[0], local[1], local[2] + 10.0)


def _places(monkeypatch):
    """XrPlaces over a driver and an app with just what it touches, rooms made by :class:`_Scene`."""
    from types import SimpleNamespace

    from panda3d.core import NodePath

    from game.xr.locomotion import Rig
    from game.xr.places import XrPlaces

    world = NodePath("world")
    scenes: list[_Scene] = []

    def create(_app, place):
        scenes.append(_Scene(world))
        return scenes[-1]

    monkeypatch.setattr(registry, "create", create)
    rig = SimpleNamespace(head=world.attach_new_node("head"), set_rig=lambda r: None)
    driver = SimpleNamespace(world=world, rig=rig,
                             menu=SimpleNamespace(root=world.attach_new_node("menu")), events=[], frame_index=0,
                             pressed_frame=-1, gestures=[], pointables=[], rig_state=Rig(5.0, 6.0, 0.0, 30.0),
                             anchor=Rig(), collide="street", vignette=SimpleNamespace(pulse=lambda: None))  # fmt: skip
    driver.register = driver.pointables.append

    def place_at(anchor: Rig) -> None:  # as XrDriver.place_at before the first head pose
        driver.rig_state = driver.anchor = anchor

    driver.place_at = place_at
    flow: list[str] = []
    app = SimpleNamespace(font=None, language=SimpleNamespace(value="en", subscribe=lambda f: lambda: None),
                          flow=SimpleNamespace(request=lambda s: flow.append(s) or True))  # fmt: skip
    return XrPlaces(driver, app), driver, scenes, flow


def test_a_place_stands_the_visitor_in_its_room_and_the_street_puts_them_back(monkeypatch):
    from game.xr.locomotion import Rig

    places, driver, scenes, flow = _places(monkeypatch)
    assert places.panel in driver.pointables and places.update in driver.gestures
    places.choose("fintech-lab")
    assert driver.rig_state == Rig(1.0, 2.0, 10.0, -90.0) and driver.anchor == driver.rig_state
    assert driver.collide((1.0, 2.0, 11.0), (1.0, 2.0, 9.0)).point == pytest.approx((1.0, 2.0, 10.0))
    places.choose("seoul-learn")  # another place straight from inside: the first room goes
    assert scenes[0].released and not scenes[1].released and places.place == "seoul-learn"
    places.choose(STREET)
    assert scenes[1].released and driver.rig_state == Rig(5.0, 6.0, 0.0, 30.0)
    assert (driver.anchor, driver.collide, flow) == (Rig(), "street", ["civic", "explore", "civic", "explore"])
    places.release()
    assert not driver.pointables and not driver.gestures


def test_a_rig_carried_off_the_room_floor_leaves_the_room_where_it_was_carried(monkeypatch):
    from game.xr.locomotion import Rig

    places, driver, scenes, _ = _places(monkeypatch)
    places.choose("exhibition")
    driver.rig_state = Rig(3.0, 2.0, 10.0, 0.0)  # a teleport across the room's floor: still inside
    places.update(InputFrame(), 0.01)
    assert places.place == "exhibition"
    driver.rig_state = Rig()  # a kiosk's idle wipe puts the rig home
    places.update(InputFrame(), 0.01)
    assert places.place is None and scenes[0].released
    assert (driver.rig_state, driver.collide) == (Rig(), "street")
