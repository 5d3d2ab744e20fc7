"""ZAP authentication: which CURVE client keys may talk to the hub, and in which role.

The hub answers ZeroMQ's ZAP requests itself (a REP socket on ``inproc://zeromq.zap.01`` polled in the hub loop),
so there is no authenticator thread. The allow-list is a directory per role holding public certificates
(``clients/<role>/<name>.key``); it is re-read when a directory changes, so enrolling a kiosk needs no restart.
The accepted client gets ``User-Id = "<role>:<z85 public key>"``, which the hub reads from every message frame.

Policy (see PROTOCOL.md): the alerts socket accepts every CURVE client (alerts are public and signed end to end;
no one should miss a warning for lack of enrolment). The services socket accepts enrolled keys in their role and,
when ``allow_anonymous`` is set, unknown keys as ``anonymous`` (read-only); otherwise unknown keys are refused.
"""

from __future__ import annotations

import logging
from pathlib import Path

import zmq
import zmq.auth

from net.keys import write_public_curve
from net.protocol import Role

ZAP_ENDPOINT = "inproc://zeromq.zap.01"
ALERTS_DOMAIN = b"alerts"
SERVICES_DOMAIN = b"services"
PRESENCE_DOMAIN = b"presence"  # avatar states in; treated like services: enrolled roles, anonymous if allowed
ENROLLED_ROLES = (Role.CITIZEN, Role.KIOSK, Role.STAFF)

log = logging.getLogger(__name__)


class ClientRegistry:
    """Enrolled client keys by role, reloaded when a role directory's modification time changes."""

    def __init__(self, clients_dir: Path) -> None:
        self.clients_dir = clients_dir
        self._stamp: tuple[int, ...] = ()
        self._roles: dict[bytes, Role] = {}

    def role_of(self, public_z85: bytes) -> Role | None:
        self._reload_if_changed()
        return self._roles.get(public_z85)

    def _reload_if_changed(self) -> None:
        dirs = [self.clients_dir / r for r in ENROLLED_ROLES]
        stamp = tuple(d.stat().st_mtime_ns if d.is_dir() else 0 for d in dirs)
        if stamp == self._stamp:
            return
        roles: dict[bytes, Role] = {}
        complete = True
        for role, directory in zip(ENROLLED_ROLES, dirs, strict=True):
            for path in sorted(directory.glob("*.key")) if directory.is_dir() else ():
                try:
                    public, _ = zmq.auth.load_certificate(str(path))
                except (OSError, ValueError) as exc:
                    log.warning("skipping unreadable client key %s: %s", path, exc)
                    complete = False  # read again next time rather than caching a partial list
                    continue
                roles[public] = role  # a key enrolled twice keeps the later (more privileged) role
        self._roles, self._stamp = roles, (stamp if complete else ())


def enroll(clients_dir: Path, role: Role, name: str, public_z85: bytes) -> Path:
    """Add a client's public key to the allow-list in ``role``."""
    if role not in ENROLLED_ROLES:
        raise ValueError(f"cannot enroll as {role}")
    path = clients_dir / str(role) / f"{name}.key"
    write_public_curve(path, public_z85)
    return path


class ZapHandler:
    """Answers ZAP requests on the hub's context."""

    def __init__(self, ctx: zmq.Context, registry: ClientRegistry, allow_anonymous: bool) -> None:
        self.registry = registry
        self.allow_anonymous = allow_anonymous
        self.socket = ctx.socket(zmq.REP)
        self.socket.linger = 0
        self.socket.bind(ZAP_ENDPOINT)

    def handle(self) -> None:
        """Answer one pending request (call when the socket is readable)."""
        frames = self.socket.recv_multipart()
        if len(frames) < 6 or frames[0] != b"1.0":
            log.warning("malformed ZAP request dropped")
            request_id = frames[1] if len(frames) > 1 else b""
            self.socket.send_multipart([b"1.0", request_id, b"500", b"bad request", b"", b""])
            return
        request_id, domain, address, mechanism = frames[1], frames[2], frames[3], frames[5]
        status, text, user = self.decide(domain, mechanism, frames[6:])
        if status != b"200":
            log.info("refused %s client from %s: %s", domain.decode(errors="replace"), address.decode(errors="replace"),
                     text.decode())
        self.socket.send_multipart([b"1.0", request_id, status, text, user, b""])

    def decide(self, domain: bytes, mechanism: bytes, credentials: list[bytes]) -> tuple[bytes, bytes, bytes]:
        if mechanism != b"CURVE" or len(credentials) != 1 or len(credentials[0]) != 32:
            return b"400", b"CURVE required", b""
        public = zmq.utils.z85.encode(credentials[0])
        role = self.registry.role_of(public)
        if domain == ALERTS_DOMAIN:
            role = role or Role.ANONYMOUS
        elif domain in (SERVICES_DOMAIN, PRESENCE_DOMAIN):
            if role is None and self.allow_anonymous:
                role = Role.ANONYMOUS
        else:
            return b"400", b"unknown domain", b""
        if role is None:
            return b"400", b"client key not enrolled", b""
        return b"200", b"OK", f"{role}:{public.decode('ascii')}".encode("ascii")

    def close(self) -> None:
        self.socket.close(linger=0)
