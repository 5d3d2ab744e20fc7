"""The gate-guard changing ceremony as a plan: who stands and walks where at each second of it. Pure.

Positions are in the gate's frame: ``u`` metres along the front (to the gate's right as it looks out), ``v``
metres out from the front face. Each figure follows keyframes; between them it walks at a steady pace, at them it
faces its keyframe's direction. Everything follows from the seconds into the occurrence (hub time), so every
visitor sees the same step at the same moment. The order follows the published programme (relief marches in,
password, the handover, the old watch marches out); the minutes are this app's estimate (see the event files).
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

import numpy as np

from game.text import i18n
from net.events import KST, EventSpec

MARCH_IN = (0.0, 150.0)  # the relief column marches along the front to the stage
PASSWORD = (600.0, 720.0)  # the captains step out to the centre and back (군호)
HANDOVER = (900.0, 960.0)  # the relief takes the posts; the old watch forms its column
MARCH_OUT = (960.0, 1110.0)  # the old watch marches away along the front
ENTRY = 55.0  # metres along the front where the columns come from and go
STAGE_V, POST_V, COLUMN_V = 12.0, 2.5, 16.0
STRIDE = 1.5  # metres per walk cycle (two steps)
OUT, IN, ALONG, BACK = 0.0, math.pi, math.pi / 2, -math.pi / 2  # facings: 0 faces out from the gate (+v)
RELIEF, WATCH = "relief", "watch"
ROLES = ("captain", "guard", "drummer", "banner")


@dataclass(frozen=True)
class Key:
    t: float
    u: float
    v: float
    facing: float


@dataclass(frozen=True)
class Figure:
    side: str
    role: str
    keys: tuple[Key, ...]

    def at(self, t: float) -> tuple[float, float, float, float, bool]:
        """(u, v, facing, walked metres, walking) at ``t`` seconds into the ceremony."""
        keys, walked = self.keys, 0.0
        if t <= keys[0].t:
            return keys[0].u, keys[0].v, keys[0].facing, 0.0, False
        for a, b in zip(keys, keys[1:], strict=False):
            seg = math.hypot(b.u - a.u, b.v - a.v)
            if t < b.t:
                x = (t - a.t) / (b.t - a.t)
                moving = seg > 1e-6
                facing = math.atan2(b.u - a.u, b.v - a.v) if moving else a.facing
                return a.u + x * (b.u - a.u), a.v + x * (b.v - a.v), facing, walked + x * seg, moving
            walked += seg
        last = keys[-1]
        return last.u, last.v, last.facing, walked, False


def _posts(n: int) -> list[tuple[float, float]]:
    """Posts in two files flanking the middle arch, facing out."""
    half = n // 2
    return [(side * (4.0 + 2.0 * (i // 2)), POST_V + 1.5 * (i % 2)) for side in (-1, 1) for i in range(half)]


def _column(n: int, lead_u: float, v0: float) -> list[tuple[float, float]]:
    """A column two abreast whose head is at ``lead_u``, heading towards +u."""
    return [(lead_u - 2.0 * (i // 2), v0 + 1.6 * (i % 2)) for i in range(n)]


def plan(guards: int = 8) -> tuple[Figure, ...]:
    """The relief (a captain, two drummers, a banner and ``guards`` guards) and the old watch (a captain and
    ``guards`` guards at their posts)."""
    out: list[Figure] = []
    relief_roles = ["captain", "banner", "drummer", "drummer"] + ["guard"] * guards
    column = _column(len(relief_roles), 0.0, STAGE_V)
    width = 2.0 * (len(relief_roles) // 2 - 1)
    posts = _posts(guards)
    for i, role in enumerate(relief_roles):
        cu, cv = column[i]
        stage_u = cu + width / 2  # the column's middle ends in front of the middle arch
        keys = [Key(MARCH_IN[0], cu - ENTRY, cv, ALONG), Key(MARCH_IN[1], stage_u, cv, IN)]
        if role == "captain":
            keys += [Key(PASSWORD[0], stage_u, cv, IN), Key(PASSWORD[0] + 30, 0.0, POST_V + 4.0, IN),
                     Key(PASSWORD[1] - 30, 0.0, POST_V + 4.0, IN), Key(PASSWORD[1], stage_u, cv, IN),
                     Key(HANDOVER[0], stage_u, cv, IN), Key(HANDOVER[1], 0.0, POST_V + 1.0, OUT)]
        elif role == "guard":
            pu, pv = posts[i - 4]
            keys += [Key(HANDOVER[0], stage_u, cv, IN), Key(HANDOVER[1], pu, pv, OUT)]
        out.append(Figure(RELIEF, role, tuple(keys)))
    watch_col = _column(guards + 1, 0.0, COLUMN_V + 3.5)
    for i, role in enumerate(["captain"] + ["guard"] * guards):
        pu, pv = (0.0, POST_V + 1.0) if role == "captain" else posts[i - 1]
        cu, cv = watch_col[i]
        keys = [Key(0.0, pu, pv, OUT)]
        if role == "captain":
            keys += [Key(PASSWORD[0], pu, pv, OUT), Key(PASSWORD[0] + 30, 0.0, POST_V + 2.5, OUT),
                     Key(PASSWORD[1] - 30, 0.0, POST_V + 2.5, OUT), Key(PASSWORD[1], pu, pv, OUT)]
        keys += [Key(HANDOVER[0] - 30, pu, pv, OUT), Key(HANDOVER[0], cu, cv, ALONG),
                 Key(MARCH_OUT[0], cu, cv, ALONG), Key(MARCH_OUT[1], cu + ENTRY + 20.0, cv, ALONG)]
        out.append(Figure(WATCH, role, tuple(keys)))
    return tuple(out)


def present(figure: Figure, t: float) -> bool:
    """The old watch leaves the scene once it has marched away; the relief stays at its posts to the end."""
    return not (figure.side == WATCH and t >= MARCH_OUT[1])


@dataclass(frozen=True)
class GateFrame:
    """A gate's frame in district metres: centre, compass heading of its front, depth of its footprint."""

    x: float
    y: float
    heading_deg: float
    depth: float

    def to_world(self, u: float, v: float) -> tuple[float, float]:
        h = math.radians(self.heading_deg)
        out_x, out_y = math.sin(h), math.cos(h)
        right_x, right_y = math.cos(h), -math.sin(h)
        d = self.depth / 2 + v
        return self.x + right_x * u + out_x * d, self.y + right_y * u + out_y * d

    def world_heading(self, facing: float) -> float:
        """Radians counter-clockwise from +x (the life renderer's convention) of a facing in the gate frame."""
        du, dv = math.sin(facing), math.cos(facing)
        h = math.radians(self.heading_deg)
        return math.atan2(-math.sin(h) * du + math.cos(h) * dv, math.cos(h) * du + math.sin(h) * dv)


