"""Spell out numbers, times, dates and units before synthesis, so espeak-ng reads an alert as a person would.

espeak-ng's Korean voice reads "4.5" as "사 오" and "14:30" digit by digit; a listener who cannot see the
screen must not mishear a magnitude or a time. The rules run in a fixed order, most specific first (a date
before its numbers, "m/s" before "m"), and every number left at the end is read as Sino-Korean. English needs
less help (espeak reads numbers well), so only units, 24-hour times, ISO dates and emergency numbers are
rewritten there. Pure.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from game.speech import korean_numbers as kn

_NUM = r"-?\d+(?:\.\d+)?"
# Numbers a Korean reads digit by digit: emergency and city service lines.
EMERGENCY_NUMBERS = ("112", "119", "120", "122", "1330")
# Counters that take native numerals ("세 명", "두 시간"); everything else counts in Sino-Korean.
NATIVE_COUNTERS = ("시간", "명", "개", "곳", "살", "마리", "대", "척", "가구")

_KO_UNITS = (  # longest spellings first so "mm" is not read as "m" + "m"
    (r"(?:㎍/㎥|μg/m³|µg/m³|ug/m3|μg/m3)", "마이크로그램 퍼 세제곱미터"),
    (r"(?:㎢|km²|km2)", "제곱킬로미터"),
    (r"hPa", "헥토파스칼"),
    (r"(?:km|㎞)", "킬로미터"),
    (r"(?:cm|㎝)", "센티미터"),
    (r"(?:mm|㎜)", "밀리미터"),
    (r"kg", "킬로그램"),
    (r"m", "미터"),
    (r"%", "퍼센트"),
)
_EN_UNITS = (
    (r"(?:㎍/㎥|μg/m³|µg/m³|ug/m3|μg/m3)", "micrograms per cubic metre"),
    (r"m/s", "metres per second"),
    (r"km/h", "kilometres per hour"),
    (r"(?:℃|°C)", "degrees Celsius"),
    (r"mm/h", "millimetres per hour"),
    (r"(?:㎢|km²|km2)", "square kilometres"),
    (r"hPa", "hectopascals"),
    (r"(?:km|㎞)", "kilometres"),
    (r"(?:cm|㎝)", "centimetres"),
    (r"(?:mm|㎜)", "millimetres"),
    (r"kg", "kilograms"),
    (r"m", "metres"),
    (r"%", "percent"),
)
_MONTHS_EN = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
              "October", "November", "December")


def _number(text: str) -> str:
    return kn.decimal(text) if "." in text else kn.sino(int(text))


def _clock(hour: int, minute: int | None, with_period: bool) -> str:
    """Hours in native numerals, minutes in Sino-Korean; 24-hour clock times get 오전/오후 as Koreans say them."""
    period = ""
    if with_period or hour > 12:
        period = "오전 " if hour < 12 else "오후 "
    h12 = hour % 12 or 12
    words = f"{period}{kn.native(h12)} 시"
    if minute:
        words += f" {kn.sino(minute)} 분"
    return words


def _celsius(m: re.Match[str]) -> str:
    """Below zero is 영하 ("-3℃" → "영하 삼 도"), also when the text already says 영하 before a minus."""
    below, value = bool(m[1]) or m[2].startswith("-"), m[2].lstrip("-")
    return ("영하 " if below else "") + _number(value) + " 도"


def _sub(pattern: str, repl: Callable[[re.Match[str]], str], text: str) -> str:
    return re.sub(pattern, repl, text)


def korean(text: str) -> str:
    """Spell out a Korean sentence; see the module docstring for why and in which order."""
    t = re.sub(r"(?<=\d),(?=\d{3}(?!\d))", "", text)
    # Dates: 2024-07-15, 2024.7.15., then the parts written with 년/월/일.
    t = _sub(r"(?<!\d)(\d{4})[-./](\d{1,2})[-./](\d{1,2})\.?(?!\d)",
             lambda m: f"{kn.sino(int(m[1]))} 년 {kn.month(int(m[2]))} {kn.sino(int(m[3]))} 일", t)
    t = _sub(r"(?<!\d)(\d{1,2})\s*월(?!요)", lambda m: kn.month(int(m[1])), t)
    t = _sub(r"(?<!\d)(\d{1,4})\s*(년|일)", lambda m: f"{kn.sino(int(m[1]))} {m[2]}", t)
    # Durations before clock times: "2시간" is two hours, not two o'clock.
    counters = "|".join(NATIVE_COUNTERS)
    t = _sub(rf"(?<![\d.])(\d{{1,2}})\s*({counters})", lambda m: f"{kn.native(int(m[1]))} {m[2]}", t)
    t = _sub(r"(?<!\d)([01]?\d|2[0-4]):([0-5]\d)(?!\d)", lambda m: _clock(int(m[1]), int(m[2]), True), t)
    t = _sub(r"(?<!\d)(\d{1,2})\s*시(?:\s*(\d{1,2})\s*분)?",
             lambda m: _clock(int(m[1]), int(m[2]) if m[2] else None, False), t)
    t = _sub(r"(?<!\d)(\d+)\s*(분|초)", lambda m: f"{kn.sino(int(m[1]))} {m[2]}", t)
    # Masked names in police alerts, "김○○씨", are read "김모씨".
    t = re.sub(r"[○◯]+", "모", t)
    # Mask grades are names: "KF80" is read "케이에프 팔십".
    t = _sub(r"KF\s*(\d+)", lambda m: f"케이에프 {kn.sino(int(m[1]))}", t)
    # Particle sizes are names, not quantities: "PM2.5" is read "피엠 이 점 오".
    t = _sub(r"PM\s*(2\.5|10)", lambda m: f"피엠 {_number(m[1])}", t)
    # Ranges: "30~50" is read "삼십에서 오십".
    t = _sub(rf"({_NUM})\s*[~∼〜]\s*(?=\d)", lambda m: f"{m[1]}에서 ", t)
    # Magnitudes written the seismologists' way, "M4.5".
    t = _sub(rf"(?<![A-Za-z])M\s*({_NUM})", lambda m: f"규모 {_number(m[1])}", t)
    # Speeds: "초속 20m/s", "20m/s" and "60km/h" all read "초속 이십 미터" / "시속 육십 킬로미터".
    t = _sub(rf"(?:초속\s*)?({_NUM})\s*m/s", lambda m: f"초속 {_number(m[1])} 미터", t)
    t = _sub(rf"({_NUM})\s*mm/h", lambda m: f"시간당 {_number(m[1])} 밀리미터", t)
    t = _sub(rf"(?:시속\s*)?({_NUM})\s*km/h", lambda m: f"시속 {_number(m[1])} 킬로미터", t)
    t = _sub(rf"(영하\s*)?({_NUM})\s*(?:℃|°C)", _celsius, t)
    for unit, word in _KO_UNITS:
        t = _sub(rf"({_NUM})\s*{unit}(?![A-Za-z²³/])", lambda m, w=word: f"{_number(m[1])} {w}", t)
    t = _sub(r"(?<!\d)(\d{2,4})-(\d{3,4})-(\d{4})(?!\d)", lambda m: " ".join(kn.digits(g) for g in m.groups()), t)
    emergency = "|".join(EMERGENCY_NUMBERS)
    t = _sub(rf"(?<![\d.])({emergency})(?![\d.])", lambda m: kn.digits(m[1]), t)
    t = _sub(r"(?<![\d.])-?\d+(?:\.\d+)?", lambda m: _number(m[0]), t)
    return re.sub(r"[ \t]{2,}", " ", t).strip()


def english(text: str) -> str:
    """Lighter English pass: units, 24-hour times, ISO dates, magnitudes and emergency numbers."""
    t = re.sub(r"(?<=\d),(?=\d{3}(?!\d))", "", text)
    t = _sub(r"(?<!\d)(\d{4})-(\d{1,2})-(\d{1,2})(?!\d)",
             lambda m: f"{int(m[3])} {_MONTHS_EN[int(m[2]) - 1]} {m[1]}" if 1 <= int(m[2]) <= 12 else m[0], t)

    def clock(m: re.Match[str]) -> str:
        hour, minute = int(m[1]), int(m[2])
        suffix = "AM" if hour < 12 else "PM"
        return f"{hour % 12 or 12}{'' if minute == 0 else f':{minute:02d}'} {suffix}"

    t = _sub(r"(?<!\d)([01]?\d|2[0-4]):([0-5]\d)(?!\d)", clock, t)
    t = _sub(rf"({_NUM})\s*[~∼〜]\s*(?=\d)", lambda m: f"{m[1]} to ", t)
    t = _sub(rf"(?<![A-Za-z])M\s*({_NUM})", lambda m: f"magnitude {m[1]}", t)
    for unit, word in _EN_UNITS:
        t = _sub(rf"({_NUM})\s*{unit}(?![A-Za-z²³/])", lambda m, w=word: f"{m[1]} {w}", t)
    emergency = "|".join(EMERGENCY_NUMBERS)
    t = _sub(rf"(?<![\d.])({emergency})(?![\d.])", lambda m: " ".join(m[1]), t)
    return re.sub(r"[ \t]{2,}", " ", t).strip()


def normalise(text: str, lang: str) -> str:
    """The spoken form of ``text`` in ``lang`` ("ko" or "en")."""
    if lang == "ko":
        return korean(text)
    if lang == "en":
        return english(text)
    raise ValueError(f"no speech normalisation for language {lang!r}")
