"""The city services behind the ROUTER socket: 120 Center, reservations, opinion box, events, alert catch-up.

Each handler takes already-checked arguments (``net.protocol.check_args``) and the authenticated client, runs
inside the caller's transaction, and returns a JSON-ready dict or raises :class:`ServiceError`. No socket code
here, so the rules (one booking per slot, one vote per citizen, staff-only answers) are plain SQL + Python.
"""

from __future__ import annotations

import base64
import functools
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from typing import Any

from net import events
from net.events import Occurrence
from net.hub import store
from net.hub.database import Database, IntegrityError
from net.hub.ringers import ClaimRefused, RingerQueue
from net.moderation import is_profane
from net.protocol import MAX_REPLY_BYTES, REVISION, ErrorCode, Role

CATCH_UP_DEFAULT = 50
CATCH_UP_BYTES = MAX_REPLY_BYTES // 2  # base64 and JSON framing must still fit under the reply limit
# Anonymous keys get small pages (and ask again while ``more``): a kiosk visitor's desktop needs recent alerts,
# and many unread large replies are what a stuck reader would pile up in the hub.
ANONYMOUS_CATCH_UP = 10
ANONYMOUS_CATCH_UP_BYTES = 64 * 1024


class ServiceError(Exception):
    """A refusal; ``extra`` fields go into the reply's error object (e.g. ``retry_after``, ``reason``)."""

    def __init__(self, code: ErrorCode, message: str, **extra: Any) -> None:
        super().__init__(message)
        self.code = code
        self.extra = extra


@dataclass(frozen=True)
class Caller:
    """Who asked (authenticated CURVE key and role), under which request id, and when."""

    client: str
    role: Role
    request_id: str
    now: float


Args = dict[str, Any]
Result = dict[str, Any]
Handler = Callable[[Database, Caller, Args], Result]


def _ticket(row: tuple) -> dict[str, Any]:
    tid, category, text, lat, lon, place, status, answer, created, updated = row
    return {
        "ticket_id": tid, "category": category, "text": text, "lat": lat, "lon": lon, "place": place,
        "status": status, "answer": answer, "created": created, "updated": updated,
    }


_TICKET_COLS = "id, category, text, lat, lon, place, status, answer, created, updated"


def hello(conn: Database, c: Caller, args: Args) -> Result:
    return {"role": str(c.role), "epoch": store.epoch(conn), "seq": store.last_seq(conn), "time": c.now,
            "revision": REVISION}


def ticket_create(conn: Database, c: Caller, args: Args) -> Result:
    cur = conn.execute(
        "INSERT INTO tickets (client, request_id, category, text, lat, lon, place, status, created, updated)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, 'received', ?, ?) RETURNING id",
        (c.client, c.request_id, args["category"], args["text"], args.get("lat"), args.get("lon"),
         args.get("place"), c.now, c.now),
    )
    return {"ticket_id": cur.fetchone()[0], "status": "received"}


def ticket_status(conn: Database, c: Caller, args: Args) -> Result:
    row = conn.execute(f"SELECT {_TICKET_COLS}, client FROM tickets WHERE id=?", (args["ticket_id"],)).fetchone()
    if row is None or (row[-1] != c.client and c.role is not Role.STAFF):
        raise ServiceError(ErrorCode.NOT_FOUND, "no such ticket")
    return _ticket(row[:-1])


def ticket_mine(conn: Database, c: Caller, args: Args) -> Result:
    rows = conn.execute(f"SELECT {_TICKET_COLS} FROM tickets WHERE client=? ORDER BY id DESC LIMIT 200", (c.client,))
    return {"tickets": [_ticket(r) for r in rows]}


def ticket_answer(conn: Database, c: Caller, args: Args) -> Result:
    cur = conn.execute(
        "UPDATE tickets SET answer=?, status=?, updated=? WHERE id=?",
        (args["answer"], args["status"], c.now, args["ticket_id"]),
    )
    if cur.rowcount == 0:
        raise ServiceError(ErrorCode.NOT_FOUND, "no such ticket")
    return {"ticket_id": args["ticket_id"], "status": args["status"]}


