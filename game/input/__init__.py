"""Keyboard and gamepad input: named actions (keymap), the modal stack that decides who hears a key (stack),
and the adapter that feeds both from the window's button thrower (router)."""