def poses(figures: tuple[Figure, ...], frame: GateFrame, t: float) -> np.ndarray:
    """(n, 6) rows ``x, y, heading, walk phase, swing, figure index`` of the figures present ``t`` s in."""
    rows = []
    for k, fig in enumerate(figures):
        if not present(fig, t):
            continue
        u, v, facing, walked, walking = fig.at(t)
        x, y = frame.to_world(u, v)
        rows.append((x, y, frame.world_heading(facing), 2 * math.pi * walked / STRIDE, 0.5 if walking else 0.0, k))
    return np.array(rows, np.float64).reshape(-1, 6)


def _when(start: dt.datetime, now: dt.datetime, lang: str) -> str:
    """``14:00`` today, ``수 10:00`` / ``Wed 10:00`` on another day."""
    hm = start.strftime("%H:%M")
    if start.date() == now.date():
        return hm
    return f"{i18n.text('events.weekdays_short', lang).split(',')[start.weekday()]} {hm}"


def menu_label(spec: EventSpec, hub_now: float, lang: str, place: str) -> str:
    """The teleport menu's line: ``광화문 — 다음 교대식 14:00`` or, while it runs, ``… — 교대식 진행 중``."""
    occ = spec.occurrence(hub_now)
    if occ.start <= hub_now:
        return i18n.text("events.guard_menu_now", lang, place=place)
    now = dt.datetime.fromtimestamp(hub_now, KST)
    return i18n.text("events.guard_menu_next", lang, place=place, time=_when(occ.start_kst(), now, lang))


def info_note(spec: EventSpec, hub_now: float, lang: str) -> str:
    """The info panel's line: the next start, how long it lasts, its rest days (or how long it still runs)."""
    occ = spec.occurrence(hub_now)
    if occ.start <= hub_now:
        return i18n.text("events.guard_info_now", lang, left=max(1, math.ceil((occ.end - hub_now) / 60)))
    now = dt.datetime.fromtimestamp(hub_now, KST)
    names = i18n.text("events.weekdays_long", lang).split(",")
    days = ", ".join(names[d] for d in sorted(spec.rest_days))
    return i18n.text("events.guard_info", lang, time=_when(occ.start_kst(), now, lang),
                     minutes=round((occ.end - occ.start) / 60), days=days)
