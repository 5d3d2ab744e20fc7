"""``python -m net.bench``: figures for the city link, printed and written as JSON.

1. Alert latency: operator publish request → hub verifies, stores durably, publishes → client verifies the
   Ed25519 signature and delivers. End to end over CURVE, one alert at a time (no queueing in the figure).
2. Ticket throughput: durable ``ticket.create`` requests per second, pipelined from several clients.
3. Load: hub RSS and CPU while 200 CURVE subscribers are connected, an alert goes out every second and
   clients make 20 requests per second.
4. Hostile (issue 13): random frames per second the hub survives (anonymous, citizen and staff keys, a good
   request answered after each batch); hub RSS before and at the peak of the stuck-reader attack (20 anonymous
   keys asking for large catch-up pages and never reading); seconds from revoking a key to its live session being
   refused; seconds for ``supervise`` to bring a SIGKILLed hub back; the profanity filter's precision and recall
   on the labelled list.
The hub runs as a child process (``python -m net.hub serve``) so its RSS and CPU are its own (read from /proc).
"""

from __future__ import annotations

import argparse
import base64
import json
import os
import random
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import zmq

from net import alertsig, clock
from net.client.blocking import poll_until
from net.client.link import AlertReceived, CityLink
from net.hub import auth
from net.hub.layout import HubLayout, init_hub_dir, make_client_dir
from net.hub.supervise import STATE_FILE
from net.keys import load_authority_private
from net.moderation import score
from net.protocol import Role, encode_request
from net.tools.attack import curve_dealer, random_frame, seed_alerts, stuck_readers
from net.tools.measure import cap, percentile, proc_usage, raw_dealer, start_hub, ticket_throughput


def alert_latency(layout: HubLayout, root: Path, endpoints: dict[str, str], count: int) -> dict[str, Any]:
    listener = CityLink.from_directory(make_client_dir(layout, root / "listener", Role.CITIZEN, "listener"),
                                       endpoints["services"], endpoints["alerts"])
    operator = CityLink.from_directory(layout.operator, endpoints["services"], endpoints["alerts"])
    signer = load_authority_private(layout.authority_private)
    try:
        poll_until(listener, lambda _: listener.last_seq is not None and listener.status == "connected", 10)
        poll_until(operator, lambda _: operator.dealer.state == "up", 10)
        signed = []
        for i in range(count):
            xml = cap(i, "x" * 400)
            kid, sig = alertsig.sign(signer, xml)
            signed.append({"xml_b64": base64.b64encode(xml).decode(), "signature_b64": base64.b64encode(sig).decode(),
                           "key_id": kid})
        latencies = []
        for args in signed:
            start = time.perf_counter()
            operator.request("alert.publish", args, durable=False)
            while not any(isinstance(e, AlertReceived) for e in listener.poll()):
                listener.sub.socket.poll(1)  # sleep until the alert socket has data, not a fixed nap
                if time.perf_counter() - start > 10:
                    raise TimeoutError("alert not received")
            latencies.append((time.perf_counter() - start) * 1000)
            operator.poll()
        verify_us = _verify_cost(signer)
    finally:
        listener.close()
        operator.close()
    return {"alerts": count, "p50_ms": round(percentile(latencies, 0.5), 3),
            "p99_ms": round(percentile(latencies, 0.99), 3), "max_ms": round(max(latencies), 3),
            "signature_verify_us": round(verify_us, 1)}


def _verify_cost(signer: Any) -> float:
    xml = cap(0, "x" * 400)
    kid, sig = alertsig.sign(signer, xml)
    pinned = {kid: signer.public_key()}
    start = time.perf_counter()
    for _ in range(1000):
        alertsig.verify(pinned, kid, xml, sig)
    return (time.perf_counter() - start) * 1000


