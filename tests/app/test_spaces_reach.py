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


def test_a_visitor_walking_in_from_the_street_is_seen_in_the_room_and_on_the_street_again(desktop, pilot,
                                                                                             tmp_path) -> None:
    """The street's presence goes into the room with the visitor (the hub keeps one per visitor key): a second
    visitor in the district sees them, then in the Invest Seoul Center after they walk in (E near Bosingak), and
    in the district again after Esc; each place shows the second visitor to them too."""
    import shutil
    import time

    from game.presence.wiring import open_presence
    from net.hub.layout import init_hub_dir, make_client_dir
    from net.presence.codec import AvatarState
    from net.protocol import Role

    app, explore, street = desktop.app, desktop.explore, desktop.social
    hub = desktop.city.hub
    friend_dir = make_client_dir(init_hub_dir(hub.hub_dir), tmp_path / "friend", Role.CITIZEN, "friend")
    shutil.copyfile(hub.client_dir / "city.json", friend_dir / "city.json")
    link, friend = open_presence(friend_dir)

    def meet(scene: str, spot, client, task) -> None:
        """The friend joins ``scene`` standing at ``spot``; both must see each other within 15 s."""
        friend.leave()
        friend.join(scene, name="friend")
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            friend.feed(link.poll())
            if friend.avatar_id is not None:
                friend.set_state(AvatarState(spot[0], spot[1], spot[2], 0.0))
            friend.poll()
            pilot.step()
            if client.avatar_id in friend.visible() and friend.avatar_id in task.nodes:
                return
            time.sleep(0.005)
        raise AssertionError(f"not met in {scene}: friend sees {list(friend.visible())}, "
                             f"visitor {client.avatar_id} in {client.scene} sees {list(task.nodes)}")

    try:
        explore.teleport("bosingak")
        walker = explore.walker
        meet("district", (walker.x + 2.0, walker.y, 0.0), street.client, street.task)
        pilot.press("e", "1")
        visit = explore.visit
        assert app.flow.state == "civic" and visit.scene_id == "invest-seoul"
        room = visit.space.presence
        assert room.client is street.client and not app.keys.has(street.task), "the street's presence, lent"
        meet("invest_seoul", visit.scene.world_point((0.0, 0.0, 0.0)), room.client, room.task)
        assert street.client.scene == "invest_seoul" and not street.task.nodes, "the visitor left the district"
        pilot.press("escape")
        assert app.flow.state == "explore" and explore.visit is None
        meet("district", (walker.x + 2.0, walker.y, 0.0), street.client, street.task)
        assert street.client.scene == "district" and app.keys.has(street.task), "back on the street, its keys too"
    finally:
        friend.leave()
        link.poll()
        friend.close()
        link.close()
