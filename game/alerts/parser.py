"""Parse OASIS CAP 1.2 XML into :class:`game.alerts.model.Alert`, refusing anything unsafe or invalid.

Alerts arrive from networks we do not control, so the parser is defensive first: input over
:data:`MAX_BYTES` is refused before reading it, input that does not start like XML is refused before parsing,
and any DOCTYPE (hence any entity, external or expanding) is refused by a byte scan and again by defusedxml,
so a "billion laughs" never builds a large string. Then every element of CAP 1.2 is read, required elements
and enumerations are checked, and the first problem raises :class:`CapError` naming the element and reason.
Pure (no Panda3D).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar
from xml.etree.ElementTree import Element, ParseError

import defusedxml.ElementTree as SafeET
from defusedxml import DefusedXmlException

from game.alerts import model as m

#: Refuse bigger inputs: real CAP messages are a few kilobytes; the limit bounds memory and parse time.
MAX_BYTES = 1_000_000

T = TypeVar("T")
_NS = "{" + m.CAP_NAMESPACE + "}"
# CAP 1.2 §3.3.2: dates carry an explicit numeric offset; "Z" is not allowed.
_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?[+-]\d{2}:\d{2}$")
_FORBIDDEN_ID_CHARS = re.compile(r"[\s,<&]")
_DOCTYPE_RE = re.compile(rb"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)
_TOKEN_RE = re.compile(r'"([^"]*)"|(\S+)')
_DECL_ENCODING_RE = re.compile(rb"""^(\xef\xbb\xbf)?\s*<\?xml[^>]*?\bencoding\s*=\s*["']([A-Za-z0-9._-]+)""")


class CapError(ValueError):
    """An input that is not a valid, safe CAP 1.2 alert; ``element`` says where and ``reason`` why."""

    def __init__(self, element: str, reason: str) -> None:
        super().__init__(f"<{element}>: {reason}")
        self.element = element
        self.reason = reason


def parse_file(path: Path) -> m.Alert:
    """Parse the CAP file at ``path``; its size is checked before a byte is read."""
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise CapError("alert", f"input is {size} bytes, over the {MAX_BYTES}-byte limit")
        with path.open("rb") as fh:
            data = fh.read(MAX_BYTES + 1)
    except OSError as exc:
        raise CapError("alert", f"cannot read the file: {exc.strerror or exc}") from None
    return parse(data)


