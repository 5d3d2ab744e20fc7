"""Metaverse Seoul / 메타버스 서울 — start here. The only place that parses argv.

The mode comes from one table (:mod:`game.modes`); each mode's runner is below. Exit status: 0 done; 2 bad input
(flags that cannot go together, scene id, invalid CAP alert, kiosk settings) — always one line on stderr;
3 XR runtime unavailable.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from game.config import AppConfig, ConfigError, config_from_args

DEFAULT_TOUR_DIR = Path("out") / "tour"
DEFAULT_VIEW = "gwanghwamun-square"


def _check_inputs(config: AppConfig) -> str | None:
    """Refuse bad input before any window opens; returns the one-line reason, or None."""
    from game.scenes.registry import SCENE_IDS

    if config.scene is not None and config.scene not in SCENE_IDS:
        return f"error: unknown scene {config.scene!r}; expected one of {', '.join(SCENE_IDS)}"
    if config.event is not None:
        from net.events import load_all

        if config.event not in load_all():
            return f"error: unknown event {config.event!r}; expected one of {', '.join(load_all())}"
    if config.alerts:
        from game.alert_job import load_alerts
        from game.alerts.parser import CapError

        try:
            load_alerts(config.alerts)
        except CapError as exc:
            return f"invalid CAP: {exc}".replace("\n", " ")
    return None


def _kiosk_settings(config: AppConfig):
    """The operator's kiosk settings (checked before any window opens); raises ConfigError."""
    from game.kiosk.settings import SettingsError, load

    try:
        return load(config.kiosk_settings)
    except SettingsError as exc:
        raise ConfigError(str(exc)) from None


# -- the runners: each takes the loaded app (and the kiosk settings) ---------------------------------------------
def _desktop(app, kiosk) -> int:
    from game.scenes.registry import is_interior

    if app.config.scene is not None and is_interior(app.config.scene):  # a civic room: its own session
        from game.features import run_civic_room

        return run_civic_room(app)
    from game.features import run_desktop

    return run_desktop(app)


def _tour(app, kiosk) -> int:
    from game.tour import run_tour

    return run_tour(app, app.config.tour_dir)


def _still(app, kiosk) -> int:
    """``--screenshot`` (one view) and ``--alert`` (the alert job, over that view)."""
    from game.scenes import registry  # interiors (civic spaces) and landmark views

    config = app.config
    with registry.opened(app, config.scene or DEFAULT_VIEW) as view:
        app.look(view.camera, view.target)
        app.step(3)
        if config.alerts:
            from game.access_aids import WaitingSpeech
            from game.alert_job import run_alert_job
            from game.features import ALERT_JOB, install

            ctx = install(ALERT_JOB, app)
            try:
                aids = ctx.aids
                return run_alert_job(app.base, config, speech=WaitingSpeech(aids.speech), signing=aids.signing,
                                     caption_style=aids.caption_style, announce=aids.announce, mix=aids.mix)
            finally:
                ctx.release()
        app.screenshot(config.screenshot)
        return 0


def _kiosk(app, kiosk) -> int:
    from game.features import run_kiosk

    return run_kiosk(app, kiosk)


RUNNERS: dict[str, Callable] = {"desktop": _desktop, "screenshot": _still, "alert-job": _still, "tour": _tour,
                                "kiosk": _kiosk}


def _utf8_output() -> None:
    """Print Korean whatever the console's code page (cp1252 on a Western Windows pipe or under Wine)."""
    for stream in (sys.stdout, sys.stderr):
        if stream is not None and hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8", errors="backslashreplace")


def main(argv: list[str] | None = None) -> int:
    _utf8_output()
    from game.modes import select

    try:
        config = config_from_args(argv)
        mode = select(config)
        kiosk = _kiosk_settings(config) if config.kiosk else None
    except ConfigError as exc:
        print(f"error: {exc}".replace("\n", " "), file=sys.stderr)
        return 2
    if config.self_check:
        from game.selfcheck import run_self_check

        return run_self_check(config)
    problem = _check_inputs(config)
    if problem:
        print(problem, file=sys.stderr)
        return 2

    if mode in ("headset", "headset-kiosk"):
        from game.headset import run_headset
        from game.xr.run import EXIT_NO_XR

        status = run_headset(config, kiosk)  # --kiosk --xr: a kiosk in the headset
        if status != EXIT_NO_XR or config.batch or config.frames:
            return status
        config = replace(config, xr=False)  # no headset: the reason is on stderr; carry on at the desk
        mode = select(config)

    from game.app import App, display_available
    from game.text import i18n

    if not config.offscreen and not display_available():  # a server or CI: render offscreen; nobody to walk
        config = replace(config, offscreen=True)
        if mode in ("desktop", "kiosk") and not config.frames:
            print(i18n.text("app.offscreen_fallback", config.language), file=sys.stderr)
            config, mode = replace(config, tour_dir=config.tour_dir or DEFAULT_TOUR_DIR), "tour"

    app = App(config)
    try:
        app.load_world()
        return RUNNERS[mode](app, kiosk)
    finally:
        app.shutdown()


if __name__ == "__main__":
    sys.exit(main())
