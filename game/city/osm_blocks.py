"""Real building footprints from OpenStreetMap, in place of the procedural context blocks. Pure.

An operator with an OSM extract runs ``python -m game.city.import_osm FILE`` (the reader is
``game/tools/import_osm.py``); this module holds everything after the file is read: heights from the ``height`` and
``building:levels`` tags (each tagged with where it came from, as the catalogue tags its figures), the Simple 3D
Buildings tags (``building:part`` drawn in place of its outline, ``min_height``, ``roof:shape`` and its height,
``building:colour`` and ``roof:colour``; the roofs' geometry is :mod:`game.city.osm_roofs`), outlines
projected to world metres with :mod:`game.geo`, clipped to the district (:data:`game.city.blocks.REGION`), buildings
standing on a landmark or on an open area (the palace grounds, the plazas) left out so the procedural landmarks
stay; then the meshes (walls and flat roofs merged per tile and material, as the blocks are), the façades' window
quads for the window shader (``game/city/night.py``), the avenues' shop fronts (``game/city/facades.py``) and boxes
for the walker's collisions.
"""

from __future__ import annotations

import math
import re
import zlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

import numpy as np

from game import geo
from game.architecture.mesh import Mesh, merge, quads, srgb_to_linear
from game.city import osm_roofs
from game.city.blocks import FACADES, GLASS_TINTS, REGION, TILE, footprint_poly
from game.city.facades import OFFSET as SHOP_OFFSET
from game.city.facades import REACH, SHOP_HEIGHT
from game.city.night import BAY, LIT_AVENUES, STOREY, WINDOW_OFFSET
from game.city.streets import SIDEWALK, Street, distance_to_polyline, point_in_polygon

#: Metres per storey for ``building:levels`` (the window grid's storey, so the rows of windows match the floors).
LEVEL_HEIGHT = STOREY
#: A building tagged with neither height nor levels: three storeys, Seoul's typical low-rise lane building.
DEFAULT_HEIGHT = 3 * STOREY
MAX_HEIGHT = 600.0  # taller than any building in Korea: a typo, not a tower
MIN_AREA = 4.0  # square metres; smaller rings (kiosks, mapping slips) are not worth a wall
LANDMARK_MARGIN = 3.0  # metres kept clear round a landmark's footprint
GLASS_FROM = 40.0  # metres: untagged towers this tall are glass-clad every other one, as on the avenues
COLLIDER_STEP = 2.0  # metres: the collision boxes' strips across a footprint
Ring = np.ndarray  # (N, 2) float64, world metres, not closed (last point != first)


Colour = tuple[float, float, float]  # sRGB, 0..1


@dataclass(frozen=True)
class Footprint:
    """One building or building part: outer ring counter-clockwise, holes clockwise, its height (to the top of
    its roof) and where the height came from, and its Simple 3D Buildings shape."""

    id: str  # "w123" (a closed way) or "r45" / "r45.1" (a multipolygon relation, one per outer ring)
    outer: Ring
    holes: tuple[Ring, ...] = ()
    height: float = DEFAULT_HEIGHT
    height_from: str = "default"  # "height", "building:levels" or "default"
    material: str = "concrete"  # "concrete" or "glass"
    name: str = ""
    min_height: float = 0.0  # metres above ground where its walls start (a part raised on others, a bridge)
    roof_shape: str = "flat"  # one of osm_roofs.SHAPES
    roof_height: float = 0.0  # metres from the eaves to the top, within ``height``
    roof_direction: float | None = None  # a skillion's downhill bearing, degrees
    roof_across: bool = False  # ``roof:orientation=across``: the ridge across the longest wall
    part: bool = False  # a ``building:part``: drawn, and its outline building is not
    clipped: bool = False  # cut at the district's edge
    wall_colour: Colour | None = None  # ``building:colour``
    roof_colour: Colour | None = None  # ``roof:colour``

    @property
    def eaves(self) -> float:
        """Where the walls end and the roof begins."""
        return self.height - self.roof_height

    @property
    def roof(self) -> osm_roofs.Roof:
        return osm_roofs.Roof(self.roof_shape, self.roof_height, self.roof_direction)

    @property
    def frame(self) -> osm_roofs.Frame:
        return osm_roofs.Frame.of(self.outer, self.roof_across)

    @property
    def honesty(self) -> str:
        """"sourced" when the height is mapped, "estimated" when derived from storeys or assumed."""
        return "sourced" if self.height_from == "height" else "estimated"

    @property
    def aabb(self) -> tuple[float, float, float, float, float, float]:
        (x0, y0), (x1, y1) = self.outer.min(0), self.outer.max(0)
        return float(x0), float(y0), self.min_height, float(x1), float(y1), self.height

    def to_json(self) -> dict:
        return {"id": self.id, "outer": np.round(self.outer, 3).tolist(),
                "holes": [np.round(h, 3).tolist() for h in self.holes], "height": round(self.height, 2),
                "height_from": self.height_from, "honesty": self.honesty, "material": self.material,
                "name": self.name, "min_height": round(self.min_height, 2), "roof_shape": self.roof_shape,
                "roof_height": round(self.roof_height, 2), "roof_direction": self.roof_direction,
                "roof_across": self.roof_across, "part": self.part, "clipped": self.clipped,
                "wall_colour": self.wall_colour and list(self.wall_colour),
                "roof_colour": self.roof_colour and list(self.roof_colour)}

    @classmethod
    def from_json(cls, entry: dict) -> Footprint:
        """Also reads an import written before the Simple 3D Buildings fields: flat roofs from the ground."""
        def colour(key: str) -> Colour | None:
            value = entry.get(key)
            return None if value is None else (float(value[0]), float(value[1]), float(value[2]))

        direction = entry.get("roof_direction")
        return cls(entry["id"], np.asarray(entry["outer"], np.float64),
                   tuple(np.asarray(h, np.float64) for h in entry["holes"]), float(entry["height"]),
                   entry["height_from"], entry["material"], entry.get("name", ""),
                   float(entry.get("min_height", 0.0)), entry.get("roof_shape", "flat"),
                   float(entry.get("roof_height", 0.0)), None if direction is None else float(direction),
                   bool(entry.get("roof_across", False)), bool(entry.get("part", False)),
                   bool(entry.get("clipped", False)), colour("wall_colour"), colour("roof_colour"))


