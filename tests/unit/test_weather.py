"""Weather and season, the pure side: the table each weather reads from, seasons by month, the ginkgo's colours,
the ``--weather`` flag and its ``mseoul-weather`` PRC variable."""

import datetime as dt

import numpy as np
import pytest

from game.architecture.square import tree_spots
from game.city import trees
from game.city.streets import distance_to_polyline, load
from game.config import ConfigError, config_from_args
from game.landmarks.catalogue import load as load_catalogue
from game.weather import SPECIES, WEATHERS, crown, haze_colour, live_weather, next_weather, season, weather


def test_every_weather_has_a_look_and_only_rain_and_snow_fall():
    looks = {name: weather(name) for name in WEATHERS}
    assert [n for n, w in looks.items() if w.falling] == ["rain", "snow"]
    assert looks["clear"].haze == 0 and looks["clear"].sun == 1.0
    assert looks["fog"].haze > max(w.haze for n, w in looks.items() if n != "fog")
    assert looks["cloudy"].cloudiness > looks["clear"].cloudiness
    assert looks["rain"].wet > 0 and looks["snow"].snow_cover > 0
    assert sum(haze_colour(looks["fog"], 1.0)) < sum(haze_colour(looks["fog"], 0.0)) / 5  # a night haze is dark


def test_seasons_by_month():
    months = [season(dt.date(2026, m, 15)) for m in range(1, 13)]
    assert months == ["winter"] * 2 + ["spring"] * 3 + ["summer"] * 3 + ["autumn"] * 3 + ["winter"]


def test_ginkgo_gold_in_november_and_bare_in_winter():
    r, g, b = crown("ginkgo", dt.date(2026, 11, 10))
    assert r > b * 4 and g > b * 4 and r > 0.5  # yellow
    r, g, b = crown("ginkgo", dt.date(2026, 7, 10))
    assert g > r and g > b  # green
    assert crown("ginkgo", dt.date(2027, 1, 10)) is None


def test_the_squares_trees_rust_in_november_and_stand_bare_in_winter():
    r, g, b = crown("zelkova", dt.date(2026, 11, 10))
    assert r > 1.5 * g > 3 * b  # rust-orange
    gr, gg, _ = crown("ginkgo", dt.date(2026, 11, 10))
    assert r / g > 1.5 * gr / gg  # redder than the ginkgos' gold beside them
    r, g, b = crown("zelkova", dt.date(2026, 7, 10))
    assert g > r and g > b
    assert all(crown(s, dt.date(2027, m, 10)) is None for s in SPECIES for m in (12, 1, 2, 3))
    assert all(crown(s, dt.date(2027, m, 10)) is not None for s in SPECIES for m in range(4, 12))


def test_the_squares_trees_stand_on_its_west_lawns():
    lm = next(lm for lm in load_catalogue().values() if lm.kind == "square")
    spots = tree_spots(lm.params)
    width, length = lm.params["width"], lm.params["length"]
    assert len(spots) > 60 and set(np.unique(spots[:, 0])) == {-width / 2 + 3.0, -width / 2 + 9.0}
    assert np.abs(spots[:, 1]).max() < length / 2 - 10 and (7.0 <= spots[:, 2]).all() and (spots[:, 2] <= 10.0).all()
    leafy = trees.broadleaf_meshes(spots, crown("zelkova", dt.date(2026, 7, 1)))
    bare = trees.broadleaf_meshes(spots, None)
    assert leafy["crowns"].triangle_count == bare["crowns"].triangle_count > 0  # winter: a mass of bare twigs
    assert np.ptp(bare["crowns"].positions[:, 0]) < np.ptp(leafy["crowns"].positions[:, 0])  # and a smaller one
    assert bare["trunks"].bounds()[1][2] > leafy["trunks"].bounds()[1][2]  # the trunk shows higher without leaves


def test_ginkgos_line_both_pavements_of_sejong_daero():
    streets, _ = load()
    sejong = next(s for s in streets if s.id == "sejong-daero")
    xy = trees.positions(streets)
    d = distance_to_polyline(sejong.points, xy)
    off = np.abs(d - (sejong.width / 2 + trees.SET_BACK))
    assert len(xy) > 50 and (off < 0.05).mean() > 0.95 and off.max() < 1.0  # a bend's inner side comes a little nearer
    bare, leafy = trees.meshes(xy, None), trees.meshes(xy, crown("ginkgo", dt.date(2026, 7, 1)))
    assert bare["crowns"].triangle_count == leafy["crowns"].triangle_count > 0  # winter: a cone of bare twigs
    assert np.ptp(bare["crowns"].positions[:, 0]) < np.ptp(leafy["crowns"].positions[:, 0])  # a slimmer one


