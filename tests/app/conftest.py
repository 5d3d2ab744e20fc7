"""The pilot harness: the real desktop app in a real window on a private X server, one ShowBase for the package
(torn down before any other package builds its own), reset to the street before each test. Keys go in through
the window's input device (tests/pilot.py)."""

from __future__ import annotations

import datetime as dt

import pytest

from game.config import KST, AppConfig
from tests.pilot import open_app

pytestmark = pytest.mark.render
WHEN = dt.datetime(2026, 5, 15, 11, 0, tzinfo=KST)  # pinned: the sun, the calendar


@pytest.fixture(scope="session")
def material_cache(tmp_path_factory):
    return tmp_path_factory.mktemp("materials")


def make_config(tmp_path_factory, material_cache, **kw) -> AppConfig:
    home = tmp_path_factory.mktemp("home")
    return AppConfig(size=(320, 180), quality="low", when=WHEN, cache_dir=material_cache,
                     config_dir=home / "config", **kw)


@pytest.fixture(scope="package")
def desktop(display, tmp_path_factory, material_cache):
    """The desktop mode's features on one App (street, voice and signing, city, alerts, civic desk, chat)."""
    from game.features import DESKTOP, install

    app = open_app(display, make_config(tmp_path_factory, material_cache))
    app.keys.strict = True
    app.load_world()
    mode = install(DESKTOP, app)
    mode.card_at_start = mode.explore.card is not None  # a first start (fresh config directory) shows the card
    mode.asked_at_start = mode.easy.chooser is not None  # …and asks: easy mode or standard
    yield mode
    mode.release()
    app.shutdown()


@pytest.fixture
def pilot(desktop):
    """A pilot over the module's app, reset first: alerts acknowledged, every layer above the street closed."""
    from tests.pilot import Pilot

    reset(desktop)
    yield Pilot(desktop.app)
    reset(desktop)


def reset(desktop) -> None:
    alerts = desktop.alerts
    while alerts.shown:
        alerts.acknowledge()
    explore = desktop.explore
    easy = desktop.easy  # standard mode unless a test turns easy mode on (the first start asks: closed here)
    for menu in (easy.chooser, easy.menu):
        if menu is not None:
            menu.close()
    easy.apply(False)
    if explore.visit is not None:
        explore.leave_room()
    if explore.card is not None:
        explore.card.close()
    if explore.confirm is not None:
        explore.confirm.close()
        explore.confirm = None
    if explore.panel is not None:
        panel, explore.panel = explore.panel, None
        desktop.app.keys.remove(panel)
        panel.destroy()
    if desktop.social is not None:
        desktop.social.task.suspend()
        desktop.social.task.panel.field.text = ""
    desktop.app.flow.request("explore")
    if desktop.app.language.value != "ko":
        desktop.app.language.set("ko")
    explore.teleport("gwanghwamun-square")
    explore.set_help("app.help")
    desktop.app.step()
    assert desktop.app.keys.layers[-1] is explore, desktop.app.keys.layers
