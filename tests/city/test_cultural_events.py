"""Today's cultural events for the square's board, from the hub's city-data summary (pure)."""

import datetime as dt

from game.life import cultural_events
from game.life.hotspot_status import FORGET_S, STALE_S

DAY = dt.date(2026, 5, 15)
BOOKS = {"name": "광화문광장 책마당", "period": "2026-05-01~2026-06-30", "place": "광화문광장"}
LANTERNS = {"name": "서울빛초롱축제", "period": "2026-12-12~2027-01-04", "place": "청계천"}


def test_only_events_whose_period_includes_the_day_are_listed():
    odd = {"name": "상설 전시", "period": "상시", "place": ""}  # a period the board cannot read: the city lists it now
    assert cultural_events.on([BOOKS, LANTERNS, odd], DAY) == [BOOKS, odd]
    assert cultural_events.on([BOOKS, LANTERNS], dt.date(2027, 1, 4)) == [LANTERNS]


def test_the_board_lists_todays_events_under_its_title():
    area = {"age_s": 60.0, "events": [BOOKS, LANTERNS]}
    assert cultural_events.board_lines(area, 0.0, DAY, "en") == [
        "Cultural events today · Gwanghwamun & Deoksugung", "광화문광장 책마당 · 광화문광장"]


def test_a_day_without_events_a_stale_list_and_no_data_are_each_said():
    assert cultural_events.board_lines({"age_s": 0.0, "events": [LANTERNS]}, 0.0, DAY, "ko")[1:] == [
        "오늘은 등록된 행사가 없습니다"]
    stale = cultural_events.board_lines({"age_s": STALE_S, "events": [BOOKS]}, 600.0, DAY, "en")
    assert stale[1:] == ["광화문광장 책마당 · 광화문광장", "as of 25 min ago"]
    for area, extra in ((None, 0.0), ({"age_s": FORGET_S, "events": [BOOKS]}, 1.0)):
        assert cultural_events.board_lines(area, extra, DAY, "en")[1:] == ["No event information received (offline)"]


def test_a_busy_day_shows_a_few_and_counts_the_rest():
    many = [dict(BOOKS, name=f"행사 {k}") for k in range(7)]
    lines = cultural_events.board_lines({"age_s": 0.0, "events": many}, 0.0, DAY, "en")
    assert len(lines) == 1 + cultural_events.MAX_SHOWN + 1 and lines[-1] == "and 3 more"
