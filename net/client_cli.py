"""``python -m net.client``: use the city services without the 3D app; every output line is one JSON object.

    call OP [name=value ...]   one request (e.g. ``call ticket.create category=road text="pothole"``)
    listen [--seconds N]       link status and verified alerts as they arrive
    demo                       exercise every service once (staff ones too when a staff identity is at hand)

Connect with ``--dir CLIENT_DIR`` (made by ``python -m net.hub enroll``) or run against a private hub with
``--embedded DIR``, which starts one in this process and uses its citizen and operator identities.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from datetime import timedelta
from pathlib import Path
from typing import Any

from net import clock
from net.client.blocking import LinkError, call, poll_until
from net.client.link import AlertReceived, CityLink, LinkEvent, StatusChanged
from net.embedded import EmbeddedHub
from net.protocol import OPS, ProtocolError


def emit(obj: dict[str, Any]) -> None:
    print(json.dumps(obj, ensure_ascii=False), flush=True)


def parse_pairs(op: str, pairs: list[str]) -> dict[str, Any]:
    """``name=value`` arguments, converted to the types the operation declares."""
    if op not in OPS:
        raise SystemExit(f"unknown op {op!r}; one of: {', '.join(OPS)}")
    args: dict[str, Any] = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or name not in OPS[op].fields:
            raise SystemExit(f"{op} takes: {', '.join(OPS[op].fields) or 'no arguments'} (got {pair!r})")
        kind = OPS[op].fields[name].kind
        try:
            args[name] = kind(value)
        except ValueError:
            raise SystemExit(f"{name}: not a {kind.__name__}") from None
    return args


def do_call(link: CityLink, op: str, args: dict[str, Any], timeout: float) -> dict[str, Any]:
    reply = call(link, op, args, timeout=timeout)
    line = {"op": op, "ok": reply.ok, "result": reply.result} if reply.ok else {"op": op, "ok": False, **reply.error}
    emit(line)
    return reply.result


def event_line(event: LinkEvent) -> dict[str, Any]:
    if isinstance(event, StatusChanged):
        return {"event": "status", "status": str(event.status), "detail": event.detail}
    if isinstance(event, AlertReceived):
        return {"event": "alert", "seq": event.seq, "key_id": event.key_id, "xml": event.xml.decode("utf-8", "replace")}
    return {"event": "reply", "request_id": event.request_id, "op": event.op, "ok": event.ok}


def listen(link: CityLink, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        for event in link.poll(64):
            emit(event_line(event))
        time.sleep(0.02)


def demo(link: CityLink, staff: CityLink | None, timeout: float) -> None:
    """Every service once, in the order a visitor might use them."""

    def c(op: str, **args: Any) -> dict[str, Any]:
        return do_call(link, op, args, timeout)

    hello = c("hello")
    facility = c("facility.list")["facilities"][0]["facility_id"]
    day = (clock.today_kst() + timedelta(days=7)).isoformat()
    free = c("facility.slots", facility_id=facility, day=day)["free"]
    booking = c("booking.create", facility_id=facility, day=day, slot=free[0]) if free else {}
    c("booking.mine")
    if booking:
        c("booking.cancel", booking_id=booking["booking_id"])
    ticket = c("ticket.create", category="road", text="보도블록 파손 / Broken paving stone", place="세종대로")
    c("ticket.status", ticket_id=ticket["ticket_id"])
    c("ticket.mine")
    proposal = c("opinion.propose", title="광장 그늘막 / Shade on the plaza", body="여름에 그늘막을 늘려 주세요.")
    c("opinion.vote", proposal_id=proposal["proposal_id"])
    c("opinion.vote", proposal_id=proposal["proposal_id"])  # the second vote is refused: one per citizen
    c("opinion.comment", proposal_id=proposal["proposal_id"], text="찬성합니다 / Agreed")
    c("opinion.report", kind="proposal", item_id=proposal["proposal_id"], reason="off_topic")
    c("opinion.list")
    letter = c("mayor.message", text="시청 앞 자전거 보관대를 늘려 주세요 / More bike racks, please")
    c("event.list")
    c("alerts.since", seq=max(0, hello["seq"] - 5))
    if staff is not None:

        def s(op: str, **args: Any) -> dict[str, Any]:
            assert staff is not None
            return do_call(staff, op, args, timeout)

        s("ticket.answer", ticket_id=ticket["ticket_id"], answer="접수되어 보수 예정입니다.", status="in_progress")
        s("opinion.answer", proposal_id=proposal["proposal_id"], text="검토하겠습니다 / We will review it.")
        s("opinion.review")
        s("opinion.hide", kind="proposal", item_id=proposal["proposal_id"], reason="demo: hidden for review")
        s("opinion.restore", kind="proposal", item_id=proposal["proposal_id"], reason="demo: reviewed, allowed")
        s("mayor.inbox", unanswered=1)
        s("mayor.answer", message_id=letter["message_id"], text="보관대를 늘리겠습니다 / More racks are coming.")
        s("event.create", title_ko="보신각 타종 체험", title_en="Bosingak bell experience", place="보신각 Bosingak",
          starts=f"{day}T12:00", ends=f"{day}T12:30")
    c("ticket.status", ticket_id=ticket["ticket_id"])
    c("opinion.get", proposal_id=proposal["proposal_id"])
    c("mayor.mine")


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="python -m net.client", description="Metaverse Seoul city services client")
    where = top.add_mutually_exclusive_group(required=True)
    where.add_argument("--dir", type=Path, help="client directory (keys, pinned hub key, outbox)")
    where.add_argument("--embedded", type=Path, metavar="DIR", help="start a private hub in DIR and use it")
    top.add_argument("--services", help="hub services endpoint (default: city.json in the client dir)")
    top.add_argument("--alerts", help="hub alerts endpoint")
    top.add_argument("--staff-dir", type=Path, help="a staff client directory, for the staff steps of `demo`")
    top.add_argument("--timeout", type=float, default=10.0, help="seconds to wait for each reply")
    sub = top.add_subparsers(dest="command", required=True)
    c = sub.add_parser("call", help="one request")
    c.add_argument("op", choices=sorted(OPS))
    c.add_argument("pairs", nargs="*", metavar="name=value")
    lis = sub.add_parser("listen", help="print status and alerts")
    lis.add_argument("--seconds", type=float, default=60.0)
    sub.add_parser("demo", help="exercise every service")
    return top


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    hub = None
    client_dir, staff_dir = args.dir, args.staff_dir
    if args.embedded:
        hub = EmbeddedHub(args.embedded)
        emit({"event": "embedded_hub", **hub.start()})
        client_dir, staff_dir = hub.client_dir, staff_dir or hub.hub_dir / "operator"
    link = CityLink.from_directory(client_dir, args.services, args.alerts)
    staff = None
    try:
        if args.command == "call":
            do_call(link, args.op, parse_pairs(args.op, args.pairs), args.timeout)
        elif args.command == "listen":
            listen(link, args.seconds)
        else:
            if staff_dir:
                staff = CityLink.from_directory(staff_dir, link.services_endpoint, link.alerts_endpoint)
            poll_until(link, lambda _: link.dealer.state == "up", args.timeout)
            demo(link, staff, args.timeout)
    except (LinkError, ProtocolError) as exc:
        emit({"event": "error", "error": str(exc)})
        return 2
    finally:
        link.close()
        if staff is not None:
            staff.close()
        if hub is not None:
            hub.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
