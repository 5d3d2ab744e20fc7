"""``python -m game.city.import_osm`` (issue 15): small OSM files written here, as XML and as PBF, imported into a
cache folder; its exit codes and lines; and the district drawing the imported buildings where they stand, instead
of its procedural blocks, by day and by night, within the draw-call budget."""

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from game.city import blocks
from game.landmarks.catalogue import load as load_catalogue
from game.scenes import imported_city
from game.tools import import_osm
from tests.city.osm_files import OsmData, rect
from tests.pinned import DAY, NIGHT

ROOT = Path(__file__).resolve().parents[2]
PROBE = Path(__file__).with_name("osm_probe.py")
TOWER = (128.0, 112.0)  # east of Sejong-daero across from the square: no landmark, no open area


def district() -> OsmData:
    """A tower (height mapped), a low block (storeys), a courtyard block (a multipolygon), one untagged building,
    one on Gwanghwamun, one far outside the district, one across its east edge, and a way that is no building."""
    gate = load_catalogue()["gwanghwamun"].local
    d = OsmData()
    d.ring(rect(*TOWER, 16, 24), {"building": "yes", "height": "60 m"}, way_id=101)
    d.ring(rect(200, 150, 20, 20), {"building": "yes", "building:levels": "5"}, way_id=102)
    outer = d.ring(rect(320, -120, 40, 40), way_id=103)
    court = d.ring(rect(320, -120, 10, 10), way_id=104)
    d.multipolygon([outer], [court], {"building": "office", "height": "24"}, relation_id=7)
    d.ring(rect(-300, -300, 12, 12), {"building": "house"}, way_id=105)
    d.ring(rect(*gate, 20, 10), {"building": "yes", "height": "19"}, way_id=106)
    d.ring(rect(5000, 5000, 20, 20), {"building": "yes"}, way_id=107)
    d.ring(rect(blocks.REGION[1], 0, 30, 20), {"building": "retail"}, way_id=108)
    d.ring(rect(0, -500, 30, 30), {"leisure": "park"}, way_id=109)
    return d


def run(*args) -> tuple[int, str, str]:
    """The command in-process (``main``), as ``python -m`` runs it; its status, stdout and stderr."""
    import contextlib
    import io

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = import_osm.main([str(a) for a in args])
    return code, out.getvalue(), err.getvalue()


def buildings(cache: Path) -> dict[str, dict]:
    doc = json.loads((imported_city.folder(cache) / imported_city.DATA).read_text(encoding="utf-8"))
    return {b["id"]: b for b in doc["buildings"]}


def test_an_xml_import_keeps_the_districts_buildings_with_their_heights_and_bakes_them(tmp_path):
    src = district().write_xml(tmp_path / "seoul.osm")
    code, out, err = run(src, "--cache-dir", tmp_path / "cache")
    assert code == 0 and err == ""
    summary = out.strip().splitlines()[-1]
    assert summary.startswith("import_osm: 5 buildings imported (2 heights mapped, 3 estimated, 1 cut at the "
                              "district's edge), 2 skipped (1 outside the district, 1 on landmarks or open areas, "
                              "0 invalid); bounds east "), summary
    got = buildings(tmp_path / "cache")
    assert sorted(got) == ["r7", "w101", "w102", "w105", "w108"]
    assert (got["w101"]["height"], got["w101"]["honesty"]) == (60.0, "sourced")
    corners = got["w101"]["outer"]  # where the test put it, in world metres, through WGS84 and back
    assert np.allclose(corners, rect(*TOWER, 16, 24), atol=0.01)  # within a centimetre, in the way's order
    assert (got["w102"]["height_from"], got["w102"]["honesty"]) == ("building:levels", "estimated")
    assert got["w102"]["height"] == pytest.approx(5 * 3.6)
    assert got["w105"]["height_from"] == "default"
    assert len(got["r7"]["holes"]) == 1 and got["r7"]["height"] == 24.0
    assert max(x for x, _ in got["w108"]["outer"]) == pytest.approx(blocks.REGION[1])
    folder = imported_city.folder(tmp_path / "cache")
    assert (folder / imported_city.MESHES).stat().st_size > 1000
    key = json.loads((folder / imported_city.KEY).read_text())["digest"]
    assert key == imported_city.read(folder)[2]
    assert summary.endswith(f"saved to {folder}")


def test_the_data_file_records_the_source_and_the_counts(tmp_path):
    code, _, _ = run(district().write_xml(tmp_path / "seoul.osm"), "--cache-dir", tmp_path / "cache")
    doc = json.loads((imported_city.folder(tmp_path / "cache") / imported_city.DATA).read_text())
    assert code == 0
    assert (doc["imported"], doc["outside"], doc["on_landmarks"], doc["clipped"], doc["heights_estimated"]) == \
        (5, 1, 1, 1, 3)
    assert doc["source"] == "seoul.osm" and len(doc["source_sha256"]) == 64
    assert doc["bounds_m"][1] == pytest.approx(blocks.REGION[1])
    assert doc["bounds_m"][2] == pytest.approx(-306.0, abs=0.01)  # the house at (-300, -300), 12 m square


