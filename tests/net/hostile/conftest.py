"""Raw CURVE sockets for the hostile suite: frames a well-behaved ``CityLink`` would never send."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import zmq

from net.hub.layout import HubLayout, make_client_dir
from net.keys import load_curve
from net.protocol import Role, encode_request


class RawClient:
    """A DEALER speaking CURVE to the hub's services socket with any key; sends bytes as given."""

    def __init__(self, ctx: zmq.Context, endpoint: str, hub_public: bytes, keys: tuple[bytes, bytes] | None = None):
        public, secret = keys or zmq.curve_keypair()
        self.socket = ctx.socket(zmq.DEALER)
        self.socket.linger = 0
        self.socket.curve_serverkey = hub_public
        self.socket.curve_publickey = public
        self.socket.curve_secretkey = secret
        self.socket.connect(endpoint)

    def send(self, *frames: bytes) -> None:
        self.socket.send_multipart(list(frames))

    def recv(self, timeout: float = 5.0) -> dict[str, Any] | None:
        if not self.socket.poll(int(timeout * 1000)):
            return None
        return json.loads(self.socket.recv())

    def ask(self, raw: bytes, timeout: float = 5.0) -> dict[str, Any] | None:
        self.send(raw)
        return self.recv(timeout)

    def call(self, op: str, args: dict[str, Any] | None = None, timeout: float = 5.0) -> dict[str, Any] | None:
        """A well-formed request; the reply whose id matches (earlier stray replies are skipped)."""
        rid = uuid.uuid4().hex
        self.send(encode_request(rid, op, args or {}))
        while True:
            reply = self.recv(timeout)
            if reply is None or reply.get("id") == rid:
                return reply

    def close(self) -> None:
        self.socket.close(linger=0)


def enrolled_keys(layout: HubLayout, directory: Path, role: Role, name: str) -> tuple[bytes, bytes]:
    make_client_dir(layout, directory, role, name)
    keys = load_curve(directory / "client.key_secret")
    return keys.public, keys.secret


@pytest.fixture
def raw_client(zmq_ctx, tmp_path) -> Iterator:
    """``raw_client(layout, endpoints, role=None)``: a raw socket, anonymous or enrolled in ``role``."""
    made: list[RawClient] = []

    def make(layout: HubLayout, endpoints: dict[str, str], role: Role | None = None) -> RawClient:
        keys = None
        if role is not None:
            keys = enrolled_keys(layout, tmp_path / "raw" / f"c{len(made)}", role, f"raw{len(made)}")
        client = RawClient(zmq_ctx, endpoints["services"], layout.hub_keys().public, keys)
        made.append(client)
        return client

    yield make
    for client in made:
        client.close()


def request(op: str, args: Any, rid: str = "hostile-0001") -> bytes:
    return json.dumps({"v": 1, "id": rid, "op": op, "args": args}).encode()
