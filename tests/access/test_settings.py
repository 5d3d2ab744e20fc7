"""Accessibility settings in settings.json, and where they put the signing panel. Pure."""

from __future__ import annotations

import json
from dataclasses import fields

import pytest

from game import access_settings
from game.access_settings import AccessSettings
from game.signing.placement import place

ASPECT = 16 / 9
TAKEOVER = (0.570, 1.668, -0.153, 0.670)  # the regions the alert layout reserves at 640x360 (measured)
BANNER = (0.728, 1.728, -0.95, -0.2)


def test_every_setting_is_declared_once():
    assert [f.name for f in fields(AccessSettings)] == list(access_settings.SETTINGS)
    assert all(f.default == access_settings.SETTINGS[f.name].default for f in fields(AccessSettings))


def test_settings_are_read_beside_the_language(tmp_path):
    (tmp_path / "settings.json").write_text(json.dumps({"language": "en", "access": {"signing_panel_height": 0.45}}),
                                            encoding="utf-8")
    assert access_settings.load(tmp_path) == AccessSettings(signing_panel_height=0.45)
    assert access_settings.load(None) == AccessSettings()


def test_bad_values_fall_back_to_defaults(caplog):
    parsed = access_settings.parse({"signing_panel_height": 0.9, "signing_panel_corner": "middle",
                                    "signing_clips_dir": "/srv/ksl", "typo": 1})
    assert parsed == AccessSettings(signing_clips_dir="/srv/ksl")
    assert "typo" in caplog.text and "0.9" in caplog.text
    assert access_settings.parse({"signing_panel_height": 0.05, "mono": 1, "caption_size": None}) == AccessSettings()


def _height_fraction(region) -> float:
    return (region[3] - region[2]) / 2


@pytest.mark.parametrize("region", [TAKEOVER, BANNER])
def test_the_panel_can_be_a_third_of_the_screen_or_more_and_stays_on_screen(region):
    assert _height_fraction(place(region, ASPECT)) >= 1 / 3  # the layout's own region already is
    for height in (0.2, 1 / 3, 0.5):
        for corner in (None, *access_settings.CORNERS):
            left, right, bottom, top = place(region, ASPECT, height, corner)
            assert _height_fraction((left, right, bottom, top)) == pytest.approx(height)
            assert right - left == pytest.approx((top - bottom) * 4 / 3)
            assert -ASPECT < left < right < ASPECT and -1 < bottom < top < 1


def test_corners_move_the_panel():
    left, right, bottom, top = place(BANNER, ASPECT, 0.4, "top-left")
    assert left == pytest.approx(-ASPECT + 0.04) and top == pytest.approx(0.96)
    left, right, bottom, top = place(BANNER, ASPECT, 0.4, "bottom-right")
    assert right == pytest.approx(ASPECT - 0.04) and bottom == pytest.approx(-0.96)
    assert place(TAKEOVER, ASPECT, 0.5)[1] == pytest.approx(TAKEOVER[1])  # grown from its outer top corner