@dataclass
class Tally:
    """What an import kept and why it left the rest out."""

    imported: int = 0
    outside: int = 0  # wholly outside the district
    landmark: int = 0  # on a landmark's footprint or an open area
    invalid: int = 0  # degenerate rings (fewer than three corners, no area)
    clipped: int = 0  # imported, cut at the district's edge
    estimated: int = 0  # imported with a height from storeys or the default
    replaced: int = 0  # building outlines left out because their building:part pieces are drawn instead

    @property
    def skipped(self) -> int:
        return self.outside + self.landmark + self.invalid


_NUMBER = r"(\d+(?:[.,]\d+)?)"


def parse_height(text: str | None) -> float | None:
    """A ``height`` tag in metres: ``12``, ``12.5``, ``12,5``, ``12 m``, ``40 ft``, ``40'``, ``40'6"``; None for a
    value that is missing, malformed, not positive or beyond :data:`MAX_HEIGHT`."""
    if not text:
        return None
    t = text.strip().lower()
    if m := re.fullmatch(rf"{_NUMBER}\s*(m|metres?|meters?)?", t):
        value = float(m[1].replace(",", "."))
    elif m := re.fullmatch(rf"{_NUMBER}\s*(ft|feet|')(?:\s*(\d+(?:\.\d+)?)\s*(?:\"|in))?", t):
        value = float(m[1].replace(",", ".")) * 0.3048 + float(m[3] or 0) * 0.0254
    else:
        return None
    return value if 0 < value <= MAX_HEIGHT else None


def parse_levels(text: str | None) -> float | None:
    """A ``building:levels`` tag: storeys above ground (``5``, ``5.5``; of ``3;4`` the first); None if unusable."""
    if not text:
        return None
    m = re.fullmatch(rf"{_NUMBER}(?:\s*;.*)?", text.strip())
    if not m:
        return None
    value = float(m[1].replace(",", "."))
    return value if 0 < value * LEVEL_HEIGHT <= MAX_HEIGHT else None


def building_height(tags: Mapping[str, str]) -> tuple[float, str]:
    """(metres, source): ``height`` when mapped, else ``building:levels`` × :data:`LEVEL_HEIGHT`, else the
    default; a height or levels tag that cannot be read counts as absent."""
    if (h := parse_height(tags.get("height"))) is not None:
        return h, "height"
    if (levels := parse_levels(tags.get("building:levels"))) is not None:
        return levels * LEVEL_HEIGHT, "building:levels"
    return DEFAULT_HEIGHT, "default"


#: The colour names mappers use most for façades and roofs (CSS's values); anything else is ``#rgb``/``#rrggbb``.
NAMED_COLOURS = {"white": "#ffffff", "black": "#000000", "gray": "#808080", "grey": "#808080",
                 "silver": "#c0c0c0", "lightgray": "#d3d3d3", "lightgrey": "#d3d3d3", "darkgray": "#a9a9a9",
                 "darkgrey": "#a9a9a9", "red": "#ff0000", "darkred": "#8b0000", "maroon": "#800000",
                 "brown": "#a52a2a", "sienna": "#a0522d", "tan": "#d2b48c", "beige": "#f5f5dc", "orange": "#ffa500",
                 "yellow": "#ffff00", "gold": "#ffd700", "olive": "#808000", "green": "#008000",
                 "darkgreen": "#006400", "teal": "#008080", "blue": "#0000ff", "navy": "#000080",
                 "lightblue": "#add8e6", "cyan": "#00ffff", "ivory": "#fffff0", "wheat": "#f5deb3",
                 "salmon": "#fa8072", "pink": "#ffc0cb", "purple": "#800080"}


