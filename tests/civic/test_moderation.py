"""Profanity filter cases in both languages (tricks included), length limits and rate limits."""

from __future__ import annotations

import pytest

from game.civic.moderation import RateLimiter, check_field, is_profane


@pytest.mark.parametrize("text", [
    "시발", "씨발 진짜", "이거 시1발 뭐야", "ㅅㅣㅂㅏㄹ", "시 발", "씨 바", "ㅅ ㅂ", "ㅆㅂ 너무하네", "ㅂㅅ같은 행정",
    "병.신", "개새끼들", "개 새 끼", "지랄하네", "미친놈", "씨빨", "존나 느림",
    "fuck", "FUCK this", "f u c k", "f.u.c.k", "fuuuuck", "sh1t", "$hit", "what a bitch", "you a55hole", "bullshit",
    "Fucking slow service",
])
def test_profanity_is_caught(text: str) -> None:
    assert is_profane(text), text


@pytest.mark.parametrize("text", [
    "여권을 다시 발급받고 싶어요", "시발점이 어디인가요", "새끼손가락을 다쳤어요", "병신년 자료",
    "시청 앞 도로가 파였어요", "가로등이 꺼져 있어요", "신호등이 꺼져서 위험해요",
    "시 발표 자료를 보고 싶어요", "class assessment", "Charles Dickens", "shitake mushrooms",
    "this hit hard", "Please fix the streetlight", "ㅎㅎ 감사합니다", "지하철 시간표", "구청 민원 접수",
])
def test_ordinary_text_passes(text: str) -> None:
    assert not is_profane(text), text


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
