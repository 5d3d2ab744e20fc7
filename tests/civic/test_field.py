"""Text-field rules without a window: Hangul mode, composition closing, length cap, backspace by jamo."""

from __future__ import annotations

from ui.civic.field import FieldText


def test_latin_keys_type_hangul_and_commit_closes_the_syllable() -> None:
    f = FieldText()
    for ch in "ekf":
        f.key(ch)
    assert f.text == "달"
    f.commit()
    f.key("r")
    assert f.text == "달ㄱ"
    f.key("\b")
    assert f.text == "달"
    f.key("\b")  # the committed syllable goes whole, as with an IME
    assert f.text == ""


def test_backspace_by_jamo_while_composing() -> None:
    f = FieldText()
    for ch in "ekfr":
        f.key(ch)
    steps = []
    for _ in range(4):
        f.back()
        steps.append(f.text)
    assert steps == ["달", "다", "ㄷ", ""]


def test_latin_mode_digits_and_symbols_pass_through() -> None:
    f = FieldText(hangul=False)
    for ch in "Plaza 2030-06-01":
        f.key(ch)
    assert f.text == "Plaza 2030-06-01"


def test_length_cap_refuses_what_does_not_fit_but_keeps_composing_within() -> None:
    f = FieldText(max_len=1)
    for ch in "gks":
        f.key(ch)
    assert f.text == "한"
    for ch in "rdkx":  # ㄱ, ㅇ, ㅏ, ㅌ would each need a second character
        f.key(ch)
    assert f.text == "한"
    f.back()
    f.key("f")  # ㄹ joins the open syllable: 하 → 할 still fits
    assert f.text == "할"
