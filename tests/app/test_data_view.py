"""The data view with real key presses (issue 16): V raises a bar over every hotspot place, as tall as its crowd
level, with a legend in both languages; V again shows the air, again the roads' pace (the test's hub has no city
data: no air or road bars, only their legends); once more puts it away."""

from __future__ import annotations

from game.life import data_view


def legend_texts(view) -> list[str]:
    return [np.node().getText() for np in view.legend.findAllMatches("**/+TextNode")]


def test_v_steps_through_crowd_air_and_roads_then_puts_the_view_away(desktop, pilot) -> None:
    view, data = desktop.data_view, desktop.life.life.data
    assert not view.visible and view.root.isHidden()
    pilot.press("v")
    assert view.visible and not view.root.isHidden() and not view.legend.isHidden()
    levels = desktop.badge.levels()
    bars = view.bars()
    expected = {p.id: data_view.bar_height(levels[h.name][0]) for h in data.hotspots for p, _ in h.places}
    assert bars.keys() == expected.keys() and len(bars) == 6  # incl. the market's alleys and the stream walk
    assert all(abs(bars[k] - expected[k]) < 1e-3 for k in bars)
    texts = legend_texts(view)
    assert "혼잡도 (V: 다음) / Crowd level (V: next)" in texts
    assert sorted(t for t in texts if " · " in t) == sorted(f"{ko} · {en}" for ko, en in zip(data.levels,
                                                                                           data.levels_en,
                                                                                           strict=True))
    pilot.press("v")
    assert "대기질 (V: 다음) / Air quality (V: next)" in legend_texts(view)
    assert "매우나쁨 · very bad" in legend_texts(view) and view.bars() == {}  # no reading: no bar, never a guess
    pilot.press("v")
    assert "도로 소통 (V: 닫기) / Road traffic (V: close)" in legend_texts(view)
    assert "정체 · congested" in legend_texts(view) and view.bars() == {}
    pilot.press("v")
    assert not view.visible and view.root.isHidden() and view.legend is None