def facility_list(conn: Database, c: Caller, args: Args) -> Result:
    rows = conn.execute("SELECT id, name_ko, name_en, open_hour, close_hour FROM facilities ORDER BY id")
    keys = ("facility_id", "name_ko", "name_en", "open_hour", "close_hour")
    return {"facilities": [dict(zip(keys, r, strict=True)) for r in rows]}


def _facility_slots(conn: Database, facility: str) -> list[str]:
    row = conn.execute("SELECT open_hour, close_hour FROM facilities WHERE id=?", (facility,)).fetchone()
    if row is None:
        raise ServiceError(ErrorCode.NOT_FOUND, "no such facility")
    return [f"{h:02d}:00" for h in range(row[0], row[1])]


def _check_day(day: str) -> None:
    try:
        date.fromisoformat(day)
    except ValueError:
        raise ServiceError(ErrorCode.BAD_REQUEST, "day: not a date") from None


def facility_slots(conn: Database, c: Caller, args: Args) -> Result:
    _check_day(args["day"])
    slots = _facility_slots(conn, args["facility_id"])
    taken = {
        s for (s,) in conn.execute(
            "SELECT slot FROM bookings WHERE facility=? AND day=? AND cancelled IS NULL",
            (args["facility_id"], args["day"]),
        )
    }
    return {"facility_id": args["facility_id"], "day": args["day"], "free": [s for s in slots if s not in taken]}


@dataclass(frozen=True)
class BookingRules:
    """How far ahead and how much one key may book (staff are exempt: they book for others)."""

    window_days: int | None = None  # bookable days: today (Seoul time) … today + window_days (None: no end)
    per_day: int = 2  # active bookings of one key on one day
    active: int = 10  # active bookings of one key from today on


SEOUL = timezone(timedelta(hours=9))


def booking_create(conn: Database, c: Caller, args: Args, rules: BookingRules = BookingRules()) -> Result:
    _check_day(args["day"])
    if args["slot"] not in _facility_slots(conn, args["facility_id"]):
        raise ServiceError(ErrorCode.BAD_REQUEST, "slot: outside opening hours")
    today, day = datetime.fromtimestamp(c.now, SEOUL).date(), date.fromisoformat(args["day"])
    if day < today or (rules.window_days is not None and day > today + timedelta(days=rules.window_days)):
        raise ServiceError(ErrorCode.BAD_REQUEST, "day: outside the booking window", reason="window",
                           window_days=rules.window_days)
    if c.role is not Role.STAFF:
        # Hub processes sharing PostgreSQL: one key's bookings are counted and added one request at a time.
        conn.lock(f"bookings-of:{c.client}")
        on_day, ahead = conn.execute(
            "SELECT COUNT(*) FILTER (WHERE day=?), COUNT(*) FROM bookings WHERE client=? AND cancelled IS NULL"
            " AND day>=?", (args["day"], c.client, today.isoformat())).fetchone()
        if on_day >= rules.per_day or ahead >= rules.active:
            raise ServiceError(ErrorCode.FORBIDDEN, "booking quota reached", reason="quota",
                               per_day=rules.per_day, active=rules.active)
    try:
        booking = conn.execute(
            "INSERT INTO bookings (facility, day, slot, client, created) VALUES (?, ?, ?, ?, ?) RETURNING id",
            (args["facility_id"], args["day"], args["slot"], c.client, c.now),
        ).fetchone()[0]
    except IntegrityError:
        # The partial unique index is the guarantee; the check is in the database, not in this process. On
        # PostgreSQL a second insert of the slot waits on the first's index entry (a row lock) until it commits.
        raise ServiceError(ErrorCode.CONFLICT, "slot already booked") from None
    return {"booking_id": booking, "facility_id": args["facility_id"], "day": args["day"], "slot": args["slot"]}


def booking_cancel(conn: Database, c: Caller, args: Args) -> Result:
    cur = conn.execute(
        "UPDATE bookings SET cancelled=? WHERE id=? AND cancelled IS NULL AND (client=? OR ?)",
        (c.now, args["booking_id"], c.client, c.role is Role.STAFF),
    )
    if cur.rowcount == 0:
        raise ServiceError(ErrorCode.NOT_FOUND, "no such active booking")
    return {"booking_id": args["booking_id"], "cancelled": True}


