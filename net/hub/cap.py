"""Just enough CAP 1.2 for the hub: check a document before publishing it, and build one from a disaster message.

The hub does not interpret alerts (the app's ``game.alerts`` does); it only refuses what is not a CAP alert so an
operator's typo never goes out signed. Parsing uses defusedxml (no entities, no external references).
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any
from xml.etree.ElementTree import Element, SubElement, tostring

from net.capinfo import CAP_NS, CapError, CapSummary, summarise
from net.citydata import DisasterText

__all__ = ["CapError", "check_cap", "from_city_disaster", "from_disaster_message"]

KST = timezone(timedelta(hours=9))

# 행정안전부 emergency steps → CAP severity and urgency.
STEP_SEVERITY = {
    "위급재난": ("Extreme", "Immediate"),
    "긴급재난": ("Severe", "Immediate"),
    "안전안내": ("Minor", "Expected"),
}
# How long a disaster message stays in force (CAP <expires> = sent + this), by step. The API gives no end time, and
# an alert without one would be shown to every newly started kiosk forever. An extreme alert (air raid, strong
# earthquake) is about acting now and is followed by new messages as things change, so it lapses soonest; a safety
# notice (heat wave, fine dust) typically covers the rest of the day. Unknown steps get the middle value.
STEP_LIFETIME = {
    "위급재난": timedelta(hours=3),
    "긴급재난": timedelta(hours=6),
    "안전안내": timedelta(hours=12),
}
DEFAULT_LIFETIME = timedelta(hours=6)
# CRT_DT as the API has been seen to write it: slashes or dashes, with or without fractional seconds (the city
# data's disaster texts: the same, or to the minute).
CRT_DT_FORMATS = ("%Y/%m/%d %H:%M:%S", "%Y/%m/%d %H:%M:%S.%f", "%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M:%S.%f",
                  "%Y/%m/%d %H:%M", "%Y-%m-%d %H:%M")
_CONTROL = {c: " " for c in (*range(0, 9), 11, 12, *range(14, 32), 127)}  # XML 1.0 cannot hold these


def _created(text: str) -> datetime:
    for fmt in CRT_DT_FORMATS:
        try:
            return datetime.strptime(text.strip(), fmt).replace(tzinfo=KST)
        except ValueError:
            continue
    raise CapError(f"CRT_DT {text[:40]!r} is not YYYY/MM/DD HH:MM[:SS[.ffffff]]")


# Disaster kinds (DST_SE_NM) → CAP category; anything else is "Other".
KIND_CATEGORY = {
    "지진": "Geo", "지진해일": "Geo", "호우": "Met", "태풍": "Met", "대설": "Met", "한파": "Met", "폭염": "Met",
    "강풍": "Met", "황사": "Env", "미세먼지": "Env", "화재": "Fire", "산불": "Fire", "공습": "Security",
    "민방공": "Security", "교통": "Transport", "감염병": "Health",
}


def check_cap(xml: bytes) -> CapSummary:
    """What the hub needs to know of ``xml`` if it is a well-formed CAP 1.2 alert within size limits."""
    return summarise(xml)


def from_disaster_message(item: dict[str, Any], sender: str) -> bytes:
    """A CAP 1.2 alert for one record of the public disaster-message API (safetydata.go.kr DSSP-IF-00247)."""
    sn, text = item.get("SN"), item.get("MSG_CN")
    if not isinstance(sn, int | str) or not str(sn).isdigit() or not isinstance(text, str) or not text.strip():
        raise CapError("record without SN or MSG_CN")
    return _disaster_alert(f"KR-MOIS-DSSP-{sn}", text, str(item.get("EMRG_STEP_NM") or ""),
                           str(item.get("DST_SE_NM") or ""), str(item.get("CRT_DT")),
                           str(item.get("RCPTN_RGN_NM") or "대한민국"), sender)


def from_city_disaster(text: DisasterText, area: str, sender: str) -> bytes:
    """A CAP 1.2 alert for a disaster text the city data lists for hotspot ``area`` (``LIVE_DST_MESSAGE``),
    identified by its fingerprint (the city data gives no serial number)."""
    if not text.text:
        raise CapError("disaster text without a message")
    return _disaster_alert(f"KR-SEOUL-CITYDATA-{text.key}", text.text, text.step, text.kind, text.created,
                           f"서울특별시 {area}", sender)


def _disaster_alert(identifier: str, text: str, step: str, kind: str, created: str, region: str,
                    sender: str) -> bytes:
    """One disaster text as CAP: the step gives severity, urgency and lifetime; the kind the category."""
    text = text.translate(_CONTROL)
    if not text.strip():
        raise CapError("disaster text without a message")
    step, kind = step or "안전안내", kind or "기타"
    severity, urgency = STEP_SEVERITY.get(step, ("Moderate", "Expected"))
    sent = _created(created).replace(microsecond=0)
    expires = sent + STEP_LIFETIME.get(step, DEFAULT_LIFETIME)
    alert = Element("alert", xmlns=CAP_NS)
    for tag, value in (
        ("identifier", identifier), ("sender", sender), ("sent", sent.isoformat()),
        ("status", "Actual"), ("msgType", "Alert"), ("scope", "Public"),
    ):
        SubElement(alert, tag).text = value
    info = SubElement(alert, "info")
    for tag, value in (
        ("language", "ko-KR"), ("category", KIND_CATEGORY.get(kind, "Other")), ("event", kind),
        ("urgency", urgency), ("severity", severity), ("certainty", "Observed"), ("expires", expires.isoformat()),
        ("senderName", "행정안전부 Ministry of the Interior and Safety"), ("headline", f"[{step}] {kind}"),
        ("description", text.strip()),
    ):
        SubElement(info, tag).text = value
    area = SubElement(info, "area")
    SubElement(area, "areaDesc").text = region
    xml = tostring(alert, encoding="utf-8", xml_declaration=True)
    check_cap(xml)
    return xml
