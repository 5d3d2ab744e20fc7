"""City life drawn offscreen at pinned times: walkers visible in the Gwanghwamun Square view (a mask render, near and
far bodies), the crosswalk before Gwanghwamun and its pedestrian signal."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.pinned import DAY, NIGHT

pytestmark = pytest.mark.render
PROBE = Path(__file__).with_name("life_probe.py")
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def cache(tmp_path_factory):
    return tmp_path_factory.mktemp("life-cache")


def probe(*args: object) -> dict:
    env = dict(os.environ, EGL_PLATFORM="surfaceless", PYTHONPATH=str(ROOT))
    proc = subprocess.run([sys.executable, str(PROBE), *map(str, args)], env=env, capture_output=True, text=True,
                          timeout=280)
    assert proc.returncode == 0, proc.stderr[-2000:]
    return json.loads(proc.stdout.strip().splitlines()[-1])


def test_people_fill_the_square_by_day_fewer_at_night_in_few_draw_calls(cache, tmp_path):
    day = probe(cache, DAY, tmp_path / "day")
    assert day["walker_blobs"] >= 25 and day["walker_pixels"] > 600, day
    assert day["life_draw_calls"] <= 20
    # the near walkers in full, the far ones (beyond lod.DRAW_NEAR of the camera) with the coarse body; both show
    assert day["near_bodies"] >= 10 and day["far_bodies"] >= 100, day
    assert day["pedestrians"] >= 200 and day["vehicles"] >= 20
    assert (tmp_path / "day" / "life-gwanghwamun-square.png").stat().st_size > 10_000
    night = probe(cache, NIGHT, tmp_path / "night")
    assert 5 <= night["walker_blobs"] < day["walker_blobs"], night
    assert night["pedestrians"] < day["pedestrians"] and night["vehicles"] < day["vehicles"]
    assert night["crowd"]["광화문·덕수궁"]["source"] == "typical"


def test_walkers_stride_by_vertex_animation():
    spans = probe("walk-cycle")["spans"]  # phases 0, π/2, π, 3π/2 of one walker seen side-on
    together, apart = spans[0], spans[1]
    assert apart["ankle_span"] > 3 * together["ankle_span"]  # legs swing apart mid-stride
    assert apart["hand_span"] > together["hand_span"]  # and the arms swing with them
    assert spans[2]["ankle_span"] == together["ankle_span"] and spans[3]["ankle_span"] > 3 * spans[2]["ankle_span"]


@pytest.mark.parametrize(("when", "walk"), [("2026-05-15T12:00:00+09:00", False), ("2026-05-15T12:00:40+09:00", True)])
def test_the_crosswalk_before_gwanghwamun_is_painted_and_its_signal_follows_the_junction(cache, tmp_path, when, walk):
    """Yulgok-ro's crosswalk on the gate's axis: 26 m of zebra bars kerb to kerb (45 cm bars, 45 cm apart: about
    29 bars, each two edges along its middle line), and its pedestrian signal red at 12:00:00 (Sejong-daero's
    traffic turning), green 40 s later (the Sejong-daero junction's cycle, offset 46 s)."""
    got = probe("crosswalk", cache, when, tmp_path)
    assert 25.0 < got["length"] < 28.0
    assert got["bar_edges"] >= 50 and got["bar_px"] > 1500, got
    assert got["walk"] is walk
    lit, dark = (got["green_px"], got["red_px"]) if walk else (got["red_px"], got["green_px"])
    assert lit >= 20 and dark == 0, got


def test_jongno_fills_round_bosingak_before_the_new_years_bell(cache, tmp_path):
    """The Bosingak view at 23:55 on 31 December against the same minute a night earlier (issue 17): the event's
    crowd (game/life/event_crowd.py) shows as many more people in the picture."""
    eve = probe(cache, "2026-12-31T23:55+09:00", tmp_path / "eve", "bosingak")
    before = probe(cache, "2026-12-30T23:55+09:00", tmp_path / "before", "bosingak")
    # measured 9,469 walker pixels against none (the night before, Jongno's few walkers are out of this view)
    assert eve["walker_pixels"] > 3000 and eve["walker_pixels"] > 5 * before["walker_pixels"], (eve, before)
    assert eve["pedestrians"] > before["pedestrians"] + 400


def test_shoppers_in_namdaemun_markets_alleys_by_day(cache, tmp_path):
    """The market's own view, down a stall alley: shoppers walking and stopped at the stalls by day (measured 1,569
    to 6,190 walker pixels at 11:00 as the network changed), fewer people in the district at 22:00 when it is shut."""
    day = probe(cache, DAY, tmp_path / "day", "namdaemun-market")
    night = probe(cache, NIGHT, tmp_path / "night", "namdaemun-market")
    assert day["walker_pixels"] > 600 and day["walker_blobs"] >= 1, day
    assert night["pedestrians"] < day["pedestrians"], night


def test_people_sit_on_the_squares_benches(cache, tmp_path):
    """The busiest bench on Gwanghwamun Square after two minutes, from 4 m in front: the bench is drawn and the
    heads above it are lower than a standing person's (measured: top of the walkers' mask at row 28 of 180, a
    standing head at row 5 to 7; two or three sitters)."""
    got = probe("bench", cache, DAY, tmp_path)
    assert got["sitters_here"] >= 1 and got["bench_px"] > 300, got
    assert got["walker_top_row"] > got["standing_head_row"] + 10, got


def test_people_walk_cheonggyecheons_sunken_banks(cache, tmp_path):
    """The stream's view looks down into the channel: walkers on both banks below street level (measured 30 below
    street in the district, 739 walker pixels in 19 blobs at 11:00)."""
    got = probe(cache, DAY, tmp_path, "cheonggyecheon")
    assert got["below_street"] >= 10 and got["walker_pixels"] > 250 and got["walker_blobs"] >= 6, got
