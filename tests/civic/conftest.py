"""One baked-material cache for the whole civic test session (baking costs seconds; every render reuses it)."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(scope="session")
def material_cache(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("materials")
