"""``build_landmark``: one procedural :class:`Building` per catalogue landmark, dispatched on its kind.

Randomness (stone tints, tile jitter, shop heights) comes from a generator seeded with a CRC of the landmark
id, so the same id always yields identical arrays on every machine and run.

``Building.dims`` (metres or counts, measured from the generated geometry; every kind has ``total_height``):

- gate: base_width/depth/height, arch_count, arch_{i}_width/height/x, pavilion_width/depth, bays_front/side,
  storeys, column_height, eave_width, figures_upper_hip/lower_hip, signboard_y/width/height; Gwanghwamun adds
  forecourt_width/length/height (its 월대, which reaches ~56 m in front of the base).
- pavilion (Bosingak): base_* (the terrace), the pavilion keys above, bell_height/diameter/bottom, upper_floor.
- hall-gate (Daehanmun): base_*, the pavilion keys above, wall_length/height.
- square: width, length, water_channel_length/width, sejong_/yi_ statue_height, base_height, north_offset,
  sejong_statue_width.
- market: width, depth, alleys_ew/ns, alley_width (measured clearance), stall_depth, block_height_min/max,
  alley_ew_{i}_y and alley_ns_{i}_x (lane centre lines).
- city-hall: old_width/depth/height/front, tower_height, new_width/depth/height/front, setback.
- palace (Gyeongbokgung): heungnyemun_/geunjeongmun_ + the pavilion keys and _y (their place on the axis),
  hall_ + the pavilion keys, hall_y, terrace_height/width/depth, outer_yard_width, inner_yard_width.
- stream (Cheonggyecheon): channel_depth, water_depth_below_walkway, channel_width, water_width, length,
  plaza_length, stair_steps, stair_rise, spring_height, ``<bridge id>_s`` (along the stream, from the centre).
"""

from __future__ import annotations

import zlib

import numpy as np

from game.architecture.building import Building
from game.architecture.city_hall import build_city_hall
from game.architecture.gates import build_gate, build_hall_gate, build_loft
from game.architecture.market import build_market
from game.architecture.palace import build_palace
from game.architecture.square import build_square
from game.architecture.stream import build_stream
from game.landmarks.catalogue import Landmark

__all__ = ["Building", "build_landmark", "rng_for"]


def rng_for(landmark_id: str) -> np.random.Generator:
    """The deterministic generator of one landmark (CRC-32, not Python's salted ``hash``)."""
    return np.random.default_rng(zlib.crc32(landmark_id.encode("utf-8")))


def build_landmark(landmark: Landmark) -> Building:
    """Generate ``landmark``'s geometry in building-local metres (front facing -Y) from its catalogue params."""
    rng = rng_for(landmark.id)
    p = landmark.params
    match landmark.kind:
        case "gate":
            return build_gate(landmark.id, p, rng)
        case "pavilion":
            return build_loft(landmark.id, p, rng)
        case "hall-gate":
            return build_hall_gate(landmark.id, p, rng)
        case "square":
            return build_square(landmark.id, p, rng)
        case "market":
            return build_market(landmark.id, p, rng, landmark.footprint)
        case "city-hall":
            return build_city_hall(landmark.id, p, rng, landmark.footprint)
        case "stream":
            return build_stream(p, rng, landmark.local, landmark.footprint)
        case "palace":
            return build_palace(landmark.id, p, rng)
    raise ValueError(f"landmark {landmark.id!r}: no builder for kind {landmark.kind!r}")
