"""Who sent a CAP alert, which one it is, and when it was sent and stops applying: what replay checks need. Pure.

Both ends use it: the hub refuses an alert whose (sender, identifier) it has published before, or that is stale or
expired; a client remembers the (sender, identifier) pairs it has presented, across restarts, so an old alert
reaching it again by any path is not shown twice. Parsing uses defusedxml (no entities, no external references).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from defusedxml import ElementTree as SafeET
from defusedxml.common import DefusedXmlException

from net.protocol import MAX_ALERT_BYTES

CAP_NS = "urn:oasis:names:tc:emergency:cap:1.2"


class CapError(ValueError):
    """Not a CAP 1.2 alert the hub will publish."""


@dataclass(frozen=True)
class CapSummary:
    identifier: str
    sender: str
    sent: float | None  # epoch seconds; None when <sent> is missing or unreadable
    expires: float | None  # the latest <info><expires>; None when no info says
    msg_type: str


def _when(text: str | None) -> float | None:
    if not text:
        return None
    try:
        moment = datetime.fromisoformat(text.strip())
    except ValueError:
        return None
    return moment.timestamp() if moment.tzinfo is not None else None  # CAP requires an offset


def summarise(xml: bytes) -> CapSummary:
    """The replay-relevant fields of ``xml``, which must be a well-formed CAP 1.2 alert within the size limit."""
    if len(xml) > MAX_ALERT_BYTES:
        raise CapError(f"larger than {MAX_ALERT_BYTES} bytes")
    try:
        root = SafeET.fromstring(xml)
    except (SafeET.ParseError, DefusedXmlException) as exc:
        raise CapError(f"not safe, well-formed XML: {exc}") from None
    if root.tag != f"{{{CAP_NS}}}alert":
        raise CapError("root element is not a CAP 1.2 <alert>")
    identifier = (root.findtext(f"{{{CAP_NS}}}identifier") or "").strip()
    if not identifier or len(identifier) > 200:
        raise CapError("missing or overlong <identifier>")
    sender = (root.findtext(f"{{{CAP_NS}}}sender") or "").strip()[:200]
    expiries = [_when(e.text) for e in root.iterfind(f"{{{CAP_NS}}}info/{{{CAP_NS}}}expires")]
    known = [e for e in expiries if e is not None]
    return CapSummary(
        identifier, sender, _when(root.findtext(f"{{{CAP_NS}}}sent")), max(known) if known else None,
        (root.findtext(f"{{{CAP_NS}}}msgType") or "").strip(),
    )
