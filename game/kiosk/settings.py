"""The operator settings file of a kiosk: one TOML or JSON file, validated at start with errors naming the field.

A kiosk is configured once by an operator and then runs unattended for weeks, so every mistake must show up when
the app starts, as one line that names the field and says what was expected, not as a crash hours later.

Schema (TOML shown; the same keys in a JSON object work too)::

    site_name = "Gwanghwamun Visitor Centre"      # shown in the attract loop; required
    location = [37.5759, 126.9769]                # WGS84 lat, lon of the kiosk, for alert targeting; required
    languages = ["ko", "en"]                      # every alert and caption is shown in each; default both
    idle_timeout_s = 90                           # idle seconds before the visit is wiped; 10..3600, default 90
    attract_stop_s = 12                           # seconds per landmark in the attract loop; 4..120, default 12
    drop_folder = "/srv/mseoul/drop"              # CAP files dropped here are shown; optional
    exit_keys = "control-alt-shift-q"             # operator key combination that quits; default shown
    data_dir = "/var/lib/mseoul"                  # outbox, embedded hub, caches; default: user data directory
    easy_mode = true                              # each visit starts in easy mode (issue 19); default true

    [access]                                      # optional: game.access_settings' names (mono, voice_volume…)
    mono = true

    [hub]                                         # optional; without it the app runs its embedded hub
    client_dir = "/etc/mseoul/client"             # provisioned client identity (python -m net.hub enroll)
    services = "tcp://hub.example:5570"           # optional: default from client_dir/city.json
    alerts = "tcp://hub.example:5571"
    server_key = "<40 Z85 characters>"            # optional: pinned hub CURVE key, default client_dir/hub.key

Relative paths are relative to the settings file. Unknown keys are refused (a typo would otherwise be silently
ignored). Pure: no Panda3D.
"""

from __future__ import annotations

import json
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import platformdirs

from game import access_settings
from game.access_settings import AccessSettings

APP_NAME = "metaverse-seoul"
LANGUAGES = ("ko", "en")
MODIFIERS = ("control", "alt", "shift", "meta")
TOP_KEYS = frozenset({"site_name", "location", "languages", "idle_timeout_s", "attract_stop_s", "drop_folder",
                      "exit_keys", "data_dir", "hub", "easy_mode", "access"})
HUB_KEYS = frozenset({"client_dir", "services", "alerts", "server_key"})
ENDPOINT_SCHEMES = ("tcp://", "ipc://")


class SettingsError(ValueError):
    """The settings file cannot be used; the message starts with the file and the field."""


@dataclass(frozen=True)
class HubSettings:
    client_dir: Path
    services: str | None = None
    alerts: str | None = None
    server_key: str | None = None


@dataclass(frozen=True)
class KioskSettings:
    site_name: str = ""
    location: tuple[float, float] = (37.5759, 126.9769)  # Gwanghwamun Square
    languages: tuple[str, ...] = LANGUAGES
    idle_timeout_s: float = 90.0
    attract_stop_s: float = 12.0
    drop_folder: Path | None = None
    exit_keys: str = "control-alt-shift-q"
    hub: HubSettings | None = None
    data_dir: Path | None = None
    source: Path | None = field(default=None, compare=False)  # the file these came from, for messages
    easy_mode: bool = True  # the kiosk's default for a visit; the visitor can still switch (F5)
    access: AccessSettings = AccessSettings()  # sound, captions, signing panel, assistive output


def default_path() -> Path:
    """``kiosk.toml`` in the user config directory (``~/.config/metaverse-seoul`` on Linux)."""
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)) / "kiosk.toml"


def data_dir(settings: KioskSettings) -> Path:
    """Where the kiosk keeps its outbox, embedded hub and caches."""
    return settings.data_dir or Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)) / "kiosk"


def load(path: Path | None = None) -> KioskSettings:
    """Settings from ``path``; with no path, from :func:`default_path` if it exists, else the defaults."""
    if path is None:
        path = default_path()
        if not path.exists():
            return KioskSettings()
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise SettingsError(f"{path}: cannot read the settings file ({exc.strerror})") from None
    try:
        if path.suffix.lower() == ".json":
            data = json.loads(raw.decode("utf-8"))
        else:
            data = tomllib.loads(raw.decode("utf-8"))
    except (ValueError, UnicodeDecodeError) as exc:
        raise SettingsError(f"{path}: not valid {path.suffix.lstrip('.').upper() or 'TOML'} ({exc})") from None
    return parse(data, path)


