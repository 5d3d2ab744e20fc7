"""Every scene id the app can open: the civic interiors and the district's landmark views.

``SCENE_IDS`` is pure (``main.py`` checks ``--scene`` against it before any window opens); :func:`opened` builds
an interior on demand (or takes a landmark view from the district) and releases it on exit.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from contextlib import contextmanager

from game.landmarks.catalogue import LANDMARK_IDS

#: Interior id → module in ``game.scenes`` with ``create(app)`` returning a loadable, releasable scene.
INTERIORS: dict[str, str] = {
    "mayors-office": "mayors_office",
    "center-120": "center_120",
    "reservations": "reservations",
    "exhibition": "exhibition",
    "invest-seoul": "invest_seoul",
    "fintech-lab": "fintech_lab",
    "citizens-university": "citizens_university",
    "seoul-learn": "seoul_learn",
}
SCENE_IDS: tuple[str, ...] = (*INTERIORS, *LANDMARK_IDS)
#: The landmark whose building holds the interiors (and whose location a complaint filed there carries).
INTERIOR_HOST = "city-hall"


def is_interior(scene_id: str) -> bool:
    return scene_id in INTERIORS


def create(app, scene_id: str):
    """Build (but do not load) the interior ``scene_id`` for ``app``."""
    module = importlib.import_module(f"game.scenes.{INTERIORS[scene_id]}")
    return module.create(app)


@contextmanager
def opened(app, scene_id: str) -> Iterator:
    """The :class:`~game.landmarks.views.View` of ``scene_id`` while it is loaded; an interior is released after."""
    if scene_id not in SCENE_IDS:
        raise KeyError(f"unknown scene {scene_id!r}")
    if not is_interior(scene_id):
        yield app.scene.view(scene_id)
        return
    scene = create(app, scene_id)
    scene.load()
    try:
        yield scene.view()
    finally:
        scene.release()
