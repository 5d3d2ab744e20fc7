"""Run in its own process by test_explore.py: drives explore mode through the app's own key events.

Prints one JSON object describing what each key did (flow state, where the visitor stands, panel shown).
"""

from __future__ import annotations

import json
import math
import sys

from game.app import App
from game.config import config_from_args
from game.explore import Explore


def main() -> None:
    cache = sys.argv[1]
    app = App(config_from_args(["--offscreen", "--size", "320x180", "--cache-dir", cache,
                                     "--time", "2026-05-15T11:00+09:00"]))
    app.load_world()
    app.flow.go("explore")
    explore = Explore(app)
    from game.access_aids import AccessAids
    from game.civic.desk import CivicDesk
    from game.live_alerts import LiveAlerts

    aids = AccessAids(app.base, app.config, app.font)
    alerts = LiveAlerts(app.base, app.config, lambda: (explore.walker.x, explore.walker.y), flow=app.flow,
                        font=app.font, aids=aids)
    desk = CivicDesk(alerts.link)
    alerts.handlers.append(desk.handle)
    explore.city = (desk, aids.speak)
    send = app.base.messenger.send
    out: dict = {"start": [explore.walker.x, explore.walker.y], "start_flow": app.flow.state}
    app.step(2)
    send("t")
    app.step(2)
    out["after_t"] = {"flow": app.flow.state, "menu": explore.panel is not None}
    send("arrow_down")
    send("arrow_down")
    send("enter")  # the third entry: bosingak
    app.step(2)
    bosingak = app.landmarks["bosingak"].local
    out["after_choose"] = {"flow": app.flow.state, "distance_to_bosingak": math.dist(bosingak, (explore.walker.x,
                                                                                                explore.walker.y))}
    cam = app.base.camera.getPos(app.base.render)
    out["camera_follows"] = math.dist((cam.x, cam.y), (explore.walker.x, explore.walker.y))
    send("i")
    app.step(2)
    out["after_i"] = {"flow": app.flow.state, "nearest": explore.nearest_landmark(), "panel": explore.panel is not None}
    send("escape")
    app.step(1)
    out["after_escape"] = app.flow.state
    before = explore.help.getText()
    send("l")
    app.step(1)
    out["language_switched"] = explore.help.getText() != before and explore.lang == "en"
    send("t")
    send("1")
    app.step(2)
    gw = app.landmarks["gwanghwamun"].local
    out["number_key_distance_to_gwanghwamun"] = math.dist(gw, (explore.walker.x, explore.walker.y))
    send("e")  # far from City Hall: a hint, no menu
    app.step(1)
    out["e_far"] = {"flow": app.flow.state, "hint": "E" in explore.help.getText()}
    send("t")
    send("8")  # city-hall
    app.step(2)
    send("e")
    app.step(1)
    out["e_near"] = app.flow.state
    street_cam = app.base.camera.getPos(app.base.render)
    send("1")  # the mayor's office
    app.step(3)
    room_cam = app.base.camera.getPos(app.base.render)
    out["in_room"] = {"flow": app.flow.state, "camera_moved": (room_cam - street_cam).length()}
    send("escape")
    app.step(2)
    back = app.base.camera.getPos(app.base.render)
    out["left_room"] = {"flow": app.flow.state, "camera_back": (back - street_cam).length()}
    alerts.release()
    aids.release()
    explore.release()
    app.shutdown()
    print(json.dumps(out))


if __name__ == "__main__":
    main()
