"""Rain or snow falling round the viewer: one batch of line segments that follows the camera, moved by its shader.

The segments' bases are fixed at start (a box round the camera); the vertex shader drops them with the time the
task adds up from frame times (no clock is read) and wraps them to the top of the box, so the whole fall costs one
draw call and no per-frame Python beyond a single shader input.
"""

from __future__ import annotations

import numpy as np
from panda3d.core import (
    Geom,
    GeomLines,
    GeomNode,
    GeomVertexData,
    GeomVertexFormat,
    GeomVertexWriter,
    NodePath,
    OmniBoundingVolume,
    TransparencyAttrib,
)

from game import tasks
from game.render.shaders import load_glsl

REACH = 24.0  # metres round the camera, horizontally, that the fall fills
HEIGHT = 18.0  # metres of the falling column, centred a little above the eye
#: kind → (segments, metres per second, streak length, sideways sway in metres, line width in pixels)
KINDS = {"rain": (1800, 9.0, 0.9, 0.0, 1.0), "snow": (2600, 1.2, 0.07, 0.6, 3.0)}


def _segments(count: int, seed: int = 11) -> Geom:
    """``count`` vertical segments at random bases; each segment's tail end has texcoord 1, its head 0."""
    rng = np.random.default_rng(seed)
    base = np.column_stack([rng.uniform(-REACH, REACH, count), rng.uniform(-REACH, REACH, count),
                            rng.uniform(0.0, HEIGHT, count)])
    vdata = GeomVertexData("fall", GeomVertexFormat.getV3t2(), Geom.UH_static)
    vdata.setNumRows(2 * count)
    pos, uv = GeomVertexWriter(vdata, "vertex"), GeomVertexWriter(vdata, "texcoord")
    for x, y, z in base:
        for tail in (0.0, 1.0):
            pos.addData3(x, y, z)
            uv.addData2(tail, 0.0)
    lines = GeomLines(Geom.UH_static)
    lines.addConsecutiveVertices(0, 2 * count)
    geom = Geom(vdata)
    geom.addPrimitive(lines)
    return geom


class Precipitation:
    """The falling rain or snow of ``kind`` ("rain" or "snow") round ``base``'s camera; ``release`` removes it.
    The owner keeps it out of the sun's shadow pass (``pipeline.cast_no_shadow``)."""

    def __init__(self, base, kind: str):
        count, speed, length, sway, width = KINDS[kind]
        self.base = base
        self.time = 0.0
        node = GeomNode(f"precipitation:{kind}")
        node.addGeom(_segments(count))
        node.setBounds(OmniBoundingVolume())
        node.setFinal(True)
        self.node = NodePath(node)
        self.node.reparentTo(base.camera)
        self.node.setCompass(base.render)  # falls straight down whichever way the visitor looks
        self.node.setShader(load_glsl("precipitation"), 100)
        self.node.setShaderInputs(fall_time=0.0, speed=speed, streak=length, sway=sway, height=HEIGHT,
                                  snow=1.0 if kind == "snow" else 0.0)
        self.node.setRenderModeThickness(width)
        self.node.setTransparency(TransparencyAttrib.M_alpha)
        self.node.setDepthWrite(False)
        self.node.setBin("transparent", 20)
        self.node.setLightOff(1)
        self._task = base.taskMgr.add(self._fall, "precipitation", sort=tasks.WORLD)

    def _fall(self, task):
        self.time += min(self.base.clock.getDt(), 0.1)
        self.node.setShaderInput("fall_time", self.time)
        return task.cont

    def release(self) -> None:
        self.base.taskMgr.remove(self._task)
        self.node.removeNode()
