"""Just enough CAP 1.2 for the hub: check a document before publishing it, and build one from a disaster message.

The hub does not interpret alerts (the app's ``game.alerts`` does); it only refuses what is not a CAP alert so an
operator's typo never goes out signed. Parsing uses defusedxml (no entities, no external references).
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any
from xml.etree.ElementTree import Element, SubElement, tostring

from defusedxml import ElementTree as SafeET
from defusedxml.common import DefusedXmlException

from net.protocol import MAX_ALERT_BYTES

CAP_NS = "urn:oasis:names:tc:emergency:cap:1.2"
KST = timezone(timedelta(hours=9))

# 행정안전부 emergency steps → CAP severity and urgency.
STEP_SEVERITY = {
    "위급재난": ("Extreme", "Immediate"),
    "긴급재난": ("Severe", "Immediate"),
    "안전안내": ("Minor", "Expected"),
}
# Disaster kinds (DST_SE_NM) → CAP category; anything else is "Other".
KIND_CATEGORY = {
    "지진": "Geo", "지진해일": "Geo", "호우": "Met", "태풍": "Met", "대설": "Met", "한파": "Met", "폭염": "Met",
    "강풍": "Met", "황사": "Env", "미세먼지": "Env", "화재": "Fire", "산불": "Fire", "공습": "Security",
    "민방공": "Security", "교통": "Transport", "감염병": "Health",
}


class CapError(ValueError):
    """Not a CAP 1.2 alert the hub will publish."""


def check_cap(xml: bytes) -> str:
    """The alert's identifier if ``xml`` is a well-formed CAP 1.2 alert within size limits."""
    if len(xml) > MAX_ALERT_BYTES:
        raise CapError(f"larger than {MAX_ALERT_BYTES} bytes")
    try:
        root = SafeET.fromstring(xml)
    except (SafeET.ParseError, DefusedXmlException) as exc:
        raise CapError(f"not safe, well-formed XML: {exc}") from None
    if root.tag != f"{{{CAP_NS}}}alert":
        raise CapError("root element is not a CAP 1.2 <alert>")
    identifier = root.findtext(f"{{{CAP_NS}}}identifier", "").strip()
    if not identifier or len(identifier) > 200:
        raise CapError("missing or overlong <identifier>")
    return identifier


def from_disaster_message(item: dict[str, Any], sender: str) -> bytes:
    """A CAP 1.2 alert for one record of the public disaster-message API (safetydata.go.kr DSSP-IF-00247)."""
    sn, text = item.get("SN"), item.get("MSG_CN")
    if not isinstance(sn, int | str) or not str(sn).isdigit() or not isinstance(text, str) or not text.strip():
        raise CapError("record without SN or MSG_CN")
    step, kind = str(item.get("EMRG_STEP_NM") or "안전안내"), str(item.get("DST_SE_NM") or "기타")
    severity, urgency = STEP_SEVERITY.get(step, ("Moderate", "Expected"))
    try:
        sent = datetime.strptime(str(item.get("CRT_DT")), "%Y/%m/%d %H:%M:%S").replace(tzinfo=KST)
    except ValueError:
        raise CapError("CRT_DT is not YYYY/MM/DD HH:MM:SS") from None
    alert = Element("alert", xmlns=CAP_NS)
    for tag, value in (
        ("identifier", f"KR-MOIS-DSSP-{sn}"), ("sender", sender), ("sent", sent.isoformat()),
        ("status", "Actual"), ("msgType", "Alert"), ("scope", "Public"),
    ):
        SubElement(alert, tag).text = value
    info = SubElement(alert, "info")
    for tag, value in (
        ("language", "ko-KR"), ("category", KIND_CATEGORY.get(kind, "Other")), ("event", kind),
        ("urgency", urgency), ("severity", severity), ("certainty", "Observed"),
        ("senderName", "행정안전부 Ministry of the Interior and Safety"), ("headline", f"[{step}] {kind}"),
        ("description", text.strip()),
    ):
        SubElement(info, tag).text = value
    area = SubElement(info, "area")
    SubElement(area, "areaDesc").text = str(item.get("RCPTN_RGN_NM") or "대한민국")
    xml = tostring(alert, encoding="utf-8", xml_declaration=True)
    check_cap(xml)
    return xml
