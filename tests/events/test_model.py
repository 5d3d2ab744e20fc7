"""The events model (net/events.py) and its data files: loading, validation and schedules in hub time."""

from __future__ import annotations

import copy
import datetime as dt
import json

import pytest

from game.landmarks import catalogue
from net import events
from net.events import KST, EventError

BELL = "new-year-bell"


@pytest.fixture(scope="module")
def raw() -> dict:
    return json.loads((events.EVENTS_DIR / f"{BELL}.json").read_text(encoding="utf-8"))


def test_every_event_file_loads_and_sits_at_a_landmark() -> None:
    specs = events.load_all()
    assert BELL in specs
    ids = {lm.id for lm in catalogue.load().values()}
    assert all(spec.place in ids for spec in specs.values())


def test_the_bell_is_33_strikes_at_midnight_kst_on_new_year(raw: dict) -> None:
    spec = events.load_all()[BELL]
    occ = spec.occurrence(dt.datetime(2026, 12, 31, 23, 59, 30, tzinfo=KST).timestamp())
    assert occ.start_kst() == dt.datetime(2027, 1, 1, tzinfo=KST)
    assert len(occ.beats) == 33 and occ.beats[0] == occ.start
    gaps = {round(b - a, 6) for a, b in zip(occ.beats, occ.beats[1:], strict=False)}
    assert gaps == {spec.beat_interval_s}
    assert occ.countdown_start == occ.start - 600  # the countdown opens at 23:50
    assert occ.end == occ.beats[-1] + spec.end_after_last_s
    facts = {f["key"]: f for f in raw["facts"]}
    assert facts["strikes"]["value"] == 33 and facts["strikes"]["tag"] == "S"
    assert {"why_33", "bell_1468", "bell_1985", "cadence"} <= set(facts)


def test_phases_and_beats_done_follow_the_clock() -> None:
    occ = events.load_all()[BELL].occurrence(dt.datetime(2026, 12, 31, 12, tzinfo=KST).timestamp())
    assert occ.phase(occ.countdown_start - 1) == "before"
    assert occ.phase(occ.start - 0.5) == "countdown" and occ.beats_done(occ.start - 0.5) == 0
    assert occ.phase(occ.start) == "beats" and occ.beats_done(occ.start) == 1
    assert occ.beats_done(occ.beats[11] + 0.1) == 12
    assert occ.phase(occ.beats[-1] + 1) == "after" and occ.phase(occ.end) == "over"


def test_an_occurrence_still_running_is_the_current_one_then_the_next_year() -> None:
    spec = events.load_all()[BELL]
    during = dt.datetime(2027, 1, 1, 0, 5, tzinfo=KST).timestamp()
    assert spec.occurrence(during).start_kst().year == 2027
    after = spec.occurrence(during).end + 1
    assert spec.occurrence(after).start_kst() == dt.datetime(2028, 1, 1, tzinfo=KST)


def test_a_daily_event_recurs_each_day(raw: dict) -> None:
    data = {**copy.deepcopy(raw), "id": "guard", "kind": "ceremony", "recurs": "daily", "at": "10:00"}
    spec = events.parse(data)
    occ = spec.occurrence(dt.datetime(2026, 5, 5, 11, 0, tzinfo=KST).timestamp())
    assert occ.start_kst() == dt.datetime(2026, 5, 6, 10, 0, tzinfo=KST)


@pytest.mark.parametrize(("change", "message"), [
    ({"kind": "party"}, "kind"),
    ({"at": "13-01T00:00"}, "not a date"),
    ({"at": "01-01 00:00"}, "recurs/at"),
    ({"beats": {"count": 0, "interval_s": 25}}, "beats"),
    ({"beats": {"count": 33, "interval_s": -1}}, "beats"),
    ({"title": {"ko": "제야의 종"}}, "Korean and English"),
    ({"spoken_countdown_s": 900}, "spoken countdown"),
    ({"facts": [{"key": "x", "ko": "가", "en": "a", "tag": "X", "source": "s"}]}, "tag"),
    ({"facts": [{"key": "x", "ko": "가", "en": "a", "tag": "S"}]}, "source"),
    ({"id": "New Year"}, "id"),
])
def test_a_bad_event_file_is_refused_with_the_field_named(raw: dict, change: dict, message: str) -> None:
    with pytest.raises(EventError, match=message):
        events.parse({**copy.deepcopy(raw), **change}, "bad.json")


def test_the_lantern_festival_is_an_event_of_dated_editions_one_beat_a_night() -> None:
    spec = events.load_all()["lantern-festival"]
    assert spec.kind == "festival" and spec.place == "cheonggyecheon" and spec.recurs == events.EDITIONS
    occ = spec.occurrence(dt.datetime(2026, 11, 1, tzinfo=KST).timestamp())  # the next: 2026's, not announced
    assert occ.edition is not None and occ.edition.year == 2026 and occ.edition.status == "estimated"
    assert occ.start_kst() == dt.datetime(2026, 12, 11, 18, 0, tzinfo=KST)
    assert len(occ.beats) == 24 and {round(b - a) for a, b in zip(occ.beats, occ.beats[1:], strict=False)} == {86400}
    assert occ.beat_s == 5 * 3600 and occ.end == occ.beats[-1] + occ.beat_s  # the last night, 23:00
    night = dt.datetime(2026, 12, 20, 20, 0, tzinfo=KST).timestamp()
    assert occ.phase(night) == "beats" and occ.beat_running(night) == 10
    assert occ.beat_running(night - 3 * 3600) == 0 and occ.beat_running(night + 3 * 3600) == 0  # 17:00, 23:00
    served = spec.to_json(occ)
    assert served["edition"]["status"] == "estimated" and served["edition"]["sources"]
    assert served["edition"]["theme_en"].endswith("(working title)")
    after = spec.occurrence(occ.end + 1)  # past the last edition in the file: that edition, over
    assert after.edition == occ.edition and after.phase(occ.end + 1) == "over"


def test_a_festival_needs_its_editions_not_a_rule() -> None:
    data = json.loads((events.EVENTS_DIR / "lantern-festival.json").read_text(encoding="utf-8"))
    with pytest.raises(EventError, match="no 'at' or 'beats'"):
        events.parse({**data, "at": "18:00"})
    with pytest.raises(EventError, match="at least one edition"):
        events.parse({**data, "editions": []})
    with pytest.raises(EventError, match="HH:MM"):
        events.parse({**data, "editions": [{**data["editions"][0], "hours": ["18:00", "25:00"]}]})
