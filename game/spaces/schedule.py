"""The spaces' scheduled happenings on the city's one events model (``net.events``, ``assets/events``): the
Fintech Lab's demo day, Seoul Learn's career talks and the Citizens' University's evening lectures (each opens
its room's gathering on the hub at its start: raised hands work from then). Pure.

A room's schedule row shows what the hub lists (``event.list``, which carries the catalogue events' next
occurrences), so every visitor reads the hub's times. While the demo day is on, from its countdown (seating
opens before the first pitch) to its end, the Fintech Lab seats its visitors facing the stage.
"""

from __future__ import annotations

from typing import Any

from net import events

ROOM_EVENTS = {"fintech-lab": ("fintech-demo-day",), "seoul-learn": ("career-talk",),
               "citizens-university": ("citizens-lecture",)}
SEATED_PHASES = ("countdown", "beats", "after")


def room_events(listed: list[dict[str, Any]], scene_id: str) -> list[dict[str, Any]]:
    """The room's events among the hub's list, soonest first."""
    wanted = ROOM_EVENTS.get(scene_id, ())
    return sorted((e for e in listed if e.get("event") in wanted), key=lambda e: e["starts"])


def line(event: dict[str, Any], lang: str) -> str:
    """One schedule line: title and its minutes, as the hub gave them (Seoul time)."""
    return f"{event[f'title_{lang}']} · {event['starts'].replace('T', ' ')}–{event['ends'][-5:]}"


def seated(scene_id: str, now: float) -> bool:
    """Whether the room seats its visitors at ``now`` (epoch seconds): during its demo day."""
    specs = events.load_all()
    for event_id in ROOM_EVENTS.get(scene_id, ()):
        spec = specs[event_id]
        if spec.kind == "demo-day" and spec.occurrence(now).phase(now) in SEATED_PHASES:
            return True
    return False
