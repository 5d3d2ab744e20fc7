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
XR_ALERT_SCALE = 1.4  # the head-locked alert spans ~45° of view: readable without turning the head


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


def main(argv: list[str] | None = None) -> int:
    try:
        config = config_from_args(argv)
    except ConfigError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
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
        from game.xr.district import DistrictBuilder
        from game.xr.run import EXIT_NO_XR, run_xr

        # teleport arcs land on the ground, roofs and terraces, never inside a wall
        district = DistrictBuilder(config)
        live = []

        def alerts_in_headset(driver) -> None:
            """Alerts on the head-locked panel, with a controller pulse when one arrives."""
            from game.live_alerts import LiveAlerts

            base = driver.base
            panel = driver.head_panel.attachNewNode("alerts")
            panel.setScale(XR_ALERT_SCALE)
            live.append(LiveAlerts(base, config, lambda: (base.camera.getX(base.render), base.camera.getY(base.render)),
                                   parent=panel, aspect=16 / 9, srgb=True, badge=False, on_alert=driver.haptic))
            # Others are here (issue 8): our head and hands go out to presence, other visitors are drawn around us.
            from game.social.xr import join_presence

            join_presence(driver, config, live[-1], district.scene.parent)

        try:
            status = run_xr(config, district, collide=district.collide, on_driver=alerts_in_headset)
        finally:
            for alerts in live:
                alerts.close_link()
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

                    aids = AccessAids(app)
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
