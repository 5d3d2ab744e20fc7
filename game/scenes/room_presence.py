"""The people in a space: visitors of one room see each other and can chat, over the same presence service as
the street (:class:`game.presence.task.PresenceTask`, its chat panel and safety keys, not a copy).

Each room is its own presence scene, so the Fintech Lab's chat is not the lecture hall's. Everyone in a room
stands in one row of places facing the room's door, a metre apart, chosen by avatar id: the others stand
where this visitor can see them, and nobody stands inside anybody else. The presence events pass on to
``on_events`` (the whiteboards' strokes). On demo day the Fintech Lab seats everyone instead, one visitor a
chair in the rows facing the pitch stage.

A room started alone (``--scene``) opens its own presence link from the client directory, as the street's does.
A room walked into from the street borrows the street's (:meth:`game.presence.wiring.Social.lend`): the hub keeps
one presence per visitor key, so the street leaves the district, the room joins its own scene over the same
client, and on the way out the room leaves and the street joins the district again.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from pathlib import Path

from game.presence.task import PresenceTask
from game.presence.wiring import open_presence
from game.social.avatar_mesh import Look
from net.presence.client import PresenceEvent
from net.presence.codec import AvatarState

ROOM_SCENES = {"invest-seoul": "invest_seoul", "fintech-lab": "fintech_lab",
               "citizens-university": "citizens_university", "seoul-learn": "seoul_learn"}
PLACES = 7  # places in the row
GAP = 0.9  # metres between places
AHEAD = 3.0  # the row stands this far in front of the room's viewpoint


def place(camera: tuple[float, float, float], target: tuple[float, float, float], avatar_id: int) -> AvatarState:
    """Where visitor ``avatar_id`` stands in a room seen from ``camera`` towards ``target`` (world metres),
    facing back towards the viewpoint."""
    dx, dy = target[0] - camera[0], target[1] - camera[1]
    length = math.hypot(dx, dy) or 1.0
    fx, fy = dx / length, dy / length
    k = avatar_id % PLACES - PLACES // 2
    x = camera[0] + fx * AHEAD + fy * k * GAP
    y = camera[1] + fy * AHEAD - fx * k * GAP
    heading = math.degrees(math.atan2(fx, -fy)) % 360.0  # Panda3D's heading of the direction (-fx, -fy)
    return AvatarState(x, y, 0.0, heading, 0)


def seat(seats: list[tuple[float, float, float]], stage: tuple[float, float, float], avatar_id: int) -> AvatarState:
    """Visitor ``avatar_id``'s seat of ``seats`` (world points), facing ``stage``."""
    x, y, z = seats[avatar_id % len(seats)]
    dx, dy = stage[0] - x, stage[1] - y
    return AvatarState(x, y, z, math.degrees(math.atan2(-dx, dy)) % 360.0, 0)


class RoomPresence:
    """Presence in one space while its visit lasts; ``release()`` leaves."""

    def __init__(self, app, scene, scene_id: str, client_dir: Path | None,
                 on_events: Callable[[list[PresenceEvent]], None] = lambda events: None,
                 seated: Callable[[], bool] = lambda: False, lender=None) -> None:
        """``seated``: whether the room seats its visitors now (the Fintech Lab on demo day), on the interior's
        ``seat:<n>`` places facing its ``screen``. ``lender``: the street's presence
        (:class:`game.presence.wiring.Social`), borrowed for the visit instead of a link of the room's own."""
        self.lender = lender
        self.link, self.client = lender.lend() if lender is not None else open_presence(client_dir)
        camera, target = scene.world_point(scene.anchor("camera")), scene.world_point(scene.anchor("target"))
        floor = scene.world_point((0.0, 0.0, 0.0))[2]
        anchors = scene.interior.anchors
        seats = [scene.world_point(anchors[f"seat:{k}"]) for k in range(len(anchors)) if f"seat:{k}" in anchors]

        def pose() -> AvatarState:
            me = self.client.avatar_id or 0
            if seats and seated():
                return seat(seats, scene.world_point(scene.anchor("screen")), me)
            spot = place(camera, target, me)
            return AvatarState(spot.x, spot.y, floor, spot.heading, 0)

        self.task = PresenceTask(app.base, app.world, self.client, pose, lang=app.language.value, font=app.font,
                                 link_events=self.link.poll, screen_keyboard=app.config.kiosk, keys=app.keys,
                                 on_events=on_events)
        self._unsubscribe = app.language.subscribe(self.task.set_language)
        self.task.start(ROOM_SCENES[scene_id], look=Look(), anonymous=app.config.kiosk)

    def chat(self) -> None:
        """Open the chat line (from the room's panel, which holds the keys that the street's Enter would)."""
        self.task.panel.start()

    def release(self) -> None:
        self._unsubscribe()
        self.task.release()
        self.link.poll()  # hand the leave request to the socket (before it closes, or before the street's join)
        if self.lender is not None:
            self.lender.take_back()
            return
        self.client.close()
        self.link.close()
