"""Small OpenStreetMap files the import tests write: buildings given in world metres, saved as OSM XML (by hand) or
PBF (through pyosmium's writer), with their corners at the WGS84 positions :mod:`game.geo` gives."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import quoteattr

from game import geo


def rect(east: float, north: float, width: float, depth: float) -> list[tuple[float, float]]:
    """A rectangle's corners counter-clockwise round (east, north), metres."""
    w, d = width / 2, depth / 2
    return [(east - w, north - d), (east + w, north - d), (east + w, north + d), (east - w, north + d)]


@dataclass
class OsmData:
    """Nodes, ways and multipolygon relations, numbered as added."""

    nodes: list[tuple[int, float, float]] = field(default_factory=list)  # id, lat, lon
    ways: list[tuple[int, list[int], dict[str, str]]] = field(default_factory=list)
    relations: list[tuple[int, list[tuple[int, str]], dict[str, str]]] = field(default_factory=list)

    def ring(self, points: list[tuple[float, float]], tags: dict[str, str] | None = None, way_id: int | None = None
             ) -> int:
        """A closed way through ``points`` (world metres); its id."""
        refs = []
        for east, north in points:
            lat, lon = geo.to_wgs84(east, north)
            self.nodes.append((len(self.nodes) + 1, lat, lon))
            refs.append(len(self.nodes))
        wid = way_id or len(self.ways) + 1
        self.ways.append((wid, [*refs, refs[0]], dict(tags or {})))
        return wid

    def multipolygon(self, outers: list[int], inners: list[int], tags: dict[str, str], relation_id: int) -> None:
        members = [(w, "outer") for w in outers] + [(w, "inner") for w in inners]
        self.relations.append((relation_id, members, {"type": "multipolygon", **tags}))

    def write_xml(self, path: Path) -> Path:
        def tag_xml(tags: dict[str, str]) -> str:
            return "".join(f"<tag k={quoteattr(k)} v={quoteattr(v)}/>" for k, v in tags.items())

        lines = ['<?xml version="1.0" encoding="UTF-8"?>', '<osm version="0.6" generator="tests">']
        lines += [f'<node id="{i}" version="1" lat="{lat:.9f}" lon="{lon:.9f}"/>' for i, lat, lon in self.nodes]
        lines += [f'<way id="{i}" version="1">' + "".join(f'<nd ref="{r}"/>' for r in refs) + tag_xml(tags) + "</way>"
                  for i, refs, tags in self.ways]
        lines += [f'<relation id="{i}" version="1">'
                  + "".join(f'<member type="way" ref="{w}" role="{role}"/>' for w, role in members)
                  + tag_xml(tags) + "</relation>" for i, members, tags in self.relations]
        path.write_text("\n".join([*lines, "</osm>"]), encoding="utf-8")
        return path

    def write_pbf(self, path: Path) -> Path:
        import osmium

        writer = osmium.SimpleWriter(str(path))
        try:
            for i, lat, lon in self.nodes:
                writer.add_node(osmium.osm.mutable.Node(id=i, version=1, location=(lon, lat)))
            for i, refs, tags in self.ways:
                writer.add_way(osmium.osm.mutable.Way(id=i, version=1, nodes=refs, tags=tags))
            for i, members, tags in self.relations:
                writer.add_relation(osmium.osm.mutable.Relation(
                    id=i, version=1, members=[("w", w, role) for w, role in members], tags=tags))
        finally:
            writer.close()
        return path
