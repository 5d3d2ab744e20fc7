"""The operator settings file: both formats, defaults, and an error naming the field for each mistake."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from game.access_settings import AccessSettings
from game.kiosk.settings import KioskSettings, SettingsError, load

GOOD = """
site_name = "Gwanghwamun Visitor Centre"
location = [37.5759, 126.9769]
languages = ["en", "ko"]
idle_timeout_s = 45
drop_folder = "drop"

[hub]
client_dir = "client"
services = "tcp://hub.example:5570"
alerts = "tcp://hub.example:5571"
"""


def test_toml_file_is_read_with_relative_paths_resolved(tmp_path):
    path = tmp_path / "kiosk.toml"
    path.write_text(GOOD, encoding="utf-8")
    s = load(path)
    assert s.site_name == "Gwanghwamun Visitor Centre" and s.location == (37.5759, 126.9769)
    assert s.languages == ("en", "ko") and s.idle_timeout_s == 45.0 and s.attract_stop_s == 12.0
    assert s.drop_folder == tmp_path / "drop"
    assert s.hub is not None and s.hub.client_dir == tmp_path / "client"
    assert s.hub.services == "tcp://hub.example:5570" and s.hub.server_key is None


def test_easy_mode_is_the_default_and_the_access_table_sets_sound_and_captions(tmp_path):
    path = tmp_path / "kiosk.toml"
    path.write_text('site_name = "x"\nlocation = [37.5, 126.9]\n', encoding="utf-8")
    assert load(path).easy_mode is True and load(path).access == AccessSettings()
    path.write_text('site_name = "x"\nlocation = [37.5, 126.9]\neasy_mode = false\n'
                    '[access]\nmono = true\nvoice_volume = 0.8\neffects_volume = 1\ncaption_size = 1.5\n',
                    encoding="utf-8")
    s = load(path)
    assert s.easy_mode is False
    assert s.access == AccessSettings(mono=True, voice_volume=0.8, effects_volume=1.0, caption_size=1.5)
    assert isinstance(s.access.effects_volume, float)


def test_json_file_and_defaults(tmp_path, monkeypatch):
    path = tmp_path / "kiosk.json"
    path.write_text(json.dumps({"site_name": "Seoul Station", "location": [37.5547, 126.9707]}), encoding="utf-8")
    s = load(path)
    assert s.languages == ("ko", "en") and s.idle_timeout_s == 90.0 and s.hub is None
    monkeypatch.setattr("game.kiosk.settings.default_path", lambda: tmp_path / "absent.toml")
    assert load(None) == KioskSettings()


@pytest.mark.parametrize(("body", "field"), [
    ('location = [37.5, 126.9]', "site_name"),
    ('site_name = "x"\nlocation = [95.0, 126.9]', "location"),
    ('site_name = "x"\nlocation = "37.5,126.9"', "location"),
    ('site_name = "x"\nlocation = [37.5, 126.9]\nlanguages = ["ko", "ja"]', "languages"),
    ('site_name = "x"\nlocation = [37.5, 126.9]\nlanguages = []', "languages"),
    ('site_name = "x"\nlocation = [37.5, 126.9]\nidle_timeout_s = 5', "idle_timeout_s"),
    ('site_name = "x"\nlocation = [37.5, 126.9]\nidle_timeout_s = true', "idle_timeout_s"),
    ('site_name = "x"\nlocation = [37.5, 126.9]\nidle_timout_s = 60', "idle_timout_s"),
    ('site_name = "x"\nlocation = [37.5, 126.9]\nexit_keys = "q"', "exit_keys"),
    ('site_name = "x"\nlocation = [37.5, 126.9]\n[hub]\nservices = "tcp://h:1"', "hub.client_dir"),
    ('site_name = "x"\nlocation = [37.5, 126.9]\n[hub]\nclient_dir = "c"\nservices = "tcp://h:1"', "hub.alerts"),
    ('site_name = "x"\nlocation = [37.5, 126.9]\n[hub]\nclient_dir = "c"\nservices = "http://h"\nalerts = "tcp://h:2"',
     "hub.services"),
    ('site_name = "x"\nlocation = [37.5, 126.9]\n[hub]\nclient_dir = "c"\nserver_key = "short"', "hub.server_key"),
    ('site_name = "x"\nlocation = [37.5, 126.9]\n[hub]\nclient_dir = "c"\nport = 1', "hub.port"),
    ('site_name = "x"\nlocation = [37.5, 126.9]\neasy_mode = "yes"', "easy_mode"),
    ('site_name = "x"\nlocation = [37.5, 126.9]\naccess = 1', "access"),
    ('site_name = "x"\nlocation = [37.5, 126.9]\n[access]\nmono = "yes"', "access.mono"),
    ('site_name = "x"\nlocation = [37.5, 126.9]\n[access]\nvoice_volume = 2', "access.voice_volume"),
    ('site_name = "x"\nlocation = [37.5, 126.9]\n[access]\nvolume = 0.5', "access.volume"),
])
def test_each_mistake_names_its_field(tmp_path, body, field):
    path = tmp_path / "kiosk.toml"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(SettingsError) as err:
        load(path)
    assert f"field {field!r}" in str(err.value) and str(path) in str(err.value)


def test_unreadable_and_malformed_files_say_so(tmp_path):
    with pytest.raises(SettingsError, match="cannot read"):
        load(tmp_path / "missing.toml")
    bad = tmp_path / "kiosk.toml"
    bad.write_text("site_name = ", encoding="utf-8")
    with pytest.raises(SettingsError, match="not valid TOML"):
        load(bad)


def test_the_documented_example_parses(tmp_path):
    example = Path(__file__).resolve().parents[2] / "packaging" / "kiosk.example.toml"
    settings = load(example)
    assert settings.site_name and settings.hub is None
