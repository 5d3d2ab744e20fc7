"""The assistive-technology stream: every presented alert as one line with its level, through a file, a FIFO, a
UNIX socket and speech-dispatcher."""

from __future__ import annotations

import datetime as dt
import os
import socket
import threading

import pytest

from game.alerts.parser import parse_file
from game.alerts.policy import AlertPolicy
from game.assistive import AssistiveOutput, alert_line
from tests.alerts.paths import DATA

NOW = dt.datetime(2026, 7, 10, 23, 0, tzinfo=dt.UTC)
NAMES = ["earthquake_emergency.xml", "heavy_rain_urgent.xml", "fine_dust_safety.xml", "exercise_air_raid.xml"]
LEVELS = ["emergency", "urgent", "safety", "emergency"]


def _presentations(lang="ko"):
    policy = AlertPolicy(lang=lang)
    return [policy.receive(parse_file(DATA / name), NOW).presentation for name in NAMES]


def _no_spd(name):
    return None


def test_each_line_carries_the_level_and_marks_a_real_emergency_critical():
    lines = [alert_line(p) for p in _presentations()]
    assert [line.split()[1] for line in lines] == [f"level={level}" for level in LEVELS]
    assert ["critical" in line.split(" | ")[0].split() for line in lines] == [True, False, False, False]
    assert "drill=Exercise" in lines[3]  # the air-raid exercise is emergency level, but a drill, not critical
    assert lines[0].startswith("ALERT level=emergency critical id=KR-EQ-20260521-0001 lang=ko | [기상청] 서울 종로구")
    assert all("\n" not in line for line in lines)


def test_a_file_gets_every_alert_appended(tmp_path):
    out = AssistiveOutput(tmp_path / "alerts.txt", which=_no_spd)
    sent = [out.announce(p) for p in _presentations("en")]
    assert (tmp_path / "alerts.txt").read_text(encoding="utf-8").splitlines() == sent
    assert [line.split()[1] for line in sent] == [f"level={level}" for level in LEVELS]


def test_a_fifo_reader_gets_the_lines_and_no_reader_never_blocks(tmp_path):
    fifo = tmp_path / "alerts.fifo"
    os.mkfifo(fifo)
    out = AssistiveOutput(fifo, which=_no_spd)
    presentations = _presentations()
    assert out.announce(presentations[0])  # nobody reads yet: skipped, no error, no wait
    reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)
    try:
        sent = [out.announce(p) for p in presentations]
        received = os.read(reader, 65536).decode("utf-8").splitlines()
    finally:
        os.close(reader)
    assert received == sent


@pytest.mark.parametrize("kind", [socket.SOCK_DGRAM, socket.SOCK_STREAM])
def test_a_unix_socket_listener_gets_the_lines(tmp_path, kind):
    path = tmp_path / "at.sock"
    server = socket.socket(socket.AF_UNIX, kind)
    server.bind(str(path))
    server.settimeout(5)
    received: list[str] = []
    presentations = _presentations()
    if kind == socket.SOCK_STREAM:
        server.listen(8)

        def serve():
            for _ in presentations:
                conn, _ = server.accept()
                with conn:
                    received.append(conn.recv(65536).decode("utf-8").rstrip("\n"))

        thread = threading.Thread(target=serve)
        thread.start()
    out = AssistiveOutput(path, which=_no_spd)
    try:
        sent = [out.announce(p) for p in presentations]
        if kind == socket.SOCK_DGRAM:
            received = [server.recv(65536).decode("utf-8").rstrip("\n") for _ in presentations]
        else:
            thread.join(5)
    finally:
        server.close()
    assert received == sent


def test_speech_dispatcher_speaks_critical_alerts_as_important():
    calls = []

    class Spoken:
        def __init__(self, argv, **kw):
            calls.append(argv)

        def poll(self):
            return 0

    out = AssistiveOutput(None, which=lambda name: f"/usr/bin/{name}", spawn=Spoken)
    for p in _presentations():
        out.announce(p)
    assert [c[:5] for c in calls] == [["/usr/bin/spd-say", "--priority", p, "--language", "ko"]
                                      for p in ("important", "message", "message", "message")]
    assert calls[0][5].startswith("[기상청] 서울 종로구")
    assert AssistiveOutput(None, speech_dispatcher=False, which=lambda name: "/usr/bin/spd-say").spd_say is None