def booking_mine(conn: Database, c: Caller, args: Args) -> Result:
    rows = conn.execute(
        "SELECT id, facility, day, slot FROM bookings WHERE client=? AND cancelled IS NULL ORDER BY day, slot",
        (c.client,),
    )
    return {"bookings": [{"booking_id": i, "facility_id": f, "day": d, "slot": s} for i, f, d, s in rows]}


def refuse_profanity(*texts: str) -> None:
    """What others will read is screened by the hub too (``net.moderation``), not only by the app's forms."""
    if any(is_profane(t) for t in texts):
        raise ServiceError(ErrorCode.BAD_REQUEST, "offensive words", reason="profanity")


def opinion_propose(conn: Database, c: Caller, args: Args) -> Result:
    refuse_profanity(args["title"], args["body"])
    cur = conn.execute(
        "INSERT INTO proposals (client, title, body, created) VALUES (?, ?, ?, ?) RETURNING id",
        (c.client, args["title"], args["body"], c.now),
    )
    return {"proposal_id": cur.fetchone()[0]}


_PROPOSAL = (
    "SELECT p.id, p.title, p.body, p.created, p.answer, (SELECT COUNT(*) FROM votes v WHERE v.proposal=p.id),"
    " p.hidden FROM proposals p"
)


def seen_by(alias: str) -> str:
    """SQL condition: the row ``alias`` is visible to the caller (params: :func:`viewer`). Hidden items stay
    visible to their author, who is told they await review, and to staff, who review them."""
    return f"({alias}.hidden IS NULL OR {alias}.client=? OR ?)"


def viewer(c: Caller) -> tuple[str, bool]:
    return c.client, c.role is Role.STAFF


def _proposal(row: tuple) -> dict[str, Any]:
    pid, title, body, created, answer, votes, hidden = row
    return {"proposal_id": pid, "title": title, "body": body, "created": created, "answer": answer, "votes": votes,
            "hidden": hidden is not None}


def opinion_list(conn: Database, c: Caller, args: Args) -> Result:
    rows = conn.execute(_PROPOSAL + f" WHERE {seen_by('p')} ORDER BY p.id DESC LIMIT 100", viewer(c))
    return {"proposals": [_proposal(r) for r in rows]}


def opinion_get(conn: Database, c: Caller, args: Args) -> Result:
    row = conn.execute(_PROPOSAL + f" WHERE p.id=? AND {seen_by('p')}", (args["proposal_id"], *viewer(c))).fetchone()
    if row is None:
        raise ServiceError(ErrorCode.NOT_FOUND, "no such proposal")
    comments = conn.execute(
        f"SELECT id, text, created, hidden FROM comments c WHERE proposal=? AND {seen_by('c')} ORDER BY id LIMIT 200",
        (args["proposal_id"], *viewer(c)),
    )
    return {**_proposal(row), "comments": [{"comment_id": i, "text": t, "created": when, "hidden": h is not None}
                                           for i, t, when, h in comments]}


def require_proposal(conn: Database, c: Caller, pid: int) -> None:
    """Refuse a proposal the caller cannot see as if it did not exist (a hidden one, for other citizens)."""
    if conn.execute(f"SELECT 1 FROM proposals p WHERE id=? AND {seen_by('p')}", (pid, *viewer(c))).fetchone() is None:
        raise ServiceError(ErrorCode.NOT_FOUND, "no such proposal")


def opinion_vote(conn: Database, c: Caller, args: Args) -> Result:
    require_proposal(conn, c, args["proposal_id"])
    try:
        conn.execute("INSERT INTO votes VALUES (?, ?, ?)", (args["proposal_id"], c.client, c.now))
    except IntegrityError:
        raise ServiceError(ErrorCode.CONFLICT, "already voted") from None
    return {"proposal_id": args["proposal_id"], "voted": True}


