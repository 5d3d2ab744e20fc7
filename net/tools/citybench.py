"""``python -m net.bench --city``: the hub on PostgreSQL, alone and as several processes, against SQLite.

1. Durable tickets per second: one hub on SQLite (WAL, FULL sync), one hub on PostgreSQL, three hub processes on
   one PostgreSQL with every client connected to all three. One request at a time (each waits for its commit)
   and pipelined from several clients (group commit). PostgreSQL runs with fsync and synchronous_commit on: a
   throw-away cluster from the Debian package, on this machine, beside the hubs and the clients.
2. Alert fan-out through three hub processes: an operator publishes on one, anonymous subscribers listen on all
   three; milliseconds from the publish request to each subscriber's receipt, for the publishing process's own
   subscribers and for the others' (those go through NOTIFY).
3. Recovery: a client connected to all three sends tickets steadily and resends what is unanswered after
   ``resend`` seconds; one process is SIGKILLed; seconds until every request in flight at the kill is answered,
   and the slowest answer to a request sent after the kill (one that went to the dead peer waits for its resend).
4. Presence across relay processes: simulated visitors (``net.tools.presence_bench``'s, in worker processes) spread
   over ``relays`` hub processes joined by a throw-away Redis, in one square (everyone hears everyone) and over
   the whole district; the crowd grows step by step until the relay p99 (sender's clock to the receiving
   visitor's) passes 150 ms. The largest crowd held is the figure; each step's figures are kept.
"""

from __future__ import annotations

import base64
import json
import os
import signal
import subprocess
import time
import uuid
from pathlib import Path
from typing import Any

import zmq

from net import alertsig
from net.hub.layout import HubLayout, init_hub_dir, make_client_dir
from net.hub.pgcluster import Cluster
from net.keys import load_authority_private
from net.presence.redisserver import RedisServer
from net.protocol import ALERT_TOPIC, HEARTBEAT_TOPIC, Role, encode_request
from net.tools import presence_bench
from net.tools.measure import cap, percentile, raw_dealer, start_hub, ticket_throughput


def start_hubs(data_dir: Path, store: str | None, count: int) -> list[tuple[subprocess.Popen[bytes], dict[str, str]]]:
    return [start_hub(data_dir, store) for _ in range(count)]


def stop_hubs(hubs: list[tuple[subprocess.Popen[bytes], dict[str, str]]]) -> None:
    for proc, _ in hubs:
        if proc.poll() is None:
            proc.terminate()
    for proc, _ in hubs:
        proc.wait(10)


def tickets(root: Path, cluster: Cluster, total: int) -> dict[str, Any]:
    out = {}
    for name, store, processes in (("sqlite", None, 1), ("postgresql", cluster.new_database("tickets"), 1),
                                   ("postgresql_3_processes", cluster.new_database("tickets3"), 3)):
        layout = init_hub_dir(root / name)
        hubs = start_hubs(layout.root, store, processes)
        try:
            out[name] = ticket_throughput(layout, root / name, [e["services"] for _, e in hubs], total, 8)
        finally:
            stop_hubs(hubs)
    return out


def _sub(ctx: zmq.Context, layout: HubLayout, endpoint: str) -> zmq.Socket:
    sock = ctx.socket(zmq.SUB)
    sock.linger = 0
    public, secret = zmq.curve_keypair()
    sock.curve_serverkey = layout.hub_keys().public
    sock.curve_publickey, sock.curve_secretkey = public, secret
    sock.subscribe(b"")
    sock.connect(endpoint)
    return sock


