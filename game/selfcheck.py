"""``main.py --self-check``: is this installation whole? One line per check, exit 0 when none failed, else 1.

Operators run it on a new kiosk, and the build tests run it inside each built app, because what breaks a
packaged app — a module left out, a shader file not found, no GL pipe, a speech worker that cannot be spawned, a
native library missing under the hub's sockets — shows at the first import or draw, not in a unit test. Each
check does the real thing at the smallest size: import every app module (from the ``.py`` files beside the
app, which a build ships too), compile every shader on an offscreen buffer, synthesise one word, start the
embedded hub and make one call through it. A check that cannot apply to this installation (speech where the
build leaves the engine out) says so and is skipped, not failed.
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TextIO

from game.config import AppConfig
from game.text import i18n

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("game", "ui", "net")
TOOLS = "tools"  # each package's development and ops tools (``game/tools``): not part of an installation
# What a build may leave out (packaging/README.md): speech, XR with its per-platform OpenXR loader, and the city
# deployment's PostgreSQL driver and broker client (the ``city`` extra). A module that needs one of these is skipped,
# not failed.
OPTIONAL = ("openxr", "pyttsx3", "game.xr", "psycopg", "psycopg_pool", "redis", "pypdfium2")
SPEECH_WORD = "서울"


@dataclass(frozen=True)
class Result:
    status: str  # "ok", "fail" or "skip"
    detail: str


def app_modules(root: Path = ROOT) -> list[str]:
    """Every module of the app's packages, found from its ``.py`` files (``__main__`` modules would run); the
    ``tools`` subpackages (benchmarks, soak run, bake) are development tools that builds leave out, so not these."""
    names = []
    for package in PACKAGES:
        for path in sorted((root / package).rglob("*.py")):
            parts = list(path.relative_to(root).with_suffix("").parts)
            if parts[-1] == "__main__" or parts[1] == TOOLS:
                continue
            if parts[-1] == "__init__":
                parts.pop()
            names.append(".".join(parts))
    return names


def check_imports(_config: AppConfig, lang: str) -> Result:
    failed, skipped = [], []
    names = app_modules()
    for name in names:
        try:
            importlib.import_module(name)
        except ModuleNotFoundError as exc:
            missing = exc.name or ""
            # left out of builds, or a standard module this OS lacks (``resource`` on Windows)
            if missing in sys.stdlib_module_names or any(missing == o or missing.startswith(o + ".") for o in OPTIONAL):
                skipped.append(name)
            else:
                failed.append(f"{name} ({exc})")
        except Exception as exc:  # noqa: BLE001 — any import error is the finding
            failed.append(f"{name} ({type(exc).__name__}: {exc})")
    if failed:
        return Result("fail", "; ".join(failed))
    return Result("ok", i18n.text("selfcheck.imports_ok", lang, count=len(names) - len(skipped),
                                  skipped=len(skipped)))


def check_graphics(config: AppConfig, lang: str) -> Result:
    """Open the offscreen buffer the tour uses, build the render pipeline and compile every shader on it."""
    from panda3d.core import CardMaker

    from game.app import App
    from game.render.pipeline import RenderPipeline

    app = App(replace(config, offscreen=True, size=(64, 64), quality="low"))
    try:
        gsg = app.base.win.getGsg()
        pipeline = RenderPipeline(app.base, app.world, "low", config.when)
        card = app.world.attachNewNode(CardMaker("self-check").generate())  # something for the PBR shader to draw
        card.setPos(-0.5, 4, -0.5)
        app.step(2)
        nodes = (pipeline.sky, pipeline.pbr.render_node, getattr(pipeline.pbr, "_post_process_quad", None))
        shaders = [n.getShader() for n in nodes if n is not None and n.getShader() is not None]
        prepared = gsg.getPreparedObjects()  # drawn, hence compiled, in the frames just rendered
        broken = [s.getFilename(s.ST_fragment).getBasename() or s.getFilename(s.ST_none).getBasename()
                  for s in shaders if s.getErrorFlag() or not prepared.isShaderPrepared(s)]
        if broken:
            return Result("fail", i18n.text("selfcheck.shaders_failed", lang, names=", ".join(broken)))
        return Result("ok", i18n.text("selfcheck.graphics_ok", lang, count=len(shaders), pipe=app.base.pipe.getType(),
                                      renderer=gsg.getDriverRenderer(), version=gsg.getDriverVersion()))
    finally:
        app.shutdown()


def check_speech(_config: AppConfig, lang: str) -> Result:
    if importlib.util.find_spec("pyttsx3") is None:
        return Result("skip", i18n.text("selfcheck.speech_absent", lang))
    from game.speech.service import SpeechService

    with tempfile.TemporaryDirectory(prefix="mseoul-selfcheck-") as tmp, SpeechService(Path(tmp)) as speech:
        start = time.perf_counter()
        path = speech.say_and_wait(SPEECH_WORD, "ko", timeout=20.0)
        if path is None:
            return Result("fail", speech.last_error or i18n.text("selfcheck.speech_silent", lang))
        return Result("ok", i18n.text("selfcheck.speech_ok", lang, word=SPEECH_WORD, bytes=path.stat().st_size,
                                      ms=round((time.perf_counter() - start) * 1000)))


def check_hub(_config: AppConfig, lang: str) -> Result:
    from net.client.blocking import call
    from net.embedded import EmbeddedHub

    with tempfile.TemporaryDirectory(prefix="mseoul-selfcheck-") as tmp:
        hub = EmbeddedHub(Path(tmp) / "city")
        start = time.perf_counter()
        endpoints = hub.start()
        link = hub.link()
        try:
            reply = call(link, "opinion.list", timeout=10.0)
        finally:
            link.close()
            hub.stop()
        if not reply.ok:
            return Result("fail", f"opinion.list: {reply.error}")
        return Result("ok", i18n.text("selfcheck.hub_ok", lang, services=endpoints["services"],
                                      ms=round((time.perf_counter() - start) * 1000)))


CHECKS: tuple[tuple[str, Callable[[AppConfig, str], Result]], ...] = (
    ("imports", check_imports), ("graphics", check_graphics), ("speech", check_speech), ("hub", check_hub))


def run_self_check(config: AppConfig, out: TextIO | None = None) -> int:
    """Run every check, printing one line each; 0 when none failed, 1 otherwise."""
    out = out or sys.stdout
    lang = config.language
    failed = False
    for name, check in CHECKS:
        try:
            result = check(config, lang)
        except Exception as exc:  # noqa: BLE001 — a check that raises has failed; the next still runs
            result = Result("fail", f"{type(exc).__name__}: {exc}")
        failed |= result.status == "fail"
        label = i18n.text(f"selfcheck.{result.status}", lang)
        print(f"[{label}] {i18n.text(f'selfcheck.{name}', lang)}: {result.detail}", file=out, flush=True)
    return 1 if failed else 0
