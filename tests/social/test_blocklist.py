"""The blocked-people list the panel walks: who each entry was, selection, scrolling, lifting."""

from __future__ import annotations

from game.social.blocklist import SHOWN, BlockListModel, blocked_label
from net.presence.client import Blocked

DAY = 1_795_000_000.0  # 2026-11-18 in Seoul


def test_entries_say_who_it_was_in_the_visitors_language():
    named, anonymous, legacy = Blocked(3, "김서연", 41, "district", DAY), Blocked(2, "", 12, "district", DAY), \
        Blocked(1, "", 0, "", DAY)
    assert blocked_label(named, "ko") == "김서연 · 2026-11-18 차단"
    assert blocked_label(anonymous, "en") == "Visitor 12 · blocked 2026-11-18"
    assert blocked_label(legacy, "ko") == "이름 없는 방문자 · 2026-11-18 차단"


def test_selection_wraps_scrolls_and_stays_put_when_an_entry_is_lifted():
    model = BlockListModel()
    assert model.lines("en") == ["Loading…"] and model.selected() is None
    model.load(tuple(Blocked(i, f"v{i}", i, "district", DAY) for i in range(SHOWN + 3, 0, -1)))
    model.move(-1)  # from the first, up wraps to the last, and the window scrolls to show it
    assert model.selected().block_id == 1
    lines = model.lines("en")
    assert len(lines) == SHOWN and lines[-1].startswith("▶ v1 ")
    model.move(-1)
    model.remove(2)  # the selected one lifted: the selection moves to the next row, not to the top
    assert model.selected().block_id == 1
    model.remove(1)
    assert model.selected().block_id == 3
    for entry in list(model.entries):
        model.remove(entry.block_id)
    assert model.lines("ko") == ["차단한 사람이 없습니다."] and model.selected() is None
