"""Metaverse Seoul / 메타버스 서울 — start here. The only place that parses argv.

Exit status: 0 done; 2 bad input (flags, scene id, invalid CAP alert); 3 XR runtime unavailable.
"""

from __future__ import annotations

import sys
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
    if config.alerts:
        from game.alerts.job import load_alerts
        from game.alerts.parser import CapError

        try:
            load_alerts(config.alerts)
        except CapError as exc:
            return f"invalid CAP: {exc}".replace("\n", " ")
    return None


def _utf8_output() -> None:
    """Print Korean whatever the console's code page (cp1252 on a Western Windows pipe or under Wine)."""
    for stream in (sys.stdout, sys.stderr):
        if stream is not None and hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8", errors="backslashreplace")


def main(argv: list[str] | None = None) -> int:
    _utf8_output()
    try:
        config = config_from_args(argv)
    except ConfigError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if config.self_check:
        from game.selfcheck import run_self_check

        return run_self_check(config)
    problem = _check_inputs(config)
    if problem:
        print(problem, file=sys.stderr)
        return 2
    if config.kiosk:  # kiosk mode (issue 6): the operator's settings are checked before any window opens
        from game.kiosk.settings import SettingsError, load

        try:
            kiosk = load(config.kiosk_settings)
        except SettingsError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2

    if config.xr:
        from game.headset import run_headset
        from game.xr.run import EXIT_NO_XR

        status = run_headset(config, kiosk if config.kiosk else None)  # --kiosk --xr: a kiosk in the headset
        if status != EXIT_NO_XR or config.batch or config.frames:
            return status
        config = replace(config, xr=False)  # no headset: the reason is on stderr; carry on at the desk

    from game.app import App, display_available
    from ui import i18n

    if not config.offscreen and not display_available():
        print(i18n.text("app.offscreen_fallback", config.language), file=sys.stderr)
        config = replace(config, offscreen=True, tour_dir=config.tour_dir or DEFAULT_TOUR_DIR)

    app = App(config)
    try:
        app.load_world()
        if config.tour_dir is not None:
            from game.tour import run_tour

            return run_tour(app, config.tour_dir)
        if config.alerts or (config.screenshot is not None and config.frames is None):
            from game.scenes import registry  # interiors (civic spaces) and landmark views

            with registry.opened(app, config.scene or DEFAULT_VIEW) as view:
                app.look(view.camera, view.target)
                app.step(3)
                if config.alerts:
                    from game.access_aids import AccessAids, WaitingSpeech
                    from game.alerts.job import run_alert_job

                    aids = AccessAids(app.base, app.config, app.font)
                    try:
                        return run_alert_job(app.base, config, speech=WaitingSpeech(aids.speech),
                                             signing=aids.signing)
                    finally:
                        aids.release()
                app.screenshot(config.screenshot)
                return 0
        if config.kiosk:
            from game.kiosk.session import run_kiosk

            return run_kiosk(app, kiosk)
        from game.scenes.registry import is_interior

        if config.scene is not None and is_interior(config.scene):  # a civic room: its own session
            from game.civic.session import run_civic

            return run_civic(app)
        from game.explore import run_interactive

        return run_interactive(app)
    finally:
        app.shutdown()


if __name__ == "__main__":
    sys.exit(main())
