"""Vehicles: in their lanes, halting at red, keeping their distance; buses dwell at their stops."""

import numpy as np

from game.city.streets import distance_to_polyline
from game.life.geometry import project
from game.life.signals import Light
from game.life.traffic import KINDS


def test_lanes_follow_the_trunk_roads(make_life):
    life = make_life()
    routes = {ln.route for ln in life.lanes}
    assert routes == {"sejong-taepyeong", "sinmun-jongno", "namdaemun-ro"}
    streets = {s for ln in life.lanes for s in ln.streets}
    assert {"sejong-daero", "jongno", "taepyeong-ro", "namdaemun-ro", "sinmun-ro"} <= streets
    assert all(ln.stops for ln in life.lanes)
    assert any(ln.bus_stops for ln in life.lanes if ln.index == 0)


def test_vehicles_stay_in_lane_stop_at_red_and_never_overlap(district, make_life):
    by_id = {s.id: s for s in district[0]}
    life = make_life()
    tr = life.traffic
    kinds_seen = set()
    halted_at_red = 0
    bus_dwells = 0
    travelled = 0.0
    for _ in range(2400):  # ten minutes in quarter seconds
        clock = life.clock_s
        act = np.nonzero(tr.active)[0]
        s_before = {int(tr.serial[i]): (int(tr.lane[i]), float(tr.s[i])) for i in act}
        life.update(0.25)
        for i in np.nonzero(tr.active)[0]:
            i = int(i)
            lane = life.lanes[tr.lane[i]]
            kinds_seen.add(KINDS[tr.kind[i]])
            if (k := int(tr.serial[i])) in s_before:
                assert s_before[k][0] == tr.lane[i]
                s0, s1 = s_before[k][1], tr.s[i]
                travelled += s1 - s0
                assert s1 >= s0 - 1e-9  # never backwards
                for stop, jid, street in lane.stops:
                    red = life.junctions[jid].light(street, clock) is Light.RED
                    assert not (red and s0 <= stop < s1 - 1e-9), (i, stop)
                    halted_at_red += red and stop - 3.0 < s1 <= stop and s1 - s0 < 0.05
            bus_dwells += tr.dwell[i] > 0
            # on its lane's centre line, within the carriageway of one of its streets
            _, off_line = project(lane.points, lane.lengths, tuple(tr.pos[i]))
            assert off_line < 0.05
            inside = min(distance_to_polyline(by_id[s].points, tr.pos[i][None])[0] - by_id[s].width / 2
                         for s in lane.streets)
            assert inside < -tr.width[i] / 2 + 0.3, (i, inside)
        for li in range(len(life.lanes)):
            idx = np.nonzero(tr.active & (tr.lane == li))[0]
            idx = idx[np.argsort(tr.s[idx])]
            fronts, rears = tr.s[idx], tr.s[idx] - tr.length[idx]
            assert (rears[1:] >= fronts[:-1] + 0.99).all(), li
    assert {"car", "taxi", "bus"} <= kinds_seen
    assert halted_at_red > 200 and bus_dwells > 50 and travelled > 5000


def test_live_road_speed_slows_the_traffic(make_life):
    fast, slow = make_life(), make_life()
    for street in ("sejong-daero", "taepyeong-ro", "jongno", "sinmun-ro", "namdaemun-ro"):
        slow.set_live_speed(street, 8.0)
    for life in (fast, slow):
        for _ in range(240):
            life.update(0.5)
    mean = [float(life.traffic.v[life.traffic.active & (life.traffic.kind != KINDS.index("bus"))].mean())
            for life in (fast, slow)]
    assert mean[1] < 8.0 / 3.6 * 1.2 < mean[0]
