"""The OpenXR action system: one action set from :mod:`game.xr.bindings`, read each frame into an InputFrame."""

from __future__ import annotations

import ctypes

import xr

from game.xr.bindings import ACTIONS, HANDS, LEFT, RIGHT, suggested_bindings
from game.xr.intents import HandState, InputFrame
from game.xr.session import Session
from game.xr.spaces import Spaces

_TYPES = {
    "boolean": xr.ActionType.BOOLEAN_INPUT,
    "float": xr.ActionType.FLOAT_INPUT,
    "vector2f": xr.ActionType.VECTOR2F_INPUT,
    "pose": xr.ActionType.POSE_INPUT,
    "vibration": xr.ActionType.VIBRATION_OUTPUT,
}


class Actions:
    """Creates the actions, suggests bindings for every supported controller family, and attaches them."""

    def __init__(self, session: Session, spaces: Spaces) -> None:
        self.session = session
        self.spaces = spaces
        inst = session.instance.handle
        self._path = {h: xr.string_to_path(inst, h) for h in HANDS}
        self.set = xr.create_action_set(
            inst, xr.ActionSetCreateInfo(action_set_name="explore", localized_action_set_name="Explore", priority=0)
        )
        self.actions: dict[str, xr.Action] = {}
        for spec in ACTIONS:
            subpaths = [self._path[h] for h in HANDS] if spec.per_hand else []
            info = xr.ActionCreateInfo(
                action_type=_TYPES[spec.kind],
                action_name=spec.name,
                localized_action_name=spec.name.capitalize(),
                subaction_paths=subpaths,
            )
            self.actions[spec.name] = xr.create_action(self.set, info)
        self.rejected_profiles: list[str] = []
        for profile, pairs in suggested_bindings().items():
            suggested = [xr.ActionSuggestedBinding(self.actions[a], xr.string_to_path(inst, p)) for a, p in pairs]
            try:
                xr.suggest_interaction_profile_bindings(
                    inst,
                    xr.InteractionProfileSuggestedBinding(
                        interaction_profile=xr.string_to_path(inst, profile), suggested_bindings=suggested
                    ),
                )
            except xr.PathUnsupportedError:
                self.rejected_profiles.append(profile)  # an older runtime without this family: others still work
        xr.attach_session_action_sets(session.handle, xr.SessionActionSetsAttachInfo(action_sets=[self.set]))
        identity = xr.Posef(orientation=xr.Quaternionf(0, 0, 0, 1), position=xr.Vector3f(0, 0, 0))
        self.aim_spaces = {
            h: xr.create_action_space(
                session.handle,
                xr.ActionSpaceCreateInfo(
                    action=self.actions["aim"], subaction_path=self._path[h], pose_in_action_space=identity
                ),
            )
            for h in HANDS
        }

    def _get(self, fn, name: str, hand: str | None = None):
        sub = self._path[hand] if hand else xr.NULL_PATH
        return fn(self.session.handle, xr.ActionStateGetInfo(action=self.actions[name], subaction_path=sub))

    def _bool(self, name: str, hand: str | None = None) -> bool:
        state = self._get(xr.get_action_state_boolean, name, hand)
        return bool(state.is_active and state.current_state)

    def _hand(self, hand: str, display_time: int) -> HandState:
        stick = self._get(xr.get_action_state_vector2f, "thumbstick", hand)
        aim = self.spaces.locate(self.aim_spaces[hand], display_time)
        return HandState(
            aim=aim,
            stick=(stick.current_state.x, stick.current_state.y) if stick.is_active else (0.0, 0.0),
            teleport=self._bool("teleport", hand),
            select=self._bool("select", hand),
            grip=self._bool("grip", hand),
        )

    def read(self, display_time: int) -> InputFrame:
        """Sync the action set and read every action; call once per frame while the session is focused."""
        xr.sync_actions(
            self.session.handle, xr.ActionsSyncInfo(active_action_sets=[xr.ActiveActionSet(self.set, xr.NULL_PATH)])
        )
        return InputFrame(
            left=self._hand(LEFT, display_time),
            right=self._hand(RIGHT, display_time),
            menu=self._bool("menu"),
            recentre=self._bool("recentre"),
            places=self._bool("places"),
        )

    def current_profiles(self) -> dict[str, str]:
        """Which interaction profile the runtime chose for each hand ("" when none is bound yet)."""
        out = {}
        for hand in HANDS:
            state = xr.get_current_interaction_profile(self.session.handle, self._path[hand])
            path = state.interaction_profile
            out[hand] = xr.path_to_string(self.session.instance.handle, path) if path != xr.NULL_PATH else ""
        return out

    def haptic(self, hand: str, amplitude: float = 0.8, duration_s: float = 0.15) -> None:
        """Buzz one controller (e.g. when an alert arrives); the runtime picks the frequency."""
        vibration = xr.HapticVibration(
            duration=int(duration_s * 1e9), frequency=xr.FREQUENCY_UNSPECIFIED, amplitude=max(0.0, min(1.0, amplitude))
        )
        xr.apply_haptic_feedback(
            self.session.handle,
            xr.HapticActionInfo(action=self.actions["haptic"], subaction_path=self._path[hand]),
            ctypes.cast(ctypes.byref(vibration), ctypes.POINTER(xr.HapticBaseHeader)).contents,
        )

    def destroy(self) -> None:
        for space in self.aim_spaces.values():
            xr.destroy_space(space)
        self.aim_spaces = {}
        if self.set is not None:
            xr.destroy_action_set(self.set)  # destroys its actions too
            self.set = None
