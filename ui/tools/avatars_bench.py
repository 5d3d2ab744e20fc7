"""``python -m ui.avatars.bench``: the client's frame cost of remote avatars, offscreen, in the app's PBR pipeline.

Renders a plain plaza with the app's :class:`~game.render.pipeline.RenderPipeline` (quality ``low``), first
empty, then with ``--avatars`` visitors in mixed looks walking (their states applied every frame and their name
tags limited as the presence task does: within ``NAME_DISTANCE``, the nearest ``tags.CAP``), and prints one JSON
line: ms per frame both ways, the cull share, draw calls and triangles. ``--png`` writes a screenshot of the crowd.
One ShowBase per process. :func:`make_crowd` and :func:`walk_crowd` are shared with ``game.tools.bench``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import os
import random
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

from panda3d.core import Filename, NodePath, loadPrcFileData

from net.presence.codec import AvatarState, Pose

Member = tuple[object, float, float, float]  # (AvatarNode, x, y, heading)


def make_crowd(parent: NodePath, count: int, font, origin: tuple[float, float] = (0.0, 0.0),
               seed: int = 7, pictures_from: float | None = None) -> list[Member]:
    """``count`` visitors in mixed looks, ten to a row 2 m apart, starting at ``origin`` and going north; their
    bodies share one instanced :class:`~ui.avatars.crowd.Crowd`, as in the presence task (``pictures_from``: its
    picture switch distance instead of the app's)."""
    from game.social.avatar_mesh import OUTFITS, PALETTE, SKINS, Look
    from ui.avatars.crowd import Crowd
    from ui.avatars.distant import FAR
    from ui.avatars.impostor import IMPOSTOR
    from ui.avatars.node import AvatarNode

    rng = random.Random(seed)
    bodies = Crowd(parent, (FAR, IMPOSTOR if pictures_from is None else pictures_from))
    crowd = []
    for i in range(count):
        look = Look(OUTFITS[i % 2], rng.randrange(len(PALETTE)), rng.randrange(len(PALETTE)), rng.randrange(len(SKINS)))
        node = AvatarNode(parent, look.wire(), f"방문자 {i + 1}" if i % 3 else f"Visitor {i + 1}", font, bodies)
        row, col = divmod(i, 10)
        crowd.append((node, origin[0] - 9 + 2.0 * col + rng.uniform(-0.4, 0.4),
                      origin[1] + 2.0 * row + rng.uniform(-0.4, 0.4), rng.uniform(0, 360)))
    return crowd


def walk_crowd(crowd: list[Member], i: int, eye: tuple[float, float], labels: bool = True) -> None:
    """Frame ``i`` of the crowd's walk; one in ten is a VR visitor moving head and hands. Tags as in presence."""
    from game.social.rules import NAME_DISTANCE
    from ui.avatars.tags import cap_name_tags

    for k, (node, x, y, heading) in enumerate(crowd):
        vr = k % 10 == 3
        step = 0.05 * math.sin(i * 0.2 + k)
        node.apply(AvatarState(x + step, y, 0.0, heading, 0,
                               Pose(0, 0.02, 1.55, 20 * math.sin(i * 0.1), -10, 0) if vr else None,
                               Pose(-0.3, 0.3, 1.2) if vr else None, Pose(0.35, 0.25, 1.5, 0, 40) if vr else None))
        node.set_label(node.tag_text.getText(), labels and math.dist((x, y), eye) <= NAME_DISTANCE)
    cap_name_tags((member[0] for member in crowd), eye)
    if crowd:
        crowd[0][0].crowd.flush(eye)  # one Crowd for all (make_crowd)


def frames(base, count: int, update: Callable[[int], None], cpu: list[float] | None = None) -> list[float]:
    """Wall milliseconds of ``count`` frames, each after ``update(frame)``; with ``cpu``, the process's CPU
    milliseconds of each (all threads, llvmpipe's included) are appended there: steadier on shared cores."""
    times = []
    for i in range(count):
        update(i)
        t0, c0 = time.perf_counter(), time.process_time()
        base.taskMgr.step()
        base.graphicsEngine.renderFrame()
        base.graphicsEngine.syncFrame()
        times.append((time.perf_counter() - t0) * 1000)
        if cpu is not None:
            cpu.append((time.process_time() - c0) * 1000)
    return times


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m ui.avatars.bench")
    parser.add_argument("--avatars", type=int, default=50)
    parser.add_argument("--frames", type=int, default=40)
    parser.add_argument("--size", default="640x360")
    parser.add_argument("--png", type=Path, help="write a screenshot of the crowd here")
    parser.add_argument("--pictures-from", type=float, help="metres beyond which visitors are drawn as pictures "
                        "(default: the app's; a large value compares with no pictures)")
    args = parser.parse_args(argv)
    os.environ.setdefault("EGL_PLATFORM", "surfaceless")
    w, h = (int(v) for v in args.size.split("x"))
    loadPrcFileData("avatar-bench", f"window-type offscreen\nload-display p3headlessgl\nwin-size {w} {h}\n"
                    "audio-library-name null\nsync-video false\nframebuffer-srgb false\n"
                    "notify-level-display error\ndefault-directnotify-level error")
    from direct.showbase.ShowBase import ShowBase

    from game.architecture.mesh import box, srgb_to_linear
    from game.render.geom import meshes_to_node
    from game.render.pipeline import RenderPipeline
    from game.render.stats import cull_only, view_stats
    from ui.fonts import load_font

    base = ShowBase(windowType="offscreen")
    world = base.render.attachNewNode("world")
    pipeline = RenderPipeline(base, world, "low", dt.datetime(2026, 5, 15, 10, 0, tzinfo=dt.timezone(
        dt.timedelta(hours=9))))
    world.attachNewNode(meshes_to_node("plaza", box((200, 200, 0.1), (0, 0, -0.1), (*srgb_to_linear("#9a9288"),
                                                                                        1.0))))
    eye = (0.0, -6.0)  # the front rows within the name-tag distance, the back ones beyond the far-LOD distance
    base.camera.setPos(*eye, 3.2)
    base.camera.lookAt(0, 14, 1.0)
    pipeline.focus_shadows((0, 14, 0))
    crowd_root = world.attachNewNode("crowd")
    crowd = make_crowd(crowd_root, args.avatars, load_font(base.loader), pictures_from=args.pictures_from)
    if crowd:
        crowd[0][0].set_bubble("안녕하세요! 광화문에서 만나요")

    labels = [True]

    def walk(i: int) -> None:
        walk_crowd(crowd, i, eye, labels[0])

    frames(base, 5, walk)
    drawn = view_stats(crowd_root, base.cam, None, post_passes=0)  # bodies at the level cull picks (tags aside)
    if args.png:
        args.png.parent.mkdir(parents=True, exist_ok=True)
        base.win.saveScreenshot(Filename.fromOsSpecific(str(args.png)))
    # Conditions interleaved in rounds, so a neighbour's load on the shared cores hits all of them alike.
    times: dict[str, list[float]] = {"empty": [], "crowd": [], "no_tags": [], "cull_empty": [], "cull_crowd": []}
    cpu: dict[str, list[float]] = {"empty": [], "crowd": []}
    per_round = max(1, args.frames // 4)
    for _ in range(4):
        for condition in times:
            (crowd_root.hide if condition.endswith("empty") else crowd_root.show)()
            labels[0] = condition != "no_tags"
            if condition.startswith("cull"):
                with cull_only(base):
                    times[condition] += frames(base, per_round, walk)
            else:
                times[condition] += frames(base, per_round, walk, cpu.get(condition))
    empty_ms, full_ms, bare_ms, cull_empty, cull_full = (statistics.median(t) for t in times.values())
    print(json.dumps({
        "avatars": args.avatars, "vr_avatars": args.avatars // 10, "size": args.size, "frames": args.frames,
        "empty_ms": round(empty_ms, 2), "with_avatars_ms": round(full_ms, 2),
        "avatar_cost_ms": round(full_ms - empty_ms, 2),
        "empty_cpu_ms": round(statistics.median(cpu["empty"]), 2),
        "with_avatars_cpu_ms": round(statistics.median(cpu["crowd"]), 2),
        "name_tags_cost_ms": round(full_ms - bare_ms, 2),
        "cull_ms": round(cull_full, 2), "avatar_cull_ms": round(cull_full - cull_empty, 2),
        "pictures": sum(layer.count for (_, level), layer in crowd[0][0].crowd.layers.items() if level == 2)
        if crowd else 0,
        "geoms": drawn.draw_calls, "triangles": drawn.triangles,
        "renderer": base.win.getGsg().getDriverRenderer(),
    }))
    base.destroy()
    return 0


if __name__ == "__main__":
    sys.exit(main())
