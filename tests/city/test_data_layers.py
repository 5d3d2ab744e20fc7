"""The data view's air and road layers and the live road speeds, from the hub's city-data summaries (pure)."""

from pathlib import Path

from game.life import data_layers
from game.life.density import load as load_crowd
from game.life.hotspot_status import FORGET_S, STALE_S
from net.hub import citydata_poller

FIXTURES = Path(__file__).parent / "fixtures"
BUSY = citydata_poller.summary("광화문·덕수궁", (FIXTURES / "citydata_busy.json").read_text(encoding="utf-8"), 100.0,
                               160.0)
QUIET = citydata_poller.summary("남대문시장", (FIXTURES / "citydata_quiet.json").read_text(encoding="utf-8"), 100.0,
                                100.0)


def test_air_and_road_levels_come_from_each_hotspots_reading():
    areas = {"광화문·덕수궁": BUSY, "남대문시장": QUIET}
    assert data_layers.road_levels(areas, 0.0) == {"광화문·덕수궁": (2, "live"), "남대문시장": (0, "live")}
    assert data_layers.air_levels(areas, 0.0)["남대문시장"] == (3, "live")  # 매우나쁨


def test_old_readings_are_stale_then_forgotten():
    areas = {"남대문시장": QUIET}
    assert data_layers.road_levels(areas, STALE_S + 1) == {"남대문시장": (0, "stale")}
    assert data_layers.road_levels(areas, FORGET_S + 1) == {} and data_layers.live_roads(areas, FORGET_S + 1) == []


def test_live_roads_are_the_reported_links_and_layers_name_every_level_in_both_languages():
    roads = data_layers.live_roads({"광화문·덕수궁": BUSY}, 0.0)
    assert roads and all(isinstance(kmh, float) for _, kmh in roads)
    assert {r["road"] for r in BUSY["traffic"]["roads"]} == {road for road, _ in roads}
    for layer in data_layers.layers(load_crowd()):
        assert len(layer.names) == len(layer.colours) and all(ko and en for ko, en in layer.names)