def parse(data: bytes | str) -> m.Alert:
    """Parse one CAP 1.2 message from bytes (any XML-declared encoding) or text."""
    if isinstance(data, str) and len(data) > MAX_BYTES:
        raise CapError("alert", f"input is {len(data)} characters, over the {MAX_BYTES}-byte limit")
    try:
        raw = data.encode("utf-8") if isinstance(data, str) else data
    except UnicodeEncodeError as exc:
        raise CapError("alert", f"text holds an unpaired surrogate at {exc.start}") from None
    if len(raw) > MAX_BYTES:
        raise CapError("alert", f"input is {len(raw)} bytes, over the {MAX_BYTES}-byte limit")
    head = raw.lstrip(b"\xef\xbb\xbf \t\r\n")
    if not head.startswith(b"<"):
        raise CapError("alert", "input is not XML")
    if _DOCTYPE_RE.search(raw):
        raise CapError("alert", "DTDs and entity declarations are refused")
    raw = _as_utf8(raw, already_decoded=isinstance(data, str))
    try:
        root = SafeET.fromstring(raw, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as exc:
        raise CapError("alert", f"unsafe XML refused ({type(exc).__name__})") from None
    except (ParseError, ValueError) as exc:
        raise CapError("alert", f"not well-formed XML ({exc})") from None
    if root.tag != _NS + "alert":
        raise CapError("alert", f"root element is {root.tag!r}, expected alert in namespace {m.CAP_NAMESPACE}")
    return _alert(_Node(root, "alert"))


def _as_utf8(raw: bytes, already_decoded: bool) -> bytes:
    """Re-encode input declared in a legacy encoding (Korean systems still send EUC-KR/CP949) as UTF-8.

    Expat only knows UTF-8/16, ASCII and Latin-1 and fails on multi-byte legacy encodings, so decode those here.
    Text passed in as ``str`` is already decoded: its declaration is just corrected.
    """
    m = _DECL_ENCODING_RE.match(raw)
    if m is None or m.group(2).decode("ascii").lower().replace("_", "-") in ("utf-8", "utf8"):
        return raw
    name = m.group(2).decode("ascii")
    codec = "utf-8" if already_decoded else name
    try:
        text = raw.decode(codec)
    except LookupError:
        raise CapError("alert", f"unknown character encoding {name!r}") from None
    except UnicodeDecodeError as exc:
        raise CapError("alert", f"bytes {exc.start}–{exc.end} are not valid {name}") from None
    start, end = len(raw[: m.start(2)].decode(codec)), len(raw[: m.end(2)].decode(codec))
    return (text[:start] + "utf-8" + text[end:]).encode("utf-8")


class _Node:
    """One CAP element with its children grouped by local name; checks cardinality as it is read."""

    def __init__(self, element: Element, path: str) -> None:
        self.path = path
        self.children: dict[str, list[Element]] = {}
        for child in element:
            if not isinstance(child.tag, str) or not child.tag.startswith("{"):
                raise CapError(f"{path}/{child.tag}", "element outside the CAP namespace")
            ns, _, local = child.tag[1:].partition("}")
            if ns != m.CAP_NAMESPACE:
                continue  # e.g. an XML-DSig <Signature>, which CAP 1.2 allows at the end of <alert>
            self.children.setdefault(local, []).append(child)
        self.seen: set[str] = set()

    def check_known(self) -> None:
        unknown = sorted(set(self.children) - self.seen)
        if unknown:
            raise CapError(f"{self.path}/{unknown[0]}", "not an element of CAP 1.2 here")

    def _all(self, name: str) -> list[Element]:
        self.seen.add(name)
        return self.children.get(name, [])

    def texts(self, name: str) -> list[str]:
        out = []
        for el in self._all(name):
            if len(el):
                raise CapError(f"{self.path}/{name}", "must hold text, not elements")
            out.append((el.text or "").strip())
        return out

    def opt(self, name: str) -> str | None:
        values = self.texts(name)
        if len(values) > 1:
            raise CapError(f"{self.path}/{name}", "appears more than once")
        if values and not values[0]:
            raise CapError(f"{self.path}/{name}", "is empty")
        return values[0] if values else None

    def req(self, name: str) -> str:
        value = self.opt(name)
        if value is None:
            raise CapError(f"{self.path}/{name}", "is required but missing")
        return value

    def nodes(self, name: str) -> list[_Node]:
        els = self._all(name)
        if len(els) == 1:
            return [_Node(els[0], f"{self.path}/{name}")]
        return [_Node(el, f"{self.path}/{name}[{i}]") for i, el in enumerate(els, 1)]

    def enum(self, name: str, allowed: tuple[str, ...], value: str) -> str:
        if value not in allowed:
            raise CapError(f"{self.path}/{name}", f"{value!r} is not one of {', '.join(allowed)}")
        return value

    def convert(self, name: str, value: str | None, fn: Callable[[str], T]) -> T | None:
        if value is None:
            return None
        try:
            return fn(value)
        except ValueError as exc:
            raise CapError(f"{self.path}/{name}", str(exc)) from None


def _date(text: str) -> dt.datetime:
    if not _DATE_RE.match(text):
        raise ValueError(f"{text!r} is not a CAP date-time like 2026-05-01T14:30:00+09:00")
    return dt.datetime.fromisoformat(text)


def _ident(text: str) -> str:
    if _FORBIDDEN_ID_CHARS.search(text):
        raise ValueError(f"{text!r} must not contain spaces, commas, '<' or '&'")
    return text


def _tokens(text: str | None) -> tuple[str, ...]:
    """Split a CAP space-delimited list, where multi-word items are in double quotes."""
    if text is None:
        return ()
    return tuple(q or w for q, w in _TOKEN_RE.findall(text))


def _reference(token: str) -> m.Reference:
    parts = token.split(",")
    if len(parts) != 3:
        raise ValueError(f"{token!r} is not sender,identifier,sent")
    return m.Reference(parts[0], parts[1], _date(parts[2]))


def _point(text: str) -> tuple[float, float]:
    lat_s, lon_s = text.split(",")
    lat, lon = float(lat_s), float(lon_s)
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise ValueError(f"point {text!r} is outside WGS84 latitude/longitude ranges")
    return lat, lon


def _polygon(text: str) -> m.Polygon:
    try:
        points = tuple(_point(p) for p in text.split())
    except ValueError as exc:
        raise ValueError(f"bad coordinate pair: {exc}") from None
    if len(points) < 4:
        raise ValueError(f"needs at least 4 points, has {len(points)}")
    if points[0] != points[-1]:
        raise ValueError("first and last points must be the same (a closed ring)")
    return m.Polygon(points)


def _circle(text: str) -> m.Circle:
    try:
        centre, radius_s = text.split()
        lat, lon = _point(centre)
        radius = float(radius_s)
    except ValueError as exc:
        raise ValueError(f"{text!r} is not 'lat,lon radius_km' ({exc})") from None
    if radius < 0:
        raise ValueError("radius must not be negative")
    return m.Circle(lat, lon, radius)


def _named(node: _Node, name: str) -> tuple[m.NamedValue, ...]:
    out = []
    for sub in node.nodes(name):
        pair = m.NamedValue(sub.req("valueName"), sub.req("value"))
        sub.check_known()
        out.append(pair)
    return tuple(out)


def _alert(n: _Node) -> m.Alert:
    status = n.enum("status", m.STATUSES, n.req("status"))
    scope = n.enum("scope", m.SCOPES, n.req("scope"))
    restriction = n.opt("restriction")
    addresses = _tokens(n.opt("addresses"))
    if scope == "Restricted" and restriction is None:
        raise CapError("alert/restriction", "is required when scope is Restricted")
    if scope == "Private" and not addresses:
        raise CapError("alert/addresses", "is required when scope is Private")
    refs_text = n.opt("references")
    alert = m.Alert(
        identifier=n.convert("identifier", n.req("identifier"), _ident) or "",
        sender=n.convert("sender", n.req("sender"), _ident) or "",
        sent=n.convert("sent", n.req("sent"), _date),  # type: ignore[arg-type]
        status=status,
        msg_type=n.enum("msgType", m.MSG_TYPES, n.req("msgType")),
        scope=scope,
        source=n.opt("source"),
        restriction=restriction,
        addresses=addresses,
        codes=tuple(n.texts("code")),
        note=n.opt("note"),
        references=n.convert("references", refs_text, lambda t: tuple(_reference(x) for x in t.split())) or (),
        incidents=_tokens(n.opt("incidents")),
        infos=tuple(_info(sub) for sub in n.nodes("info")),
    )
    if alert.msg_type in ("Update", "Cancel") and not alert.references:
        raise CapError("alert/references", f"is required for msgType {alert.msg_type}")
    n.check_known()
    return alert


def _info(n: _Node) -> m.Info:
    categories = tuple(n.enum("category", m.CATEGORIES, c) for c in n.texts("category"))
    if not categories:
        raise CapError(f"{n.path}/category", "is required but missing")
    info = m.Info(
        language=n.opt("language") or m.DEFAULT_LANGUAGE,
        categories=categories,
        event=n.req("event"),
        response_types=tuple(n.enum("responseType", m.RESPONSE_TYPES, r) for r in n.texts("responseType")),
        urgency=n.enum("urgency", m.URGENCIES, n.req("urgency")),
        severity=n.enum("severity", m.SEVERITIES, n.req("severity")),
        certainty=n.enum("certainty", m.CERTAINTIES, n.req("certainty")),
        audience=n.opt("audience"),
        event_codes=_named(n, "eventCode"),
        effective=n.convert("effective", n.opt("effective"), _date),
        onset=n.convert("onset", n.opt("onset"), _date),
        expires=n.convert("expires", n.opt("expires"), _date),
        sender_name=n.opt("senderName"),
        headline=n.opt("headline"),
        description=n.opt("description"),
        instruction=n.opt("instruction"),
        web=n.opt("web"),
        contact=n.opt("contact"),
        parameters=_named(n, "parameter"),
        resources=tuple(_resource(sub) for sub in n.nodes("resource")),
        areas=tuple(_area(sub) for sub in n.nodes("area")),
    )
    n.check_known()
    return info


def _resource(n: _Node) -> m.Resource:
    res = m.Resource(
        resource_desc=n.req("resourceDesc"),
        mime_type=n.req("mimeType"),
        size=n.convert("size", n.opt("size"), int),
        uri=n.opt("uri"),
        deref_uri=n.opt("derefUri"),
        digest=n.opt("digest"),
    )
    n.check_known()
    return res


def _area(n: _Node) -> m.Area:
    altitude = n.convert("altitude", n.opt("altitude"), float)
    ceiling = n.convert("ceiling", n.opt("ceiling"), float)
    if ceiling is not None and altitude is None:
        raise CapError(f"{n.path}/ceiling", "may only be used together with altitude")
    area = m.Area(
        area_desc=n.req("areaDesc"),
        polygons=tuple(n.convert("polygon", p, _polygon) for p in n.texts("polygon")),  # type: ignore[misc]
        circles=tuple(n.convert("circle", c, _circle) for c in n.texts("circle")),  # type: ignore[misc]
        geocodes=_named(n, "geocode"),
        altitude=altitude,
        ceiling=ceiling,
    )
    n.check_known()
    return area