def test_a_pbf_import_gives_the_same_buildings_as_the_xml(tmp_path):
    data = district()
    assert run(data.write_xml(tmp_path / "a.osm"), "--cache-dir", tmp_path / "xml")[0] == 0
    assert run(data.write_pbf(tmp_path / "a.osm.pbf"), "--cache-dir", tmp_path / "pbf")[0] == 0
    assert buildings(tmp_path / "xml") == buildings(tmp_path / "pbf")


def with_parts() -> OsmData:
    """A building mapped with Simple 3D Buildings: its outline, a pyramid-roofed tower part and a podium part raised
    over an arcade (walls from 4 m), and beside it a gabled house of its own."""
    d = OsmData()
    east, north = TOWER
    d.ring(rect(east, north, 30, 30), {"building": "yes", "height": "40"}, way_id=200)
    d.ring(rect(east - 5, north, 20, 30), {"building:part": "yes", "height": "40", "roof:shape": "pyramidal",
                                          "roof:height": "6"}, way_id=201)
    d.ring(rect(east + 10, north, 10, 30), {"building:part": "yes", "building:levels": "3", "min_height": "4",
                                           "building:colour": "#c0c0c0"}, way_id=202)
    d.ring(rect(200, 150, 12, 8), {"building": "house", "building:levels": "2", "roof:shape": "gabled"}, way_id=203)
    return d


@pytest.mark.parametrize("fmt", ["xml", "pbf"])
def test_building_parts_replace_their_outline_with_roofs_and_raised_walls(tmp_path, fmt):
    data = with_parts()
    src = data.write_xml(tmp_path / "parts.osm") if fmt == "xml" else data.write_pbf(tmp_path / "parts.osm.pbf")
    code, out, err = run(src, "--cache-dir", tmp_path / "cache")
    assert code == 0 and err == ""
    summary = out.strip().splitlines()[-1]
    assert summary.startswith("import_osm: 3 buildings imported (1 heights mapped, 2 estimated, ") and \
        "; 1 outlines drawn as their parts; bounds east " in summary, summary
    got = buildings(tmp_path / "cache")
    assert sorted(got) == ["w201", "w202", "w203"]  # the outline w200 is drawn as its parts
    tower, podium, house = got["w201"], got["w202"], got["w203"]
    assert (tower["roof_shape"], tower["roof_height"], tower["height"], tower["part"]) == ("pyramidal", 6.0, 40.0,
                                                                                          True)
    assert podium["min_height"] == 4.0 and podium["wall_colour"] == pytest.approx([192 / 255] * 3)
    assert house["roof_shape"] == "gabled" and house["height"] > 2 * 3.6 and not house["part"]
    doc = json.loads((imported_city.folder(tmp_path / "cache") / imported_city.DATA).read_text())
    assert doc["replaced_by_parts"] == 1 and doc["imported"] == 3


def test_progress_lines_while_reading(tmp_path, monkeypatch):
    monkeypatch.setattr(import_osm, "PROGRESS_EVERY", 2)
    code, out, _ = run(district().write_xml(tmp_path / "seoul.osm"), "--cache-dir", tmp_path / "cache")
    lines = out.strip().splitlines()
    assert code == 0 and lines[0].startswith("import_osm: reading ")
    progress = [line for line in lines if " buildings read, " in line]
    assert progress[:3] == ["import_osm: 2 buildings read, 2 in the district",
                            "import_osm: 4 buildings read, 4 in the district",
                            "import_osm: 6 buildings read, 4 in the district"]  # two left out


@pytest.mark.parametrize("case", ["missing", "corrupt-pbf", "broken-xml", "no-buildings", "nodes-missing"])
def test_bad_input_is_one_line_status_2_and_leaves_the_earlier_import(tmp_path, case):
    cache = tmp_path / "cache"
    assert run(district().write_xml(tmp_path / "good.osm"), "--cache-dir", cache)[0] == 0
    before = (imported_city.folder(cache) / imported_city.DATA).read_bytes()
    path = tmp_path / {"corrupt-pbf": "bad.osm.pbf"}.get(case, "bad.osm")
    if case == "corrupt-pbf":
        path.write_bytes(b"\x00\x00\x00\x0dnot a pbf at all" * 10)
    elif case == "broken-xml":
        path.write_text('<?xml version="1.0"?><osm version="0.6"><node id="1" lat="37.5"', encoding="utf-8")
    elif case == "no-buildings":
        d = OsmData()
        d.ring(rect(5000, 5000, 20, 20), {"building": "yes"})  # outside the district
        d.ring(rect(*load_catalogue()["sungnyemun"].local, 10, 10), {"building": "yes"})  # on a landmark
        d.ring(rect(100, 100, 20, 20), {"highway": "pedestrian"})
        d.write_xml(path)
    elif case == "nodes-missing":
        d = district()
        d.nodes = d.nodes[:3]
        d.write_xml(path)
    code, out, err = run(path, "--cache-dir", cache)
    assert code == 2 and len(err.strip().splitlines()) == 1 and err.startswith("import_osm: "), err
    expected = {"missing": "no such file", "corrupt-pbf": "not a readable OSM file",
                "broken-xml": "not a readable OSM file", "no-buildings": "no buildings in the district",
                "nodes-missing": "no buildings in the district (7 left out: 0 outside it, 0 on landmarks or open "
                                 "areas, 7 invalid)"}[case]
    assert expected in err
    assert (imported_city.folder(cache) / imported_city.DATA).read_bytes() == before


