"""``python -m net.hub.moderate``: the moderators' tools against a running hub, as a staff client.

    queue                      open reports with the reported visitor's last messages (evidence)
    hide MESSAGE_ID            hide a chat message for everyone (recent messages only: the hub keeps no chat log)
    remove AVATAR_ID           remove a visitor from their scene for ``--minutes`` (default 30)
    gathering SCENE ...        schedule a gathering with a speaker spot (times in KST, YYYY-MM-DDTHH:MM)
    floor AVATAR_ID --scene S  give the speaker spot (0: nobody)

Uses the hub's operator identity (``<data>/operator``, staff) unless ``--client`` names another staff client
directory. Prints one JSON line; exit status 0 when the hub accepted, 1 when it refused, 2 when unreachable.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from net.client.blocking import LinkError, call
from net.client.link import CityLink
from net.hub.layout import default_data_dir, init_hub_dir


def _request(args: argparse.Namespace) -> tuple[str, dict[str, Any]]:
    if args.command == "queue":
        return "mod.queue", {}
    if args.command == "hide":
        return "mod.hide", {"message_id": args.message_id}
    if args.command == "remove":
        return "mod.remove", {"avatar_id": args.avatar_id, "minutes": args.minutes}
    if args.command == "floor":
        return "gathering.floor", {"avatar_id": args.avatar_id, "scene": args.scene}
    return "gathering.open", {"scene": args.scene, "title_ko": args.title_ko, "title_en": args.title_en,
                              "starts": args.starts, "ends": args.ends, "spot_x": args.x, "spot_y": args.y}


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="python -m net.hub.moderate", description=__doc__.splitlines()[0])
    top.add_argument("--data-dir", type=Path, default=None, help="hub data directory (default: user data dir)")
    top.add_argument("--client", type=Path, help="staff client directory (default: the hub's operator)")
    top.add_argument("--timeout", type=float, default=10.0)
    sub = top.add_subparsers(dest="command", required=True)
    sub.add_parser("queue", help="open reports")
    sub.add_parser("hide", help="hide a message").add_argument("message_id", type=int)
    remove = sub.add_parser("remove", help="remove a visitor from their scene")
    remove.add_argument("avatar_id", type=int)
    remove.add_argument("--minutes", type=int, default=30)
    gathering = sub.add_parser("gathering", help="schedule a gathering")
    for name in ("scene", "title_ko", "title_en", "starts", "ends"):
        gathering.add_argument(name)
    gathering.add_argument("x", type=float, help="speaker spot, metres east")
    gathering.add_argument("y", type=float, help="speaker spot, metres north")
    floor = sub.add_parser("floor", help="give the speaker spot")
    floor.add_argument("avatar_id", type=int)
    floor.add_argument("--scene", required=True)
    return top


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    layout = init_hub_dir(args.data_dir or default_data_dir())
    directory = args.client or layout.operator
    endpoints = layout.endpoints() if args.client is None else {}
    link = CityLink.from_directory(directory, endpoints.get("services"), endpoints.get("alerts"))
    op, request = _request(args)
    try:
        reply = call(link, op, request, timeout=args.timeout)
    except LinkError as exc:
        print(json.dumps({"event": "error", "error": str(exc)}))
        return 2
    finally:
        link.close()
    print(json.dumps({"event": "done" if reply.ok else "refused", "op": op, **reply.result, **reply.error},
                     ensure_ascii=False))
    return 0 if reply.ok else 1


if __name__ == "__main__":
    sys.exit(main())
