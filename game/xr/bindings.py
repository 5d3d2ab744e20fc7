"""The app's OpenXR actions and their suggested bindings for four controller families. Pure data.

OpenXR apps name *actions* (teleport, select, …) and suggest, per interaction profile, which physical input
drives each; the runtime picks the profile matching the real controllers and may let users rebind. Keeping the
table here (not in the pyopenxr wrapper) lets a unit test check that every profile binds every action it can
and only to paths that profile really has.
"""

from __future__ import annotations

from dataclasses import dataclass

LEFT = "/user/hand/left"
RIGHT = "/user/hand/right"
HANDS = (LEFT, RIGHT)


@dataclass(frozen=True)
class ActionSpec:
    """One action: its OpenXR name (lowercase, no spaces), type, and whether it is per hand."""

    name: str
    kind: str  # "boolean", "float", "vector2f", "pose" or "vibration"
    per_hand: bool = True


ACTIONS: tuple[ActionSpec, ...] = (
    ActionSpec("aim", "pose"),
    ActionSpec("thumbstick", "vector2f"),
    ActionSpec("teleport", "boolean"),
    ActionSpec("select", "boolean"),
    ActionSpec("grip", "boolean"),  # squeeze: hold the bell's rope (game.xr.pull)
    ActionSpec("menu", "boolean", per_hand=False),
    ActionSpec("recentre", "boolean", per_hand=False),
    ActionSpec("places", "boolean", per_hand=False),  # the list of rooms and spaces (game.xr.places)
    ActionSpec("haptic", "vibration"),
)

PROFILES = {
    "khr_simple": "/interaction_profiles/khr/simple_controller",
    "oculus_touch": "/interaction_profiles/oculus/touch_controller",
    "valve_index": "/interaction_profiles/valve/index_controller",
    "htc_vive": "/interaction_profiles/htc/vive_controller",
}

# Input paths each profile really has (from the OpenXR 1.0 specification's interaction profile list), per hand.
_COMMON = ("input/aim/pose", "input/grip/pose", "output/haptic")
PROFILE_INPUTS: dict[str, dict[str, tuple[str, ...]]] = {
    "khr_simple": {h: (*_COMMON, "input/select/click", "input/menu/click") for h in HANDS},
    "oculus_touch": {
        LEFT: (*_COMMON, "input/x/click", "input/y/click", "input/menu/click", "input/squeeze/value",
               "input/trigger/value", "input/thumbstick", "input/thumbstick/click"),
        RIGHT: (*_COMMON, "input/a/click", "input/b/click", "input/squeeze/value",
                "input/trigger/value", "input/thumbstick", "input/thumbstick/click"),
    },
    "valve_index": {h: (*_COMMON, "input/a/click", "input/b/click", "input/trigger/click", "input/trigger/value",
                        "input/squeeze/value", "input/thumbstick", "input/thumbstick/click", "input/trackpad")
                    for h in HANDS},
    "htc_vive": {h: (*_COMMON, "input/menu/click", "input/squeeze/click", "input/trigger/click",
                     "input/trigger/value", "input/trackpad", "input/trackpad/click") for h in HANDS},
}  # fmt: skip


def _both(action: str, sub: str) -> list[tuple[str, str]]:
    return [(action, f"{h}/{sub}") for h in HANDS]


# Left hand moves (teleport), right hand turns and points; menu on the left, recentre on the right; either hand's
# squeeze grips (the simple controller has none: its visitors ring with the select button's cue instead); the right
# A button (the Vive's right trackpad click) opens the places list; the simple controller has no button left for it.
SUGGESTED: dict[str, list[tuple[str, str]]] = {
    "khr_simple": [
        *_both("aim", "input/aim/pose"), *_both("haptic", "output/haptic"),
        ("teleport", f"{LEFT}/input/select/click"), ("select", f"{RIGHT}/input/select/click"),
        ("menu", f"{LEFT}/input/menu/click"), ("recentre", f"{RIGHT}/input/menu/click"),
    ],
    "oculus_touch": [
        *_both("aim", "input/aim/pose"), *_both("haptic", "output/haptic"), *_both("thumbstick", "input/thumbstick"),
        *_both("select", "input/trigger/value"), *_both("grip", "input/squeeze/value"),
        ("teleport", f"{LEFT}/input/x/click"), ("places", f"{RIGHT}/input/a/click"),
        ("menu", f"{LEFT}/input/menu/click"), ("recentre", f"{RIGHT}/input/b/click"),
    ],
    "valve_index": [
        *_both("aim", "input/aim/pose"), *_both("haptic", "output/haptic"), *_both("thumbstick", "input/thumbstick"),
        *_both("select", "input/trigger/click"), *_both("grip", "input/squeeze/value"),
        ("teleport", f"{LEFT}/input/a/click"), ("places", f"{RIGHT}/input/a/click"),
        ("menu", f"{LEFT}/input/b/click"), ("recentre", f"{RIGHT}/input/b/click"),
    ],
    "htc_vive": [
        *_both("aim", "input/aim/pose"), *_both("haptic", "output/haptic"), *_both("thumbstick", "input/trackpad"),
        *_both("select", "input/trigger/click"), *_both("grip", "input/squeeze/click"),
        ("teleport", f"{LEFT}/input/trackpad/click"), ("places", f"{RIGHT}/input/trackpad/click"),
        ("menu", f"{LEFT}/input/menu/click"), ("recentre", f"{RIGHT}/input/menu/click"),
    ],
}  # fmt: skip


def suggested_bindings() -> dict[str, list[tuple[str, str]]]:
    """Interaction-profile path → [(action name, input path)], as handed to xrSuggestInteractionProfileBindings."""
    return {PROFILES[key]: list(pairs) for key, pairs in SUGGESTED.items()}
