"""The render pipeline: simplepbr (PBR + tone mapping), the sun as one shadow-casting light, ambient, sky.

The sun's shadow map is fitted to the view (``shadow_focus``) and drawn only when the sun has moved or the view has
left what the map covers: its buffer is switched on for one frame then, and stays off while the view stands still.
While the view stands still the static world itself is held too (``still_world``; without MSAA).

One light only: simplepbr shadows with more than one light crash Debian 12's Mesa 22 (see DESIGN.md), and one
sun is what an outdoor city needs; fill light comes from the ambient term tinted like the sky.

Post effects on a GPU (medium, high): bloom (``bloom``), screen-space ambient occlusion (``ssao``) and measured
auto-exposure (``metering``, ``exposure``).
On llvmpipe at 640×360 along the bench's camera path, CPU time per frame in one process, conditions interleaved
(December 2026): Preetham's sky with the Moon +2 % over the old gradient sky; bloom forced on +1–5 %; the exposure
meter with its read-back +3–4 %. So ``low`` (and any software renderer) keeps the time-of-day exposure curve and
no bloom; ``set_time`` (sky model, Moon, uniforms) costs ~0.7 ms, once per change of the clock.

The world is shaded by the app's own PBR shader (``world_shader``: soft shadow edges, no acne on walls). Median
frame along the same path, shaders swapped in one process (December 2026), at 640×360 / 1280×720: simplepbr's own
34.1 / 82.2 ms; ours with 1 shadow tap 31.3 / 66.8, 4 taps 32.3 / 64.4, 8 taps 33.9 / 72.0, 12 taps 36.0 / 79.9
(±2–3 ms noise). So ``low`` takes 8 taps for about what simplepbr's single tap cost.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from panda3d.core import (
    AmbientLight,
    BitMask32,
    CullBinManager,
    DirectionalLight,
    Fog,
    NodePath,
    OrthographicLens,
    Point2,
    Point3,
)

from game import tasks
from game import weather as weathers
from game.city.night import hour_seed, lit_share
from game.render import exposure, shadow_focus, sky_light, sky_model
from game.render.bloom import Bloom
from game.render.environment import env_map
from game.render.lighting import Rig, rig_for
from game.render.metering import Meter
from game.render.precipitation import Precipitation
from game.render.sky import Sky
from game.render.ssao import Ssao
from game.render.still_world import SHADOW_SORT, StillWorld
from game.render.world_shader import SHADOW_TAPS, WorldPipeline
from game.sun import SunPosition, solar_position
from net import clock

SUN_DISTANCE = 400.0  # metres from the view target to the shadow camera, along the sun direction
SHADOW_DEPTH = 600.0  # metres of light depth the sun's lens spans (its near to far plane)
#: The sun's shadow camera sees only this bit, so a node hidden for it (:func:`cast_no_shadow`) stays out of the
#: shadow pass while every other camera, whose masks hold more bits, still draws it.
SUN_MASK = BitMask32.bit(20)
#: The sharpest map, in metres across: 1024 texels of 2.3 cm for a visitor looking down at their feet.
SMALLEST_SHADOW = 24.0
#: The widest map, as a share of the quality's shadow extent (which is also how far the view gets shadows): a
#: view along an avenue under a low sun spans more than its depth across the light.
WIDEST_SHADOW = 1.5
#: Where on the film the view's rays are taken to fit the map: the corners, edge middles and centre.
FILM_SAMPLES = tuple(Point2(x, y) for x in (-1.0, 0.0, 1.0) for y in (-1.0, 0.0, 1.0))


def cast_no_shadow(node: NodePath) -> None:
    """Leave ``node`` out of the sun's shadow pass: flat ground casts nothing visible, and something that moves
    every frame (a visitor) would leave its shadow frozen in a map drawn only when the sun or the view moves."""
    node.hide(SUN_MASK)


@dataclass(frozen=True)
class Quality:
    shadow_size: int
    shadow_extent: float  # metres of view that get shadows (the fitted map may be sharper or up to 1.5× wider)
    msaa: int
    view_distance: float
    anisotropy: int
    normal_maps: bool  # materials' relief (granite joints, roof tiles, wood grain); off at low
    shadow_taps: int  # comparisons per shaded point for the soft shadow edge (world_shader)


#: The far plane reaches the mountains that close the Seoul basin (Bukhansan ~10 km north, Gwanaksan ~14 km
#: south; game/terrain.py); depth precision is set by the 0.3 m near plane, so a far plane this deep costs none.
HORIZON = 20_000.0
QUALITY = {
    "low": Quality(1024, 160.0, 0, HORIZON, 1, False, SHADOW_TAPS["low"]),
    "medium": Quality(2048, 200.0, 4, HORIZON, 4, True, SHADOW_TAPS["medium"]),
    "high": Quality(4096, 300.0, 8, HORIZON, 8, True, SHADOW_TAPS["high"]),
}
#: A software rasterizer (Mesa llvmpipe/softpipe, Windows' GDI) pays per sample for MSAA and anisotropic
#: filtering (anisotropy alone quadrupled llvmpipe's frame time), so there they are turned off and the
#: shadow map kept small whatever the preset says.
SOFTWARE_RENDERERS = ("llvmpipe", "softpipe", "swrast", "gdi generic")


def is_software(renderer: str) -> bool:
    return any(name in renderer.lower() for name in SOFTWARE_RENDERERS)


#: The presets that get bloom, where the renderer is not software (game/render/bloom.py says why)
BLOOM_PRESETS = ("medium", "high")


def effective_quality(preset: str, renderer: str) -> Quality:
    """The preset, limited to what the machine's renderer can afford."""
    q = QUALITY[preset]
    if is_software(renderer):
        return Quality(min(q.shadow_size, 1024), min(q.shadow_extent, 180.0), 0, q.view_distance, 1, q.normal_maps,
                       min(q.shadow_taps, SHADOW_TAPS["low"]))
    return q


