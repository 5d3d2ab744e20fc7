"""Live city data into the city life: the hotspot's crowd level and its roads' speeds. Pure.

Takes a parsed OA-21285 document (``net.citydata.CityData``); what it lacks leaves the typical profile in
charge. The polling itself belongs on the hub (one poller for every client), never in the render loop.
"""

from __future__ import annotations

import statistics

from game.life.world import CityLife
from net.citydata import CityData


def apply(life: CityLife, data: CityData) -> dict[str, float]:
    """Set the live crowd level of ``data.area`` (if it is one of ours) and the road speeds it reports.

    Returns the speeds applied per street id (several links of one road are averaged).
    """
    if data.crowd is not None and any(h.name == data.area for h in life.data.hotspots):
        try:
            life.set_live_level(data.area, data.crowd.level)
        except ValueError:  # a level name the data file does not know: keep the typical profile
            life.set_live_level(data.area, None)
    if data.traffic is None:
        return {}
    return apply_roads(life, [(r.road, r.speed_kmh) for r in data.traffic.roads])


def apply_roads(life: CityLife, roads: list[tuple[str, float]]) -> dict[str, float]:
    """Set the live speed of each street whose road names (``traffic.json`` ``road_names``) the data reports; a
    street with no report keeps its typical speed. Returns the speeds applied per street id (several links of one
    road averaged)."""
    applied: dict[str, float] = {}
    names = {k: v for k, v in life.traffic_data["road_names"].items() if not k.startswith("_")}
    for street, aliases in names.items():
        speeds = [kmh for road, kmh in roads if road in aliases and kmh > 0]
        if speeds:
            applied[street] = statistics.fmean(speeds)
            life.set_live_speed(street, applied[street])
    return applied
