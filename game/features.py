"""Features install themselves into a mode, and a mode is a list of features.

Each feature is a function ``install(ctx) -> handle``: it builds its part from what earlier features put in the
shared :class:`Context` (the app, the city connection, the voice and signing aids, the street…), registers its
tasks (in the one task order, :mod:`game.tasks`), its keys (layers of the input stack, :mod:`game.input.stack`)
and its hooks, records itself in the context, and returns a handle whose ``release()`` undoes all of it. Modes
release their features in reverse order. Adding a feature to every mode is one line per mode.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from game.festivals.live import lantern_festival
from game.weather_control import weather_control


class Handle(Protocol):
    def release(self) -> None: ...


@dataclass
class _Undo:
    undo: Callable[[], None]

    def release(self) -> None:
        self.undo()


@dataclass
class Context:
    """What the installed features share; each field is set by the feature that owns it."""

    app: Any
    city: Any = None  # game.city_connection.CityConnection
    aids: Any = None  # game.access_aids.AccessAids
    explore: Any = None  # game.explore.Explore (the street)
    alerts: Any = None  # game.live_alerts.LiveAlerts
    desk: Any = None  # game.civic.desk.CivicDesk
    social: Any = None  # game.presence.wiring.Social
    room: Any = None  # game.scenes.room_visit.CivicVisit (a room started alone)
    ceremony: Any = None  # game.events.ceremony.BellCeremony
    guards: Any = None  # game.events.guards.GuardCeremonies
    festival: Any = None  # game.festivals.live.FestivalEvent
    life: Any = None  # game.life.install.CityLifeHandle (people and traffic; its walkways guide easy mode's walks)
    badge: Any = None  # game.life.live_badge.LiveBadge
    data_view: Any = None  # game.life.data_view.DataView
    events_board: Any = None  # game.life.events_board.EventsBoard (today's cultural events at the square)
    easy: Any = None  # game.easy_mode.EasyMode
    kiosk: Any = None  # game.kiosk.settings.KioskSettings: the operator's settings, in the kiosk modes
    narrate: bool | None = None  # kiosk: the attract narration spoken (None: unless offscreen, which has no audio)
    session: Any = None  # game.kiosk.session.KioskSession, or game.kiosk.headset.HeadsetKiosk in the headset
    driver: Any = None  # game.xr.driver.XrDriver: the headset modes
    head_panel: Any = None  # the head-locked panel the headset's alerts and signing are drawn on
    handles: list[Handle] = field(default_factory=list)

    def release(self) -> None:
        while self.handles:
            self.handles.pop().release()


Feature = Callable[[Context], Handle]


def install(features: Sequence[Feature], app: Any, **preset: Any) -> Context:
    """Install ``features`` in order over a context holding ``preset`` (e.g. ``kiosk=`` the operator's settings);
    on a failure the ones already installed are released again."""
    ctx = Context(app, **preset)
    try:
        for feature in features:
            ctx.handles.append(feature(ctx))
    except BaseException:
        ctx.release()
        raise
    return ctx


#: The frame rate an offscreen ``--frames N`` run is held to, as vsync holds a window on a 60 Hz display
DISPLAY_HZ = 60


def pace_like_a_display(clock: Any) -> None:
    """At most :data:`DISPLAY_HZ` frames a second from now on: a frame that costs next to nothing (the still world
    held) must not make N frames pass in less time than a visitor's N frames would (a window waits for vsync)."""
    from panda3d.core import ClockObject

    clock.setMode(ClockObject.MLimited)
    clock.setFrameRate(DISPLAY_HZ)


def run(app: Any, features: Sequence[Feature], capture: Callable[[Context], None] | None = None,
        **preset: Any) -> int:
    """Run a mode until the visitor quits (the kiosk: its operator), or for ``--frames N`` frames (then ``capture``
    with ``--screenshot``)."""
    ctx = install(features, app, **preset)
    try:
        if app.config.frames:
            if app.config.offscreen and not app.config.xr:
                pace_like_a_display(app.base.clock)
            app.step(app.config.frames)
            if app.config.screenshot is not None and capture is not None:
                capture(ctx)
        else:
            app.base.run()
    except SystemExit:
        pass
    finally:
        ctx.release()
        app.flow.request("quit")
    return 0


def run_desktop(app: Any) -> int:
    """The desktop mode until the visitor quits, or for ``--frames N`` frames (``--screenshot``: its report)."""
    return run(app, DESKTOP, desktop_report)


def run_civic_room(app: Any) -> int:
    """``main.py --scene <room>``: a civic room with its panel, voice guide and live alerts over the app's city,
    until Esc (which asks first) or for ``--frames N`` frames (then ``--screenshot`` saves the last one)."""
    return run(app, CIVIC_ROOM, lambda ctx: ctx.app.screenshot(ctx.app.config.screenshot))


def open_kiosk(app: Any, settings: Any, *, narrate: bool | None = None) -> Context:
    """The kiosk mode installed and started on ``app`` (ops tools and tests drive it frame by frame): the
    context's ``session`` is the running session, ``release()`` takes the mode down. ``narrate`` None: narration
    unless offscreen."""
    return install(KIOSK, app, kiosk=settings, narrate=narrate)


def run_kiosk(app: Any, settings: Any) -> int:
    """Kiosk mode until the operator exits (status 0), or for ``--frames N`` frames (smoke runs, tests); with
    ``--city CLIENT_DIR`` standing in for the settings' ``[hub]`` when they have none."""
    return run(app, KIOSK, kiosk=settings)


def desktop_report(ctx: Context) -> None:
    """``--frames N --screenshot OUT.png``: the live app's last frame plus ``OUT.json`` describing its state."""
    app, explore, alerts = ctx.app, ctx.explore, ctx.alerts
    app.screenshot(app.config.screenshot)
    shown = alerts.controller.shown
    report = {
        "flow_state": app.flow.state,
        "position": [round(explore.walker.x, 2), round(explore.walker.y, 2)],
        "city_link": str(alerts.link.status),
        "alerts_received": alerts.received,
        "alert_on_screen": shown.alert.identifier if shown is not None else None,
    }
    if ctx.ceremony is not None:
        report["event"] = ctx.ceremony.report()
    if ctx.festival is not None and app.config.event == ctx.festival.spec.id:
        report["event"] = ctx.festival.report()  # the event rehearsed (--event) is the one reported
    if ctx.guards is not None:
        report["guards"] = ctx.guards.report()
    if ctx.badge is not None:
        report["city_data"] = ctx.badge.report()
    app.config.screenshot.with_suffix(".json").write_text(json.dumps(report, ensure_ascii=False, indent=2),
                                                          encoding="utf-8")


# -- the features ------------------------------------------------------------------------------------------------
def city(ctx: Context) -> Handle:
    """The city connection (embedded hub, ``--city``; a kiosk's operator hub, else its own, offline-capable), polled
    by one task; every other feature is handed it."""
    from game.city_connection import open_city
    from game.kiosk.settings import city_options

    base = ctx.app.base
    ctx.city = open_city(ctx.app.config, **(city_options(ctx.kiosk) if ctx.kiosk is not None else {}))
    ctx.city.start_polling(base)

    def undo() -> None:
        ctx.city.stop_polling(base)
        ctx.city.close()

    return _Undo(undo)


def access_aids(ctx: Context) -> Handle:
    """Voice (speech worker) and the signing avatar, started after the first frame; an alert sooner still shows."""
    from game.access_aids import AccessAids

    app = ctx.app
    ctx.aids = AccessAids(app.base, app.config, app.font, lang=app.language.value, parent=ctx.head_panel,
                          settings_dir=app.language.config_dir)
    unsubscribe = app.language.subscribe(ctx.aids.signing.set_language)

    def undo() -> None:
        unsubscribe()
        ctx.aids.release()

    return _Undo(undo)


def street(ctx: Context) -> Handle:
    """Walking the district: the bottom layer of the input stack; on a first start, the first-minute card."""
    from game.explore import START_LANDMARK, Explore
    from game.language import recall, remember

    app = ctx.app
    app.flow.request("explore")
    ctx.explore = Explore(app, app.config.scene or START_LANDMARK)
    where = app.language.config_dir
    if not recall(where, "onboarded") and not app.config.frames:  # smoke and benchmark runs go without it
        ctx.explore.show_card(on_close=lambda: remember(where, "onboarded", True))
    return ctx.explore


def city_life(ctx: Context) -> Handle:
    """People and traffic in the streets at the scene's hour, stepping round the visitor (game/life); with no street
    (the tour) they stand still between the caller's updates, so every view is drawn from one settled moment."""
    from game.life.install import install_city_life

    app = ctx.app
    walker = ctx.explore.walker if ctx.explore is not None else None
    cache = app.config.cache_dir / "life" if app.config.cache_dir else None  # beside the district's cache
    ctx.life = install_city_life(app.base, app.world, app.scene.obstacles, app.pipeline.when,
                                 visitor=(lambda: (walker.x, walker.y)) if walker is not None else None,
                                 cache_dir=cache, run_task=walker is not None)  # the tour steps its own people
    return ctx.life


def easy_mode(ctx: Context) -> Handle:
    """Easy mode (issue 19): asked on the start screen and kept; large text, slower voice, guided walks."""
    from game.easy_mode import EasyMode

    life = ctx.life
    ctx.easy = EasyMode(ctx.app, ctx.explore, ctx.aids, ways=(lambda: life.life.ways) if life is not None else None)
    return ctx.easy


def live_alerts(ctx: Context) -> Handle:
    """Alerts over the city connection, on top of everything; the hint bar steps aside while one is up."""
    from game.live_alerts import LiveAlerts
    from game.scenes import registry

    app = ctx.app
    if ctx.explore is not None:
        walker = ctx.explore.walker
        where = lambda: (walker.x, walker.y)  # noqa: E731 - the street's position, for geo-targeting
    else:
        host = app.landmarks[registry.INTERIOR_HOST].local
        where = lambda: host  # noqa: E731 - a room inside City Hall
    ctx.alerts = LiveAlerts(app.base, app.config, where, flow=app.flow, font=app.font, aids=ctx.aids, city=ctx.city,
                            keys=app.keys, language=app.language)
    if ctx.explore is not None:
        ctx.alerts.watchers.append(ctx.explore.set_alerted)
    return ctx.alerts


def civic_desk(ctx: Context) -> Handle:
    """City services (FAQ, complaints, proposals, bookings) over the city connection; opens City Hall's rooms."""
    from game.civic.desk import CivicDesk

    if ctx.city.link is None:  # no city at all (an offline kiosk with nothing to connect to): no rooms' services
        return _Undo(lambda: None)
    ctx.desk = CivicDesk(ctx.city.link)
    ctx.city.subscribers.append(ctx.desk.handle)
    if ctx.explore is not None:
        ctx.explore.city = (ctx.desk, ctx.aids.speak if ctx.aids is not None else None)
    return _Undo(lambda: ctx.city.subscribers.remove(ctx.desk.handle))


def social(ctx: Context) -> Handle:
    """Other visitors, chat and safety over the same city (when it offers presence); chat steps aside for alerts."""
    from game.presence.wiring import Social, has_presence

    client_dir = ctx.city.client_dir
    if client_dir is None or not has_presence(client_dir):
        return _Undo(lambda: None)
    ctx.social = Social(ctx.app, ctx.explore, client_dir, aids=ctx.aids)
    ctx.explore.presence = ctx.social  # a space walked into borrows it (the hub keeps one presence per visitor)
    keys, chat = ctx.app.keys, ctx.social.task.panel

    def place() -> None:
        """The chat keeps to the street: hidden inside a room and while an alert is on screen."""
        street = ctx.app.flow.state != "civic" and ctx.explore.visit is None
        chat.set_visible(street and not (ctx.alerts is not None and ctx.alerts.shown))

    def moved(_old: str, _new: str) -> None:
        place()

    keys.listeners.append(place)  # an alert, a room panel coming or going change the stack…
    ctx.app.flow.watchers.append(moved)  # …and stepping back out to the street changes the flow
    place()

    def undo() -> None:
        keys.listeners.remove(place)
        ctx.app.flow.watchers.remove(moved)
        if ctx.explore.visit is not None and ctx.explore.visit.space is not None:
            ctx.explore.leave_room()  # a space hands the street's presence back before it closes
        ctx.explore.presence = None
        ctx.social.release()

    return _Undo(undo)


def room(ctx: Context) -> Handle:
    """A civic room on its own (``--scene ROOM``): Esc in its panel asks before quitting, in both languages."""
    from game.scenes.room_visit import CivicVisit
    from ui.confirm import Confirm

    app = ctx.app
    app.flow.request("civic")

    def ask() -> None:
        Confirm(app.base.aspect2d, app.font, "app.quit_question", "app.quit_choices", app.base.userExit, app.keys,
                on_no=ctx.room.reopen)

    ctx.room = CivicVisit(app, app.config.scene, ctx.desk, ctx.aids.speak if ctx.aids else None, on_exit=ask,
                          client_dir=ctx.city.client_dir if ctx.city is not None else None,
                          signing=ctx.aids.signing if ctx.aids is not None else None)
    return _Undo(ctx.room.close)


def _source_caption(driver) -> Callable[..., Any]:
    """Captions of a sound source on the headset's head-locked panel; imported here, in the headset alone, since
    desktop and kiosk builds leave ``game.xr`` out."""
    from game.xr.caption import SourceCaption

    return lambda base, source, font, style: SourceCaption(base, driver.head_panel, source, font, style)


def bell_ceremony(ctx: Context) -> Handle:
    """The New Year's bell at Bosingak (issue 17): countdown, strikes in hub time, captions; in the teleport menu
    (in a headset, captions by the bell: :func:`_source_caption`)."""
    from game.events.ceremony import BellCeremony, rehearse_at
    from net import events

    app = ctx.app
    if ctx.city is None or ctx.city.link is None:
        return _Undo(lambda: None)
    event = app.config.event or "new-year-bell"
    if app.config.event is not None and app.config.when is not None:
        rehearse_at(app.config.when)
    forced = app.config.event is not None and events.load_all()[event].kind == "bell-ringing"
    speak = getattr(ctx.aids, "speak", None)  # the kiosk's one voice is its narration's: there, captions only
    ctx.ceremony = BellCeremony(app, ctx.city, event if forced else "new-year-bell", forced=forced, speak=speak,
                                signing=ctx.aids.signing if ctx.aids is not None else None,
                                haptic=ctx.driver.haptic if ctx.driver is not None else None,
                                source_caption=_source_caption(ctx.driver) if ctx.driver is not None else None)
    if ctx.explore is not None:
        ctx.explore.menu_extras.append(ctx.ceremony.menu_entry)
    if ctx.life is not None:  # the crowd the bell draws to Jongno follows the same hub clock as the strikes
        ctx.life.life.hub_time = ctx.ceremony.hub_now

    def undo() -> None:
        if ctx.life is not None:
            ctx.life.life.hub_time = None
        if ctx.explore is not None:
            ctx.explore.menu_extras.remove(ctx.ceremony.menu_entry)
        ctx.ceremony.release()

    return _Undo(undo)


def guard_ceremonies(ctx: Context) -> Handle:
    """The gate-guard changing ceremonies (issue 16) in hub time; announced in the teleport menu and info panel."""
    from game.events.guards import GuardCeremonies

    hub_now = ctx.ceremony.hub_now if ctx.ceremony is not None else None
    ctx.guards = GuardCeremonies(ctx.app, hub_now)
    if ctx.explore is not None:
        ctx.explore.menu_labels.append(ctx.guards.menu_label)
        ctx.explore.info_notes.append(ctx.guards.info_note)

    def undo() -> None:
        if ctx.explore is not None:
            ctx.explore.menu_labels.remove(ctx.guards.menu_label)
            ctx.explore.info_notes.remove(ctx.guards.info_note)
        ctx.guards.release()

    return _Undo(undo)


def live_badge(ctx: Context) -> Handle:
    """Live Seoul data from the hub (issue 16): the nearest hotspot's crowd and the air on a HUD badge and in the
    info panel; the live crowd level fills the streets and the road speeds pace the traffic; V shows every hotspot's
    crowd, then air, then road levels as bars (the data view); a board at the square lists today's cultural events."""
    from game.life.data_view import DataView
    from game.life.events_board import EventsBoard
    from game.life.live_badge import LiveBadge

    if ctx.city is None or ctx.city.link is None or ctx.life is None or ctx.explore is None:
        return _Undo(lambda: None)
    walker, app = ctx.explore.walker, ctx.app
    ctx.badge = LiveBadge(app, ctx.city, ctx.life.life, lambda: (walker.x, walker.y), lambda: app.language.value)
    ctx.explore.info_notes.append(ctx.badge.info_note)
    ctx.data_view = DataView(app, ctx.life.life.data, (ctx.badge.levels, ctx.badge.air_levels,
                                                       ctx.badge.road_levels))
    ctx.events_board = EventsBoard(app, ctx.badge)

    def undo() -> None:
        ctx.events_board.release()
        ctx.data_view.release()
        ctx.explore.info_notes.remove(ctx.badge.info_note)
        ctx.badge.release()

    return _Undo(undo)


def kiosk_aids(ctx: Context) -> Handle:
    """The kiosk's one voice (narration and alerts) and its signing avatar, with the operator's access settings."""
    from game.kiosk.session import KioskAids

    narrate = ctx.narrate if ctx.narrate is not None else not ctx.app.config.offscreen
    ctx.aids = KioskAids(ctx.app, ctx.kiosk, narrate=narrate)
    return ctx.aids


def kiosk_alerts(ctx: Context) -> Handle:
    """Alerts at the kiosk's physical location, in every site language in turn, from the city and the drop folder;
    on top of the input stack while shown (any device's confirm button acknowledges)."""
    from game.kiosk.settings import alert_options
    from game.live_alerts import LiveAlerts

    app = ctx.app
    ctx.alerts = LiveAlerts(app.base, app.config, None, city=ctx.city, aids=ctx.aids, badge=False, keys=app.keys,
                            on_receive=lambda *heard: ctx.session.received(*heard),
                            on_turn=lambda *turn: ctx.session.alert_turn(*turn), **alert_options(ctx.kiosk))
    return ctx.alerts


def kiosk_session(ctx: Context) -> Handle:
    """The attract loop, visits with their idle wipe, the help request, and the window locked against leaving."""
    from game.kiosk.session import KioskSession
    from game.kiosk.settings import data_dir

    ctx.session = KioskSession(ctx.app, ctx.kiosk, data_dir(ctx.kiosk), speech=ctx.aids.service, alerts=ctx.alerts,
                               desk=ctx.desk)
    ctx.session.start()
    return ctx.session


XR_ALERT_SCALE = 1.4  # the head-locked alert spans ~45° of view


def headset(ctx: Context) -> Handle:
    """The visitor in the headset (install with ``driver=``): the flow enters the district (a kiosk's attract
    prompt), and the head-locked panel that alerts and signing are drawn on."""
    ctx.app.flow.go("attract" if ctx.kiosk is not None else "explore")
    ctx.head_panel = ctx.driver.head_panel.attachNewNode("alerts")
    ctx.head_panel.setScale(XR_ALERT_SCALE)
    return _Undo(ctx.head_panel.removeNode)


def headset_alerts(ctx: Context) -> Handle:
    """Alerts on the head-locked panel (readable without turning the head), both controllers pulsing at each new
    one; a kiosk's at its physical location in its languages."""
    from game.kiosk.settings import alert_options
    from game.live_alerts import LiveAlerts

    app, camera = ctx.app, ctx.app.base.camera
    render = app.base.render
    ctx.alerts = LiveAlerts(app.base, app.config, lambda: (camera.getX(render), camera.getY(render)),
                            parent=ctx.head_panel, aspect=16 / 9, srgb=True, badge=False, aids=ctx.aids,
                            on_alert=functools.partial(ctx.driver.haptic, hold=True), city=ctx.city, flow=app.flow,
                            **(alert_options(ctx.kiosk) if ctx.kiosk is not None else {}))
    return ctx.alerts


def headset_presence(ctx: Context) -> Handle:
    """Others are here (issue 8): our head and hands go out to presence, other visitors are drawn around us."""
    from game.xr.presence import join_presence

    presence = join_presence(ctx.driver, ctx.app.config, ctx.city, ctx.app.world)
    return presence if presence is not None else _Undo(lambda: None)


def bell_pull(ctx: Context) -> Handle:
    """The New Year's bell's rope in the headset: gripped and pulled, a strike as hard as the pull."""
    from game.xr.bell_pull import XrBellPull

    if ctx.ceremony is None:
        return _Undo(lambda: None)
    return XrBellPull(ctx.driver, ctx.ceremony.cue_up, ctx.ceremony.ring)


def headset_rooms(ctx: Context) -> Handle:
    """The civic rooms and the economy and education spaces in the headset: the places button lists them, choosing
    one stands the visitor in its room, "back to the street" returns them where they were (game.xr.places)."""
    from game.xr.places import XrPlaces

    return XrPlaces(ctx.driver, ctx.app)


def headset_kiosk(ctx: Context) -> Handle:
    """A kiosk in the headset: the start prompt, visits begun by any controller input, the idle wipe."""
    from game.kiosk.headset import HeadsetKiosk

    ctx.session = HeadsetKiosk(ctx.driver, ctx.kiosk, ctx.app.font)
    return ctx.session


# -- the modes ---------------------------------------------------------------------------------------------------
DESKTOP: tuple[Feature, ...] = (street, city_life, access_aids, easy_mode, city, live_alerts, civic_desk, social,
                                bell_ceremony, guard_ceremonies, lantern_festival, live_badge, weather_control)
CIVIC_ROOM: tuple[Feature, ...] = (access_aids, city, live_alerts, civic_desk, room)
ALERT_JOB: tuple[Feature, ...] = (access_aids,)  # the alert job presents from files: voice and signing, no city
KIOSK: tuple[Feature, ...] = (city, kiosk_aids, kiosk_alerts, civic_desk, bell_ceremony, guard_ceremonies,
                              lantern_festival, weather_control, kiosk_session)  # install with kiosk=<settings>
TOUR: tuple[Feature, ...] = (city_life,)  # the tour renders every landmark with the people settled (game.tour)
HEADSET: tuple[Feature, ...] = (headset, city, access_aids, headset_alerts, headset_presence, bell_ceremony,
                                bell_pull, headset_rooms)  # install with driver=<the XR driver>
HEADSET_KIOSK: tuple[Feature, ...] = (*HEADSET, headset_kiosk)  # …and kiosk=<settings>
