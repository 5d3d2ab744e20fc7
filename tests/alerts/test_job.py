"""The CLI contract: OUT.png + OUT.json for valid alerts; exit status 2, one stderr line and no PNG otherwise."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from game.alert_job import run_alert_job
from game.config import AppConfig
from tests.alerts.paths import DATA

pytestmark = pytest.mark.render


def _config(tmp_path: Path, names, **kw) -> AppConfig:
    return AppConfig(offscreen=True, size=(640, 360), alerts=tuple(DATA / n for n in names),
                     screenshot=tmp_path / "out" / "alert.png", cache_dir=tmp_path / "cache", **kw)


def test_job_writes_png_and_json_with_every_outcome(showbase, tmp_path):
    names = ["heavy_rain_urgent.xml", "fine_dust_safety.xml", "heavy_rain_update.xml", "fine_dust_cancel.xml",
             "earthquake_busan_outside.xml", "heat_expired.xml", "exercise_air_raid.xml", "earthquake_emergency.xml",
             "missing_person_unknown_code.xml", "earthquake_emergency.xml"]
    config = _config(tmp_path, names)
    assert run_alert_job(showbase, config) == 0
    png = config.screenshot
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    report = json.loads(png.with_suffix(".json").read_text(encoding="utf-8"))
    assert [(i["identifier"], i["outcome"], i["level"], i["language"]) for i in report["inputs"]] == [
        ("KR-RAIN-20260710-0001", "replaced", "urgent", "ko-KR"),
        ("KR-PM-20260302-0007", "cancelled", "safety", "ko-KR"),
        ("KR-RAIN-20260710-0002", "presented", "urgent", "ko-KR"),
        ("KR-PM-20260302-0008", "cancelled", None, None),
        ("KR-EQ-20260601-0003", "outside-area", "urgent", "ko-KR"),
        ("KR-HEAT-20200801-0001", "expired", "safety", "ko-KR"),
        ("KR-CD-20260815-0001", "presented", "emergency", "ko-KR"),
        ("KR-EQ-20260521-0001", "presented", "emergency", "ko-KR"),
        ("KR-MP-20260915-0042", "presented", "safety", "ko-KR"),
        ("KR-EQ-20260521-0001", "presented", "emergency", "ko-KR"),
    ]
    assert report["inputs"][-1]["duplicate"] is True
    assert report["location"] == [37.5725, 126.9769]
    screen = report["screen"]
    assert screen["identifier"] == "KR-EQ-20260521-0001"  # a real emergency outranks the exercise
    assert (screen["level"], screen["pictogram"], screen["drill"]) == ("emergency", "earthquake", None)
    assert screen["caption_lines"][0] == "[기상청] 서울 종로구 북쪽 10km 지역 규모 6.1 지진 발생"
    assert screen["contrast_ratio"] >= 7.0 and 0 < screen["flash_rate_hz"] <= 3
    assert screen["glosses"] == [] and Path(screen["wav"][0]).is_file()
    assert report["queue"] == ["KR-EQ-20260521-0001", "KR-CD-20260815-0001", "KR-RAIN-20260710-0002",
                               "KR-MP-20260915-0042"]


def test_location_and_language_change_what_is_shown(showbase, tmp_path):
    config = _config(tmp_path, ["earthquake_busan_outside.xml", "earthquake_emergency.xml"],
                     location=(35.16, 129.16), language="en")
    assert run_alert_job(showbase, config) == 0
    report = json.loads(config.screenshot.with_suffix(".json").read_text(encoding="utf-8"))
    assert [i["outcome"] for i in report["inputs"]] == ["presented", "outside-area"]
    assert report["screen"]["identifier"] == "KR-EQ-20260601-0003" and report["screen"]["level"] == "urgent"


def test_nothing_to_show_still_writes_the_scene(showbase, tmp_path):
    config = _config(tmp_path, ["heat_busan_geocode.xml"])
    assert run_alert_job(showbase, config) == 0
    report = json.loads(config.screenshot.with_suffix(".json").read_text(encoding="utf-8"))
    assert report["screen"] is None and report["inputs"][0]["outcome"] == "outside-area"
    assert config.screenshot.is_file()


@pytest.mark.parametrize(("name", "problem"), [
    ("billion_laughs.xml", "DTD"), ("external_entity.xml", "DTD"), ("dtd.xml", "DTD"), ("not_xml.xml", "not XML"),
    ("bad_severity.xml", "severity"), ("missing_sender.xml", "sender"), ("no_such_file.xml", "cannot read"),
])
def test_invalid_cap_exits_2_with_one_line_and_no_png(showbase, tmp_path, capsys, name, problem):
    config = _config(tmp_path, ["earthquake_emergency.xml", name])
    assert run_alert_job(showbase, config) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and problem in err and name in err
    assert not config.screenshot.exists() and not config.screenshot.with_suffix(".json").exists()


def test_two_megabyte_input_exits_2(showbase, tmp_path, capsys):
    big = tmp_path / "big.xml"
    big.write_bytes(b"<alert>" + b" " * 2_000_000 + b"</alert>")
    config = AppConfig(alerts=(big,), screenshot=tmp_path / "big.png", cache_dir=tmp_path)
    assert run_alert_job(showbase, config) == 2
    assert "limit" in capsys.readouterr().err and not (tmp_path / "big.png").exists()


def test_bench_prints_first_overlay_timings():
    proc = subprocess.run([sys.executable, "-m", "game.alerts.bench", str(DATA / "fine_dust_safety.xml")],
                          capture_output=True, text=True, timeout=120, cwd=Path(__file__).resolve().parents[2],
                          env={**os.environ, "EGL_PLATFORM": "surfaceless"})
    assert proc.returncode == 0, proc.stderr[-2000:]
    (result,) = json.loads(proc.stdout)["results"]
    assert result["level"] == "safety" and result["frames"] >= 1 and result["first_overlay_ms"] > 0


SRGB_SCRIPT = """
import json, sys
from pathlib import Path
from panda3d.core import loadPrcFileData
loadPrcFileData("", "window-type offscreen\\nload-display p3headlessgl\\naudio-library-name null\\n"
                    "win-size 320 180\\nframebuffer-srgb true")
from direct.showbase.ShowBase import ShowBase
from game.alert_job import run_alert_job
from game.config import AppConfig
base = ShowBase(windowType="offscreen")
out = Path(sys.argv[1])
status = run_alert_job(base, AppConfig(alerts=(Path(sys.argv[2]),), screenshot=out, cache_dir=out.parent))
print(json.dumps({"status": status, "srgb": base.win.getFbProperties().getSrgbColor(),
                  "contrast": json.loads(out.with_suffix(".json").read_text())["screen"]["contrast_ratio"]}))
"""


def test_contrast_holds_on_an_srgb_framebuffer(tmp_path):
    """An sRGB framebuffer would wash the overlay's colours out below 7:1 unless the overlay compensates."""
    proc = subprocess.run([sys.executable, "-c", SRGB_SCRIPT, str(tmp_path / "srgb.png"),
                           str(DATA / "fine_dust_safety.xml")], capture_output=True, text=True, timeout=120,
                          cwd=Path(__file__).resolve().parents[2], env={**os.environ, "EGL_PLATFORM": "surfaceless"})
    assert proc.returncode == 0, proc.stderr[-2000:]
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    if not result["srgb"]:
        pytest.skip("this GL driver gave no sRGB framebuffer")
    assert result["status"] == 0 and result["contrast"] >= 7.0