def load(layout: HubLayout, root: Path, endpoints: dict[str, str], pid: int, subscribers: int, rate: int,
         seconds: float) -> dict[str, Any]:
    ctx = zmq.Context()
    hub_key = layout.hub_keys().public
    subs = []
    for _ in range(subscribers):  # anonymous keys: the alert channel is open to everyone
        public, secret = zmq.curve_keypair()
        sock = ctx.socket(zmq.SUB)
        sock.linger, sock.curve_serverkey, sock.curve_publickey, sock.curve_secretkey = 0, hub_key, public, secret
        sock.subscribe(b"alert")
        sock.connect(endpoints["alerts"])
        subs.append(sock)
    requesters = [raw_dealer(ctx, make_client_dir(layout, root / f"visitor{i}", Role.KIOSK, f"visitor{i}"),
                              endpoints["services"]) for i in range(rate)]
    operator = raw_dealer(ctx, layout.operator, endpoints["services"])
    signer = load_authority_private(layout.authority_private)
    time.sleep(2.0)  # let 200 CURVE handshakes finish before measuring
    ops = [("hello", {}), ("facility.slots", {"facility_id": "seoul-plaza", "day": "2026-12-24"}),
           ("opinion.list", {}), ("ticket.create", {"category": "noise", "text": "load test"})]
    cpu0, _ = proc_usage(pid)
    wall0 = time.perf_counter()
    alerts = sent = 0
    received = dict.fromkeys(subs, 0)
    answers: dict[zmq.Socket, int] = {}
    rss_peak = 0
    tick = 0
    while time.perf_counter() - wall0 < seconds:
        tick_start = time.perf_counter()
        xml = cap(f"load-{tick}", "y" * 400)
        kid, sig = alertsig.sign(signer, xml)
        operator.send(encode_request(f"load-alert-{tick}", "alert.publish", {
            "xml_b64": base64.b64encode(xml).decode(), "signature_b64": base64.b64encode(sig).decode(), "key_id": kid}))
        alerts += 1
        for i, sock in enumerate(requesters):  # 20 requests spread over the second
            op, args = ops[(tick + i) % len(ops)]
            sock.send(encode_request(f"load-{tick}-{i}", op, args))
            sent += 1
            _drain([*requesters, operator], subs, received, answers)
            time.sleep(max(0.0, tick_start + (i + 1) / rate - time.perf_counter()))
        rss_peak = max(rss_peak, proc_usage(pid)[1])
        tick += 1
    wall = time.perf_counter() - wall0
    cpu1, rss = proc_usage(pid)
    deadline = time.perf_counter() + 2
    while time.perf_counter() < deadline and (min(received.values()) < alerts or sum(answers.values()) < sent + alerts):
        _drain([*requesters, operator], subs, received, answers)
        time.sleep(0.01)
    answered = sum(answers.get(s, 0) for s in requesters)
    for sock in [*subs, *requesters, operator]:
        sock.close()
    ctx.term()
    return {"subscribers": subscribers, "requests_per_second": round(sent / wall, 1),
            "requests_answered": answered, "requests_sent": sent, "seconds": round(wall, 2),
            "hub_cpu_percent": round(100 * (cpu1 - cpu0) / wall, 1), "hub_rss_mib": round(rss / 2**20, 1),
            "hub_rss_peak_mib": round(max(rss_peak, rss) / 2**20, 1), "alerts_published": alerts,
            "alert_deliveries": sum(received.values()), "alert_deliveries_expected": alerts * subscribers}


def _drain(dealers: list[zmq.Socket], subs: list[zmq.Socket], received: dict[zmq.Socket, int],
           answers: dict[zmq.Socket, int]) -> None:
    """Count what arrived (alerts per subscriber, answers per requester) without blocking."""
    for sock in subs:
        while sock.poll(0):
            sock.recv_multipart()
            received[sock] += 1
    for sock in dealers:
        while sock.poll(0):
            sock.recv()
            answers[sock] = answers.get(sock, 0) + 1