def parse_colour(text: str | None) -> Colour | None:
    """``building:colour`` / ``roof:colour``: a CSS name of :data:`NAMED_COLOURS`, ``#rgb`` or ``#rrggbb``, as
    sRGB 0..1; None when missing or unreadable (the palette's colour then)."""
    if not text:
        return None
    t = text.strip().lower().replace(" ", "")
    t = NAMED_COLOURS.get(t, t)
    if re.fullmatch(r"#[0-9a-f]{3}", t):
        t = "#" + "".join(ch * 2 for ch in t[1:])
    if not re.fullmatch(r"#[0-9a-f]{6}", t):
        return None
    return int(t[1:3], 16) / 255, int(t[3:5], 16) / 255, int(t[5:7], 16) / 255


def base_height(tags: Mapping[str, str]) -> float:
    """Metres above ground where the walls start: ``min_height``, else ``building:min_level`` storeys, else 0."""
    if (h := parse_height(tags.get("min_height"))) is not None:
        return h
    if (levels := parse_levels(tags.get("building:min_level"))) is not None:
        return levels * LEVEL_HEIGHT
    return 0.0


def shaped(fp: Footprint, tags: Mapping[str, str]) -> Footprint:
    """``fp`` with its Simple 3D Buildings shape from ``tags``: where its walls start, its roof and colours.

    A mapped ``height`` is the top of the roof, so the roof comes out of it; storeys (``building:levels``) and the
    default count the walls only, and the roof goes on top, as the tagging scheme defines them. A roof taller than
    the building leaves it no walls, and a base at or above the top is a mapping slip and is ignored.
    """
    shape = osm_roofs.shape_of(tags)
    across = (tags.get("roof:orientation") or "").strip().lower() == "across"
    roof = osm_roofs.Roof(shape, 0.0, osm_roofs.parse_direction(tags.get("roof:direction")))
    if shape == "flat":
        rise = 0.0
    elif (h := parse_height(tags.get("roof:height"))) is not None:
        rise = h
    elif (levels := parse_levels(tags.get("roof:levels"))) is not None:
        rise = levels * LEVEL_HEIGHT
    else:
        rise = osm_roofs.default_height(roof, osm_roofs.Frame.of(fp.outer, across),
                                        osm_roofs.parse_angle(tags.get("roof:angle")))
    base = base_height(tags)
    top = fp.height if fp.height_from == "height" else min(fp.height + rise, MAX_HEIGHT)
    if base >= top:
        base = 0.0
    rise = min(rise, top - base)
    return replace(fp, height=top, min_height=base, roof_shape=shape if rise > 0 else "flat", roof_height=rise,
                   roof_direction=roof.direction, roof_across=across,
                   wall_colour=parse_colour(tags.get("building:colour")),
                   roof_colour=parse_colour(tags.get("roof:colour")))


def material_of(osm_id: str, tags: Mapping[str, str], height: float) -> str:
    """Glass when the façade is mapped as glass; an untagged tower from :data:`GLASS_FROM` is glass every other
    one (by its id, so an import is repeatable); everything else concrete."""
    mapped = tags.get("building:material") or tags.get("building:facade:material")
    if mapped:
        return "glass" if mapped == "glass" else "concrete"
    return "glass" if height >= GLASS_FROM and zlib.crc32(osm_id.encode()) % 2 else "concrete"


def project(points: Iterable[tuple[float, float]]) -> Ring:
    """WGS84 (lat, lon) points to world (east, north) metres; a closing repeat of the first point is dropped."""
    ring = np.array([geo.to_local(lat, lon) for lat, lon in points], np.float64).reshape(-1, 2)
    if len(ring) > 1 and np.allclose(ring[0], ring[-1]):
        ring = ring[:-1]
    return ring


def signed_area(ring: Ring) -> float:
    """Shoelace area: positive for a counter-clockwise ring."""
    if len(ring) < 3:
        return 0.0
    x, y = ring[:, 0], ring[:, 1]
    return float((x * np.roll(y, -1) - np.roll(x, -1) * y).sum() / 2)


