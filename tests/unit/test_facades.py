"""Shop fronts, the pure side: one quad on each face of the blocks by the avenues, none on blocks far from them,
a hair in front of the window grid, one tall ground storey high."""

import numpy as np

from game.city import blocks, facades, streets
from game.city.night import WINDOW_OFFSET
from game.landmarks.catalogue import load


def test_shop_fronts_line_the_avenues_blocks_only():
    street_list, areas = streets.load()
    city = [b.aabb for b in blocks.generate(street_list, areas, [(lm.local, lm.footprint, lm.heading)
                                                                  for lm in load().values()])]
    mesh = facades.shop_faces(city, street_list)
    quads = mesh.triangle_count // 2
    assert 200 < quads < 4 * len(city) // 2  # the blocks by the avenues, not the whole city
    assert set(np.unique(mesh.positions[:, 2])) == {0.0, np.float32(facades.SHOP_HEIGHT)}
    assert mesh.uvs[:, 1].max() == np.float32(facades.SHOP_HEIGHT)
    avenues = [s for s in street_list if s.id in facades.LIT_AVENUES]
    reach = max(s.width / 2 + streets.SIDEWALK + facades.REACH for s in avenues) + blocks.CELL
    near = np.min([streets.distance_to_polyline(s.points, mesh.positions[:, :2].astype(np.float64))
                   for s in avenues], axis=0)
    assert near.max() < reach
    jongno = next(s for s in street_list if s.id == "jongno")
    cx, cy = jongno.points[len(jongno.points) // 2] + np.array([0.0, jongno.width / 2 + streets.SIDEWALK + 15.0])
    block = (cx - 10.0, cy - 8.0, 0.0, cx + 10.0, cy + 8.0, 30.0)
    assert facades.shop_faces([block], street_list, avenues=()).triangle_count == 0  # no avenue: no shops
    one = facades.shop_faces([block], street_list)
    assert one.triangle_count == 8  # all four faces: the street side and the alleys
    xs, ys = one.positions[:, 0], one.positions[:, 1]
    assert facades.OFFSET > WINDOW_OFFSET  # in front of the window grid
    assert np.isclose(xs.min(), cx - 10.0 - facades.OFFSET) and np.isclose(ys.max(), cy + 8.0 + facades.OFFSET)


def test_street_furniture_stands_on_the_avenues_pavements_clear_of_landmarks():
    from game.city import furniture

    street_list, _ = streets.load()
    footprints = [(lm.local, lm.footprint, lm.heading) for lm in load().values()]
    batches = furniture.furniture(street_list, footprints)
    kit = batches["fixtures"]
    assert 5000 < kit.triangle_count < 60000  # one batch of a few thousand boxes' worth
    signs = int(np.all(np.isclose(kit.colors, furniture.BUS_BLUE), axis=1).sum()) // 24  # a box has 24 vertices
    assert signs > 5 and batches["panels"].triangle_count == 12 * signs  # one light box per bus stop
    assert np.isclose(kit.positions[:, 2].min(), furniture.PAVEMENT_Z) and kit.positions[:, 2].max() < 3.5
    avenues = [s for s in street_list if s.id in furniture.LIT_AVENUES]
    xy = kit.positions[:, :2].astype(np.float64)
    off = np.min([streets.distance_to_polyline(s.points, xy) - s.width / 2 for s in avenues], axis=0)
    assert off.min() > 0.0 and off.max() < streets.SIDEWALK + 0.5  # on the pavements, off the carriageway
    for centre, size, heading in footprints:
        inside = streets.point_in_polygon(blocks.footprint_poly(centre, size, heading, 0.0), xy)
        assert not inside.any(), centre
