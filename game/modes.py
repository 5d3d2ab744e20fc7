"""Which mode a command line asks for, from one table; conflicting flags are refused. Pure.

A mode is chosen by its selector flags. Two selectors together are a conflict (``--kiosk --screenshot``: a
kiosk never ends in a screenshot) unless the table lists the pair (``--xr --kiosk`` is the headset kiosk).
"""

from __future__ import annotations

from dataclasses import dataclass

from game.config import AppConfig, ConfigError


@dataclass(frozen=True)
class Mode:
    name: str
    selectors: frozenset[str]  # exactly these selector flags choose it
    what: str


MODES: tuple[Mode, ...] = (
    Mode("desktop", frozenset(), "walk the district (a civic room with --scene <room>); --frames N runs N frames"),
    Mode("screenshot", frozenset({"screenshot"}), "render one view (--scene) to a PNG and exit"),
    Mode("tour", frozenset({"tour"}), "render every landmark to a directory and exit"),
    Mode("alert-job", frozenset({"alert"}), "present CAP alerts, write a report (and --screenshot) and exit"),
    Mode("alert-job", frozenset({"alert", "screenshot"}), "the same, with a screenshot of the alert"),
    Mode("kiosk", frozenset({"kiosk"}), "unattended tourist-site kiosk"),
    Mode("headset", frozenset({"xr"}), "the district on an OpenXR headset"),
    Mode("headset-kiosk", frozenset({"xr", "kiosk"}), "a kiosk in the headset"),
)
#: Flags that only mean something with another one.
NEEDS = {"xr_capture": "xr", "kiosk_settings": "kiosk"}


def _flag(name: str) -> str:
    return "--" + name.replace("_", "-")


def selectors(config: AppConfig) -> frozenset[str]:
    """The selector flags given; ``--screenshot`` with ``--frames`` is a capture of the running mode, not one."""
    given = {"tour": config.tour_dir is not None, "alert": bool(config.alerts), "kiosk": config.kiosk,
             "xr": config.xr, "screenshot": config.screenshot is not None and config.frames is None}
    return frozenset(k for k, v in given.items() if v)


def select(config: AppConfig) -> str:
    """The mode's name; raises :class:`ConfigError` naming the flags that cannot go together."""
    for option, needed in NEEDS.items():
        if getattr(config, option) and not getattr(config, needed):
            raise ConfigError(f"{_flag(option)} needs {_flag(needed)}")
    if config.frames is not None and config.screenshot is not None and (config.xr or config.kiosk):
        raise ConfigError(f"{_flag('xr' if config.xr else 'kiosk')} cannot be combined with --screenshot")
    chosen = selectors(config)
    for mode in MODES:
        if mode.selectors == chosen:
            return mode.name
    first, *rest = sorted(chosen)
    raise ConfigError(f"{_flag(first)} cannot be combined with {' or '.join(_flag(r) for r in rest)}")
