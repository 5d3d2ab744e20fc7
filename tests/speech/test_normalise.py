"""Numbers, times, dates and units are spelled out the way a Korean (or English) announcer would read them."""

from __future__ import annotations

import pytest

from game.speech import korean_numbers as kn
from game.speech.normalise import normalise


@pytest.mark.parametrize(("n", "words"), [
    (0, "영"), (7, "칠"), (10, "십"), (11, "십일"), (20, "이십"), (105, "백오"), (1000, "천"), (1994, "천구백구십사"),
    (10000, "만"), (11000, "만 천"), (150000, "십오만"), (12000000, "천이백만"), (100000000, "일억"),
    (230005000, "이억 삼천만 오천"), (-3, "마이너스 삼"),
])
def test_sino_korean_integers(n: int, words: str) -> None:
    assert kn.sino(n) == words


@pytest.mark.parametrize(("n", "words"), [(1, "한"), (2, "두"), (3, "세"), (4, "네"), (11, "열한"), (12, "열두"),
                                          (20, "스무"), (23, "스물세"), (35, "서른다섯")])
def test_native_numerals_before_a_counter(n: int, words: str) -> None:
    assert kn.native(n) == words


@pytest.mark.parametrize(("text", "spoken"), [
    ("규모 4.5 지진", "규모 사 점 오 지진"),
    ("M5.1", "규모 오 점 일"),
    ("0.25", "영 점 이오"),
    ("14:30 발생", "오후 두 시 삼십 분 발생"),
    ("09:05", "오전 아홉 시 오 분"),
    ("00:00", "오전 열두 시"),
    ("12:00", "오후 열두 시"),
    ("9시 5분", "아홉 시 오 분"),
    ("18시", "오후 여섯 시"),
    ("2시간 동안", "두 시간 동안"),
    ("2024-07-15", "이천이십사 년 칠월 십오 일"),
    ("6월 10일", "유월 십 일"),
    ("10월", "시월"),
    ("진앙 12km 지점", "진앙 십이 킬로미터 지점"),
    ("시간당 50mm", "시간당 오십 밀리미터"),
    ("30mm/h", "시간당 삼십 밀리미터"),
    ("높이 3m", "높이 삼 미터"),
    ("초속 20m/s", "초속 이십 미터"),
    ("35m/s", "초속 삼십오 미터"),
    ("낮 최고 35℃", "낮 최고 삼십오 도"),
    ("-12℃", "영하 십이 도"),
    ("영하 5°C", "영하 오 도"),
    ("습도 85%", "습도 팔십오 퍼센트"),
    ("미세먼지 150㎍/㎥", "미세먼지 백오십 마이크로그램 퍼 세제곱미터"),
    ("3명 실종", "세 명 실종"),
    ("주민 12,000명", "주민 만 이천명"),
    ("119에 신고", "일일구에 신고"),
    ("02-120-1234", "영이 일이영 일이삼사"),
    ("PM2.5 농도", "피엠 이 점 오 농도"),
    ("보건용 마스크(KF80 이상)", "보건용 마스크(케이에프 팔십 이상)"),
    ("실종된 김○○씨(남, 79세)", "실종된 김모씨(남, 칠십구세)"),
    ("키 165cm", "키 백육십오 센티미터"),
    ("30~50mm", "삼십에서 오십 밀리미터"),
    ("강수량 80㎜, 반경 3㎞", "강수량 팔십 밀리미터, 반경 삼 킬로미터"),
])
def test_korean_spelled_out(text: str, spoken: str) -> None:
    assert normalise(text, "ko") == spoken


def test_korean_output_has_no_digits_left() -> None:
    text = "2024.7.15. 14:30 서울 규모 4.5 지진, 진앙 12km, 초속 20m/s, 35℃, 85%, 119"
    assert not any(c.isdigit() for c in normalise(text, "ko"))


@pytest.mark.parametrize(("text", "spoken"), [
    ("M4.5 at 14:30", "magnitude 4.5 at 2:30 PM"),
    ("2024-07-15", "15 July 2024"),
    ("wind 20m/s, rain 50mm/h", "wind 20 metres per second, rain 50 millimetres per hour"),
    ("35℃ and 85%", "35 degrees Celsius and 85 percent"),
    ("call 119", "call 1 1 9"),
    ("30~50mm", "30 to 50 millimetres"),
])
def test_english_spelled_out(text: str, spoken: str) -> None:
    assert normalise(text, "en") == spoken


def test_unknown_language_is_refused() -> None:
    with pytest.raises(ValueError, match="fr"):
        normalise("3", "fr")
