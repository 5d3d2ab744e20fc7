"""The report target and reason as the office panel steps through them, and what may go on the opinion wall. Pure."""

from __future__ import annotations

import pytest

from game.civic.desk import public
from net.protocol import OPINION_REPORT_REASONS
from ui.civic.report import ReportChoice

PROPOSAL = {"proposal_id": 7, "title": "Shade on the plaza"}
COMMENTS = [{"comment_id": 11, "text": "Agreed, the lawn is too hot in July"},
            {"comment_id": 12, "text": "spam spam", "hidden": True},
            {"comment_id": 13, "text": "Awnings please"}]


def test_targets_are_the_proposal_then_its_visible_comments_and_cycle() -> None:
    choice = ReportChoice()
    assert choice.target is None and choice.target_label("en") == "Report: choose a proposal first"
    choice.next_target()  # nothing to step through yet
    choice.offer(PROPOSAL, COMMENTS)
    assert [(t.kind, t.item_id) for t in choice.targets] == [("proposal", 7), ("comment", 11), ("comment", 13)]
    assert choice.target_label("ko") == "신고 대상: 제안 #7 (Enter: 댓글로 바꾸기)"
    choice.next_target()
    assert choice.target_label("en") == "Report: comment “Agreed, the lawn is…” (Enter: next)"
    choice.next_target()
    choice.next_target()
    assert choice.target.kind == "proposal", "wraps around"
    choice.next_target()
    choice.offer({"proposal_id": 8, "title": "Other"}, [])
    assert (choice.target.item_id, choice.at) == (8, 0), "a new proposal starts from the proposal"


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_every_protocol_reason_has_words_and_the_cycle_covers_them(lang: str) -> None:
    choice = ReportChoice()
    seen = []
    for _ in OPINION_REPORT_REASONS:
        seen.append(choice.reason)
        label = choice.reason_label(lang)  # a reason without strings raises KeyError here
        assert label.split(": ", 1)[1].split(" (")[0], label
        choice.next_reason()
    assert seen == list(OPINION_REPORT_REASONS) and choice.reason == OPINION_REPORT_REASONS[0]


def test_hidden_proposals_never_go_on_the_wall_and_an_older_hub_without_the_flag_still_works() -> None:
    rows = [{"proposal_id": 1, "hidden": False}, {"proposal_id": 2, "hidden": True}, {"proposal_id": 3}]
    assert [p["proposal_id"] for p in public(rows)] == [1, 3]
