"""The app on a VR headset: the district through OpenXR, with the same live alerts, voice, signing avatar, shared
presence and New Year's bell as the desktop, arranged for a head-mounted display (:data:`game.features.HEADSET`).

Alerts sit on the head-locked panel (readable without turning the head) with the KSL avatar beside the captions,
speech plays without position, and both controllers pulse when an alert arrives.
"""

from __future__ import annotations

from game.config import AppConfig


def run_headset(config: AppConfig, kiosk=None, *, input_filter=None) -> int:
    """Run ``--xr``; returns the exit status (``game.xr.run.EXIT_NO_XR`` when there is no runtime or headset).

    ``kiosk`` (:class:`game.kiosk.settings.KioskSettings`) makes it a kiosk (:data:`game.features.HEADSET_KIOSK`);
    ``input_filter`` scripts controller input (tests, demos), as in :func:`game.xr.run.run_xr`.
    """
    from game.features import HEADSET, HEADSET_KIOSK, install
    from game.xr.district import DistrictBuilder
    from game.xr.run import run_xr

    district = DistrictBuilder()  # teleport arcs land on ground, roofs and terraces, never in a wall
    apps, modes = [], []  # the app run_xr opens; the mode's features, once the driver exists

    def build(app):
        apps.append(app)
        return district(app)

    def filtered(index, frame):
        frame = input_filter(index, frame) if input_filter is not None else frame
        session = modes[0].session if modes else None
        return session.filter(index, frame) if session is not None else frame

    def on_driver(driver):
        modes.append(install(HEADSET_KIOSK if kiosk is not None else HEADSET, apps[0], driver=driver, kiosk=kiosk))
        return modes[0].release  # run_xr calls it before the driver and the app go

    return run_xr(config, build, collide=district.collide, on_driver=on_driver, input_filter=filtered)
