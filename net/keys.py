"""Key files: CURVE keypairs for sockets and Ed25519 keys for alert authorities.

CURVE keys use ZeroMQ's own certificate format (``name.key`` public, ``name.key_secret`` secret, Z85 inside),
so operators can use the standard tools. Authority keys are Ed25519: the private key as unencrypted PKCS#8 PEM
(mode 0600), the public key as ``<key id>.pub`` holding the raw 32 bytes in base64. The key id is derived from
the public key, so a pinned key cannot be swapped under the same id.
"""

from __future__ import annotations

import base64
import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

import zmq
import zmq.auth
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey


@dataclass(frozen=True)
class CurveKeys:
    """A CURVE keypair in Z85 (what pyzmq's socket options take). ``secret`` is empty for a public-only key."""

    public: bytes
    secret: bytes = b""


def private_dir(path: Path) -> Path:
    """``path`` as a directory only its owner can enter (0700), created with its parents if missing."""
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    os.chmod(path, 0o700)
    return path


def private_file(path: Path) -> Path:
    """Create ``path`` empty if missing; make it readable by its owner only (0600). SQLite gives a database's
    -wal and -shm files the database file's mode, so this before connecting keeps those private too."""
    os.close(os.open(path, os.O_WRONLY | os.O_CREAT, 0o600))
    os.chmod(path, 0o600)
    return path


def create_curve(directory: Path, name: str) -> CurveKeys:
    """Write a new keypair as ``name.key``/``name.key_secret`` unless it exists; return it."""
    private_dir(directory)
    if not (directory / f"{name}.key_secret").exists():
        zmq.auth.create_certificates(str(directory), name)
        os.chmod(directory / f"{name}.key_secret", 0o600)
    return load_curve(directory / f"{name}.key_secret")


def load_curve(path: Path) -> CurveKeys:
    """Load a certificate; a ``.key`` file gives the public key only."""
    public, secret = zmq.auth.load_certificate(str(path))
    return CurveKeys(public, secret or b"")


def write_public_curve(path: Path, public: bytes) -> None:
    """Write a public-only certificate (what a hub pins for a client, or a client for the hub).

    Written under a temporary name and renamed, so a hub scanning its allow-list never reads half a file.
    """
    write_atomically(path, "#   ZeroMQ CURVE Public Certificate\n"
                           "curve\n"
                           f'    public-key = "{public.decode("ascii")}"\n')


def write_atomically(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` so that a reader sees the old file or the new one, never a part of either.

    The hubs and relays of one ``net.city up`` start at once over one data folder and each pins the same keys:
    a plain rewrite (truncate, then write) let another process read an empty key file and fail to start. Each
    writer uses a temporary name of its own (its process id) and renames it into place; a file that already holds
    ``text`` is left alone.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.exists() and path.read_bytes() == text.encode("ascii"):
        return
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_text(text, encoding="ascii")
    os.replace(tmp, path)


def key_id(public: Ed25519PublicKey) -> str:
    """Short stable name of an authority key: 16 hex digits of the SHA-256 of its raw bytes."""
    raw = public.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return hashlib.sha256(raw).hexdigest()[:16]


def create_authority(private_path: Path, pinned_dir: Path) -> Ed25519PrivateKey:
    """Create (or load) an authority signing key and pin its public half in ``pinned_dir``."""
    if private_path.exists():
        private = load_authority_private(private_path)
    else:
        private = Ed25519PrivateKey.generate()
        private_path.parent.mkdir(parents=True, exist_ok=True)
        pem = private.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
        fd = os.open(private_path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as out:
            out.write(pem)
    pin_authority(pinned_dir, private.public_key())
    return private


def load_authority_private(path: Path) -> Ed25519PrivateKey:
    key = serialization.load_pem_private_key(path.read_bytes(), password=None)
    if not isinstance(key, Ed25519PrivateKey):
        raise ValueError(f"{path}: not an Ed25519 private key")
    return key


def pin_authority(pinned_dir: Path, public: Ed25519PublicKey) -> Path:
    raw = public.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    path = pinned_dir / f"{key_id(public)}.pub"
    write_atomically(path, base64.b64encode(raw).decode("ascii") + "\n")
    return path


def load_pinned_authorities(pinned_dir: Path) -> dict[str, Ed25519PublicKey]:
    """Every ``*.pub`` in ``pinned_dir`` by key id; a file whose name disagrees with its key is refused."""
    out: dict[str, Ed25519PublicKey] = {}
    for path in sorted(pinned_dir.glob("*.pub")):
        public = Ed25519PublicKey.from_public_bytes(base64.b64decode(path.read_text(encoding="ascii").strip()))
        kid = key_id(public)
        if kid != path.stem:
            raise ValueError(f"{path}: file name does not match key id {kid}")
        out[kid] = public
    return out
