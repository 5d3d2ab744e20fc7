"""Easy mode's on/off rule: ``--easy`` or ``mseoul-easy`` first, then the visitor's kept choice."""

from __future__ import annotations

import pytest

from game import easy_settings
from game.config import ConfigError, config_from_args
from game.language import recall, remember


def test_the_flag_wins_then_the_kept_choice() -> None:
    decide = easy_settings.decide
    assert decide(True, False) is True
    assert decide(False, True) is False
    assert decide(None, True) is True and decide(None, False) is False
    assert decide(None, None) is None  # nobody chose yet: the start screen asks
    assert decide(None, "yes") is None  # a hand-edited value that is not a boolean is not a choice


def test_the_choice_is_kept_in_settings_json(tmp_path) -> None:
    remember(tmp_path, easy_settings.KEY, True)
    remember(tmp_path, "language", "en")
    assert easy_settings.decide(None, recall(tmp_path, easy_settings.KEY)) is True


def test_the_command_line_and_prc() -> None:
    from panda3d.core import loadPrcFileData, unloadPrcFile

    assert config_from_args(["--easy"]).easy is True
    assert config_from_args([]).easy is None
    page = loadPrcFileData("easy-test", "mseoul-easy off")
    try:
        assert config_from_args([]).easy is False
        assert config_from_args(["--easy"]).easy is True
    finally:
        unloadPrcFile(page)
    page = loadPrcFileData("easy-test", "mseoul-easy sometimes")
    try:
        with pytest.raises(ConfigError, match="mseoul-easy"):
            config_from_args([])
    finally:
        unloadPrcFile(page)


def test_the_slower_voice_is_slower() -> None:
    from game.speech.service import RATES

    assert all(easy_settings.SPEECH_RATES[lang] < RATES[lang] for lang in RATES)
