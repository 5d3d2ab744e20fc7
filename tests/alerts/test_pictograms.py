"""Category → pictogram mapping and the vector drawings."""

from __future__ import annotations

import dataclasses

import pytest

from game.alerts.model import Info
from game.alerts.pictograms import PICTOGRAMS, Disc, Poly, Stroke, pictogram_for, shapes
from game.text import i18n

BASE = Info(event="", urgency="Immediate", severity="Severe", certainty="Observed", categories=("Other",))


@pytest.mark.parametrize(("event", "extra", "expected"), [
    ("지진", {}, "earthquake"), ("Earthquake", {}, "earthquake"), ("지진해일 경보", {}, "earthquake"),
    ("산불", {}, "fire"), ("건물 화재", {}, "fire"),
    ("호우경보", {}, "flood"), ("홍수주의보", {}, "flood"), ("Flash Flood Warning", {}, "flood"),
    ("태풍경보", {}, "typhoon"), ("강풍주의보", {}, "typhoon"), ("SEVERE THUNDERSTORM", {}, "typhoon"),
    ("폭염경보", {}, "heat"), ("Excessive Heat", {}, "heat"),
    ("초미세먼지 주의보", {}, "fine_dust"), ("황사경보", {}, "fine_dust"),
    ("민방공 훈련 공습경보", {}, "air_raid"), ("Air Raid", {}, "air_raid"),
    ("실종자 찾기", {}, "missing_person"), ("Child Abduction", {}, "missing_person"),
    ("대피명령", {}, "evacuation"), ("Gas leak", {"response_types": ("Evacuate",)}, "evacuation"),
    ("호우경보 해제", {}, "all_clear"), ("Earthquake", {"response_types": ("AllClear",)}, "all_clear"),
    ("Homeland Security Advisory", {"categories": ("Security",)}, "air_raid"),
    ("Something odd", {}, "general"),
    ("Notice", {"headline": "Heavy rain expected"}, "flood"),
])
def test_pictogram_for_event(event, extra, expected):
    assert pictogram_for(dataclasses.replace(BASE, event=event, **extra)) == expected


@pytest.mark.parametrize("pid", PICTOGRAMS)
def test_every_pictogram_is_vector_shapes_in_the_unit_square_with_a_name(pid):
    drawing = shapes(pid)
    assert len(drawing) >= 3
    for shape in drawing:
        if isinstance(shape, Disc):
            pts = [(shape.cx - shape.r, shape.cy - shape.r), (shape.cx + shape.r, shape.cy + shape.r)]
        else:
            assert isinstance(shape, Poly | Stroke)
            pts = list(shape.points)
        assert all(-1.0 <= c <= 1.0 for p in pts for c in p)
    assert i18n.text(f"alerts.pictogram_{pid}", "ko") and i18n.text(f"alerts.pictogram_{pid}", "en")


def test_drawings_differ_and_unknown_is_refused():
    assert len({shapes(pid) for pid in PICTOGRAMS}) == len(PICTOGRAMS)
    with pytest.raises(KeyError):
        shapes("volcano")
