"""Crosswalks joined back from the network's crossing pieces: their span, zebra bars and pedestrian signals."""

import math

import numpy as np
import pytest

from game.life import crosswalks
from game.life.walkways import Walkways


def _ways() -> Walkways:
    """A pavement west–east along y = 0, then a crossing cut in three pieces north over a street to y = 21,
    then pavement on: nodes 0-1 pavement, 1-2-3-4 crossing, 4-5 pavement."""
    nodes = np.array([[-10.0, 0.0], [0.0, 0.0], [0.0, 7.0], [0.0, 14.0], [0.0, 21.0], [10.0, 21.0]])
    a, b = np.array([0, 1, 2, 3, 4]), np.array([1, 2, 3, 4, 5])
    d = nodes[b] - nodes[a]
    ln = np.linalg.norm(d, axis=1)
    u = d / ln[:, None]
    crossed = [None, "jongno", "jongno", "jongno", None]
    adjacency = [[0], [0, 1], [1, 2], [2, 3], [3, 4], [4]]
    return Walkways(nodes, a, b, ln, u, np.stack([-u[:, 1], u[:, 0]], 1), -np.ones(5), np.ones(5), crossed,
                    np.array([-1, 3, 3, 3, -1]), adjacency, np.zeros(6, bool))


def test_the_pieces_make_one_crosswalk_kerb_to_kerb():
    ways = _ways()
    (cw,) = crosswalks.crosswalks(ways)
    assert cw.edges == (1, 2, 3) and cw.street == "jongno" and cw.junction == 3
    assert {cw.start, cw.end} == {(0.0, 0.0), (0.0, 21.0)}
    assert crosswalks.spans(ways).tolist() == [0.0, 21.0, 21.0, 21.0, 0.0]


def test_bars_fill_the_crosswalk_evenly_and_face_up():
    ways = _ways()
    mesh = crosswalks.zebra(crosswalks.crosswalks(ways), (7.0, 0.0))
    bars = len(mesh.positions) // 4
    assert bars == int((21.0 - crosswalks.GAP) // (crosswalks.BAR + crosswalks.GAP))
    ys = mesh.positions[:, 1]
    assert ys.min() == pytest.approx(21.0 - ys.max(), abs=1e-4)  # centred: the same margin at both kerbs
    p = mesh.positions[mesh.indices]
    assert (np.cross(p[:, 1] - p[:, 0], p[:, 2] - p[:, 0])[:, 2] > 0).all()
    assert (mesh.uvs == (7.0, 0.0)).all()


def test_a_signal_at_each_end_faces_the_other_kerb_beside_the_bars():
    (south, north) = sorted(crosswalks.signal_posts(crosswalks.crosswalks(_ways())), key=lambda p: p[1])
    assert south[1] < 0.0 < 21.0 < north[1]  # back on the pavements
    assert math.isclose(south[2], math.pi / 2) and math.isclose(abs(north[2]), math.pi / 2) and north[2] < 0
    assert abs(south[0]) > crosswalks.CROSSING_HALF + 0.4  # clear of the bars
    assert south[3:] == (3, "jongno") == north[3:]
