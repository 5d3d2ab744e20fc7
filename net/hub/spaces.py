"""The economy and education spaces' services (issue 20): sessions with a consultant (Invest Seoul) or a mentor
(Seoul Learn), business-matching requests to the Fintech Lab, course enrolments and lecture attendance.

A session is booked the way a facility is (``services.booking_create``): the partial unique index on (space,
host, day, slot) is the lock, so of any number of visitors racing for one hour exactly one gets it, whatever
runs the hub. Consultants and mentors work as staff: staff list the sessions, matching requests, enrolments and
attendance; a visitor sees their own. The hosts' ids come from the app's data files; the hub keeps no list of
them (an operator adding a mentor edits one file), so it checks their shape, not their existence.

A scheduled lecture, talk or demo day (``assets/events``, the one events model) opens its room's gathering on
the hub by itself at its start, in the hub's time (:func:`open_due_gatherings`, from the hub's loop), so raised
hands and the floor work without staff opening it by hand.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from net import events
from net.hub.database import Database, IntegrityError
from net.hub.services import SEOUL, Args, BookingRules, Caller, Handler, Result, ServiceError, refuse_profanity
from net.protocol import ErrorCode, Role

#: Session hours, Seoul time: the first and one past the last.
SESSION_HOURS = (10, 18)
LIST_LIMIT = 200
DEFAULT_RULES = BookingRules()
#: Scheduled events whose gathering the hub opens at their start: event id → (the room's presence scene, the
#: gathering's spot in world metres: the lecture hall's screen, Seoul Learn's middle board, the Fintech Lab's
#: pitch stage; tests/spaces check them against the rooms).
EVENT_GATHERINGS: dict[str, tuple[str, tuple[float, float]]] = {
    "citizens-lecture": ("citizens_university", (113.5, -684.9)),
    "career-talk": ("seoul_learn", (74.1, -691.9)),
    "fintech-demo-day": ("fintech_lab", (73.8, -690.0)),
}


def _slots() -> list[str]:
    return [f"{h:02d}:00" for h in range(*SESSION_HOURS)]


def _check_when(c: Caller, day: str, slot: str, rules: BookingRules) -> date:
    try:
        wanted = date.fromisoformat(day)
    except ValueError:
        raise ServiceError(ErrorCode.BAD_REQUEST, "day: not a date") from None
    if slot not in _slots():
        raise ServiceError(ErrorCode.BAD_REQUEST, "slot: outside session hours")
    today = datetime.fromtimestamp(c.now, SEOUL).date()
    if wanted < today or (rules.window_days is not None and wanted > today + timedelta(days=rules.window_days)):
        raise ServiceError(ErrorCode.BAD_REQUEST, "day: outside the booking window", reason="window")
    return today


def session_slots(conn: Database, c: Caller, args: Args) -> Result:
    taken = {s for (s,) in conn.execute(
        "SELECT slot FROM space_sessions WHERE space=? AND host=? AND day=? AND cancelled IS NULL",
        (args["space"], args["host"], args["day"]))}
    return {**args, "free": [s for s in _slots() if s not in taken]}


def session_book(conn: Database, c: Caller, args: Args, rules: BookingRules = DEFAULT_RULES) -> Result:
    today = _check_when(c, args["day"], args["slot"], rules)
    if c.role is not Role.STAFF:
        conn.lock(f"bookings-of:{c.client}")  # the quota holds across hub processes, as facility bookings'
        on_day, ahead = conn.execute(
            "SELECT COUNT(*) FILTER (WHERE day=?), COUNT(*) FROM space_sessions WHERE client=? AND cancelled IS NULL"
            " AND day>=?", (args["day"], c.client, today.isoformat())).fetchone()
        if on_day >= rules.per_day or ahead >= rules.active:
            raise ServiceError(ErrorCode.FORBIDDEN, "booking quota reached", reason="quota")
    try:
        session_id = conn.execute(
            "INSERT INTO space_sessions (space, host, day, slot, client, note, created) VALUES (?, ?, ?, ?, ?, ?, ?)"
            " RETURNING id", (args["space"], args["host"], args["day"], args["slot"], c.client, args.get("note", ""),
                              c.now)).fetchone()[0]
    except IntegrityError:
        raise ServiceError(ErrorCode.CONFLICT, "session already booked") from None
    return {"session_id": session_id, "space": args["space"], "host": args["host"], "day": args["day"],
            "slot": args["slot"]}


def session_cancel(conn: Database, c: Caller, args: Args) -> Result:
    cur = conn.execute("UPDATE space_sessions SET cancelled=? WHERE id=? AND cancelled IS NULL AND (client=? OR ?)",
                       (c.now, args["session_id"], c.client, c.role is Role.STAFF))
    if cur.rowcount == 0:
        raise ServiceError(ErrorCode.NOT_FOUND, "no such active session")
    return {"session_id": args["session_id"], "cancelled": True}


def _session(row: tuple) -> dict[str, Any]:
    sid, space, host, day, slot, note = row
    return {"session_id": sid, "space": space, "host": host, "day": day, "slot": slot, "note": note}


def sessions(conn: Database, c: Caller, args: Args) -> Result:
    """A visitor's own active sessions; staff (the consultants and mentors) every one, optionally for one host."""
    where, params = "cancelled IS NULL", []
    if c.role is not Role.STAFF:
        where += " AND client=?"
        params.append(c.client)
    if "host" in args:
        where += " AND host=?"
        params.append(args["host"])
    rows = conn.execute(f"SELECT id, space, host, day, slot, note FROM space_sessions WHERE {where}"
                        " ORDER BY day, slot, id LIMIT ?", (*params, LIST_LIMIT))
    return {"sessions": [_session(r) for r in rows]}