def clean(ring: Ring, ccw: bool) -> Ring | None:
    """The ring without repeated corners, wound counter-clockwise (``ccw``) or clockwise; None when degenerate."""
    if len(ring) == 0:
        return None
    keep = np.r_[True, np.any(np.abs(np.diff(ring, axis=0)) > 1e-6, axis=1)]
    ring = ring[keep]
    if len(ring) > 1 and np.allclose(ring[0], ring[-1], atol=1e-6):
        ring = ring[:-1]
    area = signed_area(ring)
    if len(ring) < 3 or abs(area) < MIN_AREA:
        return None
    return ring if (area > 0) == ccw else ring[::-1].copy()


def clip(ring: Ring, rect: tuple[float, float, float, float] = REGION) -> Ring:
    """``ring`` clipped to ``rect`` (east min, east max, north min, north max), Sutherland–Hodgman: exact for any
    simple ring against a convex window (a concave ring cut in two keeps a zero-width seam along the edge)."""
    e0, e1, n0, n1 = rect
    edges = ((0, e0, 1), (0, e1, -1), (1, n0, 1), (1, n1, -1))  # axis, value, side that is inside
    pts = [tuple(p) for p in ring]
    for axis, value, side in edges:
        if not pts:
            break
        out = []
        for i, cur in enumerate(pts):
            prev = pts[i - 1]
            cin, pin = (cur[axis] - value) * side >= 0, (prev[axis] - value) * side >= 0
            if cin != pin:
                t = (value - prev[axis]) / (cur[axis] - prev[axis])
                out.append((prev[0] + t * (cur[0] - prev[0]), prev[1] + t * (cur[1] - prev[1])))
            if cin:
                out.append(cur)
        pts = out
    return np.array(pts, np.float64).reshape(-1, 2)


def _segments_cross(a: Ring, b: Ring) -> bool:
    """Whether any edge of closed ring ``a`` crosses any edge of closed ring ``b``."""
    p, p2 = a, np.roll(a, -1, axis=0)
    q, q2 = b, np.roll(b, -1, axis=0)
    r, s = (p2 - p)[:, None, :], (q2 - q)[None, :, :]
    qp = q[None, :, :] - p[:, None, :]
    denom = r[..., 0] * s[..., 1] - r[..., 1] * s[..., 0]
    with np.errstate(divide="ignore", invalid="ignore"):
        t = (qp[..., 0] * s[..., 1] - qp[..., 1] * s[..., 0]) / denom
        u = (qp[..., 0] * r[..., 1] - qp[..., 1] * r[..., 0]) / denom
    return bool(np.any((denom != 0) & (t >= 0) & (t <= 1) & (u >= 0) & (u <= 1)))


def overlaps(a: Ring, b: Ring) -> bool:
    """Whether two simple rings share ground: an edge crossing, or one holding a corner of the other."""
    (ax0, ay0), (ax1, ay1) = a.min(0), a.max(0)
    (bx0, by0), (bx1, by1) = b.min(0), b.max(0)
    if ax1 < bx0 or bx1 < ax0 or ay1 < by0 or by1 < ay0:
        return False
    return bool(point_in_polygon(b, a[:1]).any() or point_in_polygon(a, b[:1]).any() or _segments_cross(a, b))


def reserved_ground(landmark_footprints: Iterable[tuple[tuple[float, float], tuple[float, float], float]],
                    areas: Iterable[np.ndarray]) -> list[Ring]:
    """The ground the procedural district keeps: each landmark's footprint (with :data:`LANDMARK_MARGIN`) and
    the open areas (palace grounds, plazas, parks), where the blocks never stand either."""
    rings = [footprint_poly(centre, size, heading, LANDMARK_MARGIN) for centre, size, heading in landmark_footprints]
    return rings + [np.asarray(a, np.float64) for a in areas]


@lru_cache(maxsize=4)
def _wgs84_box(rect: tuple[float, float, float, float]) -> tuple[float, float, float, float]:
    """(lat min, lat max, lon min, lon max) round ``rect``, padded by about ten metres: a building wholly beyond
    it is outside without projecting it (most of a country's extract)."""
    corners = [geo.to_wgs84(e, n) for e in rect[:2] for n in rect[2:]]
    pad = 1e-4
    return (min(c[0] for c in corners) - pad, max(c[0] for c in corners) + pad,
            min(c[1] for c in corners) - pad, max(c[1] for c in corners) + pad)


