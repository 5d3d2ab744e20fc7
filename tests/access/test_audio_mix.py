"""Mono audio and per-kind volumes: a stereo sound comes out with identical channels; each kind its own volume."""

from __future__ import annotations

import wave
from pathlib import Path

import numpy as np
import pytest

from game import access_settings
from game.audio_mix import AudioMix, downmix, from_settings


def _wav(path: Path, channels: np.ndarray, rate: int = 8000) -> Path:
    with wave.open(str(path), "wb") as out:
        out.setnchannels(channels.shape[1])
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(channels.astype("<i2").tobytes())
    return path


def _read(path: Path) -> np.ndarray:
    with wave.open(str(path), "rb") as src:
        data = np.frombuffer(src.readframes(src.getnframes()), "<i2")
        return data.reshape(-1, src.getnchannels())


def test_mono_gives_identical_channels_holding_both_sides(tmp_path):
    t = np.arange(800) / 8000
    left = (8000 * np.sin(2 * np.pi * 440 * t)).astype(int)
    stereo = _wav(tmp_path / "bell.wav", np.stack([left, np.zeros_like(left)], axis=1))  # all on the left
    out = AudioMix(mono=True).prepare(stereo, tmp_path / "cache")
    mixed = _read(out)
    assert mixed.shape == (800, 2)
    np.testing.assert_array_equal(mixed[:, 0], mixed[:, 1])  # both ears hear the same
    np.testing.assert_allclose(mixed[:, 0], left / 2, atol=1)  # and hear the left side's sound
    assert downmix(stereo, tmp_path / "cache") == out  # converted once, then reused
    assert AudioMix(mono=False).prepare(stereo, tmp_path / "cache") == stereo


def test_a_one_channel_sound_is_played_as_it_is(tmp_path):
    mono = _wav(tmp_path / "voice.wav", np.zeros((100, 1), int))
    assert AudioMix(mono=True).prepare(mono, tmp_path / "cache") == mono


def test_each_kind_has_its_own_volume_from_the_settings(tmp_path):
    settings = access_settings.parse({"mono": True, "voice_volume": 1.0, "effects_volume": 0.3,
                                      "ambience_volume": 0.0})
    mix = from_settings(settings)
    assert (mix.mono, mix.volume("voice"), mix.volume("effects"), mix.volume("ambience")) == (True, 1.0, 0.3, 0.0)
    with pytest.raises(ValueError):
        mix.volume("music")
    assert access_settings.parse({"effects_volume": 1.5}).effects_volume == 1.0  # out of range: the default
