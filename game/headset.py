"""The app on a VR headset: the district through OpenXR, with the same live alerts, voice, signing avatar and
shared presence as the desktop, arranged for a head-mounted display.

Alerts sit on the head-locked panel (readable without turning the head) with the KSL avatar beside the captions,
speech plays without position, and both controllers pulse when an alert arrives.
"""

from __future__ import annotations

from game.config import AppConfig

XR_ALERT_SCALE = 1.4  # the head-locked alert spans ~45° of view


def run_headset(config: AppConfig, kiosk=None, *, input_filter=None) -> int:
    """Run ``--xr``; returns the exit status (``game.xr.run.EXIT_NO_XR`` when there is no runtime or headset).

    ``kiosk`` (:class:`game.kiosk.settings.KioskSettings`) makes it a kiosk (:mod:`game.kiosk.headset`);
    ``input_filter`` scripts controller input (tests, demos), as in :func:`game.xr.run.run_xr`.
    """
    from game.xr.district import DistrictBuilder
    from game.xr.run import run_xr

    district = DistrictBuilder()  # teleport arcs land on ground, roofs and terraces, never in a wall
    started = []
    kiosks = []  # the kiosk glue, once the driver exists
    apps = []  # the app run_xr opens (its flow, font and language serve the headset as they serve the desk)

    def build(app):
        apps.append(app)
        return district(app)

    def filtered(index, frame):
        frame = input_filter(index, frame) if input_filter is not None else frame
        return kiosks[0].filter(index, frame) if kiosks else frame

    def on_driver(driver) -> None:
        from game.access_aids import AccessAids
        from game.city_connection import open_city
        from game.live_alerts import LiveAlerts
        from game.social.xr import join_presence

        app = apps[0]
        base, flow = app.base, app.flow  # the app's one state machine: an emergency alert is a pushed takeover
        flow.go("attract" if kiosk is not None else "explore")
        extra, where_to = {}, {}
        if kiosk is not None:
            from game.kiosk.headset import alert_options, city_options

            extra = alert_options(kiosk)  # the kiosk's physical location, its languages and drop folder
            where_to = city_options(kiosk)  # the operator's hub, else the kiosk's own
        city = open_city(config, **where_to)
        city.start_polling(base)
        panel = driver.head_panel.attachNewNode("alerts")
        panel.setScale(XR_ALERT_SCALE)
        from game.app import user_config_dir

        # The visitor's access settings (captions, sound, clips) as on the desktop; a kiosk keeps none.
        settings_dir = None if kiosk is not None else config.config_dir or user_config_dir()
        aids = AccessAids(base, config, app.font, parent=panel, settings_dir=settings_dir)
        alerts = LiveAlerts(base, config, lambda: (base.camera.getX(base.render), base.camera.getY(base.render)),
                            parent=panel, aspect=16 / 9, srgb=True, badge=False, aids=aids,
                            on_alert=driver.haptic, city=city, flow=flow, **extra)
        started.append((city, aids, alerts))  # its tasks run until the ShowBase goes
        # Others are here (issue 8): our head and hands go out to presence, other visitors are drawn around us.
        join_presence(driver, config, city, district.scene.parent)
        if city.link is not None:  # the New Year's bell (issue 17): rung by pulling its rope, each strike felt
            from game.events.ceremony import BellCeremony, rehearse_at
            from game.xr.bell_pull import XrBellPull

            if config.event == "new-year-bell" and config.when is not None:
                rehearse_at(config.when)
            ceremony = BellCeremony(app, city, "new-year-bell", forced=config.event == "new-year-bell",
                                    speak=aids.speak, signing=aids.signing, haptic=driver.haptic)
            XrBellPull(driver, ceremony.cue_up, ceremony.ring)
        if kiosk is not None:
            from game.kiosk.headset import HeadsetKiosk

            kiosks.append(HeadsetKiosk(driver, kiosk, app.font))

    try:
        return run_xr(config, build, collide=district.collide, on_driver=on_driver,
                      input_filter=filtered)
    finally:
        for city, aids, _alerts in started:  # the ShowBase is gone by now: only the worker and the network remain
            city.close()
            aids.close_worker()
