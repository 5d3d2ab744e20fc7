"""``python -m net.presence.bench``: the hub under simulated crowds, and the client's cost of drawing them.

Two scenarios, each with a fresh hub in its own process (its CPU and RSS read from /proc):

- **square**: 200 visitors walking in one 60 m square (about four grid cells: everyone hears everyone);
- **district**: 1,000 visitors spread over 1.6 × 1.6 km (one or two per cell).

Visitors are headless clients, several hundred per worker process (the machine has two cores: one process per
visitor would measure the scheduler), each with its own CURVE sockets (DEALER for join and chat, PUB for states,
SUB for what it hears). Each walks at 1.4 m/s, sends 10 states a second and a chat line every ~30 s. Latency is
sender clock → receiver clock on the shared monotonic clock, measured by probe visitors that decode every entry;
the others count bytes. Then a child process renders 50 remote avatars offscreen (``ui.tools.avatars_bench``).
Prints one JSON document and writes it to ``--out`` (default ``out/presence-bench.json``).
"""

from __future__ import annotations

import argparse
import json
import math
import multiprocessing as mp
import os
import random
import subprocess
import sys
import tempfile
import threading
import time
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

import zmq

from net.hub.auth import enroll
from net.hub.layout import init_hub_dir
from net.keys import CurveKeys
from net.presence import codec
from net.presence.codec import AvatarState
from net.presence.grid import CELL_SIZE, cell_of, cells_around
from net.protocol import Role, encode_request, parse_reply
from net.tools.measure import percentile, proc_usage

ROOT = Path(__file__).resolve().parents[2]
PROBES = 16  # visitors per scenario that decode everything they hear, for latency
SEND_HZ = 10.0


def _hub_main(data_dir: str, conn: Connection, store: str | None = None, broker: str | None = None) -> None:
    """Child process: a hub on free loopback ports (one of several relays with ``store`` and ``broker``); answers
    "stats" with its relay counters until "stop"."""
    from net.hub.server import Hub, HubConfig

    hub = Hub(HubConfig(Path(data_dir), services="tcp://127.0.0.1:*", alerts="tcp://127.0.0.1:*",
                        watch_dropbox=False, store=store, broker=broker))
    conn.send(hub.bind())
    thread = threading.Thread(target=hub.run, daemon=True)
    thread.start()
    while True:
        command = conn.recv()
        stats = hub.presence.stats
        conn.send({"states_in": stats.states_in, "states_dropped": stats.states_dropped,
                   "entries_out": stats.entries_out, "messages_out": stats.messages_out})
        if command == "stop":
            break
    hub.stop()
    thread.join(5)


class SimVisitor:
    """One simulated app: its sockets, where it walks, and what it heard."""

    def __init__(self, ctx: zmq.Context, keys: CurveKeys, hub_key: bytes, endpoints: dict[str, str],
                 start: tuple[float, float], area: tuple[float, float, float, float], probe: bool, rng: random.Random):
        self.keys, self.area, self.probe, self.rng = keys, area, probe, rng
        self.x, self.y = start
        self.heading = rng.uniform(0, 360)
        self.dealer = self._socket(ctx, zmq.DEALER, hub_key, endpoints["services"])
        self.pub = self._socket(ctx, zmq.PUB, hub_key, endpoints["presence_in"])
        self.sub = self._socket(ctx, zmq.SUB, hub_key, endpoints["presence_out"])
        self.scene, self.cells = "district", set()
        self.avatar_id = 0
        self.next_send = 0.0
        self.next_chat = rng.uniform(5, 30)
        self.bytes_in = self.msgs_in = self.bytes_out = 0
        self.latencies: list[float] = []

    def _socket(self, ctx: zmq.Context, kind: int, hub_key: bytes, endpoint: str) -> zmq.Socket:
        sock = ctx.socket(kind)
        sock.linger = 0
        sock.curve_serverkey, sock.curve_publickey, sock.curve_secretkey = hub_key, self.keys.public, self.keys.secret
        sock.connect(endpoint)
        return sock

    def request(self, op: str, args: dict[str, Any]) -> None:
        self.dealer.send(encode_request(f"r{self.rng.getrandbits(48):012x}", op, args))

    def subscribe_around(self) -> None:
        wanted = {codec.cell_topic(self.scene, c) for c in cells_around(cell_of(self.x, self.y))}
        for topic in wanted - self.cells:
            self.sub.subscribe(topic)
        for topic in self.cells - wanted:
            self.sub.unsubscribe(topic)
        self.cells = wanted

    def step(self, now: float, started: float) -> None:
        if now < self.next_send:
            return
        dt = 1.0 / SEND_HZ
        self.next_send = max(self.next_send + dt, now)
        self.heading += self.rng.uniform(-20, 20)
        x0, y0, x1, y1 = self.area
        nx = self.x - math.sin(math.radians(self.heading)) * 1.4 * dt
        ny = self.y + math.cos(math.radians(self.heading)) * 1.4 * dt
        if not (x0 <= nx <= x1 and y0 <= ny <= y1):
            self.heading += 180
        else:
            old = cell_of(self.x, self.y)
            self.x, self.y = nx, ny
            if cell_of(nx, ny) != old:
                self.subscribe_around()
        raw = codec.encode_state(AvatarState(self.x, self.y, 0.0, self.heading), int(now * 1000))
        self.pub.send(raw, zmq.NOBLOCK)
        self.bytes_out += len(raw)
        if now - started > self.next_chat:
            self.next_chat += self.rng.uniform(20, 40)
            self.request("chat.send", {"text": f"안녕하세요, 광화문에서 만나요 {self.rng.randint(1, 99)}",
                                       "scope": "nearby"})

    def hear(self, now_ms: float, measuring: bool) -> None:
        """Everything queued on the SUB socket (called when the poller says it is readable)."""
        while True:
            try:
                topic, body = self.sub.recv_multipart(zmq.NOBLOCK)
            except zmq.Again:
                return
            if not measuring:
                continue
            self.msgs_in += 1
            self.bytes_in += len(topic) + len(body)
            if self.probe and body[:1] == codec.KIND_STATES:
                for avatar_id, t_ms, _ in codec.decode_states(body):
                    if avatar_id != self.avatar_id:
                        self.latencies.append((int(now_ms) - t_ms) & 0xFFFFFFFF)

    def answer(self) -> None:
        """Replies on the DEALER: the join's tells us our avatar id and that we may subscribe."""
        while self.dealer.poll(0):
            reply = parse_reply(self.dealer.recv())
            if reply.ok and "avatar_id" in reply.result:
                self.avatar_id = reply.result["avatar_id"]
                self.sub.subscribe(codec.scene_topic(self.scene))
                self.subscribe_around()


