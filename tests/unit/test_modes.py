"""main.py's mode table: each command line names one mode; conflicting flags are one line and exit status 2."""

from __future__ import annotations

import pytest

import main
from game.config import ConfigError, config_from_args
from game.modes import select


@pytest.mark.parametrize(("argv", "mode"), [
    ([], "desktop"),
    (["--scene", "center-120", "--frames", "3", "--screenshot", "x.png"], "desktop"),
    (["--screenshot", "x.png"], "screenshot"),
    (["--tour", "out"], "tour"),
    (["--alert", "a.xml"], "alert-job"),
    (["--alert", "a.xml", "--screenshot", "x.png"], "alert-job"),
    (["--kiosk"], "kiosk"),
    (["--xr"], "headset"),
    (["--xr", "--kiosk"], "headset-kiosk"),
])
def test_each_command_line_names_one_mode(argv, mode):
    assert select(config_from_args(argv)) == mode


@pytest.mark.parametrize(("argv", "message"), [
    (["--kiosk", "--screenshot", "x.png"], "--kiosk cannot be combined with --screenshot"),
    (["--kiosk", "--tour", "out"], "--kiosk cannot be combined with --tour"),
    (["--xr", "--alert", "a.xml"], "--alert cannot be combined with --xr"),
    (["--kiosk", "--frames", "3", "--screenshot", "x.png"], "--kiosk cannot be combined with --screenshot"),
    (["--xr-capture", "out"], "--xr-capture needs --xr"),
    (["--kiosk-settings", "k.toml"], "--kiosk-settings needs --kiosk"),
])
def test_conflicting_flags_are_refused(argv, message):
    with pytest.raises(ConfigError, match=message):
        select(config_from_args(argv))


@pytest.mark.parametrize("argv", [["--kiosk", "--screenshot", "x.png"], ["--size", "big"], ["--bogus"],
                                  ["--lang", "fr"]])
def test_every_cli_error_is_one_line_and_status_2(argv, capsys):
    assert main.main(argv) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("error: "), err
