"""Action bindings per controller family, intent mapping, and the laser pointer's panel hits."""

import pytest

from game.xr.axes import Pose
from game.xr.bindings import ACTIONS, HANDS, PROFILE_INPUTS, PROFILES, SUGGESTED, suggested_bindings
from game.xr.comfort import ComfortSettings
from game.xr.intents import HandState, InputFrame, IntentMapper
from game.xr.raycast import PanelRect, hit_panel, nearest_hit

AIM = Pose((0, 0, 1), (1, 0, 0, 0))


def test_four_controller_families_are_bound():
    assert set(suggested_bindings()) == {
        "/interaction_profiles/khr/simple_controller",
        "/interaction_profiles/oculus/touch_controller",
        "/interaction_profiles/valve/index_controller",
        "/interaction_profiles/htc/vive_controller",
    }


@pytest.mark.parametrize("profile", sorted(PROFILES))
def test_bindings_use_only_paths_the_profile_has(profile):
    names = {a.name for a in ACTIONS}
    for action, path in SUGGESTED[profile]:
        assert action in names
        hand, _, sub = path.partition("/input/") if "/input/" in path else path.partition("/output/")
        assert hand in HANDS
        kind = "input/" if "/input/" in path else "output/"
        assert kind + sub in PROFILE_INPUTS[profile][hand], f"{profile} has no {path}"


@pytest.mark.parametrize("profile", sorted(PROFILES))
def test_every_profile_can_aim_teleport_select_menu_recentre_and_buzz(profile):
    bound = {a for a, _ in SUGGESTED[profile]}
    assert {"aim", "teleport", "select", "menu", "recentre", "haptic"} <= bound
    aims = [p for a, p in SUGGESTED[profile] if a == "aim"]
    assert len(aims) == 2  # both hands point


def test_stick_profiles_turn_and_simple_does_not():
    assert "thumbstick" not in {a for a, _ in SUGGESTED["khr_simple"]}
    for profile in ("oculus_touch", "valve_index", "htc_vive"):
        assert "thumbstick" in {a for a, _ in SUGGESTED[profile]}


def _frame(teleport=False, stick_l=(0, 0), stick_r=(0, 0), select=False, menu=False, recentre=False, aim=AIM):
    return InputFrame(
        left=HandState(aim=aim, stick=stick_l, teleport=teleport),
        right=HandState(aim=AIM, stick=stick_r, select=select),
        menu=menu,
        recentre=recentre,
    )


def test_teleport_button_aims_while_held_and_commits_on_release():
    m = IntentMapper(ComfortSettings())
    seq = [m.update(_frame(teleport=t), 0.011) for t in (False, True, True, False, False)]
    assert [i.aiming for i in seq] == [False, True, True, False, False]
    assert [i.teleport_commit for i in seq] == [False, False, False, True, False]


def test_stick_forward_aims_with_hysteresis():
    m = IntentMapper(ComfortSettings())
    ys = (0.5, 0.7, 0.4, 0.3, 0.2)
    seq = [m.update(_frame(stick_l=(0, y)), 0.011) for y in ys]
    assert [i.aiming for i in seq] == [False, True, True, True, False]
    assert [i.teleport_commit for i in seq] == [False, False, False, False, True]


def test_untracked_hand_cannot_aim():
    m = IntentMapper(ComfortSettings())
    assert not m.update(_frame(teleport=True, aim=None), 0.011).aiming


def test_buttons_report_presses_once_and_stick_turns():
    m = IntentMapper(ComfortSettings(snap_turn_deg=45))
    a = m.update(_frame(select=True, menu=True, recentre=True, stick_r=(-1, 0)), 0.011)
    b = m.update(_frame(select=True, menu=True, recentre=True, stick_r=(-1, 0)), 0.011)
    assert (a.select_pressed, a.menu_pressed, a.recentre_pressed, a.turn_deg) == (True, True, True, 45)
    assert (b.select_pressed, b.menu_pressed, b.recentre_pressed, b.turn_deg) == (False, False, False, 0)


PANEL = PanelRect("menu", (0, 2, 1), (1, 0, 0), (0, 0, 1), 1.0, 0.5)


def test_ray_hits_panel_with_uv():
    hit = hit_panel((0.25, 0, 1.125), (0, 1, 0), PANEL)
    assert hit is not None and hit.distance == pytest.approx(2)
    assert (hit.u, hit.v) == pytest.approx((0.75, 0.75))


def test_ray_misses_outside_behind_and_parallel():
    assert hit_panel((2, 0, 1), (0, 1, 0), PANEL) is None
    assert hit_panel((0, 0, 1), (0, -1, 0), PANEL) is None
    assert hit_panel((0, 0, 1), (1, 0, 0), PANEL) is None


def test_nearest_panel_wins():
    near = PanelRect("near", (0, 1, 1), (1, 0, 0), (0, 0, 1), 1.0, 1.0)
    assert nearest_hit((0, 0, 1), (0, 1, 0), [PANEL, near]).name == "near"
    assert nearest_hit((0, 0, 1), (0, -1, 0), [PANEL, near]) is None


def test_menu_rows_cover_the_list_without_gaps():
    from game.xr.panels import MENU_KEYS, menu_buttons

    buttons = menu_buttons()
    assert [b.key for b in buttons] == list(MENU_KEYS)
    for upper, lower in zip(buttons, buttons[1:], strict=False):
        assert upper.rect[1] == pytest.approx(lower.rect[3])  # touching rows, top to bottom
    assert buttons[0].rect[3] == pytest.approx(0.95) and buttons[-1].rect[1] == pytest.approx(0.05)


def test_squeeze_profiles_grip_with_either_hand_and_simple_does_not():
    assert "grip" not in {a for a, _ in SUGGESTED["khr_simple"]}
    for profile in ("oculus_touch", "valve_index", "htc_vive"):
        grips = [p for a, p in SUGGESTED[profile] if a == "grip"]
        assert len(grips) == 2 and all("/input/squeeze/" in p for p in grips)
