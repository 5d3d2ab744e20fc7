"""Reaching the economy and education spaces from the street with real key presses (issue 20): the teleport menu
lists the four after the landmarks and enters one at once; near Bosingak (Jongno) E opens the Invest Seoul
Center; Esc in a space's panel comes back out to the street."""

from __future__ import annotations

from game.explore import SPACE_TITLES


def test_the_teleport_menu_lists_the_four_spaces_and_enters_one(desktop, pilot) -> None:
    app, explore = desktop.app, desktop.explore
    pilot.press("t")
    menu = explore.panel
    ids = [choice[0] for choice in menu.items]
    assert ids[-4:] == list(SPACE_TITLES), ids
    pilot.press(*["arrow_down"] * (len(ids) - 2), "enter")  # the third-last entry: Citizens' University
    assert app.flow.state == "civic" and explore.visit is not None
    assert explore.visit.scene_id == "citizens-university"
    assert app.world.find("citizens-university").isEmpty() is False
    pilot.press("escape")
    assert app.flow.state == "explore" and explore.visit is None


def test_near_bosingak_e_opens_the_invest_seoul_center(desktop, pilot) -> None:
    app, explore = desktop.app, desktop.explore
    explore.teleport("bosingak")
    pilot.press("e")
    assert app.flow.state == "teleport"
    assert [c[0] for c in explore.panel.items] == ["invest-seoul"]
    pilot.press("1")
    assert app.flow.state == "civic" and explore.visit.scene_id == "invest-seoul"
    pilot.press("escape")
    assert app.flow.state == "explore"
