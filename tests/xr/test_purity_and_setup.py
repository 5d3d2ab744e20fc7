"""Pure modules stay engine-free; runtime discovery and swapchain format choice behave without a runtime."""

import json
import subprocess
import sys

import pytest

from game.xr.instance import runtime_manifest_problem
from game.xr.swapchain import GL_RGBA8, GL_SRGB8_ALPHA8, choose_format

PURE = ("axes", "comfort", "arc", "locomotion", "bindings", "intents", "raycast", "pull", "landing", "place_list")


def test_pure_modules_import_no_engine():
    code = (
        "import sys\n"
        + "".join(f"import game.xr.{m}\n" for m in PURE)
        + "bad = [m for m in sys.modules if m.split('.')[0] in ('panda3d', 'direct', 'xr', 'OpenGL')]\n"
        + "assert not bad, bad\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_manifest_problems_are_one_line_reasons(tmp_path):
    missing = runtime_manifest_problem({"XR_RUNTIME_JSON": str(tmp_path / "nope.json"), "HOME": str(tmp_path)})
    assert "does not exist" in missing and "\n" not in missing
    bad = tmp_path / "bad.json"
    bad.write_text("{}")
    assert "not an OpenXR runtime manifest" in runtime_manifest_problem({"XR_RUNTIME_JSON": str(bad)})
    good = tmp_path / "good.json"
    good.write_text(json.dumps({"file_format_version": "1.0.0", "runtime": {"library_path": "x.so"}}))
    assert runtime_manifest_problem({"XR_RUNTIME_JSON": str(good)}) is None


def test_unset_manifest_falls_back_to_active_runtime(tmp_path):
    env = {"HOME": str(tmp_path), "XDG_CONFIG_DIRS": str(tmp_path / "etc")}
    assert "XR_RUNTIME_JSON is unset" in runtime_manifest_problem(env)
    active = tmp_path / ".config/openxr/1/active_runtime.json"
    active.parent.mkdir(parents=True)
    active.write_text("{}")
    assert runtime_manifest_problem(env) is None


def test_swapchain_format_prefers_srgb_with_alpha():
    assert choose_format([GL_RGBA8, GL_SRGB8_ALPHA8, 0x8C41]) == GL_SRGB8_ALPHA8
    assert choose_format([0x8C41, GL_RGBA8]) == GL_RGBA8
    with pytest.raises(ValueError):
        choose_format([0x8C41])  # GL_SRGB8 alone is not acceptable


def test_menu_strings_exist_in_both_languages():
    from game.text import i18n

    for key in ("recentre", "snap_turn", "smooth_turn", "vignette", "on", "off", "close"):
        for lang in ("ko", "en"):
            assert i18n.text(f"xr.{key}", lang)
    assert "45" in i18n.text("xr.snap_turn", "ko", deg=45)
