"""The app on a VR headset: the district through OpenXR, with the same live alerts, voice, signing avatar and
shared presence as the desktop, arranged for a head-mounted display.

Alerts sit on the head-locked panel (readable without turning the head) with the KSL avatar beside the captions,
speech plays without position, and both controllers pulse when an alert arrives.
"""

from __future__ import annotations

from game.config import AppConfig

XR_ALERT_SCALE = 1.4  # the head-locked alert spans ~45° of view


def run_headset(config: AppConfig) -> int:
    """Run ``--xr``; returns the exit status (``game.xr.run.EXIT_NO_XR`` when there is no runtime or headset)."""
    from game.xr.district import DistrictBuilder
    from game.xr.run import run_xr

    district = DistrictBuilder(config)  # teleport arcs land on ground, roofs and terraces, never in a wall
    started = []

    def on_driver(driver) -> None:
        from game.access_aids import AccessAids
        from game.live_alerts import LiveAlerts
        from game.social.xr import join_presence
        from ui.fonts import load_font

        base = driver.base
        panel = driver.head_panel.attachNewNode("alerts")
        panel.setScale(XR_ALERT_SCALE)
        aids = AccessAids(base, config, load_font(base.loader), parent=panel)
        alerts = LiveAlerts(base, config, lambda: (base.camera.getX(base.render), base.camera.getY(base.render)),
                            parent=panel, aspect=16 / 9, srgb=True, badge=False, aids=aids,
                            on_alert=driver.haptic)
        started.append((alerts, aids))
        # Others are here (issue 8): our head and hands go out to presence, other visitors are drawn around us.
        join_presence(driver, config, alerts, district.scene.parent)

    try:
        return run_xr(config, district, collide=district.collide, on_driver=on_driver)
    finally:
        for alerts, aids in started:  # the ShowBase is gone by now: only the worker and the network remain
            alerts.close_link()
            aids.close_worker()
