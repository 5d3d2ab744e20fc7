"""Detached Ed25519 signatures over the exact bytes of a CAP alert.

Verification happens before any XML parsing, so a forged document never reaches a parser. The signed message is
``DOMAIN + xml`` so a signature made for an alert can never be replayed as a signature over something else that
the same key signs. Why Ed25519 and not XML-DSig: see ``net/PROTOCOL.md``.
"""

from __future__ import annotations

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from net.keys import key_id

DOMAIN = b"metaverse-seoul/cap-alert/v1\x00"
SIGNATURE_BYTES = 64


def sign(private: Ed25519PrivateKey, xml: bytes) -> tuple[str, bytes]:
    """(key id, signature) for ``xml``."""
    return key_id(private.public_key()), private.sign(DOMAIN + xml)


def verify(pinned: dict[str, Ed25519PublicKey], kid: str, xml: bytes, signature: bytes) -> str | None:
    """``None`` when the signature is good under a pinned key, else why it is not (for the log)."""
    public = pinned.get(kid)
    if public is None:
        return f"unknown authority key {kid[:32]!r}"
    if len(signature) != SIGNATURE_BYTES:
        return "missing or malformed signature"
    try:
        public.verify(signature, DOMAIN + xml)
    except InvalidSignature:
        return "signature does not match"
    return None
