"""Presence across relay processes: Redis pub/sub keyed by interest cell (issue 18).

A relay (a hub process started with ``--broker redis://…``) serves the visitors attached to it as before, and
also publishes what it relays on the broker under the same topic the visitors subscribe to (a cell, a scene),
and subscribes on the broker to the cells its own visitors can hear. So a relay carries only the cells its
visitors can see, however large the city, and visitors on different relays see each other. Why Redis: it is a
Debian package (``redis-server``; Valkey, its fork, speaks the same protocol), its pub/sub is fire-and-forget
like the presence channel itself (a lost state is replaced by the next one 0.1 s later), and channels cost
nothing until subscribed, so one channel per cell needs no set-up.

On the broker a message is ``origin (8 bytes) | count (uint16) | count × (avatar id uint32, sender tag 8 bytes)
| body`` (``net.presence.codec.pack``), the body exactly as on the visitors' channel. The tags let a receiving
relay keep its own visitors' blocks: a tag is a keyed hash of the sender's client key, so a relay can match it
against the keys its visitors hid while the 10 Hz traffic carries no key (client keys, which are public keys,
pass only in the rare block messages and the avatar owners' records). Control messages (blocks made or lifted
on another relay, "resend the states in this cell") go on one channel all relays hear. The broker is internal:
on a private address with a password, never reachable by visitors.

The broker client runs in a thread of its own (redis-py's pub/sub object belongs to one thread): it applies the
relay's subscription changes and pushes what arrives to the hub's loop over an inproc socket, as the alert feed
does. Publishing is done from the hub's loop, one pipelined round trip per tick. Shared facts that a relay must
look up (an avatar id's owner for a block or a report, names taken in a scene, the next avatar id) are plain keys.
"""

from __future__ import annotations

import hashlib
import json
import logging
import queue
import secrets
import threading
import time
from typing import Any

import zmq

from net.presence.codec import CONTROL, PREFIX, pack

log = logging.getLogger(__name__)

PROFILE_TTL = 24 * 3600  # seconds an avatar id's owner stays findable (reports after the visitor left)
TIMEOUT = 0.5  # seconds a call to the broker may take: the hub's loop waits for it
DOWN_PAUSE = 1.0  # seconds without publishing after a failure, so a dead broker costs one timeout a second


