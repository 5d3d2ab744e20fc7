"""The bell's strikes and the guards' drum play through the visitor's mix like the voices: effects volume, mono.

With mono a sound positioned in the world would be panned back to one ear, so it plays centred (and its file has
identical channels); without mono it stays attached to its source. Fakes stand in for Panda3D's loaders."""

from __future__ import annotations

import wave
from pathlib import Path

import numpy as np

from game.audio_mix import AudioMix
from ui import audio


class Sound:
    def __init__(self, path: str):
        self.path, self.volume, self.time, self.playing = path, None, 0.0, False

    def setVolume(self, volume: float) -> None:
        self.volume = volume

    def setTime(self, seconds: float) -> None:
        self.time = seconds

    def play(self) -> None:
        self.playing = True


class Loader:
    def __init__(self):
        self.attached: list[tuple[Sound, object]] = []

    def loadSfx(self, path: str) -> Sound:
        return Sound(path)

    def attachSoundToObject(self, sound: Sound, node: object) -> None:
        self.attached.append((sound, node))


def _stereo(path: Path) -> Path:
    with wave.open(str(path), "wb") as out:
        out.setnchannels(2)
        out.setsampwidth(2)
        out.setframerate(8000)
        out.writeframes(np.stack([np.full(100, 3000), np.zeros(100)], axis=1).astype("<i2").tobytes())
    return path


def _channels(path: str) -> np.ndarray:
    with wave.open(path, "rb") as src:
        return np.frombuffer(src.readframes(src.getnframes()), "<i2").reshape(-1, src.getnchannels())


def test_an_effect_in_the_world_is_heard_from_its_source_at_the_effects_volume(tmp_path):
    wav, plain, spatial, bell = _stereo(tmp_path / "strike.wav"), Loader(), Loader(), object()
    sound = audio.play(plain, wav, "effects", AudioMix(effects=0.5), tmp_path, audio3d=spatial, at=bell,
                       volume=0.8, offset=1.5)
    assert spatial.attached == [(sound, bell)] and sound.playing
    assert (sound.volume, sound.time) == (0.4, 1.5)  # the strike's own loudness × the visitor's effects volume
    assert Path(sound.path).name == "strike.wav"


def test_with_mono_the_effect_plays_centred_with_identical_channels(tmp_path):
    wav, plain, spatial = _stereo(tmp_path / "drum.wav"), Loader(), Loader()
    sound = audio.play(plain, wav, "effects", AudioMix(mono=True, effects=0.3), tmp_path, audio3d=spatial,
                       at=object())
    assert spatial.attached == [] and sound.playing and sound.volume == 0.3
    both = _channels(sound.path)
    np.testing.assert_array_equal(both[:, 0], both[:, 1])
    assert both[0, 0] == 1500
