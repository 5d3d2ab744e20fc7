"""``python -m game.city.import_osm FILE.osm.pbf|FILE.osm``: real building footprints for the district.

Reads an OpenStreetMap extract with pyosmium (the ``osm`` extra: ``pip install 'metaverse-seoul[osm]'``), turns its
buildings and building parts (closed ways and multipolygon relations tagged ``building`` or ``building:part``; a
building with parts is drawn as its parts) into the district's footprints
(``game/city/osm_blocks.py``: heights, projection, clipping, the landmarks' ground left to them) and saves them with
their baked geometry where the app looks (``game/scenes/imported_city.py``); from the next start the district shows
them instead of its procedural blocks. ``--clear`` removes the import: the procedural city again.

Prints progress while reading and a one-line summary; bad input (a missing, unreadable or corrupt file, or one with
no building in the district) is one line on stderr and exit status 2, and leaves an earlier import as it was.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from pathlib import Path

from game.city import osm_blocks, streets
from game.landmarks.catalogue import load as load_catalogue
from game.scenes import imported_city

PROG = "import_osm"
PROGRESS_EVERY = 5000  # buildings read between two progress lines


class UsageError(Exception):
    pass


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # type: ignore[override]
        raise UsageError(message)


def build_parser() -> argparse.ArgumentParser:
    p = _Parser(prog="python -m game.city.import_osm",
                description="Import real building footprints from an OpenStreetMap extract into the district")
    p.add_argument("file", nargs="?", type=Path, help="an OSM extract: .osm.pbf (or .pbf), .osm (XML), .osm.bz2")
    p.add_argument("--clear", action="store_true", help="remove the import: the district's procedural blocks again")
    p.add_argument("--cache-dir", type=Path,
                   help="the app's --cache-dir (the import goes to DIR/osm-city); default: the user data directory")
    return p


def _fail(message: str) -> int:
    print(f"{PROG}: {message}", file=sys.stderr)
    return 2


def read_buildings(path: Path, reserved: list, tally: osm_blocks.Tally) -> list[osm_blocks.Footprint]:
    """Every building and building part in ``path`` as district footprints (outlines with parts left out),
    printing progress as it reads."""
    import osmium

    keys = osmium.filter.KeyFilter("building", "building:part")
    processor = osmium.FileProcessor(str(path)).with_areas(keys).with_filter(keys)
    out: list[osm_blocks.Footprint] = []
    seen = tagged = 0
    for obj in processor:
        part = obj.tags.get("building:part", "no") != "no"
        if not part and obj.tags.get("building", "no") == "no":
            continue
        if isinstance(obj, osmium.osm.Way):
            tagged += obj.is_closed()
        elif isinstance(obj, osmium.osm.Relation):
            tagged += obj.tags.get("type") == "multipolygon"
        if not isinstance(obj, osmium.osm.Area):
            continue
        osm_id = f"{'w' if obj.from_way() else 'r'}{obj.orig_id()}"
        outers, inners = [], []
        for ring in obj.outer_rings():
            outers.append([(n.lat, n.lon) for n in ring])
            inners.append([[(n.lat, n.lon) for n in inner] for inner in obj.inner_rings(ring)])
        out += osm_blocks.footprints(osm_id, obj.tags, outers, inners, reserved, tally, part=part)
        seen += 1
        if seen % PROGRESS_EVERY == 0:
            print(f"{PROG}: {seen} buildings read, {tally.imported} in the district", flush=True)
    tally.invalid += max(0, tagged - seen)  # outlines libosmium could not close (nodes missing, broken rings)
    return osm_blocks.resolve_parts(out, tally)


def clear(where: Path) -> int:
    names = [where / name for name in (imported_city.DATA, imported_city.MESHES, imported_city.KEY)]
    existed = any(p.exists() for p in names)
    for p in names:
        p.unlink(missing_ok=True)
    if where.is_dir() and not any(where.iterdir()):
        where.rmdir()
    print(f"{PROG}: {'removed the import in' if existed else 'no import in'} {where}; "
          "the district shows its procedural blocks")
    return 0


def main(argv: list[str] | None = None) -> int:
    try:
        args = build_parser().parse_args(argv)
    except UsageError as exc:
        return _fail(str(exc))
    where = imported_city.folder(args.cache_dir)
    if args.clear:
        return _fail("--clear takes no FILE") if args.file else clear(where)
    if args.file is None:
        return _fail("name an OSM file (FILE.osm.pbf or FILE.osm), or --clear")
    try:
        import osmium  # noqa: F401 - only to say what is missing before reading anything
    except ImportError:
        return _fail("needs pyosmium, the 'osm' extra: pip install 'metaverse-seoul[osm]'")
    path: Path = args.file
    if not path.is_file():
        return _fail(f"{path}: no such file")
    try:
        source = path.read_bytes()
    except OSError as exc:
        return _fail(f"{path}: cannot read it ({exc.strerror or exc})")
    _, areas = streets.load()
    landmarks = [(lm.local, lm.footprint, lm.heading) for lm in load_catalogue().values()]
    reserved = osm_blocks.reserved_ground(landmarks, [a.polygon for a in areas])
    tally = osm_blocks.Tally()
    print(f"{PROG}: reading {path} ({len(source) / 1e6:.1f} MB)", flush=True)
    try:
        fps = read_buildings(path, reserved, tally)
    except Exception as exc:  # noqa: BLE001 - libosmium reports a corrupt file as RuntimeError, a bad format as
        # ValueError, a missing node as InvalidLocationError…: each is the file's fault, said in one line
        return _fail(f"{path}: not a readable OSM file ({' '.join(str(exc).split()) or type(exc).__name__})")
    if not fps:
        return _fail(f"{path}: no buildings in the district ({tally.skipped} left out: {tally.outside} outside it, "
                     f"{tally.landmark} on landmarks or open areas, {tally.invalid} invalid)")
    e0, e1, n0, n1 = osm_blocks.region_bounds(fps)
    summary = {"source": path.name, "source_sha256": hashlib.sha256(source).hexdigest(),
               "imported": tally.imported, "skipped": tally.skipped, "outside": tally.outside,
               "on_landmarks": tally.landmark, "invalid": tally.invalid, "clipped": tally.clipped,
               "heights_estimated": tally.estimated, "replaced_by_parts": tally.replaced,
               "bounds_m": [e0, e1, n0, n1]}
    try:
        imported_city.write_data(where, fps, summary)
        fps, _, key = imported_city.read(where)
        imported_city.bake(where, fps, key)
    except (OSError, TypeError) as exc:
        return _fail(f"cannot write the import to {where}: {exc}")
    parts = f"; {tally.replaced} outlines drawn as their parts" if tally.replaced else ""
    print(f"{PROG}: {tally.imported} buildings imported ({tally.imported - tally.estimated} heights mapped, "
          f"{tally.estimated} estimated, {tally.clipped} cut at the district's edge), {tally.skipped} skipped "
          f"({tally.outside} outside the district, {tally.landmark} on landmarks or open areas, {tally.invalid} "
          f"invalid){parts}; bounds east {e0:.0f}..{e1:.0f} m, north {n0:.0f}..{n1:.0f} m; saved to {where}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