def parse(data: Any, source: Path) -> KioskSettings:
    """Validate decoded settings; every error names ``source`` and the field."""
    def fail(name: str, why: str) -> SettingsError:
        return SettingsError(f"{source}: field {name!r}: {why}")

    if not isinstance(data, dict):
        raise SettingsError(f"{source}: expected a table/object at the top level")
    unknown = sorted(set(data) - TOP_KEYS)
    if unknown:
        raise fail(unknown[0], f"unknown field; expected some of {', '.join(sorted(TOP_KEYS))}")
    for name in ("site_name", "location"):
        if name not in data:
            raise fail(name, "required")
    site = data["site_name"]
    if not isinstance(site, str) or not site.strip() or len(site) > 80:
        raise fail("site_name", "expected a non-empty string of at most 80 characters")
    location = _location(data["location"], fail)
    languages = data.get("languages", list(LANGUAGES))
    if (not isinstance(languages, list) or not languages or len(set(languages)) != len(languages)
            or any(lang not in LANGUAGES for lang in languages)):
        raise fail("languages", f"expected a non-empty list without repeats from {list(LANGUAGES)}")
    idle = _number(data, "idle_timeout_s", 90.0, 10.0, 3600.0, fail)
    stop = _number(data, "attract_stop_s", 12.0, 4.0, 120.0, fail)
    drop = _path(data, "drop_folder", source, fail)
    exit_keys = data.get("exit_keys", "control-alt-shift-q")
    if not isinstance(exit_keys, str) or not _valid_combo(exit_keys):
        raise fail("exit_keys", "expected modifiers and a key joined by '-', with at least two of "
                                f"{', '.join(MODIFIERS)}, e.g. 'control-alt-shift-q'")
    hub = _hub(data.get("hub"), source, fail) if "hub" in data else None
    data_dir = _path(data, "data_dir", source, fail)
    easy = data.get("easy_mode", True)
    if not isinstance(easy, bool):
        raise fail("easy_mode", "expected true or false")
    return KioskSettings(site.strip(), location, tuple(languages), idle, stop, drop, exit_keys, hub, data_dir, source,
                         easy, _access(data.get("access", {}), fail))


def _location(value: Any, fail) -> tuple[float, float]:
    if (not isinstance(value, list) or len(value) != 2
            or any(isinstance(v, bool) or not isinstance(v, int | float) for v in value)):
        raise fail("location", "expected [latitude, longitude] in decimal degrees")
    lat, lon = float(value[0]), float(value[1])
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise fail("location", "latitude must be in [-90, 90] and longitude in [-180, 180]")
    return lat, lon


def _number(data: dict, name: str, default: float, low: float, high: float, fail) -> float:
    value = data.get(name, default)
    if isinstance(value, bool) or not isinstance(value, int | float) or not low <= value <= high:
        raise fail(name, f"expected a number of seconds from {low:g} to {high:g}")
    return float(value)


def _path(data: dict, name: str, source: Path, fail) -> Path | None:
    value = data.get(name)
    if value is None:
        return None
    if not isinstance(value, str) or not value:
        raise fail(name, "expected a path string")
    path = Path(value).expanduser()
    return path if path.is_absolute() else (source.parent / path).resolve()


def _valid_combo(text: str) -> bool:
    *mods, key = text.split("-")
    return len(mods) >= 2 and len(set(mods)) == len(mods) and all(m in MODIFIERS for m in mods) \
        and bool(key) and key not in MODIFIERS


def _access(value: Any, fail) -> AccessSettings:
    if not isinstance(value, dict):
        raise fail("access", "expected a table of access settings (mono, voice_volume, caption_size…)")
    try:
        return access_settings.check(value)
    except ValueError as exc:
        name, why = exc.args
        raise fail(f"access.{name}", why) from None


def _hub(value: Any, source: Path, fail) -> HubSettings:
    if not isinstance(value, dict):
        raise fail("hub", "expected a table with client_dir and optional services, alerts, server_key")
    unknown = sorted(set(value) - HUB_KEYS)
    if unknown:
        raise fail(f"hub.{unknown[0]}", f"unknown field; expected some of {', '.join(sorted(HUB_KEYS))}")
    if "client_dir" not in value:
        raise fail("hub.client_dir", "required when [hub] is present")
    client_dir = _path(value, "client_dir", source, lambda n, w: fail(f"hub.{n}", w))
    assert client_dir is not None
    endpoints = {}
    for name in ("services", "alerts"):
        ep = value.get(name)
        if ep is not None and (not isinstance(ep, str) or not ep.startswith(ENDPOINT_SCHEMES)):
            raise fail(f"hub.{name}", "expected a ZeroMQ endpoint such as 'tcp://hub.example:5570'")
        endpoints[name] = ep
    if (endpoints["services"] is None) != (endpoints["alerts"] is None):
        raise fail("hub.services" if endpoints["services"] is None else "hub.alerts",
                   "give both services and alerts, or neither (then client_dir/city.json is used)")
    key = value.get("server_key")
    if key is not None and (not isinstance(key, str) or len(key) != 40):
        raise fail("hub.server_key", "expected the hub's CURVE public key: 40 Z85 characters")
    return HubSettings(client_dir, endpoints["services"], endpoints["alerts"], key)


def exit_event(combo: str) -> str:
    """The Panda3D event name of a key combination: modifiers in ShowBase's order (shift, control, alt, meta)."""
    *mods, key = combo.split("-")
    order = ("shift", "control", "alt", "meta")
    return "-".join([m for m in order if m in mods] + [key])


def city_options(settings: KioskSettings) -> dict[str, Any]:
    """:func:`game.city_connection.open_city` keywords of a kiosk: the operator's hub, else its own embedded one;
    offline-capable."""
    return dict(hub=settings.hub, embedded_dir=data_dir(settings) / "embedded-city", offline_ok=True)


def alert_options(settings: KioskSettings) -> dict[str, Any]:
    """:class:`game.live_alerts.LiveAlerts` keywords of a kiosk: its location, languages, drop folder."""
    from game.kiosk.feed import DropWatcher

    return dict(location=settings.location, languages=settings.languages,
                sources=[DropWatcher(settings.drop_folder)] if settings.drop_folder is not None else [],
                cache_dir=data_dir(settings) / "cache" / "alerts")
