"""Generated dimensions match the catalogue within 5 % (the issue's acceptance rule)."""

from __future__ import annotations

import pytest

from game.architecture.builders import Building
from game.landmarks.catalogue import Landmark

TOLERANCE = 0.05


def close(measured: float, expected: float) -> bool:
    return abs(measured - expected) <= TOLERANCE * abs(expected)


def check(b: Building, pairs: dict[str, float]) -> None:
    bad = {k: (round(b.dims[k], 3), v) for k, v in pairs.items() if not close(b.dims[k], v)}
    assert not bad, f"measured vs catalogue outside 5 %: {bad}"


def pavilion_pairs(pav: dict) -> dict[str, float]:
    return {
        "bays_front": len(pav["bays_front"]), "bays_side": len(pav["bays_side"]), "storeys": pav["storeys"],
        "pavilion_width": sum(pav["bays_front"]), "pavilion_depth": sum(pav["bays_side"]),
    }


GATES = ("gwanghwamun", "sungnyemun", "donuimun")


@pytest.mark.parametrize("lid", GATES)
def test_gate_dimensions(lid: str, buildings: dict[str, Building], catalogue: dict[str, Landmark]) -> None:
    p = catalogue[lid].params
    b = buildings[lid]
    base = p["base"]
    pairs = {"base_width": base["width"], "base_depth": base["depth"], "base_height": base["height"],
             "arch_count": len(base["arches"]), "total_height": p["total_height"], **pavilion_pairs(p["pavilion"])}
    for i, arch in enumerate(base["arches"]):
        pairs[f"arch_{i}_width"] = arch["width"]
        pairs[f"arch_{i}_height"] = arch["height"]
    check(b, pairs)


def test_gwanghwamun_centre_arch_is_the_largest(buildings: dict[str, Building]) -> None:
    d = buildings["gwanghwamun"].dims
    assert d["arch_1_width"] > d["arch_0_width"] and d["arch_1_height"] > d["arch_2_height"]
    assert d["arch_0_x"] < d["arch_1_x"] < d["arch_2_x"]


def test_bosingak_dimensions(buildings: dict[str, Building], catalogue: dict[str, Landmark]) -> None:
    p = catalogue["bosingak"].params
    b = buildings["bosingak"]
    t = p["terrace"]
    check(b, {"base_width": t["width"], "base_depth": t["depth"], "base_height": t["height"],
              "total_height": p["total_height"], "bell_height": p["bell"]["height"],
              "bell_diameter": p["bell"]["diameter"], **pavilion_pairs(p["pavilion"])})
    assert b.dims["bell_bottom"] > b.dims["upper_floor"], "the bell hangs on the upper floor"


def test_deoksugung_dimensions(buildings: dict[str, Building], catalogue: dict[str, Landmark]) -> None:
    p = catalogue["deoksugung"].params
    base = p["base"]
    check(buildings["deoksugung"], {
        "base_width": base["width"], "base_depth": base["depth"], "base_height": base["height"],
        "total_height": p["total_height"], "wall_length": p["wall"]["length"], "wall_height": p["wall"]["height"],
        **pavilion_pairs(p["pavilion"])})


def test_square_dimensions(buildings: dict[str, Building], catalogue: dict[str, Landmark]) -> None:
    p = catalogue["gwanghwamun-square"].params
    pairs = {"length": p["length"], "width": p["width"], "water_channel_length": p["water_channel"]["length"]}
    for name in ("sejong", "yi"):
        pairs[f"{name}_statue_height"] = p[name]["statue_height"]
        pairs[f"{name}_base_height"] = p[name]["base_height"]
        pairs[f"{name}_north_offset"] = p[name]["north_offset"]
    pairs["sejong_statue_width"] = p["sejong"]["statue_width"]
    check(buildings["gwanghwamun-square"], pairs)


def test_market_dimensions(buildings: dict[str, Building], catalogue: dict[str, Landmark]) -> None:
    p = catalogue["namdaemun-market"].params
    d = buildings["namdaemun-market"].dims
    width, depth = catalogue["namdaemun-market"].footprint
    check(buildings["namdaemun-market"], {"alleys_ew": p["alleys_ew"], "alleys_ns": p["alleys_ns"],
                                          "alley_width": p["alley_width"], "stall_depth": p["stall_depth"],
                                          "width": width, "depth": depth})
    low, high = p["block_height"]
    assert low <= d["block_height_min"] <= d["block_height_max"] <= high


def test_city_hall_dimensions(buildings: dict[str, Building], catalogue: dict[str, Landmark]) -> None:
    p = catalogue["city-hall"].params
    old, new = p["old"], p["new"]
    check(buildings["city-hall"], {
        "old_width": old["width"], "old_depth": old["depth"], "old_height": old["height"],
        "tower_height": old["tower_height"], "new_width": new["width"], "new_height": new["height"],
        "new_depth": new["depth"], "setback": new["setback"]})
    d = buildings["city-hall"].dims
    assert d["new_front"] > d["old_front"], "the 2012 building stands behind the 1926 one"


def test_gwanghwamun_forecourt(buildings: dict[str, Building]) -> None:
    """The 2023 월대: 29.7 m × 48.7 m, ~0.7 m high (S5), in front of the gate (-Y)."""
    check(buildings["gwanghwamun"], {"forecourt_width": 29.7, "forecourt_length": 48.7, "forecourt_height": 0.7})
    lo, _ = buildings["gwanghwamun"].bounds()
    assert lo[1] < -7.0 - 48.0


def test_sungnyemun_figures_on_the_hips(buildings: dict[str, Building]) -> None:
    """잡상 since 2013: 9 on each upper hip, 7 on each lower hip (S10); always an odd number (S19)."""
    d = buildings["sungnyemun"].dims
    assert (d["figures_upper_hip"], d["figures_lower_hip"]) == (9, 7)
    for b in buildings.values():
        for key in ("figures_upper_hip", "figures_lower_hip"):
            if key in b.dims:
                assert b.dims[key] % 2 == 1
