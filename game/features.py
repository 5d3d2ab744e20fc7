"""Features install themselves into a mode, and a mode is a list of features.

Each feature is a function ``install(ctx) -> handle``: it builds its part from what earlier features put in the
shared :class:`Context` (the app, the city connection, the voice and signing aids, the street…), registers its
tasks (in the one task order, :mod:`game.tasks`), its keys (layers of the input stack, :mod:`game.input.stack`)
and its hooks, records itself in the context, and returns a handle whose ``release()`` undoes all of it. Modes
release their features in reverse order. Adding a feature to every mode is one line per mode.
"""

from __future__ import annotations

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
    social: Any = None  # game.social.wiring.Social
    room: Any = None  # game.civic.session.CivicVisit (a room started alone)
    ceremony: Any = None  # game.events.ceremony.BellCeremony
    guards: Any = None  # game.events.guards.GuardCeremonies
    festival: Any = None  # game.festivals.live.FestivalEvent
    life: Any = None  # game.life.install.CityLifeHandle (people and traffic; its walkways guide easy mode's walks)
    badge: Any = None  # game.life.live_badge.LiveBadge
    data_view: Any = None  # game.life.data_view.DataView
    easy: Any = None  # game.easy_mode.EasyMode
    handles: list[Handle] = field(default_factory=list)

    def release(self) -> None:
        while self.handles:
            self.handles.pop().release()


Feature = Callable[[Context], Handle]


def install(features: Sequence[Feature], app: Any) -> Context:
    """Install ``features`` in order; on a failure the ones already installed are released again."""
    ctx = Context(app)
    try:
        for feature in features:
            ctx.handles.append(feature(ctx))
    except BaseException:
        ctx.release()
        raise
    return ctx


def run(app: Any, features: Sequence[Feature], capture: Callable[[Context], None] | None = None) -> int:
    """Run a mode until the visitor quits, or for ``--frames N`` frames (then ``capture`` with ``--screenshot``)."""
    ctx = install(features, app)
    try:
        if app.config.frames:
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


# -- the features ------------------------------------------------------------------------------------------------
def city(ctx: Context) -> Handle:
    """The city connection (embedded hub, ``--city``), polled by one task; every other feature is handed it."""
    from game.city_connection import open_city

    base = ctx.app.base
    ctx.city = open_city(ctx.app.config)
    ctx.city.start_polling(base)

    def undo() -> None:
        ctx.city.stop_polling(base)
        ctx.city.close()

    return _Undo(undo)


def access_aids(ctx: Context) -> Handle:
    """Voice (speech worker) and the signing avatar, started after the first frame; an alert sooner still shows."""
    from game.access_aids import AccessAids

    app = ctx.app
    ctx.aids = AccessAids(app.base, app.config, app.font, lang=app.language.value,
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
    """People and traffic in the streets at the scene's hour, stepping round the visitor (game/life)."""
    from game.life.install import install_city_life

    app, walker = ctx.app, ctx.explore.walker
    cache = app.config.cache_dir / "life" if app.config.cache_dir else None  # beside the district's cache
    ctx.life = install_city_life(app.base, app.world, app.scene.obstacles, app.pipeline.when,
                                 visitor=lambda: (walker.x, walker.y), cache_dir=cache)
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

    ctx.desk = CivicDesk(ctx.city.link)
    ctx.city.subscribers.append(ctx.desk.handle)
    if ctx.explore is not None:
        ctx.explore.city = (ctx.desk, ctx.aids.speak if ctx.aids is not None else None)
    return _Undo(lambda: ctx.city.subscribers.remove(ctx.desk.handle))


def social(ctx: Context) -> Handle:
    """Other visitors, chat and safety over the same city (when it offers presence); chat steps aside for alerts."""
    from game.social.wiring import Social, has_presence

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
    from game.civic.session import CivicVisit
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


def bell_ceremony(ctx: Context) -> Handle:
    """The New Year's bell at Bosingak (issue 17): countdown, strikes in hub time, captions; in the teleport menu."""
    from game.events.ceremony import BellCeremony, rehearse_at
    from net import events

    app = ctx.app
    if ctx.city is None or ctx.city.link is None:
        return _Undo(lambda: None)
    event = app.config.event or "new-year-bell"
    if app.config.event is not None and app.config.when is not None:
        rehearse_at(app.config.when)
    forced = app.config.event is not None and events.load_all()[event].kind == "bell-ringing"
    speak = ctx.aids.speak if ctx.aids is not None else None
    ctx.ceremony = BellCeremony(app, ctx.city, event if forced else "new-year-bell", forced=forced, speak=speak,
                                signing=ctx.aids.signing if ctx.aids is not None else None)
    if ctx.explore is not None:
        ctx.explore.menu_extras.append(ctx.ceremony.menu_entry)

    def undo() -> None:
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
    info panel; the live crowd level fills the streets; V shows every hotspot's level as bars (the data view)."""
    from game.life.data_view import DataView
    from game.life.live_badge import LiveBadge

    if ctx.city is None or ctx.city.link is None or ctx.life is None or ctx.explore is None:
        return _Undo(lambda: None)
    walker, app = ctx.explore.walker, ctx.app
    ctx.badge = LiveBadge(app, ctx.city, ctx.life.life, lambda: (walker.x, walker.y), lambda: app.language.value)
    ctx.explore.info_notes.append(ctx.badge.info_note)
    ctx.data_view = DataView(app, ctx.life.life.data, ctx.badge.levels)

    def undo() -> None:
        ctx.data_view.release()
        ctx.explore.info_notes.remove(ctx.badge.info_note)
        ctx.badge.release()

    return _Undo(undo)


# -- the modes ---------------------------------------------------------------------------------------------------
DESKTOP: tuple[Feature, ...] = (street, city_life, access_aids, easy_mode, city, live_alerts, civic_desk, social,
                                bell_ceremony, guard_ceremonies, lantern_festival, live_badge, weather_control)
CIVIC_ROOM: tuple[Feature, ...] = (access_aids, city, live_alerts, civic_desk, room)
ALERT_JOB: tuple[Feature, ...] = (access_aids,)  # the alert job presents from files: voice and signing, no city
