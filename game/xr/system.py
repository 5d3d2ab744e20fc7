"""The OpenXR system (the headset): its name, its stereo views, and the OpenGL version it requires."""

from __future__ import annotations

from dataclasses import dataclass

import xr

from game.xr.instance import Instance, XrUnavailable

VIEW_CONFIGURATION = xr.ViewConfigurationType.PRIMARY_STEREO


@dataclass(frozen=True)
class ViewSize:
    """Recommended and maximum render size of one eye, in pixels."""

    width: int
    height: int
    max_width: int
    max_height: int


class System:
    """Looks up the head-mounted display; a runtime without one raises :class:`XrUnavailable`."""

    def __init__(self, instance: Instance) -> None:
        try:
            self.id = xr.get_system(instance.handle, xr.SystemGetInfo(form_factor=xr.FormFactor.HEAD_MOUNTED_DISPLAY))
        except xr.FormFactorUnavailableError as exc:
            raise XrUnavailable("no headset is connected to the OpenXR runtime") from exc
        props = xr.get_system_properties(instance.handle, self.id)
        self.name = props.system_name.decode()
        self.orientation_tracking = bool(props.tracking_properties.orientation_tracking)
        self.position_tracking = bool(props.tracking_properties.position_tracking)
        configs = xr.enumerate_view_configurations(instance.handle, self.id)
        if VIEW_CONFIGURATION not in [xr.ViewConfigurationType(c) for c in configs]:
            raise XrUnavailable(f"{self.name} has no stereo view configuration")
        self.views = [
            ViewSize(
                v.recommended_image_rect_width,
                v.recommended_image_rect_height,
                v.max_image_rect_width,
                v.max_image_rect_height,
            )
            for v in xr.enumerate_view_configuration_views(instance.handle, self.id, VIEW_CONFIGURATION)
        ]
        blend = [xr.EnvironmentBlendMode(b) for b in
                 xr.enumerate_environment_blend_modes(instance.handle, self.id, VIEW_CONFIGURATION)]  # fmt: skip
        self.blend_mode = xr.EnvironmentBlendMode.OPAQUE if xr.EnvironmentBlendMode.OPAQUE in blend else blend[0]
        # The spec requires this call before a session with an OpenGL binding is created.
        req = xr.get_opengl_graphics_requirements_khr(instance.handle, self.id)
        self.min_gl = (xr.Version(req.min_api_version_supported).major, xr.Version(req.min_api_version_supported).minor)
