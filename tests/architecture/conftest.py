"""Every landmark is built once per test session: building is pure and deterministic, so tests share results."""

from __future__ import annotations

import pytest

from game.architecture.builders import Building, build_landmark
from game.landmarks.catalogue import Landmark, load


@pytest.fixture(scope="session")
def catalogue() -> dict[str, Landmark]:
    return load()


@pytest.fixture(scope="session")
def buildings(catalogue: dict[str, Landmark]) -> dict[str, Building]:
    return {lid: build_landmark(lm) for lid, lm in catalogue.items()}
