"""Kiosk mode in the headset: the pure parts (input detection, comfort diff, alert options) and the visit cycle
of :class:`game.kiosk.headset.HeadsetKiosk` on a stand-in driver (the real runtime: tests/xr/test_headset_kiosk)."""

from dataclasses import replace
from pathlib import Path
from types import SimpleNamespace

from panda3d.core import NodePath

from game.kiosk.headset import HeadsetKiosk, comfort_changes, has_input
from game.kiosk.settings import KioskSettings, alert_options, city_options
from game.xr.comfort import ComfortSettings
from game.xr.intents import HandState, InputFrame
from game.xr.locomotion import Rig


def test_any_button_or_pushed_stick_is_input_a_resting_stick_is_not():
    assert not has_input(InputFrame())
    assert not has_input(InputFrame(right=HandState(stick=(0.1, -0.2))))  # drift
    assert has_input(InputFrame(right=HandState(select=True)))  # trigger
    assert has_input(InputFrame(left=HandState(teleport=True)))
    assert has_input(InputFrame(right=HandState(stick=(-0.9, 0.0))))  # turn
    assert has_input(InputFrame(left=HandState(stick=(0.0, 0.7))))  # teleport aim by stick
    assert has_input(InputFrame(menu=True))
    assert has_input(InputFrame(recentre=True))


def test_comfort_changes_name_what_the_visitor_changed():
    base = ComfortSettings()
    assert comfort_changes(base, base) == {}
    changed = replace(base, smooth_turn=not base.smooth_turn)
    assert comfort_changes(base, changed) == {"smooth_turn": not base.smooth_turn}


def test_alerts_target_the_kiosk_location_in_its_languages(tmp_path):
    s = KioskSettings(site_name="Gate", location=(37.58, 126.98), languages=("en", "ko"), data_dir=tmp_path,
                      drop_folder=tmp_path / "drop")  # fmt: skip
    opts, city = alert_options(s), city_options(s)
    assert opts["location"] == (37.58, 126.98) and opts["languages"] == ("en", "ko")
    assert city["offline_ok"] and city["embedded_dir"] == tmp_path / "embedded-city"
    assert len(opts["sources"]) == 1


class FakeDriver:
    def __init__(self):
        self.tasks = []
        self.dt = 0.0
        self.base = SimpleNamespace(taskMgr=SimpleNamespace(add=lambda fn, *a, **k: self.tasks.append(fn) or fn,
                                                            remove=lambda t: None),
                                    clock=SimpleNamespace(get_dt=lambda: self.dt))  # fmt: skip
        self.head_panel = NodePath("head-panel")
        self.rig_state = Rig()
        self.settings = ComfortSettings()
        self.rig = SimpleNamespace(set_rig=lambda r: None)
        self.menu = SimpleNamespace(root=NodePath("menu"))
        self.visuals = SimpleNamespace(show_arc=lambda a: None)
        self.events, self.frame_index = [], 0

    def set_settings(self, settings):
        self.settings = settings

    def frame(self, dt, frame=None, kiosk=None):
        self.dt, self.frame_index = dt, self.frame_index + 1
        kiosk.filter(self.frame_index, frame or InputFrame())
        for task in self.tasks:
            task(SimpleNamespace(cont=1))


def test_input_starts_a_visit_and_the_timeout_wipes_it_back_to_the_start(tmp_path):
    d = FakeDriver()
    k = HeadsetKiosk(d, KioskSettings(site_name="Gate", idle_timeout_s=10, data_dir=Path(tmp_path)))
    assert not k.prompt.is_hidden() and not k.in_visit
    for _ in range(100):  # idle kiosk: nothing happens however long
        d.frame(0.2, kiosk=k)
    assert not k.in_visit and d.events == []
    d.frame(0.1, InputFrame(right=HandState(select=True)), kiosk=k)
    assert k.in_visit and k.prompt.is_hidden() and d.events[-1]["kiosk"] == "visit_start"
    d.rig_state = Rig(x=3.0, y=-2.0, heading=45.0)  # the visitor teleported and turned ...
    d.settings = replace(d.settings, vignette=not d.settings.vignette)  # ... and changed a comfort setting
    for _ in range(30):
        d.frame(0.25, kiosk=k)
    d.frame(0.1, InputFrame(menu=True), kiosk=k)  # input resets the timer
    for _ in range(39):
        d.frame(0.25, kiosk=k)
    assert k.in_visit  # 9.75 s since the last input
    d.frame(0.25, kiosk=k)
    assert not k.in_visit and not k.prompt.is_hidden()
    end = d.events[-1]
    assert end["kiosk"] == "visit_end" and end["moved"] and end["reset_settings"] == ["vignette"]
    assert d.rig_state == Rig() and d.settings == ComfortSettings()


def test_a_stalled_frame_does_not_wipe_a_visit_at_once(tmp_path):
    d = FakeDriver()
    k = HeadsetKiosk(d, KioskSettings(site_name="Gate", idle_timeout_s=10, data_dir=Path(tmp_path)))
    d.frame(0.1, InputFrame(menu=True), kiosk=k)
    d.frame(30.0, kiosk=k)
    assert k.in_visit
