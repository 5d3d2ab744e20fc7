"""The one entry point the app uses: build the city life for the district and keep it moving each frame.

    life = install_city_life(app.base, app.world, app.scene.obstacles, app.pipeline.when, seed=…)
    …
    life.release()

The handle's task runs at the world-logic sort (``game.tasks.WORLD``) on the frame's ``dt``; ``update`` can be
called directly instead (tests, the tour) with ``run_task=False``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from pathlib import Path

from game import tasks
from game.city import streets as street_data
from game.landmarks import catalogue
from game.life import benches
from game.life.render import LifeRenderer
from game.life.world import CityLife, alleys, plazas, stream_walks
from game.nav.collision import Obstacle, ObstacleIndex
from game.sun import solar_position

MAX_DT = 0.5  # a long frame (loading, a stall) advances the city at most this much
NIGHT_EVERY = 30.0  # simulated seconds between sun checks for the lamps


class CityLifeHandle:
    def __init__(self, base, life: CityLife, renderer: LifeRenderer, visitor: Callable[[], tuple[float, float]] | None,
                 run_task: bool):
        self.base = base
        self.life = life
        self.renderer = renderer
        self.visitor = visitor
        self._night = 0.0
        self._night_age = NIGHT_EVERY
        self._task = base.taskMgr.add(self._tick, "city-life", sort=tasks.WORLD) if run_task else None
        self.update(0.0)

    def _tick(self, task):
        self.update(min(max(self.base.clock.getDt(), 0.0), MAX_DT))
        return task.cont

    def update(self, dt_s: float) -> None:
        if self.visitor is not None:
            self.life.set_visitor(self.visitor())
        eye = self.base.camera.getPos(self.renderer.root)
        self.life.set_eye((eye.x, eye.y))
        self.life.update(dt_s)
        self._night_age += dt_s
        if self._night_age >= NIGHT_EVERY:
            self._night_age = 0.0
            elevation = solar_position(self.life.now).elevation
            self._night = min(max((3.0 - elevation) / 9.0, 0.0), 1.0)
        self.renderer.sync(self._night)

    def summary(self) -> dict:
        """``pedestrians``, ``vehicles`` and the crowd level per hotspot (for the tour's JSON)."""
        return self.life.summary()

    def view_summary(self, xy: tuple[float, float]) -> dict:
        """Per tour stop: walkers and vehicles near ``xy`` and the crowd level there."""
        return self.life.view_summary(xy)

    def release(self) -> None:
        if self._task is not None:
            self.base.taskMgr.remove(self._task)
            self._task = None
        self.renderer.release()


def install_city_life(base, world_np, obstacles: Iterable[Obstacle] | ObstacleIndex, when: dt.datetime,
                      seed: int = 1394, visitor: Callable[[], tuple[float, float]] | None = None,
                      run_task: bool = True, crowd_scale: float = 1.0, vehicle_scale: float = 1.0,
                      cache_dir: Path | None = None, hub_time: Callable[[], float] | None = None) -> CityLifeHandle:
    """Pedestrians, traffic and signals on the district's streets, drawn under ``world_np``.

    ``obstacles``: the district's colliders (``DistrictScene.obstacles``); ``when``: the scene's time (the
    hour sets the typical crowd and traffic; the signals run from it); ``visitor``: where the visitor stands,
    so walkers step round them; ``cache_dir``: the asset cache, where the walkway network is kept between starts;
    ``hub_time``: the hub's clock, which scheduled events' crowds follow (the New Year's bell), else the scene's.
    """
    street_list, areas = street_data.load()
    landmarks = catalogue.load().values()
    life = CityLife(street_list, obstacles, when, seed, plazas(areas, landmarks), crowd_scale=crowd_scale,
                    vehicle_scale=vehicle_scale, cache_dir=cache_dir, hub_time=hub_time,
                    market_alleys=alleys(landmarks), seating=benches.along_squares(landmarks, street_list),
                    sunken=stream_walks(landmarks))
    return CityLifeHandle(base, life, LifeRenderer(world_np, life), visitor, run_task)
