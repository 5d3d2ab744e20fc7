"""Bilingual CAP 1.2 alerts made up on the spot, for the exhibit self-check, the soak run and the alert benchmark.

Each has a fresh identifier (so the policy never treats it as a repeat), a circle around the kiosk (so the
targeting shows it), an expiry a few minutes ahead, and one info block per language. Marked ``Exercise``: these
are drills, and the overlay labels them so. Pure.
"""

from __future__ import annotations

import datetime as dt
from xml.sax.saxutils import escape

KINDS = {
    "earthquake": ("Geo", "Extreme", "위급재난문자", ("지진", "Earthquake"),
                   ("[훈련] 지진 발생. 머리를 보호하고 흔들림이 멈추면 넓은 공터로 대피하세요.",
                    "[Drill] Earthquake. Protect your head and move to open ground when the shaking stops.")),
    "heavy_rain": ("Met", "Severe", "긴급재난문자", ("호우", "Heavy rain"),
                   ("[훈련] 호우 경보. 하천과 지하 공간에 가까이 가지 마세요.",
                    "[Drill] Heavy rain warning. Keep away from rivers and underground spaces.")),
    "fine_dust": ("Env", "Moderate", "안전안내문자", ("미세먼지", "Fine dust"),
                  ("[훈련] 미세먼지 주의보. 외출을 줄이고 마스크를 쓰세요.",
                   "[Drill] Fine dust advisory. Stay indoors where you can and wear a mask.")),
}


def sample_alert(identifier: str, kind: str, location: tuple[float, float], sent: dt.datetime,
                 minutes: float = 10.0) -> bytes:
    """CAP XML bytes for a drill of ``kind`` (a key of :data:`KINDS`) around ``location``."""
    category, severity, level, events, texts = KINDS[kind]
    lat, lon = location
    sent = sent.astimezone(dt.timezone(dt.timedelta(hours=9))).replace(microsecond=0)
    expires = sent + dt.timedelta(minutes=minutes)
    infos = []
    for lang, event, text in (("ko-KR", events[0], texts[0]), ("en-US", events[1], texts[1])):
        infos.append(f"""  <info>
    <language>{lang}</language>
    <category>{category}</category>
    <event>{escape(event)}</event>
    <urgency>Immediate</urgency>
    <severity>{severity}</severity>
    <certainty>Observed</certainty>
    <expires>{expires.isoformat()}</expires>
    <senderName>Metaverse Seoul</senderName>
    <headline>{escape(text.split('. ')[0])}</headline>
    <instruction>{escape(text)}</instruction>
    <parameter><valueName>KoreanAlertLevel</valueName><value>{level}</value></parameter>
    <area><areaDesc>kiosk</areaDesc><circle>{lat:.5f},{lon:.5f} 5</circle></area>
  </info>""")
    body = "\n".join(infos)
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">
  <identifier>{escape(identifier)}</identifier>
  <sender>kiosk-drill@metaverse-seoul.example</sender>
  <sent>{sent.isoformat()}</sent>
  <status>Exercise</status>
  <msgType>Alert</msgType>
  <scope>Public</scope>
{body}
</alert>
""".encode()
