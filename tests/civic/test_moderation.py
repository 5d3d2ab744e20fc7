"""Form rules: length limits, the profanity check on screened fields, and rate limits."""

from __future__ import annotations

from game.civic.moderation import RateLimiter, check_field


def test_length_limits_say_how_far_off() -> None:
    short = check_field("complaint", "짧음")
    assert short is not None and short.key == "civic.too_short" and short.fields == {"min": 10, "count": 2}
    long = check_field("title", "가" * 121)
    assert long is not None and long.key == "civic.too_long" and long.fields["max"] == 120
    assert check_field("complaint", "시청 앞 보도블록이 깨져 있어요") is None
    bad = check_field("comment", "개새끼야")
    assert bad is not None and bad.key == "civic.profanity"


def test_rate_limit_per_visitor_and_action() -> None:
    now = [0.0]
    limiter = RateLimiter(2, 60.0, lambda: now[0])
    assert limiter.check("v1", "propose") is None
    assert limiter.check("v1", "propose") is None
    third = limiter.check("v1", "propose")
    assert third is not None and third.key == "civic.rate_limited" and third.fields["seconds"] == 61
    assert limiter.check("v2", "propose") is None and limiter.check("v1", "comment") is None
    now[0] = 30.5
    assert limiter.check("v1", "propose").fields["seconds"] == 30
    now[0] = 60.0
    assert limiter.check("v1", "propose") is None
