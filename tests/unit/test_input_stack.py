"""The input stack's delivery rules and the key file, without a window."""

from __future__ import annotations

import pytest

from game.input.keymap import Keymap, KeymapError
from game.input.stack import ALERT, PANEL, WORLD, ModalStack, Press


class Layer:
    def __init__(self, name: str, *, modal: bool = False, field: bool = False, takes: frozenset = frozenset()):
        self.name, self.modal, self.field, self.takes = name, modal, field, takes
        self.keys: list[str] = []
        self.typed = ""

    @property
    def text_focus(self) -> bool:
        return self.field

    def on_key(self, press: Press) -> bool:
        self.keys.append(press.key)
        return bool(press.actions & self.takes)

    def on_text(self, ch: str) -> bool:
        self.typed += ch
        return True


def press(stack: ModalStack, key: str, text: str = "") -> None:
    stack.press(Press(key, KEYS.actions(key)))
    for ch in text:
        stack.text(ch)


KEYS = Keymap.load()


def test_the_key_file_names_actions_and_shares_keys():
    assert {"confirm", "acknowledge", "chat"} <= KEYS.actions("enter")
    assert KEYS.actions("shift-tab") == {"previous"}
    with pytest.raises(KeymapError, match="keys:1"):
        Keymap.parse("teleport t")


def test_a_modal_layer_hides_every_key_from_the_street():
    stack = ModalStack(strict=True)
    street, menu = Layer("street", takes=frozenset({"teleport"})), Layer("menu", modal=True)
    stack.push(street, WORLD)
    stack.push(menu, PANEL)
    assert stack.covered(street)
    press(stack, "t")
    assert street.keys == [] and menu.keys == ["t"]
    stack.remove(menu)
    press(stack, "t")
    assert street.keys == ["t"] and not stack.covered(street)


def test_a_focused_field_takes_typing_keys_and_text_but_not_escape():
    stack = ModalStack(strict=True)
    street, chat = Layer("street", takes=frozenset({"teleport"})), Layer("chat", field=True)
    stack.push(street, WORLD)
    stack.push(chat, WORLD)
    for key in ("t", "shift-r", "space", "enter"):
        press(stack, key, {"space": " ", "enter": "\r"}.get(key, key[-1]))
    assert street.keys == [] and chat.typed == "tr "
    press(stack, "escape")
    assert chat.keys[-1] == "escape" and street.keys == ["escape"]  # the chat line did not take it: it went on


def test_an_alert_stays_above_a_panel_opened_after_it_and_a_spent_key_types_nothing():
    stack = ModalStack(strict=True)
    alert = Layer("alert", modal=True, takes=frozenset({"acknowledge"}))
    stack.push(alert, ALERT)
    form = Layer("form", field=True)
    stack.push(form, PANEL)
    assert stack.top is alert
    press(stack, "space", " ")
    assert alert.keys == ["space"] and form.typed == ""


def test_a_failing_handler_is_logged_not_raised(caplog):
    class Broken(Layer):
        def on_key(self, press):
            raise RuntimeError("boom")

    stack = ModalStack()
    stack.push(Broken("broken"))
    press(stack, "t")
    assert "boom" in caplog.text