#: Large static opaque geometry goes in this bin: drawn nearest first, so the software rasterizer's early
#: depth test skips the expensive PBR shading of hidden fragments (5–15 % per frame measured on llvmpipe).
OPAQUE_NEAR_FIRST = "opaque-near-first"
#: The ground plane and the far mountains are drawn after everything else opaque: they lie behind or under it all,
#: so early depth rejection spares most of their fragments (drawn first, they cost 11 % of the square's frame).
OPAQUE_GROUND_LAST = "opaque-ground-last"
#: The sky draws after opaque geometry and only where nothing else did (depth test on).
SKY_BIN = "sky"


def _register_bins() -> None:
    bins = CullBinManager.getGlobalPtr()
    if bins.findBin(OPAQUE_NEAR_FIRST) < 0:
        bins.addBin(OPAQUE_NEAR_FIRST, CullBinManager.BT_front_to_back, 19)
    if bins.findBin(OPAQUE_GROUND_LAST) < 0:
        bins.addBin(OPAQUE_GROUND_LAST, CullBinManager.BT_front_to_back, 22)
    if bins.findBin(SKY_BIN) < 0:
        bins.addBin(SKY_BIN, CullBinManager.BT_unsorted, 25)


class RenderPipeline:
    """Owns the PBR pipeline, the sun light, ambient and sky for one ShowBase.

    ``cache_shadows=False`` draws the shadow map every frame (the benchmark's reference).
    """

    def __init__(self, base, world: NodePath, quality: str = "medium", when: dt.datetime | None = None,
                 cache_shadows: bool = True, weather: str = "clear"):
        self.base = base
        self.world = world
        self._time_watchers: list[Callable[[float], None]] = []
        self.cache_shadows = cache_shadows
        self.weather = weathers.weather(weather)
        self.shadow_renders = 0  # frames in which the shadow map was drawn (tests and the benchmark read it)
        self._focus: tuple[float, float, float] | None = None  # the latest focus asked for
        self._drawn: tuple[tuple[float, float, float], shadow_focus.Fit] | None = None  # (light dir, map)
        self._fitted_view = None  # the camera's transform the map was last fitted for
        self._shadow_due = True
        self.renderer = base.win.getGsg().getDriverRenderer()
        self.quality = effective_quality(quality, self.renderer)
        self.pbr = WorldPipeline(
            shadow_taps=self.quality.shadow_taps,
            render_node=world, window=base.win, camera_node=base.cam, taskmgr=base.taskMgr,
            max_lights=1, msaa_samples=self.quality.msaa, enable_shadows=True, use_330=True,
            use_hardware_skinning=False, use_emission_maps=False, enable_fog=self.weather.haze > 0,
            use_normal_maps=self.quality.normal_maps,
            use_occlusion_maps=True,  # the materials' relief as ambient occlusion (texgen.occlusion): no extra fetch
        )
        self.bloom: Bloom | None = None
        self.ssao: Ssao | None = None
        self.meter: Meter | None = None
        self._exposure_task = None
        self._snap_exposure = True  # the next measurement sets the exposure outright (a new time, not a glance)
        self._bias = 0.25 / SHADOW_DEPTH  # until the first fit (shadow_focus.depth_bias); simplepbr's meant ~3 m
        self._soften(self.quality.shadow_extent)
        base.camLens.setNearFar(0.3, self.quality.view_distance)
        self.sun_np = world.attachNewNode(DirectionalLight("sun"))
        sun = self.sun_np.node()
        sun.setShadowCaster(True, self.quality.shadow_size, self.quality.shadow_size)
        self.shadow_lens = lens = OrthographicLens()
        lens.setFilmSize(self.quality.shadow_extent, self.quality.shadow_extent)
        lens.setNearFar(SUN_DISTANCE - 350.0, SUN_DISTANCE - 350.0 + SHADOW_DEPTH)
        sun.setLens(lens)
        sun.setCameraMask(SUN_MASK)
        world.setLight(self.sun_np)
        self.ambient_np = world.attachNewNode(AmbientLight("ambient"))
        world.setLight(self.ambient_np)
        _register_bins()
        self.sky_dome = Sky(base.camera, world, self.quality.view_distance * 0.9, SKY_BIN)
        self.sky = self.sky_dome.node
        self.fog: NodePath | None = None
        self.precipitation: Precipitation | None = None
        self._weather_parts()
        # The still world needs the scene's depth as a plain texture: without MSAA only (low, software renderers)
        self.still: StillWorld | None = StillWorld(base, world) if self.quality.msaa == 0 else None
        if self.still is not None:
            self.still.hold(self.sky)
        self.when: dt.datetime = when or clock.now_kst()  # the instant the sun is drawn for
        self.sun_position: SunPosition = solar_position(self.when)
        self.rig: Rig = rig_for(self.sun_position)
        self.set_time(when)
        self._task = base.taskMgr.add(self._shadow_task, "shadow-map", sort=tasks.SHADOW_MAP)
        if quality in BLOOM_PRESETS and not is_software(self.renderer):
            self.enable_post_effects()

    def set_time(self, when: dt.datetime | None) -> SunPosition:
        """Move the sun (and with it the light, its colour, the ambient and the sky) to ``when``."""
        self.when = when or clock.now_kst()
        self.sun_position = pos = solar_position(self.when)
        self.rig = rig = rig_for(pos)
        # Cloud takes the sun's direct light and spreads part of it into the ambient; the floodlights stay as bright.
        direct = self.weather.sun + (1.0 - self.weather.sun) * rig.night
        overcast = 1.0 + 0.8 * (1.0 - self.weather.sun) * (1.0 - rig.night)
        self.sun_np.node().setColor((*(c * direct for c in rig.key_colour), 1))
        haze = weathers.haze_colour(self.weather, rig.night)
        if self.fog is not None:
            self.fog.node().setColor(*haze)
        self._set_exposure(rig.exposure)
        self._snap_exposure = True
        # For the app's own shaders (the far hills stay unlit by night). Set above the world: simplepbr replaces the
        # world node's shader attribute, inputs and all.
        self.base.render.setShaderInput("night", rig.night)
        # The city's lit windows, by the same clock: their share at this hour and the hour's fixed pattern.
        self.base.render.setShaderInput("windows_lit", lit_share(self.when.hour + self.when.minute / 60))
        self.base.render.setShaderInput("windows_seed", float(hour_seed(self.when.timetuple().tm_yday, self.when.hour)))
        # Floodlights are many and close to what they light: after dark no far block may throw a 200 m shadow
        # across a gate, so the shadow test is pushed out of reach (a bias beyond the whole depth range).
        self.pbr.shadow_bias = self._bias if rig.night < 0.5 else 1.0
        moonlight = self.sky_dome.update(self.when, pos, self.weather.cloudiness, min(self.weather.haze * 60.0, 1.0),
                                         self.weather.haze, rig.exposure)
        ambient = tuple(c * overcast + m for c, m in zip(rig.ambient, moonlight, strict=True))
        key = tuple(c * direct for c in rig.key_colour)
        state, sun_dir = self.sky_dome.state, pos.direction()
        light = sky_light.sky_light(lambda view: sky_model.sky_radiance(state, view, sun_dir), ambient, key,
                                    rig.sun_dir[2], rig.night, self.weather.cloudiness)  # type: ignore[arg-type]
        self.ambient_np.node().setColor((*light.flat_ambient, 1))
        self.pbr.env_map = env_map(light)
        # The app's own shaders take the whole ambient flat: the share simplepbr gets as directional sky light
        self.base.render.setShaderInput("sky_share", tuple(a - f for a, f in zip(ambient, light.flat_ambient,
                                                                                 strict=True)))
        # the app's own shaders (the far hills) fade into the same haze as simplepbr's fog
        self.base.render.setShaderInput("haze_colour", haze)
        self.base.render.setShaderInput("haze_density", self.weather.haze)
        if self._focus is not None:
            self.focus_shadows(self._focus)
        for watcher in self._time_watchers:
            watcher(rig.night)
        if self.still is not None:
            self.still.refresh()
        return pos

    def enable_post_effects(self) -> None:
        """Bloom, screen-space ambient occlusion and measured auto-exposure on simplepbr's post-process: for a GPU
        at medium or high (and for the probes that try them on llvmpipe, where the presets leave them off)."""
        self.bloom = Bloom(self.pbr)
        self.ssao = Ssao(self.pbr, self.base.camLens, self.bloom)
        self.meter = Meter(self.pbr)
        self._exposure_task = self.base.taskMgr.add(self._meter_task, "auto-exposure", sort=tasks.SHADOW_MAP)
        self._set_exposure(self.rig.exposure)
        self._snap_exposure = True

    def _set_exposure(self, stops: float) -> None:
        self.pbr.exposure = stops
        if self.bloom is not None:
            self.bloom.set_exposure(stops)

    def _meter_task(self, task):
        """Auto-exposure: move the exposure toward what the last frame's measured luminance calls for, within
        reach of the time-of-day curve (game/render/exposure.py)."""
        self.ssao.update()
        measured = self.meter.log_average()
        if measured is not None:
            target = exposure.target_stops(self.rig.exposure, measured)
            now = target if self._snap_exposure else exposure.adapt(self.pbr.exposure, target,
                                                                    self.base.clock.getDt())
            self._snap_exposure = False
            self._set_exposure(now)
        return task.cont

    def watch_night(self, watcher: Callable[[float], None]) -> None:
        """Call ``watcher(night)`` now and whenever the clock moves the sun: for what only shows after dusk."""
        self._time_watchers.append(watcher)
        watcher(self.rig.night)

    def set_weather(self, name: str) -> None:
        """Change the weather while running (a key, or the live city data): haze, the falling rain or snow, and
        through :meth:`set_time` the sky, the sun's share and the ambient. The scene redoes its own ground."""
        if name == self.weather.name:
            return
        self.weather = weathers.weather(name)
        if self.fog is not None:
            self.world.clearFog()
            self.fog.removeNode()
            self.fog = None
        if self.precipitation is not None:
            self.precipitation.release()
            self.precipitation = None
        self.pbr.enable_fog = self.weather.haze > 0  # simplepbr recompiles its shader only when this changes
        self._weather_parts()
        self.set_time(self.when)

    def _weather_parts(self) -> None:
        """The weather's haze (a fog on the world) and its falling rain or snow round the camera, if any."""
        if self.weather.haze > 0:
            self.fog = self.world.attachNewNode(Fog("weather"))
            self.fog.node().setExpDensity(self.weather.haze)
            self.world.setFog(self.fog.node())
        if self.weather.falling:
            self.precipitation = Precipitation(self.base, self.weather.falling)
            cast_no_shadow(self.precipitation.node)

    def focus_shadows(self, target: tuple[float, float, float]) -> None:
        """Fit the shadow map to the camera's view and ``target`` (the visitor, or what the camera looks at; its
        height is the ground's) with the key light along the sun, or by night along the floodlight on the
        visitor's side. The shadow task refits it when the camera alone turns.

        The light stays where it is (and the map as drawn) until the sun has moved or the view has left the map.
        """
        self._focus = target
        camera = self.base.camera
        self._fitted_view = camera.getMat(self.world)
        light = shadow_focus.light_direction(self.rig.key_dir(camera.getH(self.world)))
        rays = []
        for film in FILM_SAMPLES:
            near, far = Point3(), Point3()
            self.base.camLens.extrude(film, near, far)
            ray = self.world.getRelativeVector(camera, far - near)
            ray.normalize()
            rays.append((ray.x, ray.y, ray.z))
        eye = camera.getPos(self.world)
        points = [*shadow_focus.view_points((eye.x, eye.y, eye.z), rays, self.quality.shadow_extent, target[2]),
                  target]
        wanted = shadow_focus.fit_view(points, light, self.quality.shadow_size, SMALLEST_SHADOW,
                                       self.quality.shadow_extent * WIDEST_SHADOW)
        drawn_dir, drawn = self._drawn or (None, None)
        if self.cache_shadows and not shadow_focus.needs_render(drawn_dir, drawn, light, wanted):
            return
        self.shadow_lens.setFilmSize(wanted.extent, wanted.extent)
        # simplepbr's bias is in normalised light depth, one for the map: sized to its texels and the sun's height
        self._bias = shadow_focus.depth_bias(wanted.extent, self.quality.shadow_size, light) / SHADOW_DEPTH
        self.pbr.shadow_bias = self._bias if self.rig.night < 0.5 else 1.0
        self._soften(wanted.extent)
        tx, ty, tz = wanted.centre
        dx, dy, dz = light
        self.sun_np.setPos(tx + dx * SUN_DISTANCE, ty + dy * SUN_DISTANCE, tz + dz * SUN_DISTANCE)
        self.sun_np.lookAt(tx, ty, tz)
        self._drawn = (light, wanted)
        self._shadow_due = self.rig.night < 0.5  # by night the map is not read (see set_time): light moves only

    def _soften(self, extent: float) -> None:
        """The shadow filter's radius and the lookup's normal offset for a map ``extent`` metres wide."""
        size = self.quality.shadow_size
        self.world.setShaderInput("shadow_filter_radius", shadow_focus.filter_texels(extent, size) / size)
        self.world.setShaderInput("shadow_normal_offset", shadow_focus.normal_offset(extent, size))

    def release(self) -> None:
        """Stop the shadow task: the task manager outlives this ShowBase (the next App in the process shares it)."""
        self.base.taskMgr.remove(self._task)
        if self._exposure_task is not None:
            self.base.taskMgr.remove(self._exposure_task)
        if self.precipitation is not None:
            self.precipitation.release()
        if self.still is not None:
            self.still.release()

    def _shadow_task(self, task):
        """Switch the sun's shadow buffer on for exactly the frames that need it (all, when not caching); refit the
        map first if the camera has moved since (a turn of the view without a step of the visitor)."""
        if self._focus is not None and not self.base.camera.getMat(self.world).almostEqual(self._fitted_view, 1e-4):
            self.focus_shadows(self._focus)
        buffer = self.sun_np.node().getShadowBuffer(self.base.win.getGsg())
        drawn = buffer is None  # made by the GSG on the first frame that samples the map: nothing to hold yet
        if buffer is not None and (self._shadow_due or not self.cache_shadows):
            buffer.setSort(SHADOW_SORT)  # before the still world's buffer, which samples the map
            buffer.setActive(True)
            buffer.setOneShot(self.cache_shadows)
            if buffer.isActive():  # not before the buffer has been opened
                self._shadow_due = False
                self.shadow_renders += 1
                drawn = True
        elif buffer is not None and buffer.isActive():  # made active by the GSG, or left on by drawing every frame
            buffer.setActive(False)
        if self.still is not None:
            self.still.update(shadow_drawn=drawn)
        return task.cont
