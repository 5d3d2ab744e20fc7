"""The guard ceremonies announced with real key presses (issue 16): T lists Gwanghwamun and Daehanmun with their
next ceremony on their own lines (the landmarks keep their numbers), and I at Gwanghwamun shows it in the panel,
with the nearest hotspot's crowd line that the HUD badge also shows."""

from __future__ import annotations

from game.events import guard_plan
from net import events


def texts(app) -> list[str]:
    return [np.node().getText() for np in app.base.aspect2d.findAllMatches("**/+TextNode")]


def test_the_teleport_menu_and_the_info_panel_announce_the_next_ceremony(desktop, pilot) -> None:
    app, explore, guards = desktop.app, desktop.explore, desktop.guards
    specs = events.load_all()
    pilot.press("t")
    items = dict(explore.panel.items)
    assert list(items)[:len(app.landmarks)] == list(app.landmarks)
    for place, event in (("gwanghwamun", "gwanghwamun-guard"), ("deoksugung", "deoksugung-guard")):
        name = app.landmarks[place].name("ko")
        assert items[place] == guard_plan.menu_label(specs[event], guards.hub_now(), "ko", name)
        assert items[place].startswith(f"{name} — ") and "교대식" in items[place]
    assert items["bosingak"] == app.landmarks["bosingak"].name("ko")
    pilot.press("1")  # Gwanghwamun
    pilot.press("i")
    assert app.flow.state == "info" and explore.nearest_landmark() == "gwanghwamun"
    note = guard_plan.info_note(specs["gwanghwamun-guard"], guards.hub_now(), "ko")
    assert any(note in t.replace("\n", " ") for t in texts(app)), texts(app)
    crowd = desktop.badge.info_note("ko", "gwanghwamun")  # no city data key on this hub: the typical profile
    assert crowd.startswith("광화문·덕수궁 혼잡도 ") and crowd.endswith("(평소)")
    assert any(crowd in t.replace("\n", " ") for t in texts(app)), texts(app)
    assert desktop.badge.crowd.getText() == crowd  # the HUD badge says the same
    pilot.press("escape")
