"""Reference spaces: the play area (STAGE when standing, LOCAL when seated) and the head (VIEW)."""

from __future__ import annotations

from dataclasses import dataclass

import xr

from game.xr.axes import Pose, pose_from_xr
from game.xr.session import Session
from game.xr.system import VIEW_CONFIGURATION

_VALID = xr.SpaceLocationFlags.POSITION_VALID_BIT | xr.SpaceLocationFlags.ORIENTATION_VALID_BIT
_VIEW_VALID = xr.ViewStateFlags.POSITION_VALID_BIT | xr.ViewStateFlags.ORIENTATION_VALID_BIT


@dataclass(frozen=True)
class EyeView:
    """One eye's pose (Panda3D axes, play-area space) and its field-of-view angles in radians."""

    pose: Pose
    fov: tuple[float, float, float, float]  # left, right, up, down
    raw: xr.View  # kept for the projection layer, which wants the runtime's own pose and fov back


def _identity() -> xr.Posef:
    return xr.Posef(orientation=xr.Quaternionf(0, 0, 0, 1), position=xr.Vector3f(0, 0, 0))


class Spaces:
    """Creates the app's reference spaces; ``reference`` is "standing" or "seated"."""

    def __init__(self, session: Session, reference: str) -> None:
        self.session = session
        kinds = [xr.ReferenceSpaceType(k) for k in xr.enumerate_reference_spaces(session.handle)]
        wanted = xr.ReferenceSpaceType.STAGE if reference == "standing" else xr.ReferenceSpaceType.LOCAL
        self.kind = wanted if wanted in kinds else xr.ReferenceSpaceType.LOCAL
        self.app = self._make(self.kind)
        self.view = self._make(xr.ReferenceSpaceType.VIEW)

    def _make(self, kind: xr.ReferenceSpaceType) -> xr.Space:
        info = xr.ReferenceSpaceCreateInfo(reference_space_type=kind, pose_in_reference_space=_identity())
        return xr.create_reference_space(self.session.handle, info)

    def locate(self, space: xr.Space, display_time: int) -> Pose | None:
        """Pose of ``space`` in the play area at ``display_time``, or None while not tracked."""
        loc = xr.locate_space(space, self.app, display_time)
        if loc.location_flags & _VALID != _VALID:
            return None
        p, q = loc.pose.position, loc.pose.orientation
        return pose_from_xr((p.x, p.y, p.z), (q.x, q.y, q.z, q.w))

    def locate_views(self, display_time: int) -> list[EyeView] | None:
        """Both eyes at ``display_time``, or None while the head is not tracked."""
        info = xr.ViewLocateInfo(view_configuration_type=VIEW_CONFIGURATION, display_time=display_time, space=self.app)
        state, views = xr.locate_views(self.session.handle, info)
        if state.view_state_flags & _VIEW_VALID != _VIEW_VALID:
            return None
        out = []
        for v in views:
            p, q, f = v.pose.position, v.pose.orientation, v.fov
            pose = pose_from_xr((p.x, p.y, p.z), (q.x, q.y, q.z, q.w))
            out.append(EyeView(pose, (f.angle_left, f.angle_right, f.angle_up, f.angle_down), v))
        return out

    def destroy(self) -> None:
        for name in ("app", "view"):
            space = getattr(self, name, None)
            if space is not None:
                xr.destroy_space(space)
                setattr(self, name, None)
