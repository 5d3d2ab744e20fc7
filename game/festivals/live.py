"""The lantern festival as a live event: its lanterns lit and put out with each night's hours in hub time.

The district builds the sculptures for the scene's day (``game.festivals.scene``); this follows the events
model's occurrence (``net.events``: one beat a night, lasting the lit hours) on the clock every visitor shares,
so a rehearsal (``--event lantern-festival --time 2026-12-20T17:59:50``) sees them light at 18:00. When the
scene's instant is pinned apart from the clock (``--time`` without ``--event``), the scene's instant decides and
nothing changes. The teleport menu announces tonight's lighting; :meth:`report` goes into ``--screenshot``'s JSON.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from game import tasks
from game.festivals import lantern
from net import clock, events


class FestivalEvent:
    """Install with the street; ``hub_now`` is the clock every visitor shares (default: the one program clock)."""

    def __init__(self, app, event_id: str, hub_now: Callable[[], float] | None = None, *, follow: bool = True,
                 menu_labels: list | None = None):
        self.app = app
        self.menu_labels = menu_labels  # the street's teleport menu lines, if there is a street
        self.spec = events.load_all()[event_id]
        self.hub_now = hub_now or clock.timestamp
        self.follow = follow  # the lanterns follow hub time (not when the scene's instant is pinned apart)
        self.occ = self.spec.occurrence(self.hub_now())
        self.changes: list[dict[str, Any]] = []
        self._task = app.base.taskMgr.add(self._update, "festival-event", sort=tasks.WORLD)
        if menu_labels is not None:
            menu_labels.append(self.menu_label)
        self.update()

    def _update(self, task):
        self.update()
        return task.cont

    def update(self) -> None:
        now = self.hub_now()
        if self.occ.phase(now) == "over":
            self.occ = self.spec.occurrence(now)
        festival = self.app.scene.festival
        if not self.follow or festival is None or festival.edition.event != self.occ.edition:
            return
        lit = self.occ.beat_running(now) > 0
        if lit != festival.lit:
            festival.set_lit(lit)
            self.changes.append({"hub_time": round(now, 3), "lit": lit})

    def menu_label(self, lang: str, place: str) -> str | None:
        """The festival's place in the teleport menu: tonight's lighting, or None (its name)."""
        return lantern.menu_label(self.occ, self.hub_now(), lang) if place == self.spec.place else None

    def report(self) -> dict[str, Any]:
        """For ``--screenshot``'s JSON: the occurrence, its edition (and whether estimated), tonight, the lanterns."""
        now, occ, festival = self.hub_now(), self.occ, self.app.scene.festival
        e = occ.edition
        return {"event": self.spec.id, "kind": self.spec.kind, "place": self.spec.place, "phase": occ.phase(now),
                "starts": occ.start, "ends": occ.end, "hub_time": round(now, 3),
                "edition": None if e is None else {"year": e.year, "number": e.number, "status": e.status,
                                                   "theme_ko": e.theme["ko"], "theme_en": e.theme["en"]},
                "estimated": e is not None and e.status == "estimated", "night": occ.beat_running(now),
                "lit": bool(festival is not None and festival.lit), "lit_changes": self.changes,
                "sculptures": len(festival.dressing.bases) if festival is not None else 0,
                "menu": {lang: self.menu_label(lang, self.spec.place) for lang in ("ko", "en")}}

    def release(self) -> None:
        if self.menu_labels is not None:
            self.menu_labels.remove(self.menu_label)
        self.app.base.taskMgr.remove(self._task)


def lantern_festival(ctx) -> FestivalEvent:
    """The feature (``game.features``): the lantern festival on the hub's clock, in the teleport menu; rehearsed
    with ``--event lantern-festival --time T`` (the program's clock starts at T, as for the bell)."""
    from game.events.ceremony import rehearse_at

    app = ctx.app
    rehearsed = app.config.event == lantern.EVENT
    if rehearsed and app.config.when is not None and ctx.ceremony is None:
        rehearse_at(app.config.when)  # the bell's feature did it already when it runs
    ctx.festival = FestivalEvent(app, lantern.EVENT, ctx.ceremony.hub_now if ctx.ceremony is not None else None,
                                 follow=app.config.when is None or rehearsed,
                                 menu_labels=ctx.explore.menu_labels if ctx.explore is not None else None)
    return ctx.festival
