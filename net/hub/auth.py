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
import os
import re
import time
from collections.abc import Callable
from dataclasses import dataclass
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
REVOKED_DIR = "revoked"  # clients/revoked/<role>/<name>.key: keys an operator took back, refused at the handshake
CLIENT_NAME = re.compile(r"^[A-Za-z0-9_-]{1,64}$")  # a file name in one directory: no separators, no dots

log = logging.getLogger(__name__)


class ClientRegistry:
    """Enrolled client keys by role, reloaded when a role directory's modification time changes."""

    def __init__(self, clients_dir: Path, recheck: float = 0.2, clock: Callable[[], float] = time.monotonic) -> None:
        self.clients_dir = clients_dir
        self.recheck, self.clock = recheck, clock  # directories are stat()ed at most every ``recheck`` seconds
        self._checked = float("-inf")
        self._stamp: tuple[int, ...] = ()
        self._roles: dict[bytes, Role] = {}
        self._revoked: set[bytes] = set()

    def role_of(self, public_z85: bytes, fresh: bool = False) -> Role | None:
        """The key's enrolled role; None for unknown and revoked keys (re-read when the directories change;
        ``fresh`` looks now, for handshakes, rather than at most every ``recheck`` seconds)."""
        self._reload_if_changed(fresh)
        return None if public_z85 in self._revoked else self._roles.get(public_z85)

    def is_revoked(self, public_z85: bytes) -> bool:
        self._reload_if_changed(fresh=True)
        return public_z85 in self._revoked

    def still_allowed(self, public_z85: str, role: Role) -> bool:
        """Whether a connection admitted in ``role`` may still act in it (its key was not revoked or removed)."""
        return role is Role.ANONYMOUS or self.role_of(public_z85.encode("ascii")) is role

    def _reload_if_changed(self, fresh: bool = False) -> None:
        now = self.clock()
        if not fresh and now - self._checked < self.recheck:
            return
        self._checked = now
        dirs = [self.clients_dir / r for r in ENROLLED_ROLES]
        revoked_dirs = [self.clients_dir / REVOKED_DIR / r for r in ENROLLED_ROLES]
        stamp = tuple(d.stat().st_mtime_ns if d.is_dir() else 0 for d in (*dirs, *revoked_dirs))
        if stamp == self._stamp:
            return
        roles: dict[bytes, Role] = {}
        revoked: set[bytes] = set()
        complete = True
        for role, directory, gone in zip(ENROLLED_ROLES, dirs, revoked_dirs, strict=True):
            for path in sorted(directory.glob("*.key")) if directory.is_dir() else ():
                public = _load_public(path)
                if public is None:
                    complete = False  # read again next time rather than caching a partial list
                    continue
                roles[public] = role  # a key enrolled twice keeps the later (more privileged) role
            for path in sorted(gone.glob("*.key")) if gone.is_dir() else ():
                public = _load_public(path)
                if public is None:
                    complete = False
                    continue
                revoked.add(public)
        self._roles, self._revoked, self._stamp = roles, revoked, (stamp if complete else ())


def _load_public(path: Path) -> bytes | None:
    try:
        public, _ = zmq.auth.load_certificate(str(path))
    except (OSError, ValueError) as exc:
        log.warning("skipping unreadable client key %s: %s", path, exc)
        return None
    return public


def check_name(name: str) -> str:
    """``name`` if it may name a client key file, else ValueError (``../staff/evil`` must not pick a role)."""
    if not CLIENT_NAME.fullmatch(name):
        raise ValueError(f"client name must be 1-64 of A-Z a-z 0-9 _ - (got {name[:80]!r})")
    return name


@dataclass(frozen=True)
class ClientKey:
    name: str
    role: Role
    status: str  # "active" or "revoked"
    public: str


def list_clients(clients_dir: Path) -> list[ClientKey]:
    """Every enrolled and revoked client key, by role and name."""
    out = []
    for status, base in (("active", clients_dir), ("revoked", clients_dir / REVOKED_DIR)):
        for role in ENROLLED_ROLES:
            for path in sorted((base / str(role)).glob("*.key")):
                public = _load_public(path)
                out.append(ClientKey(path.stem, role, status, (public or b"?").decode("ascii")))
    return out


def revoke(clients_dir: Path, name: str) -> list[Path]:
    """Move ``name``'s key out of every role's allow-list into ``revoked/``; the moved paths (empty: unknown)."""
    check_name(name)
    moved = []
    for role in ENROLLED_ROLES:
        path = clients_dir / str(role) / f"{name}.key"
        if path.exists():
            target = clients_dir / REVOKED_DIR / str(role) / path.name
            target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            n = 1
            while target.exists():  # a name enrolled and revoked again: keep every revoked key
                n += 1
                target = target.with_name(f"{name}~{n}.key")
            os.replace(path, target)
            moved.append(target)
    return moved


def enroll(clients_dir: Path, role: Role, name: str, public_z85: bytes) -> Path:
    """Add a client's public key to the allow-list in ``role``."""
    if role not in ENROLLED_ROLES:
        raise ValueError(f"cannot enroll as {role}")
    path = clients_dir / str(role) / f"{check_name(name)}.key"
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
        if domain != ALERTS_DOMAIN and self.registry.is_revoked(public):
            return b"400", b"client key revoked", b""  # alerts stay open to it: warnings are for everyone
        role = self.registry.role_of(public, fresh=True)
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