def fuzz_rate(layout: HubLayout, root: Path, endpoint: str, pid: int, frames: int) -> dict[str, Any]:
    ctx = zmq.Context()
    socks = [curve_dealer(ctx, endpoint, layout.hub_keys().public)]
    socks += [raw_dealer(ctx, make_client_dir(layout, root / f"fuzz-{r}", r, f"fuzz-{r}"), endpoint)
              for r in (Role.CITIZEN, Role.STAFF)]
    rng = random.Random(13)
    sent = batches = 0
    start = time.perf_counter()
    try:
        while sent < frames:
            for _ in range(50):
                rng.choice(socks).send(random_frame(rng))
                sent += 1
            for n, sock in enumerate(socks):  # each must still be answered (resent once if its connection dropped)
                for attempt in range(3):
                    rid = f"good-{batches}-{n}-{attempt}"
                    sock.send(encode_request(rid, "hello", {}))
                    if _await(sock, rid, 3.0):
                        break
                else:
                    raise RuntimeError("the hub stopped answering under fuzz")
            batches += 1
        wall = time.perf_counter() - start
    finally:
        ctx.destroy(linger=0)
    alive = Path(f"/proc/{pid}").exists()
    return {"frames": sent, "seconds": round(wall, 2), "frames_per_second": round(sent / wall, 1), "hub_alive": alive}