def footprints(osm_id: str, tags: Mapping[str, str], outers: Sequence[Sequence[tuple[float, float]]],
               inners: Sequence[Sequence[Sequence[tuple[float, float]]]], reserved: Sequence[Ring], tally: Tally,
               rect: tuple[float, float, float, float] = REGION, part: bool = False) -> list[Footprint]:
    """The district's footprints of one OSM building, or of one ``building:part`` when ``part`` (a closed way:
    one outer ring; a multipolygon: one or more, each with its inner rings), in (lat, lon) points, shaped by its
    tags (:func:`shaped`); counts what it leaves out in ``tally``."""
    lat0, lat1, lon0, lon1 = _wgs84_box(rect)
    out = []
    for k, (outer_ll, inner_ll) in enumerate(zip(outers, inners, strict=True)):
        fid = osm_id if len(outers) == 1 else f"{osm_id}.{k + 1}"
        lats, lons = [p[0] for p in outer_ll], [p[1] for p in outer_ll]
        if lats and (max(lats) < lat0 or min(lats) > lat1 or max(lons) < lon0 or min(lons) > lon1):
            tally.outside += 1
            continue
        projected = clean(project(outer_ll), ccw=True)
        if projected is None:
            tally.invalid += 1
            continue
        outer = clean(clip(projected, rect), ccw=True)
        if outer is None:
            tally.outside += 1
            continue
        if any(overlaps(outer, ground) for ground in reserved):
            tally.landmark += 1
            continue
        holes = [clean(clip(project(h), rect), ccw=False) for h in inner_ll]
        height, source = building_height(tags)
        clipped = len(outer) != len(projected) or not np.allclose(outer.min(0), projected.min(0)) or \
            not np.allclose(outer.max(0), projected.max(0))
        tally.imported += 1
        tally.clipped += clipped
        tally.estimated += source != "height"
        fp = Footprint(fid, outer, tuple(h for h in holes if h is not None), height, source,
                       material_of(osm_id, tags, height), tags.get("name", ""), part=part, clipped=clipped)
        out.append(shaped(fp, tags))
    return out


def resolve_parts(fps: Sequence[Footprint], tally: Tally) -> list[Footprint]:
    """The footprints to draw: a building outline with ``building:part`` pieces inside it is left out, as the
    Simple 3D Buildings scheme asks (the parts model it, the outline only says where the building is); the
    counts in ``tally`` follow."""
    inside_parts = np.array([_inner_point(fp) for fp in fps if fp.part]).reshape(-1, 2)
    if not len(inside_parts):
        return list(fps)
    kept = []
    for fp in fps:
        if not fp.part and point_in_polygon(fp.outer, inside_parts).any():
            tally.replaced += 1
            tally.imported -= 1
            tally.estimated -= fp.height_from != "height"
            tally.clipped -= fp.clipped
            continue
        kept.append(fp)
    return kept


def _inner_point(fp: Footprint) -> np.ndarray:
    """A point surely inside ``fp``: the middle of one triangle of its roof (a concave outline's centroid may
    lie outside it)."""
    tris = triangulate(fp.outer, fp.holes)
    points = np.concatenate([fp.outer, *fp.holes]) if fp.holes else fp.outer
    return points[tris[0]].mean(0) if len(tris) else fp.outer.mean(0)


def _bridge(outer: list[tuple[float, float]], hole: list[tuple[float, float]], others: Sequence[Ring] = ()
            ) -> list[tuple[float, float]]:
    """One ring from ``outer`` (ccw) and a ``hole`` (cw) inside it: a seam from the hole's east-most corner to the
    nearest outer corner the seam crosses no edge to (of the outer ring, the hole, or the ``others`` holes still to
    bridge), walked there and back."""
    hi = max(range(len(hole)), key=lambda i: hole[i][0])
    h = np.array(hole[hi])
    ring_o = np.array(outer)
    edges = [ring_o, np.array(hole), *others]
    for oi in np.argsort(np.linalg.norm(ring_o - h, axis=1)):
        seam = np.array([h, ring_o[oi]])
        shrunk = seam[0] + (seam - seam[0]) * np.array([[1e-6], [1 - 1e-6]])  # not touching its own ends
        if not any(_open_cross(shrunk, ring) for ring in edges):
            break
    else:
        oi = int(np.argmin(np.linalg.norm(ring_o - h, axis=1)))
    walk = hole[hi:] + hole[:hi + 1]
    return outer[:oi + 1] + walk + outer[oi:]


def _open_cross(seg: np.ndarray, ring: np.ndarray) -> bool:
    """Whether segment ``seg`` (2, 2) crosses an edge of ``ring`` strictly inside both."""
    p, r = seg[0], seg[1] - seg[0]
    q, q2 = ring, np.roll(ring, -1, axis=0)
    s = q2 - q
    qp = q - p
    denom = r[0] * s[:, 1] - r[1] * s[:, 0]
    with np.errstate(divide="ignore", invalid="ignore"):
        t = (qp[:, 0] * s[:, 1] - qp[:, 1] * s[:, 0]) / denom
        u = (qp[:, 0] * r[1] - qp[:, 1] * r[0]) / denom
    return bool(np.any((denom != 0) & (t > 0) & (t < 1) & (u > 1e-9) & (u < 1 - 1e-9)))