def opinion_comment(conn: Database, c: Caller, args: Args) -> Result:
    refuse_profanity(args["text"])
    require_proposal(conn, c, args["proposal_id"])
    cur = conn.execute(
        "INSERT INTO comments (proposal, client, text, created) VALUES (?, ?, ?, ?) RETURNING id",
        (args["proposal_id"], c.client, args["text"], c.now),
    )
    return {"comment_id": cur.fetchone()[0]}


def opinion_answer(conn: Database, c: Caller, args: Args) -> Result:
    cur = conn.execute(
        "UPDATE proposals SET answer=?, answered=? WHERE id=?", (args["text"], c.now, args["proposal_id"])
    )
    if cur.rowcount == 0:
        raise ServiceError(ErrorCode.NOT_FOUND, "no such proposal")
    return {"proposal_id": args["proposal_id"], "answered": True}


def event_list(conn: Database, c: Caller, args: Args) -> Result:
    start = args.get("from_day", "0000-00-00")
    rows = conn.execute(
        "SELECT id, title_ko, title_en, place, starts, ends, description FROM events WHERE ends >= ?"
        " ORDER BY starts LIMIT 200",
        (start,),
    )
    keys = ("event_id", "title_ko", "title_en", "place", "starts", "ends", "description")
    listed = [dict(zip(keys, r, strict=True)) for r in rows] + _catalogue_events(c.now, start)
    return {"events": sorted(listed, key=lambda e: e["starts"])[:200]}


def _kst_minute(t: float) -> str:
    return datetime.fromtimestamp(t, SEOUL).strftime("%Y-%m-%dT%H:%M")


def _catalogue_events(now: float, from_day: str) -> list[dict[str, Any]]:
    """The data-file events' current or next occurrences, shaped like stored events (KST minutes), with ``event``
    (the id for ``event.schedule``) and ``kind``; ``event_id`` is None (they are not rows). A festival's edition
    adds its ``status`` (``estimated`` until announced); a festival past its last known edition is left out."""
    out = []
    for spec in events.load_all().values():
        occ = spec.occurrence(now)
        if occ.end > now and _kst_minute(occ.end) >= from_day:
            listed = {"event_id": None, "event": spec.id, "kind": spec.kind, "title_ko": spec.title["ko"],
                      "title_en": spec.title["en"], "place": spec.place, "starts": _kst_minute(occ.start),
                      "ends": _kst_minute(occ.end), "description": spec.description["en"],
                      "description_ko": spec.description["ko"]}
            if occ.edition is not None:
                listed["status"] = occ.edition.status
            out.append(listed)
    return out


def event_create(conn: Database, c: Caller, args: Args) -> Result:
    if args["ends"] < args["starts"]:
        raise ServiceError(ErrorCode.BAD_REQUEST, "ends before starts")
    cur = conn.execute(
        "INSERT INTO events (title_ko, title_en, place, starts, ends, description) VALUES (?, ?, ?, ?, ?, ?)"
        " RETURNING id",
        (args["title_ko"], args["title_en"], args["place"], args["starts"], args["ends"], args.get("description", "")),
    )
    return {"event_id": cur.fetchone()[0]}


def alerts_since(conn: Database, c: Caller, args: Args) -> Result:
    """Alerts after ``seq``, oldest first, bounded by count and bytes; ``more`` says to ask again.

    With ``max_age`` (a client's first contact) only alerts still in force: those whose ``<expires>`` is ahead,
    and those without one sent within ``max_age`` seconds by their own ``<sent>`` (the hub's receipt time for
    alerts stored before it was recorded)."""
    limit, budget = args.get("limit", CATCH_UP_DEFAULT), CATCH_UP_BYTES
    if c.role is Role.ANONYMOUS:
        limit, budget = min(limit, ANONYMOUS_CATCH_UP), ANONYMOUS_CATCH_UP_BYTES
    where, params = "seq > ?", [args["seq"]]
    if "max_age" in args:
        where += " AND (expires > ? OR (expires IS NULL AND COALESCE(sent, received) >= ?))"
        params += [c.now, c.now - args["max_age"]]
    rows = conn.execute(
        f"SELECT seq, key_id, xml, signature FROM alerts WHERE {where} ORDER BY seq LIMIT ?", (*params, limit + 1)
    ).fetchall()
    out, size = [], 0
    for seq, kid, xml, sig in rows[:limit]:
        size += len(xml) * 4 // 3 + 200
        if out and size > budget:
            break
        out.append({
            "seq": seq, "key_id": kid,
            "xml_b64": base64.b64encode(xml).decode("ascii"), "signature_b64": base64.b64encode(sig).decode("ascii"),
        })
    return {"epoch": store.epoch(conn), "alerts": out, "more": len(out) < len(rows), "last": store.last_seq(conn)}


