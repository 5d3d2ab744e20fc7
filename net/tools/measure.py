"""What the city-link benchmarks share: bench alerts, a hub child process, raw CURVE dealers, ticket throughput
and /proc readings. Apart from the benches themselves so each bench (``net.bench``, the city and presence
figures) depends on these and none on another's entry point.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import zmq

from net import clock
from net.hub.layout import HubLayout, make_client_dir
from net.keys import load_curve
from net.protocol import Role, encode_request

CAP = (
    '<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2"><identifier>BENCH-{i}</identifier><sender>bench</sender>'
    "<sent>{sent}</sent><status>Exercise</status><msgType>Alert</msgType><scope>Public</scope>"
    "<info><event>bench</event><urgency>Immediate</urgency><severity>Minor</severity><certainty>Observed</certainty>"
    "<headline>{pad}</headline></info></alert>"
)


def cap(i: int | str, pad: str) -> bytes:
    """A bench alert sent now (the hub refuses stale ones)."""
    sent = time.strftime("%Y-%m-%dT%H:%M:%S+00:00", time.gmtime(clock.timestamp()))
    return CAP.format(i=i, pad=pad, sent=sent).encode()


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def proc_usage(pid: int) -> tuple[float, int]:
    """(CPU seconds used, resident bytes) of a Linux process."""
    fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
    cpu = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    rss_pages = int(Path(f"/proc/{pid}/statm").read_text().split()[1])
    return cpu, rss_pages * os.sysconf("SC_PAGE_SIZE")


def start_hub(data_dir: Path, store: str | None = None) -> tuple[subprocess.Popen[bytes], dict[str, str]]:
    cmd = [sys.executable, "-m", "net.hub", "--data-dir", str(data_dir), "serve",
           "--services", "tcp://127.0.0.1:*", "--alerts", "tcp://127.0.0.1:*", "--no-dropbox",
           *(["--store", store] if store else [])]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE)
    assert proc.stdout is not None
    ready = json.loads(proc.stdout.readline())
    return proc, {"services": ready["services"], "alerts": ready["alerts"]}


def raw_dealer(ctx: zmq.Context, directory: Path, endpoint: str | list[str], immediate: bool = False) -> zmq.Socket:
    """A staff/citizen DEALER; given several endpoints (hub processes of one city) it connects to each.
    ``immediate``: queue nothing for a peer that is not connected (a dead hub's share goes to the others)."""
    keys = load_curve(directory / "client.key_secret")
    sock = ctx.socket(zmq.DEALER)
    sock.linger = 0
    sock.curve_serverkey = load_curve(directory / "hub.key").public
    sock.curve_publickey, sock.curve_secretkey = keys.public, keys.secret
    sock.immediate = immediate
    for one in [endpoint] if isinstance(endpoint, str) else endpoint:
        sock.connect(one)
    return sock


def ticket_throughput(layout: HubLayout, root: Path, endpoint: str | list[str], total: int,
                      clients: int) -> dict[str, Any]:
    """Durable ticket creation from staff clients (staff limits, so the rate limiter is not measured): one request
    at a time from one client (each waits for its own fsync), then pipelined from several (group commit)."""
    ctx = zmq.Context()
    socks = [raw_dealer(ctx, make_client_dir(layout, root / f"writer{i}", Role.STAFF, f"writer{i}"), endpoint)
             for i in range(clients)]
    for sock in socks:  # connect and warm up
        sock.send(encode_request(f"warm-{id(sock)}", "hello", {}))
        sock.recv()
    serial = min(200, total)
    start = time.perf_counter()
    for n in range(serial):
        socks[0].send(encode_request(f"serial-{n}", "ticket.create", {"category": "road", "text": f"serial {n}"}))
        socks[0].recv()
    serial_rate = serial / (time.perf_counter() - start)
    per, window = total // clients, 64
    poller = zmq.Poller()
    for sock in socks:
        poller.register(sock, zmq.POLLIN)
    sent = dict.fromkeys(socks, 0)
    done = dict.fromkeys(socks, 0)
    ok = 0
    start = time.perf_counter()
    while sum(done.values()) < per * clients:
        for sock in socks:
            while sent[sock] < per and sent[sock] - done[sock] < window:
                args = {"category": "road", "text": f"bench ticket {sent[sock]}"}
                sock.send(encode_request(f"t-{id(sock)}-{sent[sock]}", "ticket.create", args))
                sent[sock] += 1
        for sock, _ in poller.poll(5000):
            while sock.poll(0):
                ok += json.loads(sock.recv())["ok"]
                done[sock] += 1
    elapsed = time.perf_counter() - start
    for sock in socks:
        sock.close()
    ctx.term()
    return {"one_at_a_time_per_second": round(serial_rate, 1), "pipelined_tickets": per * clients,
            "pipelined_ok": ok, "pipelined_clients": clients, "pipelined_seconds": round(elapsed, 3),
            "pipelined_per_second": round(per * clients / elapsed, 1)}