def triangulate(outer: Ring, holes: Sequence[Ring] = ()) -> np.ndarray:
    """Triangles (M, 3) over the points of ``outer`` then each hole, in that order, covering the roof: ear
    clipping, with the holes bridged into the outer ring first (east-most hole first)."""
    points = [tuple(p) for p in outer]
    order = sorted(holes, key=lambda h: -h[:, 0].max())
    for k, hole in enumerate(order):
        points = _bridge(points, [tuple(p) for p in hole], order[k + 1:])
    all_points = np.concatenate([outer, *holes]) if holes else outer
    lookup = {tuple(p): i for i, p in reversed(list(enumerate(all_points)))}
    index = [lookup[p] for p in points]
    pts = np.array(points)
    remaining = list(range(len(points)))
    tris = []
    while len(remaining) > 3:
        n = len(remaining)
        rest = pts[remaining]
        for k in range(n):
            i0, i1, i2 = remaining[k - 1], remaining[k], remaining[(k + 1) % n]
            a, b, c = pts[i0], pts[i1], pts[i2]
            if (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0]) <= 1e-12:
                continue  # reflex or flat corner: not an ear
            # a corner of the ear itself (a bridge's seam repeats two corners) does not block it
            corner = np.zeros(n, bool)
            for v in (a, b, c):
                corner |= np.all(np.abs(rest - v) < 1e-9, axis=1)
            if _in_triangle(rest[~corner], a, b, c).any():
                continue
            tris.append((index[i0], index[i1], index[i2]))
            del remaining[k]
            break
        else:
            break  # no ear left (a self-touching ring): the rest is dropped rather than drawn inside out
    if len(remaining) == 3:
        tris.append(tuple(index[i] for i in remaining))
    return np.array(tris, np.uint32).reshape(-1, 3)


def _in_triangle(p: np.ndarray, a: np.ndarray, b: np.ndarray, c: np.ndarray) -> np.ndarray:
    def side(u, v):
        return (v[0] - u[0]) * (p[:, 1] - u[1]) - (v[1] - u[1]) * (p[:, 0] - u[0])

    return (side(a, b) >= 0) & (side(b, c) >= 0) & (side(c, a) >= 0)


def _colour(fp: Footprint) -> tuple[float, float, float, float]:
    if fp.wall_colour is not None:
        return (*srgb_to_linear(fp.wall_colour), 1.0)
    palette = GLASS_TINTS if fp.material == "glass" else FACADES
    return (*srgb_to_linear(palette[zlib.crc32(fp.id.encode()) % len(palette)]), 1.0)


def _roof_colour(fp: Footprint, walls: tuple[float, float, float, float]) -> tuple[float, float, float, float]:
    """The mapped ``roof:colour``, else the walls' a shade darker, as the blocks' roofs are."""
    if fp.roof_colour is not None:
        return (*srgb_to_linear(fp.roof_colour), 1.0)
    return walls[0] * 0.7, walls[1] * 0.7, walls[2] * 0.7, 1.0


def building_mesh(fp: Footprint) -> Mesh:
    """Walls round every ring from the building's base up to its roof (uv in metres along and up), and the roof:
    flat, or shaped (:mod:`game.city.osm_roofs`) with the walls rising to meet it; a part raised off the ground
    is closed underneath."""
    colour = _colour(fp)
    roof = fp.roof
    flat = roof.shape == "flat"  # most of a city: no frame, no creases, walls straight across the top
    frame = None if flat else fp.frame
    lines = [] if frame is None else roof.creases(frame)
    base, eaves = fp.min_height, fp.eaves
    pos, nrm, uv, col = [], [], [], []
    for ring in (fp.outer, *fp.holes):
        run = 0.0
        for a, b in zip(ring, np.roll(ring, -1, axis=0), strict=True):
            d = b - a
            length = float(np.hypot(*d))
            if length < 1e-6:
                continue
            normal = (d[1] / length, -d[0] / length, 0.0)  # outward: right of a ccw outer ring, into a cw hole
            if frame is None:
                ts, points, tops = (0.0, 1.0), (a, b), (eaves, eaves)
            else:
                ts = osm_roofs.wall_stations(a, b, frame, lines)
                points = a + np.outer(ts, d)
                tops = eaves + roof.rise(frame, frame.local(points))
            for k in range(len(ts) - 1):
                (p, q), (zp, zq) = points[k:k + 2], tops[k:k + 2]
                up, uq = run + ts[k] * length, run + ts[k + 1] * length
                pos += [(*p, base), (*q, base), (*q, zq), (*p, zp)]
                nrm += [normal] * 4
                uv += [(up, base), (uq, base), (uq, zq), (up, zp)]
                col += [colour] * 4
            run += length
    walls = quads(pos, nrm, uv, col)
    roof_colour = _roof_colour(fp, colour)
    flat_xy = np.concatenate([fp.outer, *fp.holes]) if fp.holes else fp.outer
    flat_tris = triangulate(fp.outer, fp.holes)
    pieces = [walls]
    if frame is not None:
        corners = osm_roofs.split(frame.local(flat_xy)[flat_tris], lines).reshape(-1, 2)
        facets = _facets(frame.world(corners), eaves + roof.rise(frame, corners), roof_colour)
        if roof.shape in osm_roofs.CURVED:  # smooth shading: the surface's own normal at each corner
            facets.normals = np.float32(osm_roofs.curved_normals(roof, frame, corners))
        pieces.append(facets)
    else:
        pieces.append(Mesh(np.c_[flat_xy, np.full(len(flat_xy), eaves)].astype(np.float32),
                           np.tile(np.float32([0, 0, 1]), (len(flat_xy), 1)), flat_xy.astype(np.float32),
                           np.tile(np.float32(roof_colour), (len(flat_xy), 1)), flat_tris))
    if base > 0:  # the underside of a raised part, facing down
        pieces.append(Mesh(np.c_[flat_xy, np.full(len(flat_xy), base)].astype(np.float32),
                           np.tile(np.float32([0, 0, -1]), (len(flat_xy), 1)), flat_xy.astype(np.float32),
                           np.tile(np.float32(roof_colour), (len(flat_xy), 1)), flat_tris[:, ::-1].copy()))
    return merge(pieces)


