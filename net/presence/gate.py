"""When a client sends its state: at most ``max_hz``, only when the encoded state changed, and a keepalive.

Comparing the *encoded* bytes (without the timestamp) means a change below the wire's resolution (a millimetre of
head bob in a 1 cm position) sends nothing. A visitor standing still still sends one state every ``keepalive``
seconds, so the hub and the others can tell "standing" from "gone". Pure; the clock is handed in.
"""

from __future__ import annotations

from net.presence.codec import AvatarState, encode_state

MAX_HZ = 10.0
KEEPALIVE = 2.0
_T_SLICE = slice(2, 6)  # where t sits in an encoded state


class UpdateGate:
    def __init__(self, max_hz: float = MAX_HZ, keepalive: float = KEEPALIVE) -> None:
        self.interval, self.keepalive = 1.0 / max_hz, keepalive
        self._last_body: bytes | None = None
        self._last_sent = float("-inf")

    def offer(self, state: AvatarState, now: float) -> bytes | None:
        """The message to send now for ``state`` (time stamped from ``now``), or None to send nothing."""
        since = now - self._last_sent
        if since < self.interval - 0.001:  # a millisecond of slack: frame times are not exact multiples
            return None
        raw = encode_state(state, int(now * 1000))
        body = raw[:_T_SLICE.start] + raw[_T_SLICE.stop:]
        if body == self._last_body and since < self.keepalive:
            return None
        self._last_body, self._last_sent = body, now
        return raw

    def reset(self) -> None:
        """Send the next state at once (after joining a scene)."""
        self._last_body, self._last_sent = None, float("-inf")
