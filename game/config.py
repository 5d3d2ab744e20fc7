"""App configuration: one frozen object built from CLI flags over PRC variables (prefix ``mseoul-``).

``main.py`` is the only place that parses argv; everything else receives an :class:`AppConfig`.
PRC variables let an operator or a kiosk image set defaults without touching the command line,
e.g. ``mseoul-language en`` or ``mseoul-quality low`` in a ``.prc`` file.
"""

from __future__ import annotations

import argparse
import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from game import easy_settings
from game.weather import WEATHERS
from net import clock

LANGUAGES = ("ko", "en")
QUALITIES = ("low", "medium", "high")
KST = dt.timezone(dt.timedelta(hours=9), "KST")


class ConfigError(ValueError):
    """A flag or PRC value the app cannot use; the message names it and says why."""


def parse_size(text: str) -> tuple[int, int]:
    """Parse ``WIDTHxHEIGHT`` (e.g. ``640x360``) into a tuple, rejecting nonsense early."""
    try:
        w_s, h_s = text.lower().split("x")
        w, h = int(w_s), int(h_s)
    except ValueError:
        raise ConfigError(f"--size {text!r}: expected WIDTHxHEIGHT, e.g. 640x360") from None
    if not (16 <= w <= 8192 and 16 <= h <= 8192):
        raise ConfigError(f"--size {text!r}: each side must be between 16 and 8192 pixels")
    return w, h


def parse_location(text: str) -> tuple[float, float]:
    """Parse ``LAT,LON`` in decimal degrees (WGS84)."""
    try:
        lat_s, lon_s = text.split(",")
        lat, lon = float(lat_s), float(lon_s)
    except ValueError:
        raise ConfigError(f"--location {text!r}: expected LAT,LON, e.g. 37.5720,126.9769") from None
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise ConfigError(f"--location {text!r}: latitude must be in [-90, 90], longitude in [-180, 180]")
    return lat, lon


def parse_when(text: str) -> dt.datetime:
    """Parse an ISO 8601 date-time; a naive one is taken as Korea Standard Time."""
    try:
        when = dt.datetime.fromisoformat(text)
    except ValueError:
        raise ConfigError(f"--time {text!r}: expected ISO 8601, e.g. 2026-06-21T12:00") from None
    return when if when.tzinfo else when.replace(tzinfo=KST)


@dataclass(frozen=True)
class AppConfig:
    """Everything the app needs to start; immutable so no subsystem can change another's view of it."""

    offscreen: bool = False
    size: tuple[int, int] = (1280, 720)
    language: str = "ko"
    language_chosen: bool = False  # --lang or mseoul-language given: wins over the visitor's stored choice
    quality: str = "medium"
    when: dt.datetime | None = None  # sun position time; None means "now" in KST
    weather: str = "clear"  # one of game.weather.WEATHERS: sky, light, haze, wet or snowy ground, rain or snow
    weather_chosen: bool = False  # given by --weather or mseoul-weather: the live city data may not change it
    tour_dir: Path | None = None
    screenshot: Path | None = None
    scene: str | None = None
    alerts: tuple[Path, ...] = ()
    location: tuple[float, float] | None = None
    frames: int | None = None
    xr: bool = False
    xr_capture: Path | None = None
    kiosk: bool = False
    kiosk_settings: Path | None = None  # operator settings file (game/kiosk/settings.py); None: user config dir
    city: str | None = None
    cache_dir: Path | None = None
    self_check: bool = False
    config_dir: Path | None = None  # the visitor's settings (language); None: the user config directory
    easy: bool | None = None  # --easy / mseoul-easy: easy mode on (off); None: the visitor's kept choice
    event: str | None = None  # --event: rehearse a catalogue event (net.events); with --time the clock starts there
    assets_dir: Path = field(default_factory=lambda: Path(__file__).resolve().parent.parent / "assets")

    @property
    def batch(self) -> bool:
        """True when the run renders a fixed job (tour, screenshot, capture) and exits."""
        return self.tour_dir is not None or self.screenshot is not None or self.xr_capture is not None


def _prc(name: str, default: str) -> str:
    """Read a ``mseoul-`` PRC variable; imported lazily so pure callers need no Panda3D."""
    from panda3d.core import ConfigVariableString

    return ConfigVariableString(f"mseoul-{name}", default).getValue()


class _Parser(argparse.ArgumentParser):
    """Usage errors as :class:`ConfigError`, so ``main.py`` reports every bad flag as one line, status 2."""

    def error(self, message: str):  # type: ignore[override]
        raise ConfigError(message)