def match_request(conn: Database, c: Caller, args: Args) -> Result:
    refuse_profanity(args["text"])
    request_id = conn.execute("INSERT INTO match_requests (client, company, text, created) VALUES (?, ?, ?, ?)"
                              " RETURNING id", (c.client, args["company"], args["text"], c.now)).fetchone()[0]
    return {"request_id": request_id, "status": "open"}


def match_list(conn: Database, c: Caller, args: Args) -> Result:
    """Staff's queue of matching requests, oldest first."""
    rows = conn.execute("SELECT id, company, text, created, status FROM match_requests ORDER BY id LIMIT ?",
                        (LIST_LIMIT,))
    keys = ("request_id", "company", "text", "created", "status")
    return {"requests": [dict(zip(keys, r, strict=True)) for r in rows]}


def course_enrol(conn: Database, c: Caller, args: Args) -> Result:
    try:
        conn.execute("INSERT INTO enrolments (course, client, created) VALUES (?, ?, ?)",
                     (args["course"], c.client, c.now))
    except IntegrityError:
        raise ServiceError(ErrorCode.CONFLICT, "already enrolled") from None
    return {"course": args["course"], "enrolled": True}


def course_enrolments(conn: Database, c: Caller, args: Args) -> Result:
    """Staff: how many are enrolled in each course, and when each enrolment came (keys are not shown)."""
    rows = conn.execute("SELECT course, COUNT(*), MAX(created) FROM enrolments GROUP BY course ORDER BY course")
    return {"courses": [{"course": k, "enrolled": n, "latest": t} for k, n, t in rows]}


def lecture_attend(conn: Database, c: Caller, args: Args) -> Result:
    """Record (or extend) the caller's attendance: the most slides seen of ``of`` counts, the first time stays."""
    if args["slides"] > args["of"]:
        raise ServiceError(ErrorCode.BAD_REQUEST, "slides: more than the lecture has")
    conn.execute(
        "INSERT INTO attendance (lecture, client, slides, total, first, last) VALUES (?, ?, ?, ?, ?, ?)"
        " ON CONFLICT (lecture, client) DO UPDATE SET slides=CASE WHEN excluded.slides > attendance.slides"
        " THEN excluded.slides ELSE attendance.slides END, total=excluded.total,"
        " last=excluded.last", (args["lecture"], c.client, args["slides"], args["of"], c.now, c.now))
    slides, of = conn.execute("SELECT slides, total FROM attendance WHERE lecture=? AND client=?",
                              (args["lecture"], c.client)).fetchone()
    return {"lecture": args["lecture"], "slides": slides, "of": of, "complete": slides >= of}


def lecture_attendance(conn: Database, c: Caller, args: Args) -> Result:
    """Staff: attendees of each lecture, and how many saw it to the end."""
    rows = conn.execute("SELECT lecture, COUNT(*), COUNT(*) FILTER (WHERE slides >= total) FROM attendance"
                        " GROUP BY lecture ORDER BY lecture")
    return {"lectures": [{"lecture": k, "attendees": n, "complete": done} for k, n, done in rows]}


def _minute(t: float) -> str:
    """Seoul's minute of epoch second ``t`` as the gatherings table keeps it."""
    return datetime.fromtimestamp(t, SEOUL).strftime("%Y-%m-%dT%H:%M")


def due_gatherings(now: float, specs: dict[str, events.EventSpec]) -> list[dict[str, Any]]:
    """The scheduled gatherings on at hub time ``now`` (from their start to their end), as gathering rows."""
    out = []
    for event_id, (scene, (x, y)) in EVENT_GATHERINGS.items():
        spec = specs[event_id]
        occ = spec.occurrence(now)
        if occ.start <= now < occ.end:
            out.append({"scene": scene, "title_ko": spec.title["ko"], "title_en": spec.title["en"],
                        "starts": _minute(occ.start), "ends": _minute(occ.end), "spot_x": x, "spot_y": y})
    return out


def open_due_gatherings(conn: Database, due: list[dict[str, Any]], now: float) -> list[str]:
    """Open each of ``due`` (:func:`due_gatherings`) that its scene does not have yet; the scenes opened. Taken
    under the store's lock, so of several hub processes over one city exactly one opens it."""
    opened = []
    for g in due:
        conn.lock(f"gathering:{g['scene']}")
        if conn.execute("SELECT 1 FROM gatherings WHERE scene=? AND starts=? AND ends=?",
                        (g["scene"], g["starts"], g["ends"])).fetchone() is None:
            conn.execute("INSERT INTO gatherings (scene, title_ko, title_en, starts, ends, spot_x, spot_y, created)"
                         " VALUES (?, ?, ?, ?, ?, ?, ?, ?)", (g["scene"], g["title_ko"], g["title_en"], g["starts"],
                                                              g["ends"], g["spot_x"], g["spot_y"], now))
            opened.append(g["scene"])
    return opened


HANDLERS: dict[str, Handler] = {
    "session.slots": session_slots,
    "session.book": session_book,
    "session.cancel": session_cancel,
    "session.list": sessions,
    "match.request": match_request,
    "match.list": match_list,
    "course.enrol": course_enrol,
    "course.enrolments": course_enrolments,
    "lecture.attend": lecture_attend,
    "lecture.attendance": lecture_attendance,
}
