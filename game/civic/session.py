"""An interactive visit to a civic room (``main.py --scene mayors-office`` etc.): the room, its panel, the city
link (the embedded hub on this machine) and the speech worker for the voice guide and the audio guide.

Runs until Esc or for ``--frames N`` frames; one task polls the link each frame, so nothing blocks the loop.
"""

from __future__ import annotations

import datetime as dt
import shutil

from game.civic.desk import CivicDesk
from game.config import KST
from game.scenes import registry
from ui.civic import screens


def _speaker(app):
    """A (text, lang) → None that synthesises through the speech worker and plays the WAV; None without espeak."""
    if shutil.which("espeak-ng") is None:
        return None, None
    import platformdirs

    from game.speech.service import SpeechService

    service = SpeechService(platformdirs.user_cache_path("metaverse-seoul") / "speech")

    def speak(text: str, lang: str) -> None:
        service.submit(text, lang)

    def play(task):
        for result in service.poll():
            if result.path is not None:
                app.base.loader.loadSfx(str(result.path)).play()
        return task.cont

    app.base.taskMgr.add(play, "civic-speech")
    return speak, service


def _fill_boards(scene, desk: CivicDesk, link) -> None:
    """The opinion wall and the city-data board from the hub: proposals, the link's state, coming events."""
    desk.proposals(lambda o: scene.show_proposals(o.result["proposals"]) if o.ok else None)

    def events(outcome) -> None:
        rows = {"civic.data_link": str(link.status)}
        if outcome.ok and outcome.result["events"]:
            ev = outcome.result["events"][0]
            title = ev["title_ko"] if scene.app.config.language == "ko" else ev["title_en"]
            rows["civic.data_event"] = f"{title} · {ev['starts'].replace('T', ' ')} · {ev['place']}"
        scene.show_city_data(rows)

    desk.events(events)


def run_civic(app) -> int:
    from net.embedded import EmbeddedHub

    sid = app.config.scene
    app.flow.go("civic")
    hub = EmbeddedHub()
    hub.start()
    link = hub.link()
    desk = CivicDesk(link)
    speak, service = _speaker(app)
    lang = app.config.language
    done = {"quit": False}
    scene = registry.create(app, sid)
    scene.load()
    view = scene.view()
    app.look(view.camera, view.target)
    lm = app.landmarks["city-hall"]
    if sid == "center-120":
        panel = screens.center_panel(app.base, app.font, lang, desk, lm.name(lang), lm.lat, lm.lon, speak)
    elif sid == "mayors-office":
        panel = screens.office_panel(app.base, app.font, lang, desk, speak, on_proposals=scene.show_proposals)
        _fill_boards(scene, desk, link)
    elif sid == "reservations":
        from net.hub.store import open_store  # the facilities as the hub seeds them, read once

        conn = open_store(hub.hub_dir)
        rows = conn.execute("SELECT id, name_ko, name_en, open_hour, close_hour FROM facilities ORDER BY id")
        keys = ("facility_id", "name_ko", "name_en", "open_hour", "close_hour")
        facilities = [dict(zip(keys, r, strict=True)) for r in rows]
        conn.close()
        today = app.config.when.date() if app.config.when else dt.datetime.now(KST).date()  # as the wall calendar
        day = (today + dt.timedelta(days=1)).isoformat()
        panel = screens.reservations_panel(app.base, app.font, lang, desk, facilities, day, speak)
    else:
        panel = screens.exhibition_panel(app.base, app.font, lang, list(scene.show.all), speak)
    panel.on_close = lambda: done.update(quit=True)

    def poll(task):
        desk.poll()
        if done["quit"]:
            app.base.userExit()
        return task.cont

    app.base.taskMgr.add(poll, "civic-desk")
    try:
        if app.config.frames:
            app.step(app.config.frames)
        else:
            app.base.run()
    except SystemExit:
        pass
    finally:
        app.base.taskMgr.remove("civic-desk")
        app.base.taskMgr.remove("civic-speech")
        panel.destroy()
        scene.release()
        link.close()
        hub.stop()
        if service is not None:
            service.shutdown()
        app.flow.go("quit")
    return 0
