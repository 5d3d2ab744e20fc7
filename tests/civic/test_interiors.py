"""Interior builders (pure): sane sizes, known materials, anchors inside the room, lamps, the data file."""

from __future__ import annotations

import numpy as np
import pytest

from game.architecture.mesh import MATERIALS
from game.civic import exhibition as exhibition_data
from game.interiors import center_120, exhibition, mayors_office, reservations
from game.interiors.kit import Interior

BUILDERS = {
    "mayors-office": mayors_office.build, "center-120": center_120.build, "reservations": reservations.build,
    "exhibition": lambda: exhibition.build(6),
}


@pytest.fixture(scope="module", params=list(BUILDERS))
def room(request) -> Interior:
    return BUILDERS[request.param]()


def test_room_is_closed_and_within_its_size(room: Interior) -> None:
    w, d, h = room.size
    assert set(room.parts) <= set(MATERIALS)
    lo = np.min([m.bounds()[0] for m in room.parts.values()], axis=0)
    hi = np.max([m.bounds()[1] for m in room.parts.values()], axis=0)
    assert lo[0] <= -w / 2 and hi[0] >= w / 2 and lo[1] <= -d / 2 and hi[1] >= d / 2 and hi[2] >= h
    assert hi[0] - lo[0] < w + 1 and hi[1] - lo[1] < d + 1
    assert room.glow.triangle_count > 0, "a room needs lamps"
    assert 500 < room.triangle_count < 200_000


def test_anchors_are_inside_and_camera_looks_into_the_room(room: Interior) -> None:
    w, d, h = room.size
    for name, (x, y, z) in room.anchors.items():
        if name == "target":  # may lie beyond the window: the mayor's office looks out over the plaza
            continue
        assert abs(x) <= w / 2 + 0.01 and abs(y) <= d / 2 + 0.01 and 0 <= z <= h, name
    cam, target = np.array(room.anchors["camera"]), np.array(room.anchors["target"])
    assert 1.5 <= cam[2] <= 2.2 and np.linalg.norm(target - cam) > 4


def test_normals_are_unit_and_indices_valid(room: Interior) -> None:
    for mesh in [*room.parts.values(), room.glow]:
        assert np.allclose(np.linalg.norm(mesh.normals, axis=1), 1, atol=1e-3)
        assert mesh.indices.max() < len(mesh.positions)


def test_mayors_office_window_faces_the_plaza_side() -> None:
    room = mayors_office.build()
    x0, x1, z0, z1 = mayors_office.WINDOW
    assert x1 - x0 > 10 and z1 - z0 > 2, "a wide window: the view over Seoul Plaza is the point of the room"
    assert room.anchors["window"][1] == room.size[1] / 2


def test_plinths_for_every_exhibit_do_not_overlap() -> None:
    pos = exhibition.plinth_positions(10)
    assert len({(round(x, 2), round(y, 2)) for x, y in pos}) == 10
    show = exhibition_data.load()
    assert show.feature.id == "donuimun" and "1915" in show.feature.guide["ko"]
    assert all(e.guide["en"] and e.caption["ko"] for e in show.all)


@pytest.mark.parametrize(("change", "message"), [
    (lambda d: d.update(feature="nope"), "feature"),
    (lambda d: d["exhibits"][0].update(model={}), "exactly one"),
    (lambda d: d["exhibits"][0].update(model={"landmark": "eiffel"}), "unknown landmark"),
    (lambda d: d["exhibits"][1]["caption"].pop("en"), "caption"),
])
def test_exhibition_file_errors_name_the_problem(change, message) -> None:
    import json

    data = json.loads(exhibition_data.EXHIBITION_PATH.read_text(encoding="utf-8"))
    change(data)
    with pytest.raises(exhibition_data.ExhibitionError, match=message):
        exhibition_data.parse(data)


def test_flow_has_a_civic_state_that_alerts_return_to() -> None:
    from game.flow import Flow

    flow = Flow()
    for state in ("loading", "explore", "civic", "alert"):
        flow.go(state)
    flow.resume_after_alert()
    assert flow.state == "civic"
    flow.go("explore")
