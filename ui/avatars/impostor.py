"""Far visitors as pictures: an outfit drawn once from a few sides into a small atlas, and which stage a visitor
at a distance is drawn at. Pure (numpy only).

Beyond :data:`IMPOSTOR` metres an avatar is a few dozen pixels tall and its coarse mesh (~120 triangles) still
costs a software rasterizer a vertex shader run per corner and a setup per sliver; a camera-facing quad costs two
triangles. The atlas is rasterized here in numpy at start (no window needed): per outfit, :data:`VIEWS` frames
seen horizontally around the figure. A texel keeps what the crowd shader needs to draw it like the mesh: its
colour slot (so each visitor keeps their chosen colours), the fixed colour of slot 0 (hair, shoes) and the
surface normal in the avatar's own frame (so the sun lights it as it lights the mesh).

Frame ``k`` is the figure seen from the direction at ``2πk / VIEWS`` (counter-clockwise from the avatar's +X,
in its own frame; it faces +Y): the shader (``shaders/impostor.vert``) picks the frame nearest to where the
camera stands relative to the visitor's heading.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from game.architecture.mesh import Mesh
from ui.avatars.distant import FAR
from ui.avatars.slots import slotted

#: Metres from the camera beyond which a visitor is drawn as a picture. At the default 40° lens a 640-pixel-wide
#: view shows ~29 pixels per metre here, about the atlas's :data:`TEXELS_PER_METRE`: no texel is magnified at
#: the switch in the size the app is tested at.
IMPOSTOR = 30.0
#: A visitor changes stage only once past a switch by this many metres, so one walking (or swaying in the
#: network's interpolation) along a switch distance does not flicker between stages; 1 m is 3 % of the view
#: distance at the impostor switch, a change in size nobody sees.
BAND = 1.0
#: Switch distances, nearest first: full mesh, coarse mesh (``distant``), picture.
SWITCHES = (FAR, IMPOSTOR)
VIEWS = 8
FRAME_WIDTH = 1.0  # metres the frame spans across, centred on the avatar's axis
FRAME_HEIGHT = 2.0  # metres up from the ground
TEXELS_PER_METRE = 32
FRAME_TEXELS = (int(FRAME_WIDTH * TEXELS_PER_METRE), int(FRAME_HEIGHT * TEXELS_PER_METRE))  # (wide, tall)


def stage(previous: int | None, distance: float, switches: tuple[float, ...] = SWITCHES) -> int:
    """Detail stage (0 nearest) for a visitor ``distance`` metres away who was drawn at ``previous`` last frame
    (None: new): a stage changes only once the distance is past its switch by :data:`BAND`."""
    if previous is None:
        return sum(distance > s for s in switches)
    current = previous
    while current < len(switches) and distance > switches[current] + BAND:
        current += 1
    while current > 0 and distance < switches[current - 1] - BAND:
        current -= 1
    return current


def view_frame(heading_deg: float, to_camera: tuple[float, float]) -> int:
    """The atlas frame for a visitor facing ``heading_deg`` (Panda3D's H) seen by a camera that lies in the world
    direction ``to_camera`` from it: what the shader computes, for tests."""
    h = math.radians(heading_deg)
    c, s = math.cos(h), math.sin(h)
    x, y = to_camera
    local = (c * x + s * y, -s * x + c * y)  # the heading's rotation undone
    return round(math.atan2(local[1], local[0]) / (2 * math.pi / VIEWS)) % VIEWS


@dataclass(frozen=True)
class Atlas:
    """``VIEWS`` frames side by side, rows bottom-up (as a texture's first row is its bottom)."""

    albedo: np.ndarray  # (tall, wide * VIEWS, 4) uint8: slot 0's linear colour and coverage in alpha
    normal_slot: np.ndarray  # (tall, wide * VIEWS, 4) uint8: normal * 0.5 + 0.5 in the avatar's frame, slot / 4

    @property
    def coverage(self) -> np.ndarray:
        return self.albedo[..., 3] > 127


def _frame(mesh: Mesh, angle: float) -> tuple[np.ndarray, np.ndarray]:
    """The mesh seen orthographically from ``angle`` (see the module): (tall, wide, 4) albedo and normal/slot."""
    wide, tall = FRAME_TEXELS
    toward = np.array([math.cos(angle), math.sin(angle), 0.0])
    right = np.array([-toward[1], toward[0], 0.0])  # as the shader spans its quad
    p = mesh.positions.astype(np.float64)
    sx = (p @ right / FRAME_WIDTH + 0.5) * wide  # texel units, texel centres at .5
    sy = p[:, 2] / FRAME_HEIGHT * tall
    depth = p @ toward  # larger is nearer the viewer
    zbuf = np.full((tall, wide), -np.inf)
    albedo = np.zeros((tall, wide, 4), np.float64)
    normal_slot = np.zeros((tall, wide, 4), np.float64)
    for tri in mesh.indices:
        xs, ys = sx[tri], sy[tri]
        x0, x1 = max(int(math.floor(xs.min())), 0), min(int(math.ceil(xs.max())), wide)
        y0, y1 = max(int(math.floor(ys.min())), 0), min(int(math.ceil(ys.max())), tall)
        if x0 >= x1 or y0 >= y1:
            continue
        area = (xs[1] - xs[0]) * (ys[2] - ys[0]) - (xs[2] - xs[0]) * (ys[1] - ys[0])
        if abs(area) < 1e-12:
            continue
        gx, gy = np.meshgrid(np.arange(x0, x1) + 0.5, np.arange(y0, y1) + 0.5)
        w0 = ((xs[1] - gx) * (ys[2] - gy) - (xs[2] - gx) * (ys[1] - gy)) / area
        w1 = ((xs[2] - gx) * (ys[0] - gy) - (xs[0] - gx) * (ys[2] - gy)) / area
        w2 = 1.0 - w0 - w1
        inside = (w0 >= 0) & (w1 >= 0) & (w2 >= 0)  # either winding: the back of a sliver may show at an edge
        z = w0 * depth[tri[0]] + w1 * depth[tri[1]] + w2 * depth[tri[2]]
        region = zbuf[y0:y1, x0:x1]
        hit = inside & (z > region)
        if not hit.any():
            continue
        region[hit] = z[hit]
        n = (w0[..., None] * mesh.normals[tri[0]] + w1[..., None] * mesh.normals[tri[1]]
             + w2[..., None] * mesh.normals[tri[2]])
        n /= np.maximum(np.linalg.norm(n, axis=-1, keepdims=True), 1e-9)
        albedo[y0:y1, x0:x1][hit] = (*mesh.colors[tri[0], :3], 1.0)
        normal_slot[y0:y1, x0:x1][hit] = np.concatenate(
            [n[hit] * 0.5 + 0.5, np.full((int(hit.sum()), 1), mesh.uvs[tri[0], 0] / 4.0)], axis=1)
    return albedo, normal_slot


def build_atlas(mesh: Mesh) -> Atlas:
    """The atlas of a slotted mesh (``slots.slotted``): :data:`VIEWS` frames around it."""
    frames = [_frame(mesh, 2 * math.pi * k / VIEWS) for k in range(VIEWS)]

    def pack(images: list[np.ndarray]) -> np.ndarray:
        return np.clip(np.round(np.concatenate(images, axis=1) * 255), 0, 255).astype(np.uint8)

    return Atlas(pack([f[0] for f in frames]), pack([f[1] for f in frames]))


@lru_cache(maxsize=4)
def outfit_atlas(outfit: str) -> Atlas:
    """The atlas of an outfit's coarse stand-in (what it replaces at the switch), built once per process."""
    return build_atlas(slotted(outfit, True))