def test_without_pyosmium_it_names_the_extra(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "osmium", None)  # as if not installed: importing it raises ImportError
    code, out, err = run(district().write_xml(tmp_path / "seoul.osm"), "--cache-dir", tmp_path / "cache")
    assert code == 2 and out == "" and len(err.splitlines()) == 1
    assert "pyosmium" in err and "[osm]" in err


@pytest.mark.parametrize("argv", [[], ["--clear", "x.osm"], ["--bogus"]])
def test_usage_errors_are_one_line_status_2(argv):
    code, out, err = run(*argv)
    assert code == 2 and out == "" and len(err.splitlines()) == 1


def test_clear_goes_back_to_the_procedural_city(tmp_path):
    cache = tmp_path / "cache"
    assert run(district().write_xml(tmp_path / "seoul.osm"), "--cache-dir", cache)[0] == 0
    folder = imported_city.folder(cache)
    assert imported_city.read(folder) is not None
    code, out, _ = run("--clear", "--cache-dir", cache)
    assert code == 0 and "removed the import" in out
    assert imported_city.read(folder) is None and not folder.exists()
    code, out, _ = run("--clear", "--cache-dir", cache)
    assert code == 0 and "no import" in out


def test_a_stale_bake_is_not_read(tmp_path):
    """The baked geometry is keyed by the footprints and the generator: another key is rebaked, never shown."""
    cache = tmp_path / "cache"
    assert run(district().write_xml(tmp_path / "seoul.osm"), "--cache-dir", cache)[0] == 0
    folder = imported_city.folder(cache)
    _, _, key = imported_city.read(folder)
    (folder / imported_city.KEY).write_text(json.dumps({"digest": "0" * 64}))
    assert imported_city._baked(folder, key, loader=None) is None  # the loader is never asked for the stale file
    doc = json.loads((folder / imported_city.DATA).read_text())
    doc["buildings"][0]["height"] = 61.0
    (folder / imported_city.DATA).write_text(json.dumps(doc))
    assert imported_city.read(folder)[2] != key


def test_the_command_line_as_documented(tmp_path):
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    src = district().write_pbf(tmp_path / "seoul.osm.pbf")
    proc = subprocess.run([sys.executable, "-m", "game.city.import_osm", str(src), "--cache-dir", str(tmp_path)],
                          env=env, capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip().splitlines()[-1].startswith("import_osm: 5 buildings imported")
    proc = subprocess.run([sys.executable, "-m", "game.city.import_osm", str(tmp_path / "nope.osm")],
                          env=env, capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert proc.returncode == 2 and proc.stderr.count("\n") == 1


def probe(*args: object) -> dict:
    env = dict(os.environ, EGL_PLATFORM="surfaceless", PYTHONPATH=str(ROOT))
    proc = subprocess.run([sys.executable, str(PROBE), *map(str, args)], env=env, capture_output=True, text=True,
                          timeout=280)
    assert proc.returncode == 0, proc.stderr[-2000:]
    return json.loads(proc.stdout.strip().splitlines()[-1])


@pytest.mark.render
@pytest.mark.slow
def test_the_district_draws_the_imported_tower_where_it_stands_and_lights_it_at_night_until_cleared(tmp_path):
    cache = tmp_path / "cache"
    assert run(district().write_xml(tmp_path / "seoul.osm"), "--cache-dir", cache)[0] == 0
    for when in (DAY, NIGHT):
        got = probe(cache, when, tmp_path / "out", "w101")
        assert got["procedural_blocks"] == 0 and got["imported"] == 5, got
        # the tower fills its projected box in the mask render (measured 97 %), and nothing else stands in it
        assert got["in_box"] >= 0.85 * got["box_px"], got
        assert max(got["draw_calls"].values()) <= 200, got
        assert got["walked_into"] == pytest.approx(-0.3, abs=0.02)  # collides with the imported walls
        # the ODbL credit is on screen, in both languages, while the imported buildings are drawn
        assert "© OpenStreetMap contributors" in got["credit"] and "OpenStreetMap 기여자" in got["credit"], got
        assert got["credit_px"] > 150, got
        if when == NIGHT:  # its lit windows (measured +13.6 of 255 by night)
            assert got["lum_with_windows"] > got["lum_without_windows"] + 5, got
    assert (tmp_path / "out" / "osm-w101.png").stat().st_size > 5000
    assert run("--clear", "--cache-dir", cache)[0] == 0  # and back: the procedural blocks again
    got = probe(cache, DAY, tmp_path / "out", "w101")
    assert got["imported"] == 0 and got["procedural_blocks"] >= 10 and got["credit"] is None, got
