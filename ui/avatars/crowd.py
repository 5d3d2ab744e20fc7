"""Remote visitors who are simply standing or walking, drawn in four instanced calls: per outfit, near and far.

Two hundred visitors as node trees cost a software renderer a draw call each (with the PBR pipeline's state
changes), about 50 ms a frame at 640×360; instanced, the whole crowd is four draws whatever its size. An
:class:`~ui.avatars.node.AvatarNode` handed a :class:`Crowd` puts its body here while it is plain (not in VR,
not fading); its name tag, chat bubble and raised hand stay its own nodes. :meth:`Crowd.flush`, once a frame
after the avatars were updated, writes the instance buffers and picks each visitor's detail level by distance
(:data:`~ui.avatars.distant.FAR`), as the ``LODNode`` of a single avatar does.
"""

from __future__ import annotations

import math

import numpy as np
from panda3d.core import GeomEnums, NodePath, OmniBoundingVolume, Texture

from game.render.geom import meshes_to_node
from game.render.pipeline import cast_no_shadow
from game.render.shaders import load_glsl
from game.social.avatar_mesh import OUTFITS, Look
from ui.avatars.distant import FAR
from ui.avatars.slots import look_colours, slotted

TEXELS = 5  # place and heading, then the four slot colours
START = 64  # instances per layer at first; doubled when a crowd outgrows it


class _Layer:
    """One mesh drawn ``count`` times, its instances in a float buffer texture."""

    def __init__(self, parent: NodePath, name: str, outfit: str, far: bool) -> None:
        self.node = parent.attachNewNode(meshes_to_node(name, slotted(outfit, far)))
        self.node.node().setBounds(OmniBoundingVolume())  # instances are placed by the shader, not the node
        self.node.node().setFinal(True)
        self.node.hide()  # until the first flush gives it instances
        self.tex = Texture(f"{name}-instances")
        self.node.setShaderInput("instances", self.tex)
        self.capacity = 0
        self._grow(START)

    def _grow(self, capacity: int) -> None:
        self.capacity = capacity
        self.tex.setupBufferTexture(capacity * TEXELS, Texture.T_float, Texture.F_rgba32, GeomEnums.UH_dynamic)

    def write(self, data: np.ndarray) -> None:
        """``data``: (n, TEXELS, 4) float32, the instances to draw this frame."""
        n = len(data)
        if n > self.capacity:
            self._grow(max(n, 2 * self.capacity))
        if not n:
            self.node.hide()
            return
        buf = np.zeros((self.capacity, TEXELS, 4), np.float32)
        buf[:n] = data
        memoryview(self.tex.modifyRamImage()).cast("B")[:] = buf.tobytes()
        self.node.setInstanceCount(n)
        self.node.show()


class Crowd:
    """Create under the world node; avatars :meth:`place` and :meth:`remove` themselves; :meth:`flush` per frame."""

    def __init__(self, parent: NodePath) -> None:
        self.root = parent.attachNewNode("avatar-crowd")
        cast_no_shadow(self.root)  # as single avatars: a walking visitor must not leave a cached shadow behind
        self.root.setShader(load_glsl("avatars"), 10)
        self.layers = {(outfit, far): _Layer(self.root, f"crowd-{outfit}-{'far' if far else 'near'}", outfit, far)
                       for outfit in OUTFITS for far in (False, True)}
        self._colours: dict[str, np.ndarray] = {}
        self._members: dict[int, tuple[str, np.ndarray]] = {}  # id(member) -> (outfit, (TEXELS, 4) row)

    def place(self, member: object, wire: str, x: float, y: float, z: float, heading: float) -> None:
        """Draw ``member`` (its look's ``wire``) at ``x, y, z`` facing ``heading`` degrees, from the next flush."""
        row = self._members.get(id(member))
        if row is None:
            colours = self._colours.get(wire)
            if colours is None:
                colours = self._colours[wire] = look_colours(Look.parse(wire))
            data = np.zeros((TEXELS, 4), np.float32)
            data[1:, :3] = colours
            row = self._members[id(member)] = (Look.parse(wire).outfit, data)
        row[1][0] = (x, y, z, math.radians(heading))

    def remove(self, member: object) -> None:
        self._members.pop(id(member), None)

    def __len__(self) -> int:
        return len(self._members)

    def flush(self, eye: tuple[float, float]) -> None:
        """Write every layer's instances for this frame: near or far by the distance from ``eye``."""
        groups: dict[tuple[str, bool], list[np.ndarray]] = {key: [] for key in self.layers}
        for outfit, data in self._members.values():
            far = math.hypot(data[0, 0] - eye[0], data[0, 1] - eye[1]) > FAR
            groups[(outfit, far)].append(data)
        for key, rows in groups.items():
            self.layers[key].write(np.stack(rows) if rows else np.zeros((0, TEXELS, 4), np.float32))

    def destroy(self) -> None:
        self._members.clear()
        self.root.removeNode()
