"""``python -m game.exhibit --kiosk-settings FILE --out DIR``: the exhibit self-check, scripted, offscreen.

Runs the real kiosk session through what an exhibit must do with no network: the attract tour visits the
landmarks (narrated), a CAP alert dropped into the drop folder is shown in every site language, a visitor's
help request is kept in the outbox, the idle timeout wipes the visit, Escape does not quit but the operator's
keys do. Writes ``exhibit.json`` (facts measured from the running session) and a PNG per step, and exits 1
naming the first step that failed. The clock runs in fixed 0.1 s steps, so timings do not depend on how fast
the machine renders. Used by the offline test (in a network namespace with no interfaces) and handy on site
after installing a kiosk.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any

from net import clock

FPS = 10
TEXT = "화장실 위치를 알려 주세요 / Where is the nearest toilet?"


class _FrameTimer:
    """The longest wall-clock time between two frames: a blocking network call would show up here."""

    def __init__(self, base: Any) -> None:
        self.base = base
        self.last: float | None = None
        self.longest = 0.0
        base.taskMgr.add(self._tick, "exhibit-frame-timer", sort=-100)

    def _tick(self, task: Any) -> int:
        now = time.perf_counter()
        if self.last is not None:
            self.longest = max(self.longest, now - self.last)
        self.last = now
        return task.cont

    def stop(self) -> float:
        self.base.taskMgr.remove("exhibit-frame-timer")
        return self.longest


def _step_until(app: Any, done, limit: int) -> int:
    for i in range(limit):
        if done():
            return i
        app.step()
    return -1


def run(app: Any, session: Any, out: Path) -> dict[str, Any]:
    from game.alerts.samples import sample_alert
    send = app.input.inject  # offscreen: no keyboard, so presses enter the app's input router directly
    report: dict[str, Any] = {"failed": None}
    slowest = _FrameTimer(app.base)

    def check(name: str, ok: bool) -> bool:
        if not ok and report["failed"] is None:
            report["failed"] = name
        return ok

    # 1. the attract tour
    visited = [session.loop.shot.landmark_id]
    for _ in range(int(len(app.landmarks) * session.settings.attract_stop_s * FPS) + 2):
        app.step()
        if session.loop.shot.landmark_id != visited[-1]:
            visited.append(session.loop.shot.landmark_id)
    app.screenshot(out / "1-attract.png")
    report["tour"] = {"visited": visited, "state": app.flow.state, "badge": session.badge.shown,
                      "caption": session.attract_view.caption.getText(), "narrations": session.stats["narrations"],
                      "narration": session.speech is not None}
    check("tour", set(visited) == set(app.landmarks) and app.flow.state == "attract")
    check("narration", session.speech is None or session.stats["narrations"] > 0)

    # 2. an alert through the drop folder, shown in every site language
    drop = session.settings.drop_folder
    check("drop_folder", drop is not None)
    if drop is not None:
        drop.mkdir(parents=True, exist_ok=True)
        identifier = f"EXHIBIT-{time.time_ns()}"  # real time: a unique id
        xml = sample_alert(identifier, "earthquake", session.settings.location, clock.now())
        (drop / "exhibit.xml.part").write_bytes(xml)
        (drop / "exhibit.xml.part").replace(drop / "exhibit.xml")
    frames = _step_until(app, lambda: session.alert_on_screen is not None, 5 * FPS)
    seen: list[str] = []
    for _ in range(30 * FPS):
        lang = session.alert_on_screen
        if lang is not None and lang not in seen:
            seen.append(lang)
            app.step(2)
            app.screenshot(out / f"2-alert-{lang}.png")
        if len(seen) == len(session.languages):
            break
        app.step()
    voiced = session.speech is not None and len(session.languages) > 1  # further languages are read out
    if voiced:
        _step_until(app, lambda: session.stats["alert_voices"] > 0, 5 * FPS)
    report["alert"] = {"frames_to_show": frames, "languages": seen, "shown": session.stats["alerts_shown"],
                       "voices": session.stats["alert_voices"]}
    check("alert", frames >= 0 and seen == list(session.languages))
    check("alert_signing", session.alerts.controller.signing is not None)  # the avatar signs it, as in the headset
    check("alert_voice", not voiced or session.stats["alert_voices"] > 0)
    send("enter")
    app.step(2)
    check("alert_acknowledged", session.alert_on_screen is None and app.flow.state == "attract")

    # 3. a visit with a help request
    send("mouse1")
    app.step(2)
    state = app.flow.state
    send("h")
    app.step(2)
    form = session.form
    if check("request_form", form is not None):
        form.type_text(TEXT)
        app.step(2)
        app.screenshot(out / "3-request.png")
        form.submit()
    app.step(3)
    send("escape")  # the desktop's "quit?" key: a visitor must not be able to leave the app
    app.step(2)
    check("no_visitor_exit", session.stats["refused_exits"] == 1 and app.flow.state == "explore")
    report["request"] = {"visit_state": state, "requests": session.stats["requests"],
                         "pending": session.alerts.pending, "ids": list(session.visit.requests)}
    check("request", state == "explore" and session.stats["requests"] == 1 and session.alerts.pending >= 1)

    # 4. the idle timeout wipes the visit
    limit = int((session.settings.idle_timeout_s + 2) * FPS)
    frames = _step_until(app, lambda: app.flow.state == "attract", limit)
    report["wipe"] = {"frames": frames, "state": app.flow.state, "requests_on_screen": len(session.visit.requests),
                      "pending_after": session.alerts.pending}
    check("wipe", frames > 0 and not session.visit.touched and session.alerts.pending >= 1)
    report["offline"] = {"link": None if session.alerts.link is None else str(session.alerts.link.status),
                         "problem": session.alerts.problem, "badge": session.badge.shown}
    # 5. the operator's key combination is the one way out
    from game.kiosk.settings import exit_event

    try:
        send(exit_event(session.settings.exit_keys))
        exited = False
    except SystemExit:
        exited = True
    report["operator_exit"] = exited
    check("operator_exit", exited)
    report["stats"] = dict(session.stats)
    report["slowest_frame_ms"] = round(slowest.stop() * 1000, 1)
    return report


def main(argv: list[str] | None = None) -> int:
    from game.config import config_from_args
    from game.kiosk import settings as kiosk_settings

    p = argparse.ArgumentParser(prog="python -m game.exhibit", description=__doc__.splitlines()[0])
    p.add_argument("--kiosk-settings", type=Path, required=True)
    p.add_argument("--out", type=Path, required=True)
    p.add_argument("--size", default="320x180")
    p.add_argument("--no-narration", action="store_true", help="skip the speech worker (no espeak-ng)")
    ns = p.parse_args(argv)
    try:
        settings = kiosk_settings.load(ns.kiosk_settings)
    except kiosk_settings.SettingsError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    config = config_from_args(["--offscreen", "--kiosk", "--size", ns.size, "--quality", "low"])
    from panda3d.core import ClockObject

    from game.app import App
    from game.features import open_kiosk

    ns.out.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    app = App(config)
    try:
        app.load_world()
        clock = app.base.clock
        clock.setMode(ClockObject.MNonRealTime)
        clock.setFrameRate(FPS)
        mode = open_kiosk(app, settings, narrate=not ns.no_narration)
        try:
            report = run(app, mode.session, ns.out)
        finally:
            mode.release()
    finally:
        app.shutdown()
    report["seconds"] = round(time.perf_counter() - t0, 1)
    (ns.out / "exhibit.json").write_text(json.dumps(report, ensure_ascii=False, indent=2), encoding="utf-8")
    if report["failed"]:
        print(f"exhibit check failed at step {report['failed']!r}; see {ns.out / 'exhibit.json'}", file=sys.stderr)
        return 1
    print(f"exhibit check passed; pictures and exhibit.json in {ns.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