def test_weather_flag_and_prc_variable():
    from panda3d.core import loadPrcFileData, unloadPrcFile

    assert config_from_args([]).weather == "clear"
    assert config_from_args(["--weather", "snow"]).weather == "snow"
    page = loadPrcFileData("test", "mseoul-weather fog")
    try:
        assert config_from_args([]).weather == "fog"
        assert config_from_args(["--weather", "rain"]).weather == "rain"
    finally:
        unloadPrcFile(page)
    with pytest.raises(ConfigError, match="--weather"):
        config_from_args(["--weather", "sunny"])


def _area(precipitation: str, sky: str, temperature: float | None = 10.0, age_s: float = 60.0, air: str = "보통",
          name: str = "광화문·덕수궁") -> dict:
    """One ``city.data`` summary as the hub serves it (net/hub/citydata_poller.summary)."""
    return {"area": name, "age_s": age_s, "air": {"index": air},
            "weather": {"temperature": temperature, "precipitation": precipitation, "sky": sky}}


def test_live_weather_from_the_city_data():
    assert live_weather([_area("비", "흐림")]) == "rain"
    assert live_weather([_area("소나기", "구름많음")]) == "rain"
    assert live_weather([_area("눈", "흐림", -3.0)]) == "snow"
    assert live_weather([_area("비/눈", "흐림", 0.5)]) == "snow"  # sleet near freezing settles as snow
    assert live_weather([_area("비/눈", "흐림", 4.0)]) == "rain"
    assert live_weather([_area("없음", "흐림")]) == "cloudy" and live_weather([_area("없음", "구름많음")]) == "cloudy"
    assert live_weather([_area("없음", "맑음")]) == "clear"
    assert live_weather([_area("없음", "맑음", air="매우나쁨")]) == "fog"  # a day of thick fine dust: the haze look
    assert live_weather([]) is None and live_weather([{"area": "x", "age_s": 1.0, "weather": None}]) is None
    assert live_weather([_area("", "")]) is None  # a sensor that says nothing changes nothing
    assert live_weather([_area("비", "흐림", age_s=4 * 3600)]) is None  # too old to tell the sky now
    # the first area by name with something to say speaks for the district
    areas = [_area("없음", "맑음", name="서울광장"), _area("눈", "흐림", -1.0, name="광화문·덕수궁")]
    assert live_weather(areas) == "snow"


def test_the_weather_key_cycles_through_every_weather():
    seen, name = [], "clear"
    for _ in WEATHERS:
        name = next_weather(name)
        seen.append(name)
    assert sorted(seen) == sorted(WEATHERS) and name == "clear"


def test_only_a_given_weather_is_chosen():
    from panda3d.core import loadPrcFileData, unloadPrcFile

    assert not config_from_args([]).weather_chosen  # the live city data may set it
    assert config_from_args(["--weather", "clear"]).weather_chosen  # --weather wins, even clear
    page = loadPrcFileData("test", "mseoul-weather rain")
    try:
        assert config_from_args([]).weather_chosen
    finally:
        unloadPrcFile(page)


def test_puddles_lie_by_the_kerbs_on_the_pavements_and_on_the_square():
    from game.city import puddles

    streets, _ = load()
    pools = puddles.puddles(streets)
    z = np.unique(pools.positions[:, 2].astype(np.float64).round(3))
    assert z.tolist() == [round(puddles.ROAD_Z + puddles.LIFT, 3), round(puddles.PAVEMENT_Z + puddles.LIFT, 3)]
    assert pools.triangle_count > 1000 and np.allclose(pools.normals, [0, 0, 1])
    square = puddles.square_puddles(60.0, 557.0, 12.0)
    assert square.positions[:, 0].min() > -30.0 + 12.0 - 2.6 and square.positions[:, 0].max() < 30.0
    assert np.abs(square.positions[:, 1]).max() < 557.0 / 2
