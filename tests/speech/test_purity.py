"""Importing the speech package loads neither the engine nor pyttsx3: only the worker process loads pyttsx3."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_speech_modules_import_no_engine_and_no_tts() -> None:
    code = ("import sys\nimport game.speech.service, game.speech.normalise, game.speech.worker\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('panda3d', 'direct', 'pyttsx3')))")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
