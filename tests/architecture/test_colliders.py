"""Colliders block walls and leave passages open: a person-sized box walks through every arch, Daehanmun's
open central bay and every market alley, and is stopped by solid masonry."""

from __future__ import annotations

import pytest

from game.architecture.builders import Building
from game.landmarks.catalogue import LANDMARK_IDS, Landmark

Box = tuple[float, float, float, float, float, float]


def hits(b: Building, walker: Box) -> list[Box]:
    x0, y0, z0, x1, y1, z1 = walker
    return [c for c in b.colliders if c[0] < x1 and x0 < c[3] and c[1] < y1 and y0 < c[4] and c[2] < z1 and z0 < c[5]]


def path_y(x: float, y0: float, y1: float, half_width: float = 0.35) -> Box:
    """The space swept by a 1.8 m person walking along Y at ``x``."""
    return (x - half_width, y0, 0.05, x + half_width, y1, 1.85)


@pytest.mark.parametrize("lid", LANDMARK_IDS)
def test_colliders_are_well_formed(lid: str, buildings: dict[str, Building]) -> None:
    b = buildings[lid]
    assert b.colliders
    for c in b.colliders:
        assert c[0] < c[3] and c[1] < c[4] and c[2] < c[5], c


@pytest.mark.parametrize("lid", ("gwanghwamun", "sungnyemun", "donuimun"))
def test_arches_stay_walkable(lid: str, buildings: dict[str, Building], catalogue: dict[str, Landmark]) -> None:
    b = buildings[lid]
    depth, width = catalogue[lid].params["base"]["depth"], catalogue[lid].params["base"]["width"]
    for i in range(int(b.dims["arch_count"])):
        x = b.dims[f"arch_{i}_x"]
        assert not hits(b, path_y(x, -depth, depth)), f"arch {i} is blocked"
        wide = b.dims[f"arch_{i}_width"] / 2 - 0.5
        assert not hits(b, path_y(x, -depth, depth, wide)), f"arch {i} is narrower than built"
    assert hits(b, path_y(-width / 2 + 1.0, -depth, depth)), "the masonry beside the arches must block"


def test_daehanmun_central_bay_is_open(buildings: dict[str, Building]) -> None:
    b = buildings["deoksugung"]
    assert not hits(b, path_y(0.0, -20.0, 20.0, 1.0))
    assert hits(b, path_y(-4.3, -20.0, 20.0)), "side bays are closed by their doors"
    assert hits(b, path_y(-20.0, -20.0, 20.0)), "the palace wall blocks"


def test_market_alleys_are_walkable(buildings: dict[str, Building], catalogue: dict[str, Landmark]) -> None:
    b = buildings["namdaemun-market"]
    width, depth = catalogue["namdaemun-market"].footprint
    half_lane = catalogue["namdaemun-market"].params["alley_width"] / 2 - 0.2
    ew = [v for k, v in b.dims.items() if k.startswith("alley_ew_")]
    ns = [v for k, v in b.dims.items() if k.startswith("alley_ns_")]
    for y in ew:
        assert not hits(b, (-width / 2, y - half_lane, 0.05, width / 2, y + half_lane, 1.85)), f"alley y={y}"
    for x in ns:
        assert not hits(b, path_y(x, -depth / 2, depth / 2, half_lane)), f"alley x={x}"
    between = (ew[0] + ew[1]) / 2
    assert hits(b, (-width / 2, between - 0.3, 0.05, width / 2, between + 0.3, 1.85)), "blocks must block"