def _facets(xy: np.ndarray, z: np.ndarray, colour: tuple[float, float, float, float]) -> Mesh:
    """Triangles given three corners at a time (counter-clockwise from above), each with its own face normal:
    a pitched roof's planes meet on sharp creases."""
    p = np.c_[xy, z].reshape(-1, 3, 3)
    n = np.cross(p[:, 1] - p[:, 0], p[:, 2] - p[:, 0])
    n /= np.maximum(np.linalg.norm(n, axis=1, keepdims=True), 1e-12)
    count = len(xy)
    return Mesh(np.float32(p.reshape(-1, 3)), np.float32(np.repeat(n, 3, axis=0)), np.float32(xy),
                np.tile(np.float32(colour), (count, 1)), np.arange(count, dtype=np.uint32).reshape(-1, 3))


def tile_of(fp: Footprint) -> tuple[int, int]:
    x0, y0, _, x1, y1, _ = fp.aabb
    return math.floor((x0 + x1) / 2 / TILE), math.floor((y0 + y1) / 2 / TILE)


def tile_meshes(fps: Iterable[Footprint]) -> dict[tuple[int, int, str], Mesh]:
    """Merged meshes keyed by (tile column, tile row, material): a few draw calls for the whole district."""
    groups: dict[tuple[int, int, str], list[Mesh]] = {}
    for fp in fps:
        groups.setdefault((*tile_of(fp), fp.material), []).append(building_mesh(fp))
    return {k: merge(v) for k, v in sorted(groups.items())}


