"""Hostile clients, as the hostile test suite and ``python -m net.bench`` play them against a hub on loopback.

Kept with the network tools, in one place, so the tests and the bench measure the same attack: a stuck reader asks
for large replies and never reads them, a fuzzer sends random frames. Nothing here is used by the hub or the app.
"""

from __future__ import annotations

import json
import random
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import zmq

from net.hub import store
from net.protocol import OPS, encode_request

FILLER_CAP = (
    '<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2"><identifier>FILL-{i}</identifier><sender>attack</sender>'
    "<sent>{sent}</sent><status>Exercise</status><msgType>Alert</msgType><scope>Public</scope>"
    "<info><event>filler</event><description>{pad}</description></info></alert>"
)


def seed_alerts(data_dir: Path, count: int, size: int, now: float, url: str | None = None) -> None:
    """Store ``count`` alerts of about ``size`` bytes (unsigned: catch-up does not check), so replies are large."""
    db = store.open_store(data_dir, url)
    try:
        sent = time.strftime("%Y-%m-%dT%H:%M:%S+00:00", time.gmtime(now))
        db.begin(write=True)
        for i in range(count):
            xml = FILLER_CAP.format(i=i, sent=sent, pad="x" * size).encode()
            db.execute("INSERT INTO alerts (identifier, key_id, xml, signature, source, received, sender, sent)"
                       " VALUES (?, 'none', ?, ?, 'seed', ?, 'attack', ?)", (f"FILL-{i}", xml, b"\0", now, now))
        db.commit()
    finally:
        db.close()


def curve_dealer(ctx: zmq.Context, endpoint: str, hub_public: bytes, keys: tuple[bytes, bytes] | None = None,
                 *, stuck: bool = False) -> zmq.Socket:
    """A DEALER with its own (or a throw-away) CURVE key; ``stuck`` makes it take in as little as libzmq allows."""
    public, secret = keys or zmq.curve_keypair()
    sock = ctx.socket(zmq.DEALER)
    sock.linger = 0
    sock.curve_serverkey, sock.curve_publickey, sock.curve_secretkey = hub_public, public, secret
    if stuck:
        sock.rcvhwm = 1
        sock.rcvbuf = 4096
    sock.connect(endpoint)
    return sock


@dataclass(frozen=True)
class StuckReport:
    rss_before: int
    rss_peak: int
    requests_sent: int
    seconds: float
    served_during: bool  # a well-behaved client was answered while the attack went on


def stuck_readers(ctx: zmq.Context, endpoint: str, hub_public: bytes, rss: Callable[[], int], *,
                  clients: int = 20, seconds: float = 10.0) -> StuckReport:
    """``clients`` anonymous keys ask ``alerts.since`` from 0 as fast as they can and never read a reply."""
    socks = [curve_dealer(ctx, endpoint, hub_public, stuck=True) for _ in range(clients)]
    probe = curve_dealer(ctx, endpoint, hub_public)
    before, peak, sent, served = rss(), 0, 0, False
    start = time.monotonic()
    try:
        while (now := time.monotonic()) - start < seconds:
            for n, sock in enumerate(socks):
                try:
                    sock.send(encode_request(f"stuck-{n}-{sent}", "alerts.since", {"seq": 0, "limit": 100}),
                              zmq.NOBLOCK)
                    sent += 1
                except zmq.Again:
                    pass
            if not served and now - start > seconds / 2:
                probe.send(encode_request("probe-0001", "hello", {}))
                served = bool(probe.poll(5000))
            peak = max(peak, rss())
            time.sleep(0.01)
    finally:
        for sock in (*socks, probe):
            sock.close(linger=0)
    return StuckReport(before, max(peak, rss()), sent, round(time.monotonic() - start, 2), served)


def random_frame(rng: random.Random) -> bytes:
    """One frame of the kinds that broke hubs: huge numbers, deep nesting, bad Unicode, wrong types, noise."""
    op = rng.choice(sorted(OPS))
    values = [  # JSON text, so numbers can be longer than Python will print
        "9" * rng.randint(15, 5000), "-" + "1" * rng.randint(15, 400), f"1e{rng.randint(300, 999)}",
        repr(rng.uniform(-1e5, 1e5)), "0", "-1", "true", "null", "NaN", "-Infinity",
        json.dumps("x" * rng.randint(0, 5000)), '"\\ud800"',
        json.dumps("가" * rng.randint(1, 3000), ensure_ascii=False),
        "[]", "{}", "[[[[[[[[[[1]]]]]]]]]]", str(2**53), '"plaza"', '"2026-12-01"', '"12:00"',
    ]
    fields = sorted(OPS[op].fields)
    args = ",".join(f'"{name}":{rng.choice(values)}' for name in rng.sample(fields, k=rng.randint(0, len(fields))))
    kind = rng.random()
    if kind < 0.6:
        text = f'{{"v":1,"id":"fuzz-{rng.getrandbits(40):x}","op":"{op}","args":{{{args}}}}}'
    elif kind < 0.7:
        text = "[" * rng.randint(1, 8000) + "]" * rng.randint(0, 8000)
    elif kind < 0.8:
        text = f'{{"v":{rng.choice(values)},"id":{rng.choice(values)},"op":"{op}"}}'
    else:
        return rng.randbytes(rng.randint(0, 2000))
    return text.encode()