def _worker(spec: dict[str, Any], conn: Connection) -> None:
    """Child process: run ``spec["count"]`` visitors; report what they heard."""
    rng = random.Random(spec["seed"])
    ctx = zmq.Context(io_threads=1)
    ctx.max_sockets = 3 * len(spec["keys"]) + 16  # libzmq's default cap is 1,023 sockets per context
    x0, y0, x1, y1 = spec["area"]
    visitors = [
        SimVisitor(ctx, CurveKeys(k[0].encode(), k[1].encode()), spec["hub_key"].encode(),
                   spec["endpoints"][i % len(spec["endpoints"])],  # several relays: visitors spread over them
                   (rng.uniform(x0, x1), rng.uniform(y0, y1)), spec["area"], i < spec["probes"], rng)
        for i, k in enumerate(spec["keys"])
    ]
    for i, v in enumerate(visitors):
        v.request("presence.join", {"scene": "district", "name": f"방문자{spec['seed']}-{i}", "look": "hanbok:1:2:0"})
    started = time.monotonic()
    warmup, stop_at = started + spec["warmup"], started + spec["warmup"] + spec["seconds"]
    conn.send("started")
    # One poller over every socket that can receive: polling 1,500 sockets one by one each loop would measure
    # the generator, not the hub.
    poller = zmq.Poller()
    owner: dict[zmq.Socket, tuple[SimVisitor, bool]] = {}
    for v in visitors:
        for sock, is_sub in ((v.sub, True), (v.dealer, False)):
            poller.register(sock, zmq.POLLIN)
            owner[sock] = (v, is_sub)
    busy = 0.0
    while True:
        ready = poller.poll(5)
        now = time.monotonic()
        if now >= stop_at:
            break
        measuring = now >= warmup
        t0 = time.perf_counter()
        for sock, _ in ready:
            v, is_sub = owner[sock]
            if is_sub:
                v.hear(now * 1000, measuring)
            else:
                v.answer()
        for v in visitors:
            if v.avatar_id:
                v.step(now, started)
        if measuring:
            busy += time.perf_counter() - t0
    conn.send({
        "joined": sum(1 for v in visitors if v.avatar_id),
        "bytes_in": sum(v.bytes_in for v in visitors), "msgs_in": sum(v.msgs_in for v in visitors),
        "bytes_out": sum(v.bytes_out for v in visitors),
        "latencies": [lat for v in visitors for lat in v.latencies],
        "busy_fraction": busy / spec["seconds"],
    })
    for v in visitors:
        for sock in (v.dealer, v.pub, v.sub):
            sock.close(linger=0)
    ctx.term()


