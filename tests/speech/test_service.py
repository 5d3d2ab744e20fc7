"""Real synthesis through the worker process: audible WAVs in the right voice, cached, never blocking."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import wave
from pathlib import Path

import numpy as np
import pytest

from game.alerts.hooks import Speech
from game.speech.service import RATES, VOICES, SpeechResult, SpeechService

KO = "규모 4.5 지진이 14:30에 발생했습니다. 탁자 아래로 대피하세요."
EN = "A magnitude 4.5 earthquake struck at 14:30. Take cover under a table."
#: RMS of 16-bit samples; espeak-ng speech measures in the thousands, silence is 0.
SILENCE_RMS = 300.0


def samples(path: Path) -> np.ndarray:
    with wave.open(str(path)) as wav:
        assert wav.getnchannels() == 1 and wav.getsampwidth() == 2
        return np.frombuffer(wav.readframes(wav.getnframes()), np.int16).astype(np.float64)


def rms(path: Path) -> float:
    return float(np.sqrt(np.mean(samples(path) ** 2)))


def espeak_reference(tmp_path: Path, voice: str, rate: int, text: str) -> np.ndarray:
    """What the espeak-ng command line says for the same text with an explicitly named voice."""
    out = tmp_path / f"ref-{voice.replace('/', '_')}.wav"
    subprocess.run(["espeak-ng", "-v", voice, "-s", str(rate), "-w", str(out), text], check=True, timeout=30)
    return samples(out)


def similarity(a: np.ndarray, b: np.ndarray, seconds: float = 1.0) -> float:
    """Correlation of the loudness envelopes (10 ms frames) over the opening ``seconds``; 1.0 for the same speech.

    Envelopes, not samples: espeak-ng is not sample-deterministic (amplitude and pause placement shift by a
    few percent between runs, more after another voice spoke), but the syllable rhythm of the opening holds.
    """
    frame = 220
    n = min(len(a), len(b), int(seconds * 22050)) // frame * frame
    ea = np.sqrt((a[:n].reshape(-1, frame) ** 2).mean(axis=1))
    eb = np.sqrt((b[:n].reshape(-1, frame) ** 2).mean(axis=1))
    return float(np.corrcoef(ea, eb)[0, 1])


def wait_for(service: SpeechService, request_id: int, timeout: float = 120.0) -> SpeechResult:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for result in service.poll():
            if result.request_id == request_id:
                return result
        time.sleep(0.005)
    raise AssertionError(f"request {request_id} not finished within {timeout} s")


@pytest.mark.parametrize(("lang", "text"), [("ko", KO), ("en", EN)])
def test_wav_is_audible_and_in_the_requested_voice(speech: SpeechService, tmp_path: Path, lang: str,
                                                   text: str) -> None:
    """The engine must report the requested voice after speaking, and the audio must be espeak-ng's own reading.

    espeak-ng switches language by script inside one voice (the English voice reads Hangul with Korean rules),
    so the waveform alone cannot tell the voices apart on pure Hangul or pure Latin text; the voice espeak-ng
    reports is the decisive check, and the comparison with the command line catches silence, truncation or a
    wrong text.
    """
    result = wait_for(speech, speech.submit(text, lang))
    assert result.error is None and result.path is not None and result.path.exists()
    assert rms(result.path) > SILENCE_RMS
    assert result.voice == VOICES[lang]
    ours = samples(result.path)
    reference = espeak_reference(tmp_path, VOICES[lang], RATES[lang], result.text)
    assert abs(len(ours) - len(reference)) / len(reference) < 0.1
    assert similarity(ours, reference) > 0.8


def test_voice_is_part_of_the_cache_key(speech: SpeechService) -> None:
    ko = wait_for(speech, speech.submit("지진 대피", "ko"))
    en = wait_for(speech, speech.submit("지진 대피", "en"))
    assert ko.path != en.path and (ko.voice, en.voice) == ("ko", "gmw/en-us")


def test_numbers_are_spoken_as_words(speech: SpeechService) -> None:
    result = wait_for(speech, speech.submit("규모 4.5", "ko"))
    assert result.text == "규모 사 점 오"


def test_second_request_is_a_cache_hit_ready_on_the_next_poll(speech: SpeechService) -> None:
    first = wait_for(speech, speech.submit("화재 발생, 계단으로 대피하세요", "ko"))
    mtime = first.path.stat().st_mtime_ns
    again = speech.submit("화재 발생, 계단으로 대피하세요", "ko")
    (hit,) = [r for r in speech.poll() if r.request_id == again]
    assert hit.cached and hit.path == first.path and hit.path.stat().st_mtime_ns == mtime


def test_submit_returns_at_once_and_poll_never_blocks(speech: SpeechService) -> None:
    # "at once" is a property, not a timing: submit hands the job over and poll returns before the long
    # sentence can possibly be done (timings live in the benchmark, where a busy CI machine cannot flake them)
    text = "이 문장은 아주 길어서 합성에 시간이 걸립니다. " * 20
    request_id = speech.submit(text, "ko")
    first_poll = speech.poll()
    assert all(r.request_id != request_id for r in first_poll)  # a long sentence cannot be done yet
    assert wait_for(speech, request_id).path is not None


def test_say_and_wait_blocks_until_the_wav_exists(speech: SpeechService) -> None:
    path = speech.say_and_wait("Evacuate now.", "en")
    assert path is not None and path.exists() and path == speech.wav_path("Evacuate now.", "en")


def test_say_returns_the_future_path_at_once_and_the_file_appears_complete(speech: SpeechService) -> None:
    text = "대피 안내 방송입니다. " * 15
    path = speech.say(text, "ko")
    assert path == speech.wav_path(text, "ko") and not path.exists()
    deadline = time.monotonic() + 120  # generous: a loaded CI machine must not turn slowness into failure
    while not path.exists():
        assert time.monotonic() < deadline
        speech.poll()
        time.sleep(0.005)
    assert rms(path) > SILENCE_RMS  # never seen half-written: it is renamed into place when complete
    assert all(r.path != path for r in speech.poll())  # say() results are not queued for poll()


def test_service_implements_the_alert_speech_hook(speech: SpeechService) -> None:
    assert isinstance(speech, Speech)
    assert speech.say("hello", "fr") is None


def test_a_killed_worker_is_restarted_and_the_request_still_finishes(speech: SpeechService) -> None:
    restarts, old_pid = speech.restarts, speech.pid
    request_id = speech.submit("작업자가 중단되어도 이 문장은 끝까지 합성됩니다. " * 10, "ko")
    os.kill(old_pid, signal.SIGKILL)
    result = wait_for(speech, request_id)
    assert result.error is None and result.path is not None and rms(result.path) > SILENCE_RMS
    assert speech.restarts == restarts + 1 and speech.pid != old_pid and speech.running


def test_shutdown_stops_the_worker_promptly(tmp_path: Path) -> None:
    service = SpeechService(tmp_path)
    service.start()
    pid = service.pid
    start = time.perf_counter()
    service.shutdown()
    assert time.perf_counter() - start < 3.0
    assert not service.running
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)


def test_unknown_language_is_refused(speech: SpeechService) -> None:
    with pytest.raises(ValueError, match="fr"):
        speech.submit("bonjour", "fr")


def test_back_to_back_requests_in_both_voices_all_produce_audio(speech: SpeechService) -> None:
    """Regression: pyttsx3 used to cancel an utterance started while espeak still finished the previous one."""
    ids = {speech.submit(f"연속 요청 {i}번 지진 대피", "ko" if i % 2 else "en") for i in range(40)}
    results: list[SpeechResult] = []
    deadline = time.monotonic() + 30
    while len(results) < len(ids) and time.monotonic() < deadline:
        results += [r for r in speech.poll() if r.request_id in ids]
        time.sleep(0.005)
    assert sorted(r.request_id for r in results) == sorted(ids)
    assert [r.error for r in results] == [None] * len(ids)


def test_start_prunes_the_cache_to_the_newest_files(tmp_path: Path) -> None:
    for i in range(5):
        wav = tmp_path / f"{i}.wav"
        wav.write_bytes(b"RIFF")
        os.utime(wav, (1_000_000 + i, 1_000_000 + i))
    (tmp_path / "notes.txt").write_text("kept", encoding="utf-8")
    service = SpeechService(tmp_path, max_cached=3)
    service.start()
    service.shutdown()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["2.wav", "3.wav", "4.wav", "notes.txt"]


ORPHAN_SCRIPT = """
import sys, time
from pathlib import Path
from game.speech.service import SpeechService
service = SpeechService(Path(sys.argv[1]))
service.start()
print(service.pid, flush=True)
time.sleep(60)
"""


def _alive(pid: int) -> bool:
    """True while ``pid`` runs (a zombie waiting to be reaped has exited)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0]
    except FileNotFoundError:
        return False
    return state != "Z"


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc to watch the worker")
def test_worker_exits_when_the_app_dies_without_shutting_down(tmp_path: Path) -> None:
    """A crashed kiosk must not leave speech workers behind."""
    root = Path(__file__).resolve().parents[2]
    app = subprocess.Popen([sys.executable, "-c", ORPHAN_SCRIPT, str(tmp_path)], cwd=root, stdout=subprocess.PIPE,
                           text=True)
    try:
        worker_pid = int(app.stdout.readline())
        assert _alive(worker_pid)
        app.kill()
        app.wait(timeout=10)
        deadline = time.monotonic() + 5
        while _alive(worker_pid) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not _alive(worker_pid)
    finally:
        app.kill()
        app.wait(timeout=10)


def test_a_worker_that_died_while_idle_is_started_again_on_the_next_request(tmp_path: Path) -> None:
    service = SpeechService(tmp_path)
    service.start()
    old_pid = service.pid
    os.kill(old_pid, signal.SIGKILL)
    deadline = time.monotonic() + 5
    while service.running and time.monotonic() < deadline:
        time.sleep(0.01)
    try:
        result = wait_for(service, service.submit("다시 시작", "ko"))
        assert result.error is None and service.pid != old_pid
    finally:
        service.shutdown()
