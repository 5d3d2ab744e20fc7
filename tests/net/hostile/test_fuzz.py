"""Bounded random fuzz: thousands of frames from anonymous, citizen and staff keys, and the hub still answers a good
request after every batch (hypothesis for structured JSON, plus the attack module's hand-made nasties)."""

from __future__ import annotations

import json
import random
import time

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from net.hub.ratelimit import Limit
from net.protocol import OPS, Role
from net.tools.attack import random_frame

BATCH = 60
BATCHES = 36  # 2,160 frames
UNLIMITED = {role: Limit(1e9, 1e9) for role in Role}  # so frames reach the handlers, not only the rate limiter

scalars = st.one_of(
    st.none(), st.booleans(), st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=True, allow_infinity=True), st.text(max_size=300),
    st.sampled_from(["plaza", "2026-12-01", "12:00", "seoul-plaza", "road", "2026-12-01T10:00", "1,2,3"]),
)
values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner,
                                                                                           max_size=4), max_leaves=8)


@st.composite
def requests(draw) -> bytes:
    op = draw(st.sampled_from(sorted(OPS)) | st.text(max_size=20))
    names = sorted(OPS[op].fields) if op in OPS else []
    args = draw(st.dictionaries(st.sampled_from(names) if names else st.text(max_size=5), values, max_size=6))
    envelope = {"v": draw(st.sampled_from([1, 1, 1, 2, "1", None])), "id": draw(st.from_regex(
        r"[A-Za-z0-9_-]{8,20}", fullmatch=True) | st.text(max_size=10)), "op": op, "args": args}
    return json.dumps(envelope).encode()


frames = st.one_of(requests(), st.randoms(use_true_random=False).map(random_frame), st.binary(max_size=600))


def test_fuzzed_frames_from_every_role_never_stop_the_hub(start_hub, raw_client):
    hub = start_hub(limits=UNLIMITED, reply_bytes=UNLIMITED)
    clients = [raw_client(hub.layout, hub.endpoints, role) for role in (None, Role.CITIZEN, Role.STAFF)]
    counted = {"frames": 0, "replies": 0}
    started = time.monotonic()

    @settings(max_examples=BATCHES, deadline=None, derandomize=True, database=None, phases=[Phase.generate],
              suppress_health_check=list(HealthCheck))
    @given(st.lists(frames, min_size=BATCH, max_size=BATCH), st.randoms(use_true_random=False))
    def batch(sent: list[bytes], rng: random.Random) -> None:
        for raw in sent:
            rng.choice(clients).send(raw)
        counted["frames"] += len(sent)
        for client in clients:
            # A frame over the size limit drops its connection (libzmq MAXMSGSIZE), and a request written into
            # the dying connection is lost with it: ask again, as the client's link would.
            good = next(filter(None, (client.call("hello", timeout=3) for _ in range(3))), None)
            assert good is not None and good["ok"], "the hub stopped answering"
            while client.socket.poll(0):  # the fuzzed frames' answers: every one a well-formed reply
                reply = json.loads(client.socket.recv())
                assert reply["v"] == 1 and isinstance(reply["ok"], bool)
                counted["replies"] += 1

    batch()
    assert counted["frames"] >= 2000
    assert hub.thread.is_alive()
    print(f"{counted['frames']} fuzzed frames in {time.monotonic() - started:.1f} s")
