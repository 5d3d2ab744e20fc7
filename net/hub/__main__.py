"""``python -m net.hub``: run the hub and operate it.

    serve    run the hub (prints one JSON line with the endpoints when ready)
    migrate  bring the store (SQLite in the data dir, or --store PostgreSQL) to this version's schema
    copy-store  copy an embedded SQLite store into an empty PostgreSQL database
    supervise  run ``serve`` (same options) as a child and restart it whenever it exits
    publish  sign a CAP file with an authority key and publish it through the running hub
    sign     write a detached signature (FILE.xml.sig) for publishing from another machine
    enroll   provision a client directory (kiosk, citizen or staff) and allow its key
    revoke   take a client's key back: refused at the next handshake, live sessions refused within a second
    keys     print the hub's public key, the pinned authority key ids and every client key with its status
"""

from __future__ import annotations

import argparse
import base64
import json
import logging
import os
import signal
import sys
from pathlib import Path

from net import alertsig
from net.client.blocking import LinkError, call
from net.client.link import CityLink
from net.hub import auth, store
from net.hub.copystore import CopyRefused, copy_store
from net.hub.layout import HubLayout, default_data_dir, init_hub_dir, make_client_dir
from net.hub.server import Hub, HubConfig
from net.hub.services import BookingRules
from net.hub.supervise import run_supervisor
from net.keys import load_authority_private, load_pinned_authorities
from net.protocol import Role


def _emit(obj: dict) -> None:
    print(json.dumps(obj, ensure_ascii=False), flush=True)


def _store(args: argparse.Namespace) -> str | None:
    """``--store``, else the data directory's ``settings.json`` key ``store``; None: SQLite in the data dir."""
    url = args.store or HubLayout(args.data_dir).settings().get("store")
    if url and not store.is_url(url):
        raise SystemExit(f"--store: not a PostgreSQL URL (postgresql://…): {url}")
    return url or None


def _broker(args: argparse.Namespace) -> str | None:
    """``--broker``, else ``settings.json`` key ``broker``; None: this process's relay is the only one."""
    url = args.broker or HubLayout(args.data_dir).settings().get("broker")
    if url and not url.startswith(("redis://", "rediss://", "unix://")):
        raise SystemExit(f"--broker: not a Redis URL (redis://… or unix://…): {url}")
    return url or None


def serve(args: argparse.Namespace) -> int:
    api_key = args.disaster_api_key or os.environ.get("MSEOUL_DISASTER_API_KEY")
    hub = Hub(HubConfig(
        args.data_dir, store=_store(args), services=args.services, alerts=args.alerts, presence_in=args.presence_in,
        presence_out=args.presence_out, broker=_broker(args), allow_anonymous=not args.kiosks_only,
        heartbeat=args.heartbeat, watch_dropbox=not args.no_dropbox, disaster_api_key=api_key,
        disaster_api_url=args.disaster_api_url, disaster_api_interval=args.disaster_api_interval,
        disaster_api_region=args.region, hide_after=args.hide_after, city_data_key=args.city_data_key,
        city_data_interval=args.city_data_interval,
        bookings=BookingRules(args.booking_window_days or None, args.bookings_per_day, args.bookings_active),
    ))
    endpoints = hub.bind()
    signal.signal(signal.SIGTERM, lambda *_: hub.stop())
    _emit({"event": "ready", **endpoints, "hub_key": hub.layout.hub_keys().public.decode(),
           "data_dir": str(args.data_dir), "seq": hub.last_seq})
    try:
        hub.run()
    except KeyboardInterrupt:
        pass
    return 0


def migrate(args: argparse.Namespace) -> int:
    url = _store(args)
    db = store.connect(args.data_dir, url)
    try:
        before = db.schema_version()
        after = store.migrate(db)
    finally:
        db.close()
    _emit({"event": "migrated", "store": "postgresql" if url else "sqlite", "from": before, "to": after})
    return 0


def copy(args: argparse.Namespace) -> int:
    if not store.is_url(args.to):
        raise SystemExit(f"--to: not a PostgreSQL URL (postgresql://…): {args.to}")
    try:
        counts = copy_store(args.source.parent if args.source.is_file() else args.source, args.to)
    except CopyRefused as exc:
        _emit({"event": "refused", "error": str(exc)})
        return 1
    _emit({"event": "copied", "from": str(args.source), "rows": counts})
    return 0


def supervise(args: argparse.Namespace) -> int:
    return run_supervisor(args.data_dir, args.serve_args, first_delay=args.first_delay, max_delay=args.max_delay)