def build_parser() -> argparse.ArgumentParser:
    p = _Parser(prog="main.py", description="Metaverse Seoul / 메타버스 서울")
    p.add_argument("--offscreen", action="store_true", help="render without a window (EGL, headless)")
    p.add_argument("--size", type=str, help="window or buffer size WIDTHxHEIGHT (default 1280x720)")
    p.add_argument("--lang", choices=LANGUAGES, help="interface language (default ko)")
    p.add_argument("--quality", choices=QUALITIES, help="render quality preset")
    p.add_argument("--time", dest="when", type=str, help="date-time for the sun, ISO 8601 (default now, KST)")
    p.add_argument("--weather", choices=WEATHERS,
                   help="weather to show (default: the live city data when the hub has it, else clear; F6 changes it)")
    p.add_argument("--tour", type=Path, metavar="OUT_DIR", help="render every landmark to OUT_DIR and exit")
    p.add_argument("--screenshot", type=Path, metavar="OUT.png", help="render one view to OUT.png and exit")
    p.add_argument("--scene", type=str, help="start in this scene or at this landmark id")
    p.add_argument("--alert", action="append", type=Path, default=[], metavar="FILE.xml", help="CAP alert")
    p.add_argument("--location", type=str, metavar="LAT,LON", help="user location for alert targeting")
    p.add_argument("--frames", type=int, help="render this many frames and exit")
    p.add_argument("--xr", action="store_true", help="run on an OpenXR headset")
    p.add_argument("--xr-capture", type=Path, metavar="OUT_DIR", help="write both eyes and xr.json")
    p.add_argument("--kiosk", action="store_true", help="unattended tourist-site kiosk mode")
    p.add_argument("--kiosk-settings", type=Path, metavar="FILE", help="kiosk operator settings (.toml or .json)")
    p.add_argument("--city", type=str, metavar="CLIENT_DIR",
                   help="city-services client directory (keys, pinned hub key, endpoints) made by "
                        "`python -m net.hub enroll`; without it the app runs a hub of its own")
    p.add_argument("--cache-dir", type=Path, help="baked asset cache (default: user cache directory)")
    p.add_argument("--self-check", action="store_true",
                   help="check this installation (imports, shaders, offscreen buffer, speech, hub); exit 0 or 1")
    p.add_argument("--event", type=str, metavar="EVENT_ID",
                   help="rehearse a city event (assets/events), e.g. new-year-bell; with --time the city's clock "
                        "starts at that instant")
    p.add_argument("--easy", action="store_true",
                   help="easy mode: large text, a guided walk to each landmark, slower voice (kept as chosen)")
    p.add_argument("--config-dir", type=Path, help="the visitor's settings, e.g. the language "
                                                   "(default: user config directory)")
    return p


def config_from_args(argv: list[str] | None = None) -> AppConfig:
    """Build the config: a CLI flag wins over its ``mseoul-`` PRC variable, which wins over the default."""
    ns = build_parser().parse_args(argv)
    try:
        clock.reload()  # a bad MSEOUL_NOW is bad input, reported here like a bad flag
    except clock.ClockError as exc:
        raise ConfigError(str(exc)) from None
    size = parse_size(ns.size or _prc("size", "1280x720"))
    language_prc = _prc("language", "")
    language = ns.lang or language_prc or "ko"
    if language not in LANGUAGES:
        raise ConfigError(f"mseoul-language {language!r}: expected one of {', '.join(LANGUAGES)}")
    quality = ns.quality or _prc("quality", "medium")
    if quality not in QUALITIES:
        raise ConfigError(f"mseoul-quality {quality!r}: expected one of {', '.join(QUALITIES)}")
    weather_prc = _prc("weather", "")
    weather = ns.weather or weather_prc or "clear"
    if weather not in WEATHERS:
        raise ConfigError(f"mseoul-weather {weather!r}: expected one of {', '.join(WEATHERS)}")
    when_text = ns.when or _prc("time", "")
    location_text = ns.location or _prc("location", "")
    if ns.frames is not None and ns.frames < 1:
        raise ConfigError("--frames must be at least 1")
    try:
        easy = True if ns.easy else easy_settings.parse(_prc("easy", ""))
    except ValueError as exc:
        raise ConfigError(f"mseoul-easy: {exc}") from None
    cache = ns.cache_dir or (Path(v) if (v := _prc("cache-dir", "")) else None)
    return AppConfig(
        offscreen=ns.offscreen,
        size=size,
        language=language,
        language_chosen=bool(ns.lang or language_prc),
        quality=quality,
        when=parse_when(when_text) if when_text else None,
        weather=weather,
        weather_chosen=bool(ns.weather or weather_prc),
        tour_dir=ns.tour,
        screenshot=ns.screenshot,
        scene=ns.scene,
        alerts=tuple(ns.alert),
        location=parse_location(location_text) if location_text else None,
        frames=ns.frames,
        xr=ns.xr,
        xr_capture=ns.xr_capture,
        kiosk=ns.kiosk,
        kiosk_settings=ns.kiosk_settings,
        city=ns.city or (_prc("city", "") or None),
        cache_dir=cache,
        self_check=ns.self_check,
        config_dir=ns.config_dir or (Path(v) if (v := _prc("config-dir", "")) else None),
        easy=easy,
        event=ns.event,
    )
