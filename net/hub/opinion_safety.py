"""Report and hide for the opinion box: citizens report proposals and comments, staff hide, restore and review.

A report is a row unique per (item, citizen): reporting twice counts once, and one citizen alone can never hide
anything. When ``hide_after`` distinct citizens have open reports on an item it is hidden at once, before staff
look (the harm of a post staying up overnight is larger than that of a post waiting for review). Staff decisions
are final until the next one: a restore dismisses the open reports, so the item needs ``hide_after`` new
reporters to be hidden again. Every staff action goes to ``moderation_actions`` with its reason.
"""

from __future__ import annotations

from functools import partial

from net.hub.database import Database, IntegrityError
from net.hub.services import Args, Caller, Handler, Result, ServiceError, require_proposal, seen_by, viewer
from net.protocol import ErrorCode

DEFAULT_HIDE_AFTER = 3
TABLES = {"proposal": "proposals", "comment": "comments"}  # keys are the protocol's closed enum OPINION_ITEMS
REVIEW_LIMIT = 100
EXCERPT = 300


def _require_visible(conn: Database, c: Caller, kind: str, item: int) -> None:
    """The caller may only report what it can see (a comment also needs its proposal to be visible)."""
    if kind == "proposal":
        require_proposal(conn, c, item)
        return
    row = conn.execute(f"SELECT proposal FROM comments c WHERE id=? AND {seen_by('c')}", (item, *viewer(c))).fetchone()
    if row is None:
        raise ServiceError(ErrorCode.NOT_FOUND, "no such comment")
    require_proposal(conn, c, row[0])


def _open_reports(conn: Database, kind: str, item: int) -> int:
    query = "SELECT COUNT(*) FROM opinion_reports WHERE kind=? AND item=? AND status='open'"
    return conn.execute(query, (kind, item)).fetchone()[0]


def report(conn: Database, c: Caller, args: Args, *, hide_after: int) -> Result:
    kind, item = args["kind"], args["item_id"]
    _require_visible(conn, c, kind, item)
    try:
        conn.execute("INSERT INTO opinion_reports (kind, item, client, reason, created) VALUES (?, ?, ?, ?, ?)",
                     (kind, item, c.client, args["reason"], c.now))
    except IntegrityError:
        raise ServiceError(ErrorCode.CONFLICT, "already reported") from None
    if _open_reports(conn, kind, item) >= hide_after:
        conn.execute(f"UPDATE {TABLES[kind]} SET hidden='reports', hidden_reason=? WHERE id=? AND hidden IS NULL",
                     (f"{hide_after} reports", item))
    hidden = conn.execute(f"SELECT hidden FROM {TABLES[kind]} WHERE id=?", (item,)).fetchone()[0]
    return {"kind": kind, "item_id": item, "reported": True, "hidden": hidden is not None}


def _moderate(conn: Database, c: Caller, args: Args, hide: bool) -> Result:
    kind, item = args["kind"], args["item_id"]
    hidden, reason = ("staff", args["reason"]) if hide else (None, None)
    cur = conn.execute(f"UPDATE {TABLES[kind]} SET hidden=?, hidden_reason=? WHERE id=?", (hidden, reason, item))
    if cur.rowcount == 0:
        raise ServiceError(ErrorCode.NOT_FOUND, f"no such {kind}")
    if not hide:
        conn.execute("UPDATE opinion_reports SET status='dismissed' WHERE kind=? AND item=? AND status='open'",
                     (kind, item))
    conn.execute("INSERT INTO moderation_actions (staff, action, target, detail, created) VALUES (?, ?, ?, ?, ?)",
                 (c.client, "opinion.hide" if hide else "opinion.restore", f"{kind}:{item}", args["reason"], c.now))
    return {"kind": kind, "item_id": item, "hidden": hide}


def hide(conn: Database, c: Caller, args: Args) -> Result:
    return _moderate(conn, c, args, True)


def restore(conn: Database, c: Caller, args: Args) -> Result:
    return _moderate(conn, c, args, False)


def _reasons(conn: Database, kind: str, item: int) -> dict[str, int]:
    rows = conn.execute("SELECT reason, COUNT(*) FROM opinion_reports WHERE kind=? AND item=? AND status='open'"
                        " GROUP BY reason ORDER BY reason", (kind, item))
    return dict(rows.fetchall())


_PENDING = ("hidden IS NOT NULL OR EXISTS (SELECT 1 FROM opinion_reports r WHERE r.kind=? AND r.item={}.id"
            " AND r.status='open')")


def review(conn: Database, c: Caller, args: Args) -> Result:
    """What awaits staff: hidden items and items with open reports, oldest first, with the reasons given."""
    proposals = conn.execute(
        f"SELECT id, id, title || ': ' || body, hidden, hidden_reason, created FROM proposals p"
        f" WHERE {_PENDING.format('p')} ORDER BY id LIMIT ?", ("proposal", REVIEW_LIMIT))
    comments = conn.execute(
        f"SELECT id, proposal, text, hidden, hidden_reason, created FROM comments c"
        f" WHERE {_PENDING.format('c')} ORDER BY id LIMIT ?", ("comment", REVIEW_LIMIT))
    items = [("proposal", row) for row in proposals.fetchall()] + [("comment", row) for row in comments.fetchall()]
    items.sort(key=lambda entry: entry[1][5])
    out = []
    for kind, (item, pid, text, hidden, reason, created) in items[:REVIEW_LIMIT]:
        reasons = _reasons(conn, kind, item)
        out.append({"kind": kind, "item_id": item, "proposal_id": pid, "text": text[:EXCERPT], "created": created,
                    "hidden_by": hidden or "", "hidden_reason": reason or "", "reports": sum(reasons.values()),
                    "reasons": reasons})
    return {"items": out}


def handlers(hide_after: int = DEFAULT_HIDE_AFTER) -> dict[str, Handler]:
    """The ops of this module, with the hub's threshold bound in."""
    if hide_after < 1:
        raise ValueError("hide_after must be at least 1")
    return {"opinion.report": partial(report, hide_after=hide_after), "opinion.hide": hide,
            "opinion.restore": restore, "opinion.review": review}