class CellBus:
    """The relay's side of the broker. :meth:`want`/:meth:`drop` change the cells heard, :meth:`publish` sends,
    and what arrives is pushed as ``[channel, payload]`` to the inproc ``endpoint`` the hub's loop polls."""

    def __init__(self, url: str, ctx: zmq.Context, endpoint: str, retry: float = 0.5) -> None:
        import redis  # here, not at import: the embedded hub (one relay, no broker) never needs it

        self.url, self.retry = url, retry
        self.origin = secrets.token_bytes(8)
        self.redis = redis.Redis.from_url(url, socket_timeout=TIMEOUT, socket_connect_timeout=TIMEOUT)
        self._errors = redis.RedisError
        self._down_until = 0.0
        # Tags must be comparable across relays but useless for guessing keys: keyed by a secret all relays share.
        self._tag_key = self._shared_secret()
        self._changes: queue.Queue[tuple[bool, list[bytes]]] = queue.Queue()
        self._push = ctx.socket(zmq.PUSH)
        self._push.linger = 0
        self._push.connect(endpoint)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="cell-bus", daemon=True)
        self._tags: dict[str, bytes] = {}

    def _shared_secret(self) -> bytes:
        self.redis.set(b"mseoul:tagkey", secrets.token_bytes(16), nx=True)
        return bytes(self.redis.get(b"mseoul:tagkey"))

    def start(self) -> None:
        self._changes.put((True, [CONTROL]))
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(5)
        self._push.close(linger=0)
        self.redis.close()

    def tag(self, client: str) -> bytes:
        tag = self._tags.get(client)
        if tag is None:
            if len(self._tags) > 100_000:
                self._tags.clear()
            tag = self._tags[client] = hashlib.blake2b(client.encode(), key=self._tag_key, digest_size=8).digest()
        return tag

    # -- subscriptions (applied by the thread) ----------------------------------------------------------------

    def want(self, topics: list[bytes]) -> None:
        if topics:
            self._changes.put((True, [PREFIX + t for t in topics]))

    def drop(self, topics: list[bytes]) -> None:
        if topics:
            self._changes.put((False, [PREFIX + t for t in topics]))

    def _run(self) -> None:
        import redis

        subscribed: set[bytes] = set()
        failing = False
        while not self._stop.is_set():
            pubsub = self.redis.pubsub(ignore_subscribe_messages=True)
            try:
                if subscribed:
                    pubsub.subscribe(*subscribed)
                failing = False
                while not self._stop.is_set():
                    self._apply_changes(pubsub, subscribed)
                    message = pubsub.get_message(timeout=0.005)
                    while message is not None:
                        if message["type"] == "message":
                            self._push.send_multipart([message["channel"], message["data"]])
                        message = pubsub.get_message(timeout=0)
            except redis.RedisError as exc:
                (log.debug if failing else log.warning)("presence broker: %s; subscribing again every %.1f s", exc,
                                                        self.retry)
                failing = True
                self._stop.wait(self.retry)
            finally:
                pubsub.close()

    def _apply_changes(self, pubsub: Any, subscribed: set[bytes]) -> None:
        added: list[bytes] = []
        while True:
            try:
                add, channels = self._changes.get_nowait()
            except queue.Empty:
                break
            if add:
                new = [c for c in channels if c not in subscribed]
                subscribed.update(new)
                if new:
                    pubsub.subscribe(*new)
                    added += new
            else:
                gone = [c for c in channels if c in subscribed]
                subscribed.difference_update(gone)
                if gone:
                    pubsub.unsubscribe(*gone)
        cells = [c[len(PREFIX):] for c in added if c.startswith(PREFIX + b"c")]
        if cells:
            # Newly heard cells: whoever stands in them, on any relay, sends their state again now rather than
            # at their next keepalive (up to 2 s away), so a visitor walking in sees the people standing there.
            self.redis.publish(CONTROL, pack(self.origin, [], json.dumps({"resend": [c.hex() for c in cells]})
                                             .encode()))

    # -- the hub loop's calls ---------------------------------------------------------------------------------

    def publish(self, messages: list[tuple[bytes, bytes]]) -> None:
        """``(channel, payload)`` pairs (channels from :func:`channel`), in one pipelined round trip."""
        """While the broker is down, messages are dropped (presence is fire-and-forget: the next states replace
        them) and our own visitors still see each other; one warning per outage."""
        now = time.monotonic()
        if not messages or now < self._down_until:
            return
        pipe = self.redis.pipeline(transaction=False)
        for channel, payload in messages:
            pipe.publish(channel, payload)
        try:
            pipe.execute()
        except self._errors as exc:
            if not self._down_until:
                log.warning("presence broker unreachable (%s): relaying to this process's visitors only", exc)
            self._down_until = now + DOWN_PAUSE
            return
        if self._down_until:
            log.warning("presence broker reachable again")
            self._down_until = 0.0

    def control(self, payload: dict[str, Any]) -> None:
        self.redis.publish(CONTROL, pack(self.origin, [], json.dumps(payload).encode()))

    def next_avatar_id(self) -> int:
        """Avatar ids unique across the relays (a visitor on one relay must not share an id with one on another)."""
        return int(self.redis.incr(b"mseoul:avatar"))

    def remember(self, avatar_id: int, profile: dict[str, Any]) -> None:
        self.redis.set(b"mseoul:who:%d" % avatar_id, json.dumps(profile, ensure_ascii=False), ex=PROFILE_TTL)

    def recall(self, ids: list[int]) -> dict[int, dict[str, Any]]:
        """The profiles (client, name, look, scene, staff, kiosk) of avatar ids joined on any relay."""
        if not ids:
            return {}
        found = self.redis.mget([b"mseoul:who:%d" % i for i in ids])
        return {i: json.loads(v) for i, v in zip(ids, found, strict=True) if v is not None}

    def claim_name(self, scene: str, name: str) -> bool:
        """Take ``name`` (case-folded) in ``scene`` across the relays; False if someone shows it already."""
        return bool(self.redis.sadd(f"mseoul:names:{scene}".encode(), name.casefold()))

    def release_name(self, scene: str, name: str) -> None:
        self.redis.srem(f"mseoul:names:{scene}".encode(), name.casefold())