def scenario(name: str, visitors: int, area: tuple[float, float, float, float], workers: int, seconds: float,
             root: Path, relays: int = 1, store: str | None = None, broker: str | None = None) -> dict[str, Any]:
    """One crowd against one hub, or against ``relays`` hub processes over ``store`` and ``broker`` (issue 18)."""
    data_dir = root / name
    layout = init_hub_dir(data_dir)
    keys = [zmq.curve_keypair() for _ in range(visitors)]
    for i, (public, _) in enumerate(keys):
        enroll(layout.clients, Role.CITIZEN, f"sim{i}", public)
    mpctx = mp.get_context("spawn")
    hubs = []
    for _ in range(relays):
        hub_conn, child = mpctx.Pipe()
        hub = mpctx.Process(target=_hub_main, args=(str(data_dir), child, store, broker), daemon=True)
        hub.start()
        hubs.append((hub, hub_conn))
    endpoints = [conn.recv() for _, conn in hubs]
    hub_key = layout.hub_keys().public.decode()
    procs, conns = [], []
    share = math.ceil(visitors / workers)
    for w in range(workers):
        mine = [(p.decode(), s.decode()) for p, s in keys[w * share:(w + 1) * share]]
        spec = {"seed": w + 1, "area": area, "keys": mine, "hub_key": hub_key, "endpoints": endpoints,
                "probes": PROBES // workers, "warmup": 6.0, "seconds": seconds}
        parent, child = mpctx.Pipe()
        proc = mpctx.Process(target=_worker, args=(spec, child), daemon=True)
        proc.start()
        procs.append(proc)
        conns.append(parent)
    for conn in conns:
        conn.recv()
    time.sleep(6.0)  # the workers' warm-up: joins answered, subscriptions in place

    def stats(command: str) -> dict[str, int]:
        for _, conn in hubs:
            conn.send(command)
        replies = [conn.recv() for _, conn in hubs]
        return {k: sum(r[k] for r in replies) for k in replies[0]}

    before = stats("stats")
    cpu0 = sum(proc_usage(h.pid)[0] for h, _ in hubs)
    t0 = time.monotonic()
    peak_rss = 0
    results = []
    pending = list(conns)
    while pending:
        peak_rss = max(peak_rss, max(proc_usage(h.pid)[1] for h, _ in hubs))
        for conn in list(pending):
            if conn.poll(0.2):
                results.append(conn.recv())
                pending.remove(conn)
    elapsed = time.monotonic() - t0
    cpu1 = sum(proc_usage(h.pid)[0] for h, _ in hubs)
    after = stats("stop")
    rate = {k: round((after[k] - before[k]) / elapsed) for k in after}
    for h, _ in hubs:
        h.join(10)
    for proc in procs:
        proc.join(10)
    latencies = [lat for r in results for lat in r["latencies"]]
    bytes_in = sum(r["bytes_in"] for r in results)
    return {
        "visitors": visitors, "relays": relays, "joined": sum(r["joined"] for r in results),
        "seconds": round(elapsed, 1),
        "hub_states_in_per_s": rate["states_in"], "hub_states_dropped_per_s": rate["states_dropped"],
        "hub_updates_relayed_per_s": rate["entries_out"], "hub_messages_published_per_s": rate["messages_out"],
        "messages_delivered_per_s": round(sum(r["msgs_in"] for r in results) / seconds),
        "latency_ms": {"p50": percentile(latencies, 0.5), "p99": percentile(latencies, 0.99),
                       "samples": len(latencies)} if latencies else None,
        "hub_cpu_percent": round(100 * (cpu1 - cpu0) / elapsed, 1),
        "hub_peak_rss_mb": round(peak_rss / 2**20, 1),
        "down_bytes_per_visitor_s": round(bytes_in / visitors / seconds),
        "up_bytes_per_visitor_s": round(sum(r["bytes_out"] for r in results) / visitors / seconds),
        "load_generator_busy": [round(r["busy_fraction"], 2) for r in results],
    }


def frame_cost(avatars: int) -> dict[str, Any]:
    """50 avatars drawn offscreen in a child process (one ShowBase per process)."""
    cmd = [sys.executable, "-m", "ui.tools.avatars_bench", "--avatars", str(avatars)]
    env = {**os.environ, "EGL_PLATFORM": "surfaceless", "PYTHONPATH": str(ROOT)}
    out = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m net.presence.bench", description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "out" / "presence-bench.json")
    parser.add_argument("--seconds", type=float, default=15.0, help="measured seconds per scenario")
    parser.add_argument("--square", type=int, default=200, help="visitors in one square")
    parser.add_argument("--district", type=int, default=1000, help="visitors spread over the district")
    parser.add_argument("--avatars", type=int, default=50, help="remote avatars for the frame-cost measurement")
    args = parser.parse_args(argv)
    report: dict[str, Any] = {"cell_size_m": CELL_SIZE, "send_hz": SEND_HZ, "cpus": os.cpu_count()}
    with tempfile.TemporaryDirectory(prefix="presence-bench-") as tmp:
        report["square"] = scenario("square", args.square, (0, 0, 60, 60), 1, args.seconds, Path(tmp))
        report["district"] = scenario("district", args.district, (-800, -800, 800, 800), 2, args.seconds, Path(tmp))
    report["client_frame"] = frame_cost(args.avatars)
    text = json.dumps(report, ensure_ascii=False, indent=2)
    print(text)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