def _await(sock: zmq.Socket, rid: str, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while (left := deadline - time.monotonic()) > 0:
        if not sock.poll(int(left * 1000) + 1):
            return False
        if json.loads(sock.recv()).get("id") == rid:
            return True
    return False


def stuck_reader_rss(layout: HubLayout, endpoint: str, pid: int, seconds: float) -> dict[str, Any]:
    seed_alerts(layout.root, count=60, size=10_000, now=clock.timestamp())
    ctx = zmq.Context()
    try:
        report = stuck_readers(ctx, endpoint, layout.hub_keys().public, lambda: proc_usage(pid)[1], clients=20,
                               seconds=seconds)
    finally:
        ctx.destroy(linger=0)
    return {"clients": 20, "seconds": report.seconds, "requests": report.requests_sent,
            "rss_before_mib": round(report.rss_before / 2**20, 1), "rss_peak_mib": round(report.rss_peak / 2**20, 1),
            "served_during": report.served_during}


def revoke_time(layout: HubLayout, root: Path, endpoint: str) -> dict[str, Any]:
    ctx = zmq.Context()
    try:
        sock = raw_dealer(ctx, make_client_dir(layout, root / "victim", Role.CITIZEN, "victim"), endpoint)
        sock.send(encode_request("before-revoke", "hello", {}))
        sock.recv()
        start = time.perf_counter()
        auth.revoke(layout.clients, "victim")
        for n in range(1000):
            sock.send(encode_request(f"after-revoke-{n}", "ticket.mine", {}))
            if not json.loads(sock.recv())["ok"]:
                break
        return {"seconds_to_refuse": round(time.perf_counter() - start, 3)}
    finally:
        ctx.destroy(linger=0)


def supervisor_restart(root: Path) -> dict[str, Any]:
    ports = []
    for _ in range(4):
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            ports.append(probe.getsockname()[1])
    data = root / "supervised"
    endpoints = [f"tcp://127.0.0.1:{p}" for p in ports]
    cmd = [sys.executable, "-m", "net.hub", "--data-dir", str(data), "supervise", "--first-delay", "0.1",
           "--services", endpoints[0], "--alerts", endpoints[1], "--presence-in", endpoints[2],
           "--presence-out", endpoints[3], "--no-dropbox"]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    ctx = zmq.Context()
    try:
        assert proc.stdout is not None
        proc.stdout.readline()
        sock = curve_dealer(ctx, endpoints[0], HubLayout(data).hub_keys().public)
        sock.send(encode_request("before-kill", "hello", {}))
        sock.recv()
        child = json.loads((data / STATE_FILE).read_text(encoding="utf-8"))["child_pid"]
        start = time.perf_counter()
        os.kill(child, signal.SIGKILL)
        for n in range(100):
            sock.send(encode_request(f"after-kill-{n}", "hello", {}))
            if _await(sock, f"after-kill-{n}", 0.2):
                break
        return {"seconds_back": round(time.perf_counter() - start, 3)}
    finally:
        ctx.destroy(linger=0)
        proc.terminate()
        proc.wait(10)


def hostile(layout: HubLayout, root: Path, endpoints: dict[str, str], pid: int, frames: int,
            seconds: float) -> dict[str, Any]:
    scores = score()
    return {
        "fuzz": fuzz_rate(layout, root, endpoints["services"], pid, frames),
        "stuck_readers": stuck_reader_rss(layout, endpoints["services"], pid, seconds),
        "revocation": revoke_time(layout, root, endpoints["services"]),
        "supervisor": supervisor_restart(root),
        "moderation": {"lines": scores.lines, "precision": scores.precision, "recall": scores.recall,
                       "false_positives": list(scores.false_positives)},
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m net.bench", description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=Path("out/net_bench.json"), help="where to write the JSON")
    parser.add_argument("--alerts", type=int, default=200, help="alerts for the latency figure")
    parser.add_argument("--tickets", type=int, default=2000, help="tickets for the throughput figure")
    parser.add_argument("--subscribers", type=int, default=200)
    parser.add_argument("--rate", type=int, default=20, help="requests per second during the load figure")
    parser.add_argument("--seconds", type=float, default=10.0, help="length of the load figure")
    parser.add_argument("--fuzz-frames", type=int, default=2000, help="random frames for the hostile figure")
    parser.add_argument("--stuck-seconds", type=float, default=10.0, help="length of the stuck-reader attack")
    parser.add_argument("--only", choices=("latency", "throughput", "load", "hostile"), action="append",
                        help="run only these figures (repeatable; default: all)")
    parser.add_argument("--city", action="store_true",
                        help="instead: the hub on PostgreSQL, alone and as 3 processes, against SQLite"
                        " (net/tools/citybench.py; --tickets, --alerts and --subscribers per process apply)")
    parser.add_argument("--relays", type=int, default=2, help="with --city: presence relay processes")
    parser.add_argument("--city-part", choices=("tickets", "alerts", "recovery", "presence"), action="append",
                        help="with --city: run only these parts (repeatable; default: all)")
    parser.add_argument("--presence-seconds", type=float, default=10.0,
                        help="with --city: measured seconds per presence crowd")
    args = parser.parse_args(argv)
    if args.city:
        return city_main(args)
    chosen = set(args.only or ("latency", "throughput", "load", "hostile"))
    with tempfile.TemporaryDirectory(prefix="net-bench-") as tmp:
        root = Path(tmp)
        layout = init_hub_dir(root / "hub")
        proc, endpoints = start_hub(layout.root)
        try:
            figures: dict[str, Any] = {}
            if "latency" in chosen:
                figures["alert_latency"] = alert_latency(layout, root, endpoints, args.alerts)
            if "throughput" in chosen:
                figures["ticket_throughput"] = ticket_throughput(layout, root, endpoints["services"], args.tickets, 8)
            if "load" in chosen:
                figures["load"] = load(layout, root, endpoints, proc.pid, args.subscribers, args.rate, args.seconds)
            if "hostile" in chosen:
                figures["hostile"] = hostile(layout, root, endpoints, proc.pid, args.fuzz_frames, args.stuck_seconds)
        finally:
            proc.terminate()
            proc.wait(10)
    figures["machine"] = {"cpus": os.cpu_count(), "python": sys.version.split()[0], "libzmq": zmq.zmq_version()}
    text = json.dumps(figures, indent=2, ensure_ascii=False)
    print(text)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text + "\n", encoding="utf-8")
    return 0


def city_main(args: argparse.Namespace) -> int:
    from net.tools import citybench  # needs PostgreSQL's binaries and psycopg; the figures above need neither

    with tempfile.TemporaryDirectory(prefix="net-bench-city-") as tmp:
        parts = tuple(args.city_part or ("tickets", "alerts", "recovery", "presence"))
        figures = citybench.city(Path(tmp), args.tickets, args.alerts, args.subscribers, args.relays,
                                 args.presence_seconds, parts)
    figures["machine"] = {"cpus": os.cpu_count(), "python": sys.version.split()[0], "libzmq": zmq.zmq_version()}
    text = json.dumps(figures, indent=2, ensure_ascii=False)
    print(text)
    out = args.out.with_name("net_bench_city.json") if args.out == Path("out/net_bench.json") else args.out
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
