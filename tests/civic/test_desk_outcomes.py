"""How the desk words the hub's refusals of the issue-7 ops: what the visitor is told to do. Pure."""

from __future__ import annotations

from game.civic.desk import CivicDesk
from game.text import i18n
from net.client.link import ReplyReceived


def refusal(op: str, **error: str) -> str:
    problem = CivicDesk._outcome(op, ReplyReceived("r-00000001", op, False, {}, error)).problem
    assert problem is not None
    return i18n.text(problem.key, "en", **problem.fields)


def test_a_second_report_is_explained_not_reported_as_a_failure() -> None:
    assert refusal("opinion.report", code="conflict", message="already reported").startswith("You already reported")
    assert refusal("opinion.vote", code="conflict", message="already voted").startswith("You already voted")


def test_the_hubs_own_profanity_refusal_keeps_the_text_and_says_what_to_fix() -> None:
    text = refusal("mayor.message", code="bad_request", message="offensive words", reason="profanity")
    assert "offensive words" in text and "your text is kept" in text


def test_a_booking_over_the_quota_or_outside_the_window_says_which_limit_and_what_to_do() -> None:
    quota = refusal("booking.create", code="forbidden", message="booking quota reached", reason="quota",
                    per_day=2, active=6)
    assert "2 a day" in quota and "6 upcoming" in quota and "Cancel one" in quota
    window = refusal("booking.create", code="bad_request", message="day: outside the booking window",
                     reason="window", window_days=90)
    assert "90 days ahead" in window
