"""Numbers in alert text, signed: which numbers an alert carries, and the hand units that sign each. Pure.

A magnitude, a distance, a rainfall rate, an age or a height is often the most important fact of an alert, and
a template alone would leave it unsigned. The reference sheet (§3, remembered forms with sourced JSL parallels)
gives the digit handshapes, says tens bend the digit handshape (20 = bent index+middle; the common 10 is a hooked
index) and that "규모 4.5" is signed 4 – point – 5, with the number also shown as text (the captions do that).
Longer numbers (119, 165) are signed digit by digit, as telephone numbers are. A unit has no sign in the lexicon,
so it is fingerspelled (the finger alphabet is sourced; fingerspelling is KSL's device for words without a sign).
"""

from __future__ import annotations

import re

#: Numbers signed from one alert at most: the captions show them all, the signer gives the leading ones.
MAX_NUMBERS = 4
POINT = "점"  # the lexicon's decimal-point sign
HOOKED = "/hooked"  # suffix of the bent ("tens") variant of a handshape, derived by the lexicon loader
NUMBER = re.compile(r"^\d+(?:\.\d+)?$")
UNITS = {"km": "#킬로", "mm": "#밀리", "cm": "#센티", "m": "#미터", "세": "#세", "명": "#명", "시간": "#시간",
         "시": "#시", "분": "#분", "%": "#퍼센트", "℃": "#도", "도": "#도"}
MAGNITUDE = "#규모"
_FIND = re.compile(r"(?P<mag>규모|magnitude)?\s*(?<![\d.])(?P<num>\d{1,4}(?:\.\d{1,2})?)(?![\d.])\s*"
                   r"(?P<unit>km|mm|cm|m(?![a-z])|시간|세|명|시|분|%|℃|도)?", re.IGNORECASE)


def is_number(gloss: str) -> bool:
    return bool(NUMBER.match(gloss))


def hand_units(number: str) -> list[tuple[str, bool]]:
    """The signs for ``number`` as (digit or :data:`POINT` gloss, hooked?) pairs: 10–99 as a bent tens digit
    and the units digit, other whole numbers digit by digit, decimals with the point between."""
    whole, _, fraction = number.partition(".")
    if len(whole) == 2 and whole[0] != "0":
        units = [(whole[0], True)] + ([(whole[1], False)] if whole[1] != "0" else [])
    else:
        units = [(d, False) for d in whole]
    if fraction:
        units += [(POINT, False)] + [(d, False) for d in fraction]
    return units


def glosses(text: str) -> list[str]:
    """The numbers in ``text`` as glosses, in reading order, each with its fingerspelled unit (and 규모 before a
    magnitude); at most :data:`MAX_NUMBERS` numbers."""
    out: list[str] = []
    count = 0
    for match in _FIND.finditer(text):
        if count == MAX_NUMBERS:
            break
        count += 1
        if match["mag"]:
            out.append(MAGNITUDE)
        out.append(match["num"])
        if match["unit"]:
            out.append(UNITS[match["unit"].lower() if match["unit"].isascii() else match["unit"]])
    return out


def with_numbers(template: list[str], text: str) -> list[str]:
    """``template`` with the numbers of ``text`` signed after the hazard (the topic section, which ends at the
    first face marker after ``[topic]``), under the topic face; at the end when the template has no topic."""
    numbers = glosses(text)
    if not numbers:
        return list(template)
    at = len(template)
    if "[topic]" in template:
        start = template.index("[topic]") + 1
        at = next((i for i in range(start, len(template)) if template[i].startswith("[")), len(template))
    return [*template[:at], *numbers, *template[at:]]