def fan_out(root: Path, cluster: Cluster, alerts: int, per_hub: int) -> dict[str, Any]:
    layout = init_hub_dir(root / "fanout")
    hubs = start_hubs(layout.root, cluster.new_database("fanout"), 3)
    ctx = zmq.Context()
    try:
        subs = [(h, _sub(ctx, layout, e["alerts"])) for h, (_, e) in enumerate(hubs) for _ in range(per_hub)]
        waiting = {s for _, s in subs}
        deadline = time.monotonic() + 20
        while waiting and time.monotonic() < deadline:  # every subscriber has seen a heartbeat: it is attached
            for sock in list(waiting):
                while sock.poll(0):
                    if sock.recv_multipart()[0] == HEARTBEAT_TOPIC:
                        waiting.discard(sock)
            time.sleep(0.01)
        operator = raw_dealer(ctx, layout.operator, hubs[0][1]["services"])
        signer = load_authority_private(layout.authority_private)
        poller = zmq.Poller()
        for _, sock in subs:
            poller.register(sock, zmq.POLLIN)
        own, others = [], []
        for i in range(alerts):
            kid, sig = alertsig.sign(signer, xml := cap(f"fan-{i}", "x" * 400))
            args = {"xml_b64": base64.b64encode(xml).decode(), "signature_b64": base64.b64encode(sig).decode(),
                    "key_id": kid}
            start = time.perf_counter()
            operator.send(encode_request(uuid.uuid4().hex, "alert.publish", args))
            got: set[zmq.Socket] = set()
            while len(got) < len(subs):
                if operator.poll(0):
                    reply = json.loads(operator.recv())
                    if not reply["ok"]:
                        raise RuntimeError(f"alert {i} refused: {reply['error']}")
                if time.perf_counter() - start > 10:
                    missing = sorted({hub for hub, sock in subs if sock not in got})
                    raise TimeoutError(f"alert {i} did not reach the subscribers of processes {missing}")
                poller.poll(1000)
                for hub, sock in subs:
                    while sock not in got and sock.poll(0):
                        if sock.recv_multipart()[0] == ALERT_TOPIC:
                            got.add(sock)
                            (own if hub == 0 else others).append((time.perf_counter() - start) * 1000)
        summary = {"alerts": alerts, "subscribers": len(subs), "processes": 3}
        for name, values in (("own_process", own), ("other_processes", others), ("all", own + others)):
            summary[name] = {"p50_ms": round(percentile(values, 0.5), 2), "p99_ms": round(percentile(values, 0.99), 2)}
        return summary
    finally:
        ctx.destroy(linger=0)
        stop_hubs(hubs)


def _send(sock: zmq.Socket, raw: bytes) -> None:
    try:
        sock.send(raw, zmq.NOBLOCK)
    except zmq.Again:
        pass  # resent after ``resend`` like any unanswered request


def recovery(root: Path, cluster: Cluster, rate: float, resend: float) -> dict[str, Any]:
    layout = init_hub_dir(root / "recovery")
    hubs = start_hubs(layout.root, cluster.new_database("recovery"), 3)
    ctx = zmq.Context()
    try:
        desk = raw_dealer(ctx, make_client_dir(layout, root / "desk", Role.STAFF, "desk"),
                           [e["services"] for _, e in hubs], immediate=True)  # as CityLink does
        waiting: dict[str, tuple[bytes, float]] = {}
        first_sent: dict[str, float] = {}
        answered: dict[str, float] = {}
        killed_at, at_kill, n = None, set(), 0
        start = time.monotonic()
        next_send = start
        while True:
            now = time.monotonic()
            if now >= next_send and (killed_at is None or now - killed_at < 3):
                rid = uuid.uuid4().hex
                waiting[rid] = (encode_request(rid, "ticket.create", {"category": "road", "text": f"{n}"}), now)
                first_sent[rid] = now
                _send(desk, waiting[rid][0])
                n, next_send = n + 1, next_send + 1 / rate
            if killed_at is None and now - start > 1.0:
                at_kill = set(waiting)
                os.kill(hubs[0][0].pid, signal.SIGKILL)
                killed_at = now
            while desk.poll(1):
                reply = json.loads(desk.recv())
                if reply["ok"] and reply["id"] in waiting:
                    del waiting[reply["id"]]
                    answered[reply["id"]] = time.monotonic()
            for rid, (raw, sent) in list(waiting.items()):
                if now - sent > resend:
                    _send(desk, raw)
                    waiting[rid] = (raw, now)
            if killed_at is not None and now - killed_at > 3 and not waiting:
                break
            if now - start > 30:
                raise TimeoutError("requests still unanswered 30 s after the kill")
        assert killed_at is not None
        after = [answered[r] - first_sent[r] for r in answered if first_sent[r] >= killed_at]
        before = [answered[r] - first_sent[r] for r in answered if first_sent[r] < killed_at - 0.1]
        return {"rate_per_second": rate, "resend_after_s": resend, "in_flight_at_kill": len(at_kill),
                "all_answered_after_kill_s": round(max((answered[r] for r in at_kill), default=killed_at)
                                                   - killed_at, 3),
                "slowest_answer_before_kill_s": round(max(before), 3),
                "slowest_answer_of_requests_sent_after_kill_s": round(max(after), 3),
                "lost_to_the_dead_process_then_resent": sum(1 for t in after if t >= resend),
                "requests": n, "answered": len(answered)}
    finally:
        ctx.destroy(linger=0)
        stop_hubs(hubs)


