"""The app: owns the one ShowBase and builds the subsystems, handing each what it needs.

Nothing else creates a ShowBase or reads Panda3D builtins; scenes, UI and the tour receive ``app.base``.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

from panda3d.core import Filename, NodePath, loadPrcFileData, unloadPrcFile

from game.config import AppConfig
from game.flow import Flow
from game.input.keymap import Keymap
from game.input.router import InputRouter
from game.landmarks import catalogue
from game.language import Language
from game.text import i18n


def _prc_for(config: AppConfig) -> str:
    # In a headset the eyes are drawn to the runtime's swapchains: an offscreen mirror needs no size, and the
    # desktop window must not wait for vsync (xrWaitFrame paces the loop; both would fight).
    w, h = (64, 64) if config.xr and config.offscreen else config.size
    lines = [
        f"win-size {w} {h}",
        "window-title Metaverse Seoul XR" if config.xr else "window-title Metaverse Seoul / 메타버스 서울",
        # simplepbr's filmic tone curve already outputs sRGB-encoded values; an sRGB framebuffer would
        # encode them twice and wash every colour out.
        "framebuffer-srgb false",
        "textures-power-2 none",
        "sync-video false" if config.offscreen or config.xr else "sync-video true",
        "notify-level-device fatal",  # no /dev/input on servers and kiosks: not worth a warning per start
        "default-directnotify-level warning",
        "show-frame-rate-meter false",
    ]
    if config.offscreen:
        lines += ["audio-library-name null"]
        if sys.platform.startswith("linux"):
            os.environ.setdefault("EGL_PLATFORM", "surfaceless")  # EGL with no display at all
    return "\n".join(lines)


def _display_module(config: AppConfig) -> str:
    """EGL without a display for offscreen runs on Linux (only Linux wheels ship it); the platform's GL otherwise."""
    return "p3headlessgl" if config.offscreen and sys.platform.startswith("linux") else "pandagl"


def user_config_dir() -> Path:
    import platformdirs

    return Path(platformdirs.user_config_dir("metaverse-seoul"))


def display_available() -> bool:
    """Whether a desktop window can open: on Linux that needs an X11 or Wayland display."""
    if sys.platform.startswith("linux"):
        return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    return True


class App:
    def __init__(self, config: AppConfig):
        self.config = config
        self._prc = loadPrcFileData("metaverse-seoul", _prc_for(config))
        from direct.showbase.ShowBase import ShowBase

        # The display module is named for each App, not left to Panda3D's per-process default (fixed by whichever
        # ShowBase came first): a windowed app after an offscreen one in the same process still gets a window.
        self.base = ShowBase(windowType="none")
        self.base.pipe = self.base.makeModulePipe(_display_module(config))
        if not self.base.openDefaultWindow(type="offscreen" if config.offscreen else "onscreen", startDirect=False):
            raise RuntimeError("could not open a window or an offscreen buffer")
        self.base.disableMouse()
        self.flow = Flow()
        #: The one input path: the window's button thrower → named actions → the modal stack (game/input).
        self.input = InputRouter(self.base, Keymap.load())
        self.keys = self.input.stack
        #: The one interface language, applied live to every view that subscribes, kept between runs.
        self.language = Language.start(config.language if config.language_chosen else None, config.language,
                                       None if config.kiosk else config.config_dir or user_config_dir())
        # Watchdog heartbeat (kiosk): a late task beats when MSEOUL_HEARTBEAT names a file; see game/heartbeat.py
        from game.heartbeat import install_from_env

        self.heartbeat = install_from_env(self.base, lambda: self.flow.state)
        self.world: NodePath = self.base.render.attachNewNode("world")
        self.landmarks = catalogue.load()
        self.font = self._load_font()
        self.scene = None
        self.pipeline = None
        self.materials = None
        self.timings: dict[str, float] = {}

    def _load_font(self):
        from ui.fonts import load_font

        font = load_font(self.base.loader)
        if font is None:
            print(i18n.text("app.no_font", self.config.language), file=sys.stderr)
        return font

    def step(self, frames: int = 1) -> None:
        for _ in range(frames):
            self.base.taskMgr.step()

    def frame_times(self, frames: int) -> list[float]:
        """Render ``frames`` frames of the current view; wall-clock milliseconds of each (benchmarks, tour)."""
        times = []
        for _ in range(frames):
            t = time.perf_counter()
            self.base.taskMgr.step()
            times.append((time.perf_counter() - t) * 1000)
        return times

    def load_world(self) -> None:
        """Bake or load materials, then build the district, showing progress in the window and terminal."""
        from ui.loading import LoadingView

        t0 = time.perf_counter()
        self.flow.go("loading")
        loading = LoadingView(self.base.aspect2d, self.font, self.language.value)
        # The panel covers the window: the 3D pass would only draw the half-built world behind it, at full cost.
        # (The sun's shadow buffer is made by the first frame that samples it, so it waits for the world too.)
        self.base.camNode.setActive(False)
        try:
            self._load_world(loading, t0)
        finally:
            self.base.camNode.setActive(True)
            loading.destroy()
        self.timings["world_s"] = time.perf_counter() - t0

    def _load_world(self, loading, t0: float) -> None:
        from game.render.materials import MaterialLibrary
        from game.render.pipeline import RenderPipeline
        from game.scenes.district import DistrictScene

        self.pipeline = RenderPipeline(self.base, self.world, self.config.quality, self.config.when,
                                       weather=self.config.weather)
        self.materials = MaterialLibrary(self.config.cache_dir and self.config.cache_dir / "materials",
                                         self.pipeline.quality.anisotropy)

        def baking(done: int, total: int, name: str) -> None:
            loading.show("app.baking", done, total, name)
            self.step()

        self.materials.load_all(baking)
        self.timings["materials_s"] = time.perf_counter() - t0
        self.scene = DistrictScene(self.base, self.world, self.materials, self.landmarks, self.config,
                                   when=self.pipeline.when)

        def building(done: int, total: int, name: str) -> None:
            landmark = self.landmarks.get(name)  # the parts that are not landmarks (streets, blocks) go unnamed
            loading.show("app.building", done, total, landmark.name(self.language.value) if landmark else "")
            self.step()

        self.scene.load(building)
        self.pipeline.watch_night(self.scene.follow_night)
        if self.pipeline.still is not None:
            self.pipeline.still.hold(*self.scene.static_parts())
            self.pipeline.still.keep_live(*self.scene.water)

    def look(self, camera: tuple[float, float, float], target: tuple[float, float, float]) -> None:
        cam = self.base.camera
        cam.setPos(*camera)
        cam.lookAt(*target)
        self.pipeline.focus_shadows(target)

    def screenshot(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        if not self.base.win.saveScreenshot(Filename.fromOsSpecific(str(path))):
            raise OSError(f"could not write screenshot {path}")

    def shutdown(self) -> None:
        self.input.release()
        if self.scene is not None:
            self.scene.release()
        if self.pipeline is not None:
            self.pipeline.release()
        self.base.destroy()
        unloadPrcFile(self._prc)  # the next App in this process (tests, the kiosk's restart) starts from its own
