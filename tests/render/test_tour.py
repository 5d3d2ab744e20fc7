"""The offscreen tour contract, end to end through ``main.py``, with pixel facts measured from the pictures."""

from __future__ import annotations

import json
import math
import os
import subprocess
import sys
from pathlib import Path

import pytest

from game.landmarks import catalogue

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.render
NIGHT = "2026-12-02T22:00+09:00"


def run_main(args: list[str], cwd: Path, env_extra: dict | None = None, drop_display: bool = True):
    env = {k: v for k, v in os.environ.items() if not (drop_display and k in ("DISPLAY", "WAYLAND_DISPLAY"))}
    env.update(env_extra or {})
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *args], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=900)


@pytest.fixture(scope="module")
def tour(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("tour")
    out = tmp / "pictures"
    proc = run_main(["--offscreen", "--size", "640x360", "--tour", str(out), "--cache-dir", str(tmp / "cache"),
                     "--time", "2026-05-15T11:00"], cwd=tmp)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return out, json.loads((out / "tour.json").read_text(encoding="utf-8")), proc


def test_tour_writes_every_landmark_and_the_contract_keys(tour):
    out, doc, proc = tour
    ids = [s["id"] for s in doc["stops"]]
    assert ids == list(catalogue.LANDMARK_IDS)
    assert doc["time"] == "2026-05-15T11:00:00+09:00"  # the instant it was rendered at, as asked
    assert (doc["weather"], doc["season"]) == ("clear", "spring")  # the default weather; May is spring
    lms = catalogue.load()
    for stop in doc["stops"]:
        assert (out / f"{stop['id']}.png").stat().st_size > 10_000
        assert {"id", "name_ko", "name_en", "lat", "lon", "camera", "draw_calls", "triangles", "frame_ms"} <= set(stop)
        lm = lms[stop["id"]]
        assert (stop["lat"], stop["lon"], stop["name_ko"], stop["name_en"]) == (lm.lat, lm.lon, lm.name_ko, lm.name_en)
        assert stop["frame_ms"] > 0
        assert stop["pedestrians"] >= 0 and stop["vehicles"] >= 0 and stop["crowd"]["level"]
    square = next(s for s in doc["stops"] if s["id"] == "gwanghwamun-square")
    assert square["pedestrians"] > 10, "a Friday morning in May: people on the square"
    assert str(out.resolve()) in proc.stdout  # tells the user where the pictures are
    assert len(doc["baked_materials"]) == 15  # empty cache: every material baked (and shown while baking)
    assert "재질 굽는 중" in proc.stderr


@pytest.mark.parametrize("lid", catalogue.LANDMARK_IDS)
def test_each_picture_shows_its_landmark_against_the_sky(tour, lid):
    _, doc, _ = tour
    px = next(s for s in doc["stops"] if s["id"] == lid)["pixels"]
    assert px["coverage"] >= 0.08, f"{lid} fills only {px['coverage']:.1%} of its picture"
    assert px["sky_top_quarter"] > px["sky_bottom_quarter"], "sky must be above the ground"
    if px["sky_rgb"]:
        assert math.dist(px["landmark_rgb"], px["sky_rgb"]) > 25, "landmark must stand out from the sky"
        r, g, b = px["sky_rgb"]
        assert b > r, "a daytime sky is bluer than it is red"


@pytest.fixture(scope="module")
def night_tour(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("night")
    proc = run_main(["--offscreen", "--size", "320x180", "--tour", str(tmp / "pictures"), "--cache-dir",
                     str(tmp / "cache"), "--time", NIGHT], cwd=tmp)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return json.loads((tmp / "pictures" / "tour.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("lid", catalogue.LANDMARK_IDS)
def test_at_night_each_landmark_is_floodlit_against_a_dark_sky(night_tour, lid):
    lum = next(s for s in night_tour["stops"] if s["id"] == lid)["pixels"]["luminance"]
    assert lum["image"] >= 35, f"{lid} at 22:00 is too dark to see ({lum['image']}/255)"
    if lum["sky"] is not None:
        assert lum["landmark"] >= 3 * lum["sky"], f"{lid} is not lit above the night sky: {lum}"


def test_daytime_luminance_is_recorded_too(tour):
    lum = tour[1]["stops"][0]["pixels"]["luminance"]
    assert lum["image"] > 60 and lum["sky"] > lum["landmark"] / 3  # a day sky is bright, unlike the night's


@pytest.mark.parametrize("lid", catalogue.LANDMARK_IDS)
def test_view_budgets(tour, lid):
    stop = next(s for s in tour[1]["stops"] if s["id"] == lid)
    assert stop["draw_calls"] <= 200
    assert stop["triangles"] <= 1_000_000


def test_camera_stands_where_it_says(tour):
    for stop in tour[1]["stops"]:
        cam = stop["camera"]
        from game import geo

        e, n = geo.to_local(cam["lat"], cam["lon"])
        assert math.dist((e, n), (cam["x"], cam["y"])) < 0.05


def test_headless_run_falls_back_to_the_offscreen_tour(tmp_path):
    # `make run` on a server renders Seoul as it is now: "now" is the program's clock, pinned here by MSEOUL_NOW.
    proc = run_main(["--cache-dir", str(tmp_path / "cache"), "--size", "320x180"], cwd=tmp_path,
                    env_extra={"MSEOUL_NOW": "2026-12-02T03:00+09:00"})
    assert proc.returncode == 0, proc.stderr[-2000:]
    doc = json.loads((tmp_path / "out" / "tour" / "tour.json").read_text(encoding="utf-8"))
    assert doc["time"].startswith("2026-12-02T03:00:")
    assert [stop["id"] for stop in doc["stops"]] == list(catalogue.LANDMARK_IDS) and doc["size"] == [320, 180]
    assert "offscreen" in proc.stderr.lower() or "오프스크린" in proc.stderr


def test_bad_flag_exits_2_with_one_clear_line(tmp_path):
    proc = run_main(["--size", "huge"], cwd=tmp_path)
    assert proc.returncode == 2
    assert proc.stderr.strip().count("\n") == 0 and "--size" in proc.stderr