def _authority_key(args: argparse.Namespace) -> Path:
    return args.key or init_hub_dir(args.data_dir).authority_private


def sign(args: argparse.Namespace) -> int:
    xml = args.file.read_bytes()
    kid, signature = alertsig.sign(load_authority_private(_authority_key(args)), xml)
    out = args.file.with_name(args.file.name + ".sig")
    out.write_text(f"{kid}:{base64.b64encode(signature).decode('ascii')}\n", encoding="ascii")
    _emit({"event": "signed", "file": str(args.file), "signature": str(out), "key_id": kid})
    return 0


def publish(args: argparse.Namespace) -> int:
    xml = args.file.read_bytes()
    if args.signature:
        kid, _, sig_b64 = args.signature.read_text(encoding="ascii").strip().partition(":")
        signature = base64.b64decode(sig_b64)
    else:
        kid, signature = alertsig.sign(load_authority_private(_authority_key(args)), xml)
    layout = init_hub_dir(args.data_dir)
    running = layout.endpoints() if layout.endpoints_file.exists() else {}
    services, alerts = args.services or running.get("services"), args.alerts or running.get("alerts")
    link = CityLink.from_directory(layout.operator, services, alerts)
    try:
        reply = call(link, "alert.publish", {
            "xml_b64": base64.b64encode(xml).decode("ascii"),
            "signature_b64": base64.b64encode(signature).decode("ascii"),
            "key_id": kid,
        }, timeout=args.timeout)
    except LinkError as exc:
        _emit({"event": "error", "error": str(exc)})
        return 2
    finally:
        link.close()
    _emit({"event": "published" if reply.ok else "refused", "file": str(args.file), **reply.result, **reply.error})
    return 0 if reply.ok else 1


def enroll(args: argparse.Namespace) -> int:
    layout = init_hub_dir(args.data_dir)
    target = make_client_dir(layout, args.out, Role(args.role), args.name)
    _emit({"event": "enrolled", "role": args.role, "name": args.name, "client_dir": str(target)})
    return 0


def revoke(args: argparse.Namespace) -> int:
    layout = init_hub_dir(args.data_dir)
    moved = auth.revoke(layout.clients, args.name)
    if not moved:
        _emit({"event": "error", "error": f"no enrolled client named {args.name}"})
        return 1
    _emit({"event": "revoked", "name": args.name, "roles": [p.parent.name for p in moved]})
    return 0


def keys(args: argparse.Namespace) -> int:
    layout = init_hub_dir(args.data_dir)
    authorities = sorted(load_pinned_authorities(layout.authorities))
    clients = [{"name": c.name, "role": str(c.role), "status": c.status, "key": c.public}
               for c in auth.list_clients(layout.clients)]
    _emit({"hub_key": layout.hub_keys().public.decode(), "authorities": authorities, "clients": clients})
    return 0


