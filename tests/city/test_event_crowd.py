"""New Year's Eve at Bosingak: the crowd an event draws follows its occurrence in hub time, thickening before
midnight and thinning after (issue 17)."""

import datetime as dt

import numpy as np
import pytest

from game.life import event_crowd
from tests.city.conftest import KST


def _t(*args) -> float:
    return dt.datetime(*args, tzinfo=KST).timestamp()


@pytest.fixture(scope="module")
def bell() -> event_crowd.EventCrowd:
    (crowd,) = [c for c in event_crowd.load() if c.spec.id == "new-year-bell"]
    return crowd


def test_the_crowd_builds_to_midnight_stays_for_the_strikes_and_leaves_within_the_hour(bell):
    occ = bell.spec.occurrence(_t(2026, 12, 31, 12, 0))
    assert occ.start == _t(2027, 1, 1, 0, 0)
    evening = [bell.share(_t(2026, 12, 31, h, m)) for h, m in ((20, 0), (21, 30), (22, 30), (23, 15), (23, 50))]
    assert evening[0] == 0.0 and all(b > a for a, b in zip(evening, evening[1:], strict=False))
    assert evening[-1] > 0.9
    assert bell.share(occ.start) == 1.0 and bell.share(occ.beats[-1]) == 1.0  # through all 33 strikes
    after = [bell.share(occ.end + s) for s in (600, 1800, 3000, 3600, 7200)]
    assert all(b < a for a, b in zip(after[:4], after[1:4], strict=False)) and after[-2:] == [0.0, 0.0]
    # any other night: nothing, at the same hour
    assert bell.share(_t(2026, 12, 30, 23, 55)) == 0.0 and bell.share(_t(2026, 6, 1, 0, 0)) == 0.0
    assert bell.walkers(_t(2026, 12, 31, 23, 55)) == bell.peak


def test_a_curve_that_runs_backwards_is_refused(tmp_path, bell):
    bad = tmp_path / "crowds.json"
    bad.write_text('{"crowds": [{"event": "new-year-bell", "place": {"id": "p", "lat": 37.57, "lon": 126.98, '
                   '"radius": 50}, "peak_walkers": 10, "curve": [["start", 0, 0.0], ["start", -60, 1.0]]}]}')
    with pytest.raises(ValueError, match="forward in time"):
        event_crowd.load(bad, {"new-year-bell": bell.spec})


def _near_bosingak(life, district) -> int:
    c = life.crowd
    x, y = district[2]["bosingak"].local
    return int((np.hypot(c.pos[c.present, 0] - x, c.pos[c.present, 1] - y) < 160).sum())


def test_jongno_fills_round_bosingak_on_new_years_eve_only(district, make_life):
    counts = {}
    for name, when in (("eve", dt.datetime(2026, 12, 31, 23, 55, tzinfo=KST)),
                       ("night before", dt.datetime(2026, 12, 30, 23, 55, tzinfo=KST)),
                       ("after", dt.datetime(2027, 1, 1, 1, 30, tzinfo=KST))):
        life = make_life(when=when, vehicle_scale=0.0)
        for _ in range(20):
            life.update(0.5)
        counts[name] = _near_bosingak(life, district)
    assert counts["eve"] > 400 > 4 * counts["night before"], counts
    assert counts["after"] < counts["eve"] / 4, counts


def test_the_event_follows_hub_time_not_the_scene_clock(district, make_life):
    scene = dt.datetime(2026, 12, 30, 23, 55, tzinfo=KST)
    hub = _t(2026, 12, 31, 23, 55)
    life = make_life(when=scene, vehicle_scale=0.0, hub_time=lambda: hub)
    assert life.crowd.count(len(life.places) - 1) > 400
