"""Korean numerals as words: Sino-Korean (일, 이, 삼 …) and native Korean (하나, 둘 … / 한, 두 …). Pure.

espeak-ng's Korean voice reads digits poorly ("4.5" comes out as "사 오"), so text is spelled out before
synthesis. Koreans use two number systems: Sino-Korean for measures, dates, minutes and most counting;
native numerals for hours and for counters such as 명 (people) or 시간 (hours of duration). Both live here so
the normaliser only decides *which* system a context calls for.
"""

from __future__ import annotations

SINO_DIGITS = ("영", "일", "이", "삼", "사", "오", "육", "칠", "팔", "구")
_SMALL_UNITS = ((1000, "천"), (100, "백"), (10, "십"))
_LARGE_UNITS = ((10**16, "경"), (10**12, "조"), (10**8, "억"), (10**4, "만"))

# Native numerals before a counter ("한 시", "두 명"); 20 becomes 스무 before a counter.
_NATIVE_ONES = ("", "한", "두", "세", "네", "다섯", "여섯", "일곱", "여덟", "아홉")
_NATIVE_TENS = ("", "열", "스물", "서른", "마흔", "쉰", "예순", "일흔", "여든", "아흔")


def _below_10000(n: int) -> str:
    """Sino-Korean for 1–9999; a leading 1 before 십/백/천 is silent (십, not 일십)."""
    out = []
    for value, unit in _SMALL_UNITS:
        digit, n = divmod(n, value)
        if digit:
            out.append(("" if digit == 1 else SINO_DIGITS[digit]) + unit)
    if n:
        out.append(SINO_DIGITS[n])
    return "".join(out)


def sino(n: int) -> str:
    """Sino-Korean reading of an integer, grouped by 만/억/조 the way Koreans group digits (by four).

    Groups are separated by a space so the synthesiser pauses naturally ("천이백만 삼천").
    """
    if n < 0:
        return "마이너스 " + sino(-n)
    if n == 0:
        return SINO_DIGITS[0]
    parts = []
    for value, unit in _LARGE_UNITS:
        group, n = divmod(n, value)
        if group:
            # 10000 is 만, not 일만; but 1억 and 1조 keep their 일.
            head = "" if group == 1 and unit == "만" else _below_10000(group)
            parts.append(head + unit)
    if n:
        parts.append(_below_10000(n))
    return " ".join(parts)


def digits(text: str) -> str:
    """Digit by digit, as for the fraction part of a decimal or an emergency number (119 → 일일구)."""
    return "".join(SINO_DIGITS[int(c)] for c in text)


def decimal(text: str) -> str:
    """A decimal written with a point: "4.5" → "사 점 오", "0.25" → "영 점 이오"."""
    whole, _, frac = text.partition(".")
    negative = whole.startswith("-")
    whole = whole.lstrip("-") or "0"
    spoken = sino(int(whole)) + (" 점 " + digits(frac) if frac else "")
    return ("마이너스 " if negative else "") + spoken


def native(n: int) -> str:
    """Native Korean numeral in its before-a-counter form, 1–99 ("한", "열두", "스무", "서른다섯").

    Larger values have no everyday native form; they fall back to Sino-Korean, as speakers do.
    """
    if not 1 <= n <= 99:
        return sino(n)
    tens, ones = divmod(n, 10)
    if tens == 2 and ones == 0:
        return "스무"
    return _NATIVE_TENS[tens] + _NATIVE_ONES[ones]


def month(n: int) -> str:
    """Month names drop a consonant in two cases: 6월 is 유월 and 10월 is 시월."""
    return {6: "유", 10: "시"}.get(n, sino(n)) + "월"
