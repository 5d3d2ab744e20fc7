"""One speech worker for the whole session: spawning a worker costs a Python start-up per test otherwise."""

from __future__ import annotations

import shutil
from collections.abc import Iterator

import pytest

from game.speech.service import SpeechService


@pytest.fixture(scope="session")
def speech(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SpeechService]:
    if shutil.which("espeak-ng") is None:
        pytest.skip("espeak-ng is not installed (apt-get install espeak-ng)")
    service = SpeechService(tmp_path_factory.mktemp("speech-cache"))
    service.start()
    yield service
    service.shutdown()
