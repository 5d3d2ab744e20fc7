"""The walkway network kept in the asset cache, so a start reads it instead of building it (1–2 s of every start).

The network is a pure function of the streets, the colliders, the open areas and the code that builds it, so the
file is keyed by a digest of all of them: a change to any gives a new digest and the network is built again and
the file rewritten, so a stale network is never walked. One file per cache folder (the last district built).
"""

from __future__ import annotations

import hashlib
import os
import pickle
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from game.city.streets import Street
from game.life.walkways import Walkways
from game.nav.collision import Obstacle

ROOT = Path(__file__).resolve().parents[2]
#: The code the network is built by (besides this module).
SOURCES = ("game/life/walkways.py", "game/life/clearance.py", "game/life/geometry.py", "game/life/signals.py",
           "game/life/network_cache.py", "game/city/streets.py", "game/nav/collision.py")
FILE = "walkways.pickle"


def digest(streets: Sequence[Street], obstacles: Sequence[Obstacle], open_areas: Sequence[np.ndarray]) -> str:
    """A hash of everything the network is made from; the obstacles in any order (a district read from its cache
    lists them in another order than one just generated)."""
    h = hashlib.sha256(np.__version__.encode())
    for source in SOURCES:
        h.update((ROOT / source).read_bytes())
    for street in streets:
        h.update(f"{street.id}\x1f{street.width!r}".encode())
        h.update(np.ascontiguousarray(street.points, float).tobytes())
    for area in open_areas:
        h.update(np.ascontiguousarray(area, float).tobytes())
    for line in sorted(repr((ob.x, ob.y, ob.h, ob.boxes)) for ob in obstacles):
        h.update(line.encode())
    return h.hexdigest()


def read(folder: Path, key: str) -> Walkways | None:
    """The cached network for ``key``, or None when there is none, it is for other inputs, or it is unreadable."""
    try:
        with open(folder / FILE, "rb") as f:
            saved_key, ways = pickle.load(f)
    except (OSError, pickle.UnpicklingError, EOFError, ValueError, TypeError, AttributeError):
        return None
    return ways if saved_key == key and isinstance(ways, Walkways) else None


def write(folder: Path, key: str, ways: Walkways) -> None:
    """Save ``ways`` for ``key``: written under another name and renamed, so a reader never sees half a file."""
    folder.mkdir(parents=True, exist_ok=True)
    partial = folder / f".{FILE}.{os.getpid()}.partial"
    with open(partial, "wb") as f:
        pickle.dump((key, ways), f, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(partial, folder / FILE)