def time_now(conn: Database, c: Caller, args: Args) -> Result:
    """The hub's clock, for clients' offset estimates (``game.events.clock_sync``): the one time all agree on."""
    return {"time": c.now}


def _occurrence(args: Args, now: float) -> Occurrence:
    spec = events.load_all().get(args["event"])
    if spec is None:
        raise ServiceError(ErrorCode.NOT_FOUND, "no such event")
    return spec.occurrence(args.get("at", now))


def event_schedule(conn: Database, c: Caller, args: Args, ringers: RingerQueue) -> Result:
    """One occurrence of a catalogue event (the current or next at ``at``, default now) in hub time, with who
    rings each beat as the caller may see it."""
    occ = _occurrence(args, c.now)
    labels = ringers.labels(occ.spec.id, occ.start, len(occ.beats), c.client, c.now)
    return {**occ.spec.to_json(occ), "ringers": labels, "time": c.now}


def event_ring(conn: Database, c: Caller, args: Args, ringers: RingerQueue) -> Result:
    """Ask to ring beat ``beat`` of the current or next occurrence; the first visitor to ask gets it."""
    occ = _occurrence({"event": args["event"]}, c.now)
    if occ.spec.per_turn == 0:
        raise ServiceError(ErrorCode.BAD_REQUEST, "this event's beats are not rung by visitors", reason="not_rung")
    ringers.forget_before(c.now - 86400)  # yesterday's occurrences are history
    try:
        beat = ringers.claim(occ.spec.id, occ.start, occ.beats, args["beat"], c.client, c.now)
    except ClaimRefused as exc:
        code = ErrorCode.CONFLICT if exc.reason == "taken" else ErrorCode.BAD_REQUEST
        raise ServiceError(code, f"beat {args['beat']}: {exc.reason}", reason=exc.reason) from None
    return {"event": occ.spec.id, "beat": beat, "at": occ.beats[beat - 1], "starts": occ.start}


def event_unring(conn: Database, c: Caller, args: Args, ringers: RingerQueue) -> Result:
    """Give one's strike back to the automatic ringer."""
    occ = _occurrence({"event": args["event"]}, c.now)
    return {"event": occ.spec.id, "released": ringers.release(c.client, occ.spec.id, occ.start)}


def event_handlers(ringers: RingerQueue) -> dict[str, Handler]:
    """The catalogue events' handlers, bound to the hub's one ringer queue."""
    return {"event.schedule": functools.partial(event_schedule, ringers=ringers),
            "event.ring": functools.partial(event_ring, ringers=ringers),
            "event.unring": functools.partial(event_unring, ringers=ringers)}


HANDLERS: dict[str, Handler] = {
    "hello": hello,
    "ticket.create": ticket_create,
    "ticket.status": ticket_status,
    "ticket.mine": ticket_mine,
    "ticket.answer": ticket_answer,
    "facility.list": facility_list,
    "facility.slots": facility_slots,
    "booking.create": booking_create,
    "booking.cancel": booking_cancel,
    "booking.mine": booking_mine,
    "opinion.propose": opinion_propose,
    "opinion.list": opinion_list,
    "opinion.get": opinion_get,
    "opinion.vote": opinion_vote,
    "opinion.comment": opinion_comment,
    "opinion.answer": opinion_answer,
    "event.list": event_list,
    "event.create": event_create,
    "alerts.since": alerts_since,
    "time": time_now,
}
