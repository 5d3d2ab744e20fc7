"""Shared presence in the headset: the XR rig's head and hands go out as our avatar, the others are drawn in
the district the headset shows, with the personal-space bubble on (issue 8: crowding feels physical in VR).

main.py's ``--xr`` hook calls :func:`join_presence` once the driver and the city link exist. Presence gets its
own link to the same city (see :mod:`game.presence.wiring`), and leaves the scene from ShowBase's final-exit
callbacks: ``run_xr`` destroys the ShowBase itself, and the leave request must go out while the task manager
and the sockets still exist, before main.py stops the embedded hub.
"""

from __future__ import annotations

from pathlib import Path

from panda3d.core import NodePath

from game.presence.task import PresenceTask
from game.presence.wiring import SCENE, has_presence, open_presence
from game.social.avatar_mesh import Look
from game.xr.axes import Pose as WorldPose
from game.xr.bindings import LEFT, RIGHT
from game.xr.vr_pose import vr_state
from net.presence.codec import AvatarState
from ui.fonts import load_font


def _world_pose(node: NodePath, world: NodePath) -> WorldPose | None:
    """A rig node's pose in ``world``; None while it is stashed (a controller the runtime does not track)."""
    if node.is_stashed():
        return None
    return WorldPose(tuple(node.get_pos(world)), tuple(node.get_quat(world)))


class XrPresence:
    """Presence for a headset visitor; released by ShowBase's final-exit callbacks (or :meth:`release`)."""

    def __init__(self, driver, world: NodePath, client_dir: Path, *, lang: str, anonymous: bool) -> None:
        """``world`` is the district's root (the PBR pipeline's node), so remote avatars are lit like the city."""
        self.driver, self.world = driver, world
        self.link, self.client = open_presence(client_dir)
        base = driver.base
        self.task = PresenceTask(base, world, self.client, self.state, lang=lang, font=load_font(base.loader),
                                 vr=True, link_events=self.link.poll)
        self.task.start(SCENE, look=Look(), anonymous=anonymous)
        self.released = False
        base.finalExitCallbacks.append(self.release)

    def state(self) -> AvatarState:
        """Our avatar now: the tracked head and hands once the runtime gives a pose, the rig's spot before."""
        rig = self.driver.rig
        if not self.driver.head_poses:  # no tracked frame yet: stand where the rig stands
            return AvatarState(*rig.root.get_pos(self.world), rig.root.get_h(self.world))
        hands = [_world_pose(rig.hands[side], self.world) for side in (LEFT, RIGHT)]
        return vr_state(_world_pose(rig.head, self.world), *hands, rig.root.get_z(self.world))

    def release(self) -> None:
        """Leave the scene and close presence's sockets; safe to call twice."""
        if self.released:
            return
        self.released = True
        self.task.release()
        self.link.poll()  # hand the leave request to the socket before it closes
        self.client.close()
        self.link.close()


def join_presence(driver, config, city, world: NodePath) -> XrPresence | None:
    """Presence in the headset over the app's city connection (:mod:`game.city_connection`: its embedded hub, or
    ``--city``); None when that city has no presence endpoints (a hub from before presence)."""
    client_dir = city.client_dir
    if client_dir is None or not has_presence(client_dir):
        return None
    return XrPresence(driver, world, client_dir, lang=config.language, anonymous=config.kiosk)
