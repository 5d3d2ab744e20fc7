"""The 12·23 fountain's jets and season, and the media screens' places on the towers (pure, no rendering)."""

import datetime as dt

import numpy as np

from game.city import blocks, fountain, screens, streets
from game.landmarks.catalogue import load as load_catalogue


def test_twelve_tall_and_twenty_three_low_jets_round_the_statue_clear_of_the_turtle_ship():
    centre = (0.0, -105.0)
    jets = fountain.jets(centre)
    heights = [h for _, _, h, _ in jets]
    tall, low = heights.count(fountain.TALL[2]), heights.count(fountain.LOW[2])
    assert tall <= 12 and low <= 23 and tall + low == len(jets) >= 30  # a few give way to the ship
    xy = np.array([(x, y) for x, y, _, _ in jets])
    assert (np.hypot(xy[:, 0] - centre[0], xy[:, 1] - centre[1]) <= 11.0).all()  # inside the fountain field
    ship = (np.abs(xy[:, 0]) < 1.0) & (xy[:, 1] < centre[1] - 5.0) & (xy[:, 1] > centre[1] - 9.0)
    assert not ship.any()
    assert len({round(h, 3) for *_, h in jets}) > 10  # a ring of colours, not one
    parts = fountain.meshes(centre)
    assert len(parts["pools"].indices) == 2 * len(jets) and parts["jets"].triangle_count > 0


def test_the_fountain_runs_in_the_warm_months():
    assert fountain.runs_on(dt.date(2026, 7, 12)) and fountain.runs_on(dt.date(2026, 4, 8))
    assert not fountain.runs_on(dt.date(2026, 1, 12)) and not fountain.runs_on(dt.date(2026, 12, 2))


def _district_blocks():
    catalogue = load_catalogue()
    st, areas = streets.load()
    footprints = [(lm.local, lm.footprint, lm.heading) for lm in catalogue.values()]
    return [b.aabb for b in blocks.generate(st, areas, footprints)], st


def test_screens_hang_high_on_towers_facing_sejong_daero():
    city, st = _district_blocks()
    spots = screens.spots(city, st)
    assert len(spots) == screens.COUNT
    avenue = next(s for s in st if s.id == screens.AVENUE)
    for s in spots:
        tower = next(b for b in city if b[0] - 1 <= s.centre[0] <= b[3] + 1 and b[1] - 1 <= s.centre[1] <= b[4] + 1)
        assert tower[5] >= screens.MIN_HEIGHT and s.centre[2] + s.height / 2 <= tower[5]  # below its roof
        here = np.array([s.centre[:2]])
        ahead = here + 10 * np.array(s.normal)
        assert streets.distance_to_polyline(avenue.points, ahead)[0] < streets.distance_to_polyline(avenue.points,
                                                                                                    here)[0]
        assert abs(np.dot(s.along, s.normal)) < 1e-9 and s.width <= screens.MAX_WIDTH
    centres = np.array([s.centre[:2] for s in spots])
    gaps = np.hypot(*(centres[:, None] - centres[None]).transpose(2, 0, 1))
    assert gaps[~np.eye(len(spots), dtype=bool)].min() >= screens.SEPARATION
    assert screens.panel_mesh(spots).triangle_count == 2 * len(spots)
    assert screens.POSITION_TAG == fountain.POSITION_TAG == "estimated"


def test_no_avenue_no_screens():
    city, st = _district_blocks()
    assert screens.spots(city, [s for s in st if s.id != screens.AVENUE]) == []
