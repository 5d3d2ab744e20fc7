"""Remote visitors who are simply standing or walking, drawn in six instanced calls: per outfit, near, far and
as pictures.

Two hundred visitors as node trees cost a software renderer a draw call each (with the PBR pipeline's state
changes), about 50 ms a frame at 640×360; instanced, the whole crowd is six draws whatever its size. An
:class:`~ui.avatars.node.AvatarNode` handed a :class:`Crowd` puts its body here while it is plain (not in VR,
not fading); its name tag, chat bubble and raised hand stay its own nodes. :meth:`Crowd.flush`, once a frame
after the avatars were updated, writes the instance buffers and picks each visitor's stage by distance with
hysteresis (:func:`~ui.avatars.impostor.stage`): the full mesh, the coarse one beyond
:data:`~ui.avatars.distant.FAR`, and beyond :data:`~ui.avatars.impostor.IMPOSTOR` a camera-facing quad from the
outfit's atlas (rasterized once, at the first crowd).
"""

from __future__ import annotations

import math

import numpy as np
from panda3d.core import GeomEnums, NodePath, OmniBoundingVolume, SamplerState, Texture

from game.architecture.mesh import Mesh
from game.render.geom import meshes_to_node
from game.render.pipeline import cast_no_shadow
from game.render.shaders import load_glsl
from game.social.avatar_mesh import OUTFITS, Look
from ui.avatars import impostor
from ui.avatars.slots import look_colours, slotted

TEXELS = 5  # place and heading, then the four slot colours
START = 64  # instances per layer at first; doubled when a crowd outgrows it
STAGES = ("near", "far", "picture")
#: The picture's quad: x across in [-0.5, 0.5], z up in [0, 1]; the shader turns it and sizes it to the frame.
QUAD = Mesh(np.array([(-0.5, 0, 0), (0.5, 0, 0), (0.5, 0, 1), (-0.5, 0, 1)], np.float32),
            np.tile(np.array([(0, -1, 0)], np.float32), (4, 1)), np.zeros((4, 2), np.float32),
            np.ones((4, 4), np.float32), np.array([(0, 1, 2), (0, 2, 3)], np.uint32))


def _atlas_texture(name: str, image: np.ndarray) -> Texture:
    """An atlas image as a texture read texel for texel: a slot blended with its neighbour's would be no slot."""
    tall, wide, _ = image.shape
    tex = Texture(name)
    tex.setup2dTexture(wide, tall, Texture.T_unsigned_byte, Texture.F_rgba8)
    tex.setRamImageAs(np.ascontiguousarray(image).tobytes(), "RGBA")
    tex.setMinfilter(SamplerState.FT_nearest)
    tex.setMagfilter(SamplerState.FT_nearest)
    tex.setWrapU(SamplerState.WM_clamp)
    tex.setWrapV(SamplerState.WM_clamp)
    return tex


class _Layer:
    """One mesh drawn ``count`` times, its instances in a float buffer texture."""

    def __init__(self, parent: NodePath, name: str, mesh: Mesh) -> None:
        self.node = parent.attachNewNode(meshes_to_node(name, mesh))
        self.node.node().setBounds(OmniBoundingVolume())  # instances are placed by the shader, not the node
        self.node.node().setFinal(True)
        self.node.hide()  # until the first flush gives it instances
        self.tex = Texture(f"{name}-instances")
        self.node.setShaderInput("instances", self.tex)
        self.capacity = 0
        self.count = 0  # instances drawn from the last write
        self._grow(START)

    def _grow(self, capacity: int) -> None:
        self.capacity = capacity
        self.tex.setupBufferTexture(capacity * TEXELS, Texture.T_float, Texture.F_rgba32, GeomEnums.UH_dynamic)

    def write(self, data: np.ndarray) -> None:
        """``data``: (n, TEXELS, 4) float32, the instances to draw this frame."""
        n = self.count = len(data)
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
    """Create under the world node; avatars :meth:`place` and :meth:`remove` themselves; :meth:`flush` per frame.

    ``switches``: the distances of the two stage switches (near → far → picture); a render test pins a stage with
    them."""

    def __init__(self, parent: NodePath, switches: tuple[float, float] = impostor.SWITCHES) -> None:
        self.root = parent.attachNewNode("avatar-crowd")
        cast_no_shadow(self.root)  # as single avatars: a walking visitor must not leave a cached shadow behind
        self.root.setShader(load_glsl("avatars"), 10)
        self.switches = switches
        self.layers: dict[tuple[str, int], _Layer] = {}
        pictures = load_glsl("impostor")
        for outfit in OUTFITS:
            for level in (0, 1):
                self.layers[(outfit, level)] = _Layer(self.root, f"crowd-{outfit}-{STAGES[level]}",
                                                      slotted(outfit, level == 1))
            layer = self.layers[(outfit, 2)] = _Layer(self.root, f"crowd-{outfit}-picture", QUAD)
            atlas = impostor.outfit_atlas(outfit)
            layer.node.setShader(pictures, 20)
            layer.node.setShaderInput("albedo", _atlas_texture(f"{outfit}-atlas", atlas.albedo))
            layer.node.setShaderInput("normal_slot", _atlas_texture(f"{outfit}-atlas-normals", atlas.normal_slot))
            layer.node.setShaderInput("frame", (impostor.FRAME_WIDTH, impostor.FRAME_HEIGHT, impostor.VIEWS, 0.0))
        self._colours: dict[str, np.ndarray] = {}
        self._members: dict[int, tuple[str, np.ndarray]] = {}  # id(member) -> (outfit, (TEXELS, 4) row)
        self._stages: dict[int, int] = {}  # id(member) -> the stage it was drawn at last

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
        self._stages.pop(id(member), None)

    def __len__(self) -> int:
        return len(self._members)

    def flush(self, eye: tuple[float, float]) -> None:
        """Write every layer's instances for this frame, each visitor at its stage by the distance from ``eye``."""
        groups: dict[tuple[str, int], list[np.ndarray]] = {key: [] for key in self.layers}
        for key, (outfit, data) in self._members.items():
            level = self._stages[key] = impostor.stage(
                self._stages.get(key), math.hypot(data[0, 0] - eye[0], data[0, 1] - eye[1]), self.switches)
            groups[(outfit, level)].append(data)
        for key, rows in groups.items():
            self.layers[key].write(np.stack(rows) if rows else np.zeros((0, TEXELS, 4), np.float32))

    def destroy(self) -> None:
        self._members.clear()
        self._stages.clear()
        self.root.removeNode()