def window_mesh(fps: Iterable[Footprint], seed: int = 7) -> Mesh:
    """One quad per outer wall long enough for a bay, spanning its whole bays and storeys, a hair in front of it:
    the lit-window shader's input, laid out as ``game.city.night.window_mesh`` lays the blocks' (uv in metres
    along the wall and up, the colour the building's random seed)."""
    rng = np.random.default_rng(seed)
    pos, nrm, uv, col = [], [], [], []
    for fp in fps:
        floors = int((fp.eaves - fp.min_height - 1.0) // STOREY)
        if floors < 1:
            continue
        base, top = fp.min_height, floors * STOREY
        r, g, tone = rng.random(3)
        ring = fp.outer
        for a, b in zip(ring, np.roll(ring, -1, axis=0), strict=True):
            d = b - a
            length = float(np.hypot(*d))
            bays = int(length // BAY)
            if bays < 1:
                continue
            u = d / length
            n = np.array([u[1], -u[0]])
            start = a + u * (length - bays * BAY) / 2 + n * WINDOW_OFFSET
            end = start + u * bays * BAY
            pos += [(*start, base), (*end, base), (*end, base + top), (*start, base + top)]
            nrm += [(*n, 0.0)] * 4
            uv += [(0, 0), (bays * BAY, 0), (bays * BAY, top), (0, top)]
            col += [(r, g, tone, 1.0)] * 4
    return quads(pos, nrm, uv, col)


def shop_mesh(fps: Iterable[Footprint], streets: Iterable[Street], avenues: tuple[str, ...] = LIT_AVENUES,
              seed: int = 5) -> Mesh:
    """The ground-floor shop fronts of the buildings by the avenues, as ``game.city.facades.shop_faces`` gives
    the blocks theirs: a quad on every outer wall of a building within :data:`~game.city.facades.REACH` of an
    avenue's pavement, a hair in front of the window grid, up to the signboards' top; uv metres along and up,
    the colour the wall's seed and shop style (``shaders/shopfront``)."""
    main = [(st.points, st.width / 2 + SIDEWALK + REACH) for st in streets if st.id in avenues]
    rng = np.random.default_rng(seed)
    pos, nrm, uv, col = [], [], [], []
    for fp in fps:
        if fp.eaves < SHOP_HEIGHT + 1.0 or fp.min_height > 0:
            continue
        x0, y0, _, x1, y1, _ = fp.aabb
        centre = np.array([[(x0 + x1) / 2, (y0 + y1) / 2]])
        if not any(distance_to_polyline(p, centre)[0] < reach + (x1 - x0 + y1 - y0) / 4 for p, reach in main):
            continue
        ring = fp.outer
        for a, b in zip(ring, np.roll(ring, -1, axis=0), strict=True):
            d = b - a
            length = float(np.hypot(*d))
            if length < 2.0:
                continue
            n = np.array([d[1], -d[0]]) / length
            a, b = a + n * SHOP_OFFSET, b + n * SHOP_OFFSET
            pos += [(*a, 0.0), (*b, 0.0), (*b, SHOP_HEIGHT), (*a, SHOP_HEIGHT)]
            nrm += [(*n, 0.0)] * 4
            uv += [(0, 0), (length, 0), (length, SHOP_HEIGHT), (0, SHOP_HEIGHT)]
            col += [(*rng.random(3), 1.0)] * 4
    return quads(pos, nrm, uv, col)


def colliders(fp: Footprint) -> tuple[float, float, float, tuple[tuple[float, ...], ...]]:
    """The footprint as collision boxes: (x, y, heading in degrees, boxes in that frame), the frame turned along
    the longest wall and the outline cut in strips :data:`COLLIDER_STEP` wide, each strip's inside spans a box
    (an L- or U-shaped building blocks only where it stands, not its whole bounding box); neighbouring strips
    with the same spans are one box, so a rectangle is one."""
    ring = fp.outer
    d = np.roll(ring, -1, axis=0) - ring
    longest = d[int(np.argmax(np.hypot(d[:, 0], d[:, 1])))]
    angle = math.atan2(longest[1], longest[0])
    c, s = math.cos(angle), math.sin(angle)
    centre = ring.mean(0)
    rot = np.array([[c, s], [-s, c]])  # world offsets to the frame's axes
    local = [(r - centre) @ rot.T for r in (fp.outer, *fp.holes)]
    (lo_x, lo_y), (hi_x, hi_y) = local[0].min(0), local[0].max(0)
    if not fp.holes and signed_area(local[0]) >= 0.98 * (hi_x - lo_x) * (hi_y - lo_y):  # a rectangle: one box
        return float(centre[0]), float(centre[1]), math.degrees(angle), \
            ((lo_x, lo_y, fp.min_height, hi_x, hi_y, fp.height),)
    a = np.concatenate(local)
    b = np.concatenate([np.roll(r, -1, axis=0) for r in local])
    strips = max(1, math.ceil((hi_y - lo_y) / COLLIDER_STEP))
    step = (hi_y - lo_y) / strips
    ys = lo_y + (np.arange(strips) + 0.5) * step
    crosses = (a[None, :, 1] > ys[:, None]) != (b[None, :, 1] > ys[:, None])  # (strips, edges)
    with np.errstate(divide="ignore", invalid="ignore"):
        xs = a[None, :, 0] + (ys[:, None] - a[None, :, 1]) * (b[None, :, 0] - a[None, :, 0]) / (b[:, 1] - a[:, 1])
    spans = [sorted(xs[k][crosses[k]].tolist()) for k in range(strips)]
    boxes = []
    k = 0
    while k < strips:
        first = k
        while k + 1 < strips and len(spans[k + 1]) == len(spans[first]) and \
                all(abs(p - q) < 0.05 for p, q in zip(spans[k + 1], spans[first], strict=True)):
            k += 1
        row = spans[first]
        boxes += [(x0, lo_y + first * step, fp.min_height, x1, lo_y + (k + 1) * step, fp.height)
                  for x0, x1 in zip(row[::2], row[1::2], strict=False)]
        k += 1
    return float(centre[0]), float(centre[1]), math.degrees(angle), tuple(boxes)

def region_bounds(fps: Sequence[Footprint]) -> tuple[float, float, float, float]:
    """(east min, east max, north min, north max) over all ``fps`` (at least one), metres."""
    boxes = np.array([fp.aabb for fp in fps])
    return float(boxes[:, 0].min()), float(boxes[:, 3].max()), float(boxes[:, 1].min()), float(boxes[:, 4].max())