P99_LIMIT_MS = 150.0
SQUARE = (0.0, 0.0, 60.0, 60.0)  # about four cells: everyone hears everyone
DISTRICT = (-800.0, -800.0, 800.0, 800.0)
STEPS = {"square": (100, 200, 300, 400, 500, 600), "district": (200, 400, 600, 800, 1200, 1600, 2000)}


def presence(root: Path, cluster: Cluster, relays: int, seconds: float,
             steps: dict[str, tuple[int, ...]] = STEPS) -> dict[str, Any]:
    """The most visitors each scenario holds with relay p99 ≤ 150 ms across ``relays`` processes. Each crowd is
    also run against one relay alone (no broker) right after, so both meet the same load from the machine's
    other work (each run records the load average)."""
    out: dict[str, Any] = {"relays": relays, "p99_limit_ms": P99_LIMIT_MS}
    broker = RedisServer.start()
    try:
        for name, area in (("square", SQUARE), ("district", DISTRICT)):
            runs, alone = [], []
            for visitors in steps[name]:
                runs.append(_crowd(root, cluster, name, area, visitors, seconds, relays, broker.url))
                alone.append(_crowd(root, cluster, name, area, visitors, seconds, 1, None))
                if not _held(runs[-1]):
                    break
            out[name] = {"most_visitors_held": max((r["visitors"] for r in runs if _held(r)), default=0),
                         "one_relay_alone_held": max((r["visitors"] for r in alone if _held(r)), default=0),
                         "runs": runs, "one_relay_alone": alone}
    finally:
        broker.stop()
    return out


def _held(run: dict[str, Any]) -> bool:
    return run["latency_ms"] is not None and run["latency_ms"]["p99"] <= P99_LIMIT_MS


def _crowd(root: Path, cluster: Cluster, name: str, area: tuple[float, float, float, float], visitors: int,
           seconds: float, relays: int, broker: str | None) -> dict[str, Any]:
    store = cluster.new_database(f"presence_{name}") if broker else None
    workers = -(-visitors // 300)  # a load-generating process per 300 visitors keeps each under ~60 % busy
    run = presence_bench.scenario(f"{name}-{visitors}-{relays}", visitors, area, workers, seconds, root,
                                  relays=relays, store=store, broker=broker)
    return {**run, "loadavg_1min": round(os.getloadavg()[0], 2)}


def city(root: Path, total: int, alerts: int, per_hub: int, relays: int = 2, presence_seconds: float = 10.0,
         parts: tuple[str, ...] = ("tickets", "alerts", "recovery", "presence")) -> dict[str, Any]:
    cluster = Cluster.start(durable=True)
    try:
        figures: dict[str, Any] = {"postgresql": cluster.bin_dir.parent.name}
        if "tickets" in parts:
            figures["tickets"] = tickets(root, cluster, total)
        if "alerts" in parts:
            figures["alert_fan_out"] = fan_out(root, cluster, alerts, per_hub)
        if "recovery" in parts:
            figures["recovery"] = recovery(root, cluster, rate=100.0, resend=0.5)
        if "presence" in parts:
            figures["presence_across_relays"] = presence(root, cluster, relays, presence_seconds)
        return figures
    finally:
        cluster.stop()