def _client_name(text: str) -> str:
    try:
        return auth.check_name(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _at_least_one(text: str) -> int:
    number = int(text)
    if number < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return number


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="python -m net.hub", description="Metaverse Seoul city services hub")
    top.add_argument("--data-dir", type=Path, default=None, help="hub data directory (default: user data dir)")
    top.add_argument("-v", "--verbose", action="store_true", help="log at INFO level")
    sub = top.add_subparsers(dest="command", required=True)
    s = sub.add_parser("serve", help="run the hub")
    s.add_argument("--services", default="tcp://127.0.0.1:5570", help="ROUTER endpoint (tcp://host:* for any port)")
    s.add_argument("--alerts", default="tcp://127.0.0.1:5571", help="PUB endpoint")
    s.add_argument("--presence-in", help="SUB endpoint for avatar states (default: services port + 2)")
    s.add_argument("--presence-out", help="PUB endpoint for relayed presence (default: services port + 3)")
    s.add_argument("--store", help="the city's PostgreSQL store, postgresql://… (default: settings.json key"
                   " 'store', else SQLite in the data dir)")
    s.add_argument("--broker", help="Redis (or Valkey) URL, redis://… or unix://…: share presence with other relay"
                   " processes, cell by cell (default: settings.json key 'broker', else this process alone)")
    s.add_argument("--kiosks-only", action="store_true", help="refuse client keys that are not enrolled")
    s.add_argument("--heartbeat", type=float, default=1.0, help="seconds between alert-channel heartbeats")
    s.add_argument("--no-dropbox", action="store_true", help="do not watch <data-dir>/dropbox")
    s.add_argument("--disaster-api-key", help="safetydata.go.kr service key (or env MSEOUL_DISASTER_API_KEY)")
    s.add_argument("--disaster-api-url", default=HubConfig.disaster_api_url)
    s.add_argument("--disaster-api-interval", type=float, default=60.0, help="seconds between API polls")
    s.add_argument("--city-data-key", help="Seoul Open API key, real-time city data (or env MSEOUL_SEOUL_API_KEY)")
    s.add_argument("--city-data-interval", type=float, default=300.0, help="seconds between a hotspot's polls")
    s.add_argument("--region", help="only messages for this region name (rgnNm), e.g. 서울특별시")
    s.add_argument("--hide-after", type=_at_least_one, default=HubConfig.hide_after, metavar="N",
                   help="hide an opinion-box proposal or comment once N distinct citizens reported it (default 3)")
    s.add_argument("--booking-window-days", type=int, default=90, metavar="N",
                   help="bookable days: today (Seoul time) to N days ahead; 0: no end (default 90)")
    s.add_argument("--bookings-per-day", type=_at_least_one, default=BookingRules.per_day, metavar="N",
                   help="active bookings one citizen or kiosk key may hold on one day (default 2; staff exempt)")
    s.add_argument("--bookings-active", type=_at_least_one, default=BookingRules.active, metavar="N",
                   help="active bookings one key may hold from today on (default 10)")
    s.set_defaults(func=serve)
    m = sub.add_parser("migrate", help="bring the store to this version's schema (the hub also does at start)")
    m.add_argument("--store", help="PostgreSQL URL (default: settings.json key 'store', else the data dir's SQLite)")
    m.set_defaults(func=migrate)
    c = sub.add_parser("copy-store", help="copy an embedded SQLite store into an empty PostgreSQL database")
    c.add_argument("--from", dest="source", type=Path, required=True,
                   help="the SQLite hub's data directory (or its hub.sqlite3)")
    c.add_argument("--to", required=True, help="postgresql://… (migrated first; must hold no hub data yet)")
    c.set_defaults(func=copy)
    v = sub.add_parser("supervise", help="run the hub and restart it whenever it exits",
                       description="Options after the supervisor's own go to `serve` unchanged.")
    v.add_argument("--first-delay", type=float, default=0.2, help="seconds before the first restart")
    v.add_argument("--max-delay", type=float, default=10.0, help="longest pause while the hub keeps failing")
    v.set_defaults(func=supervise)
    for name, func, help_text in (("publish", publish, "publish a CAP file"), ("sign", sign, "sign a CAP file")):
        p = sub.add_parser(name, help=help_text)
        p.add_argument("file", type=Path, help="CAP 1.2 XML file")
        p.add_argument("--key", type=Path, help="authority private key (PEM; default: the hub's)")
        if name == "publish":
            p.add_argument("--signature", type=Path, help="use this .sig file (from `sign`) instead of --key")
            p.add_argument("--services", help="hub services endpoint (default: the data dir's endpoints.json)")
            p.add_argument("--alerts", help="hub alerts endpoint")
            p.add_argument("--timeout", type=float, default=10.0)
        p.set_defaults(func=func)
    e = sub.add_parser("enroll", help="provision a client directory and allow its key")
    e.add_argument("--role", choices=[str(r) for r in (Role.KIOSK, Role.CITIZEN, Role.STAFF)], required=True)
    e.add_argument("--name", required=True, type=_client_name, help="a label for the key file: [A-Za-z0-9_-]{1,64}")
    e.add_argument("--out", type=Path, required=True, help="client directory to create")
    e.set_defaults(func=enroll)
    r = sub.add_parser("revoke", help="revoke a client's key (live sessions end within a second)")
    r.add_argument("name", type=_client_name, help="the name it was enrolled with")
    r.set_defaults(func=revoke)
    sub.add_parser("keys", help="print public keys and client keys with their status").set_defaults(func=keys)
    return top


def main(argv: list[str] | None = None) -> int:
    top = parser()
    args, extra = top.parse_known_args(argv)
    if args.command == "supervise":
        top.parse_args(["serve", *extra])  # refuse bad serve options here, not in a restart loop
        args.serve_args = extra
    elif extra:
        top.error(f"unrecognized arguments: {' '.join(extra)}")
    args.data_dir = args.data_dir or default_data_dir()
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING, stream=sys.stderr,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
