"""The voice and signing aids start after the first frame, yet an alert that arrives before they are ready is shown
at once with captions, pictogram and the signer; leaving does not wait on the speech worker.

The real app's voice, signing, city and alert features, offscreen, with the sun and calendar pinned.
"""

from __future__ import annotations

import datetime as dt
import time

import pytest

from game.alerts.parser import parse_file
from game.config import KST, AppConfig
from tests.alerts.paths import DATA

pytestmark = pytest.mark.render
WHEN = dt.datetime(2026, 5, 15, 11, 0, tzinfo=KST)


@pytest.fixture
def mode(tmp_path):
    """The app with voice and signing, the embedded city and live alerts: the desktop's alert path, no street."""
    from game.app import App
    from game.features import access_aids, city, install
    from game.live_alerts import LiveAlerts

    app = App(AppConfig(offscreen=True, size=(320, 180), quality="low", when=WHEN, cache_dir=tmp_path,
                        config_dir=tmp_path / "config"))
    ctx = install((access_aids, city), app)
    ctx.alerts = LiveAlerts(app.base, app.config, lambda: (0.0, 0.0), flow=app.flow, font=app.font, aids=ctx.aids,
                            city=ctx.city, keys=app.keys, language=app.language)
    ctx.handles.append(ctx.alerts)
    yield ctx
    ctx.release()
    app.shutdown()


def test_an_alert_before_the_warm_up_is_shown_whole_on_its_first_frame(mode) -> None:
    aids, app = mode.aids, mode.app
    app.step()  # the first frame: nothing of the start-up has run before it
    assert not aids.speech.running and not aids.ready

    mode.alerts.receive(parse_file(DATA / "earthquake_emergency.xml"), "test")
    app.step()  # the alert's first frame

    assert not aids.ready, "the warm-up finished before the alert: this test would prove nothing"
    overlay = mode.alerts.controller.overlay
    assert mode.alerts.shown and overlay.visible
    assert overlay.caption_lines() and all(overlay.caption_lines())
    assert overlay.pictogram_np is not None and not overlay.pictogram_np.is_hidden()
    assert aids.signing.playing and not aids.signing.card.is_hidden()  # the signer joined with this template
    assert aids.speech.running  # the voice started its worker for this alert

    start = time.perf_counter()
    aids.close_worker()  # the worker has only just started (still loading its engine): leaving does not wait on it
    assert time.perf_counter() - start < 1.0 and not aids.speech.running


def test_the_aids_finish_starting_in_the_background_and_leave_quickly(mode) -> None:
    aids, app = mode.aids, mode.app
    frames = 0
    while not aids.ready:
        app.step()
        frames += 1
        assert frames < 60
    assert aids.speech.running
    assert frames > len(aids.signing.templates)  # one sign a frame, after the first frame and the worker's start

    start = time.perf_counter()
    aids.close_worker()
    assert time.perf_counter() - start < 1.0 and not aids.speech.running
