"""Private messages to the mayor's office: a citizen writes, staff read the inbox and answer, the sender reads it.

Until issue 7 closed, a "message to the mayor" was posted as a public proposal; people write things to a mayor
they would not put on a public wall (their address, a family matter), so a message is readable only by its
sender and staff. The hub screens it with the same KO/EN profanity filter as chat (the app checks first, with
length limits, and keeps the text on refusal): the inbox is read by people at work and deserves the same care.
"""

from __future__ import annotations

from typing import Any

from net.hub.database import Database
from net.hub.services import Args, Caller, Handler, Result, ServiceError
from net.moderation import is_profane
from net.protocol import ErrorCode

MINE_LIMIT = 50
INBOX_LIMIT = 100
_COLS = "id, text, created, answer, answered"


def _message(row: tuple) -> dict[str, Any]:
    mid, text, created, answer, answered = row
    return {"message_id": mid, "text": text, "created": created, "answer": answer, "answered": answered,
            "status": "answered" if answer is not None else "received"}


def message(conn: Database, c: Caller, args: Args) -> Result:
    if is_profane(args["text"]):
        raise ServiceError(ErrorCode.BAD_REQUEST, "offensive words", reason="profanity")
    cur = conn.execute("INSERT INTO mayor_messages (client, text, created) VALUES (?, ?, ?) RETURNING id",
                       (c.client, args["text"], c.now))
    return {"message_id": cur.fetchone()[0], "status": "received"}


def mine(conn: Database, c: Caller, args: Args) -> Result:
    rows = conn.execute(f"SELECT {_COLS} FROM mayor_messages WHERE client=? ORDER BY id DESC LIMIT ?",
                        (c.client, MINE_LIMIT))
    return {"messages": [_message(r) for r in rows]}


def inbox(conn: Database, c: Caller, args: Args) -> Result:
    """Oldest first: the office works the queue in the order people wrote."""
    where = "WHERE answer IS NULL" if args.get("unanswered") else ""
    rows = conn.execute(f"SELECT {_COLS} FROM mayor_messages {where} ORDER BY id LIMIT ?", (INBOX_LIMIT,))
    return {"messages": [_message(r) for r in rows]}


def answer(conn: Database, c: Caller, args: Args) -> Result:
    cur = conn.execute("UPDATE mayor_messages SET answer=?, answered=?, staff=? WHERE id=?",
                       (args["text"], c.now, c.client, args["message_id"]))
    if cur.rowcount == 0:
        raise ServiceError(ErrorCode.NOT_FOUND, "no such message")
    return {"message_id": args["message_id"], "status": "answered"}


HANDLERS: dict[str, Handler] = {"mayor.message": message, "mayor.mine": mine, "mayor.inbox": inbox,
                                "mayor.answer": answer}
