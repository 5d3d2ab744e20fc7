"""Baked procedural materials: generate textures once into a cache outside git, reuse them afterwards.

Each material's cache key hashes the source of the code that draws it and its parameters, so editing one
generator rebuilds only that material on the next start. The first start reports progress per material.
"""

from __future__ import annotations

import hashlib
import inspect
import marshal
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import platformdirs
from panda3d.core import Filename, Material, SamplerState, Texture, TextureStage

from game.render import texgen

Progress = Callable[[int, int, str], None]
_SHARED_HELPERS = (texgen.value_noise, texgen.fbm, texgen._rgba, texgen._mr, texgen._colour, texgen._plain)


def default_cache_dir() -> Path:
    return Path(platformdirs.user_cache_dir("metaverse-seoul")) / "materials"


def _code_of(fn) -> bytes:
    """What defines a function: its source; in a frozen app, which ships no source, its compiled code."""
    try:
        return inspect.getsource(fn).encode()
    except (OSError, TypeError):
        return marshal.dumps(fn.__code__)


def cache_key(name: str) -> str:
    """Hash of everything that decides how ``name`` looks (generator source, shared helpers, spec)."""
    spec = texgen.SPECS[name]
    h = hashlib.sha256(name.encode())
    gen = spec.generator
    if getattr(gen, "__closure__", None):  # _plain closures: their parameters define them
        h.update(repr([c.cell_contents for c in gen.__closure__]).encode())
    else:
        h.update(_code_of(gen))
    for helper in _SHARED_HELPERS:
        h.update(_code_of(helper))
    h.update(repr((spec.metres_per_repeat, spec.roughness, spec.metallic, spec.size)).encode())
    return h.hexdigest()[:16]


def _to_texture(img, name: str, srgb: bool) -> Texture:
    h, w, _ = img.shape
    tex = Texture(name)
    tex.setup2dTexture(w, h, Texture.T_unsigned_byte, Texture.F_srgb_alpha if srgb else Texture.F_rgba8)
    tex.setRamImageAs(img[::-1].tobytes(), "RGBA")
    return tex


def _configure(tex: Texture, anisotropy: int) -> Texture:
    tex.setWrapU(SamplerState.WM_repeat)
    tex.setWrapV(SamplerState.WM_repeat)
    tex.setMinfilter(SamplerState.FT_linear_mipmap_linear)
    tex.setMagfilter(SamplerState.FT_linear)
    tex.setAnisotropicDegree(anisotropy)
    return tex


@dataclass
class BakedMaterial:
    name: str
    base: Texture
    metal_rough: Texture
    metres_per_repeat: float
    material: Material


class MaterialLibrary:
    """All materials, loaded from the cache or baked on a miss; ``baked`` lists what this start had to make."""

    def __init__(self, cache_dir: Path | None = None, anisotropy: int = 1):
        """``anisotropy`` > 1 sharpens ground textures at grazing angles; cheap on a GPU, but it quadrupled
        the frame time on Mesa's software rasterizer, so only the high preset asks for it."""
        self.cache_dir = cache_dir or default_cache_dir()
        self.anisotropy = anisotropy
        self.materials: dict[str, BakedMaterial] = {}
        self.baked: list[str] = []

    def load_all(self, progress: Progress | None = None) -> None:
        self.cache_dir.mkdir(parents=True, exist_ok=True)
        names = list(texgen.SPECS)
        for i, name in enumerate(names):
            if progress:
                progress(i, len(names), name)
            self.materials[name] = self._load(name)
        if progress:
            progress(len(names), len(names), "")

    def _load(self, name: str) -> BakedMaterial:
        key = cache_key(name)
        base_p, mr_p = (self.cache_dir / f"{name}-{key}-{kind}.png" for kind in ("base", "mr"))
        base, mr = Texture(f"{name}-base"), Texture(f"{name}-mr")
        if not (base_p.exists() and mr_p.exists() and base.read(Filename.fromOsSpecific(str(base_p)))
                and mr.read(Filename.fromOsSpecific(str(mr_p)))):
            base_img, mr_img = texgen.generate(name)
            base, mr = _to_texture(base_img, f"{name}-base", True), _to_texture(mr_img, f"{name}-mr", False)
            for tex, path in ((base, base_p), (mr, mr_p)):
                tmp = path.with_suffix(".tmp.png")  # write then rename: a crash never leaves half a file
                tex.write(Filename.fromOsSpecific(str(tmp)))
                tmp.replace(path)
            for stale in self.cache_dir.glob(f"{name}-*.png"):
                if key not in stale.name:
                    stale.unlink()
            self.baked.append(name)
        else:  # PNG may come back without its (opaque) alpha channel: pick the sRGB format that fits
            base.setFormat(Texture.F_srgb_alpha if base.getNumComponents() == 4 else Texture.F_srgb)
        spec = texgen.SPECS[name]
        mat = Material(name)
        mat.setBaseColor((1, 1, 1, 1))
        mat.setRoughness(spec.roughness)
        mat.setMetallic(spec.metallic)
        return BakedMaterial(name, _configure(base, self.anisotropy), _configure(mr, self.anisotropy),
                             spec.metres_per_repeat, mat)

    def apply(self, nodepath, name: str) -> None:
        """Give ``nodepath`` the textures and PBR factors of material ``name`` (simplepbr's texture slots)."""
        m = self.materials[name]
        nodepath.setMaterial(m.material, 1)
        nodepath.setTexture(_STAGE_BASE, m.base, 1)
        nodepath.setTexture(_STAGE_MR, m.metal_rough, 1)
        if m.metres_per_repeat != 1.0:
            s = 1.0 / m.metres_per_repeat
            nodepath.setTexScale(_STAGE_BASE, s, s)
            nodepath.setTexScale(_STAGE_MR, s, s)


_STAGE_BASE = TextureStage("basecolor")
_STAGE_BASE.setMode(TextureStage.M_modulate)
_STAGE_MR = TextureStage("metal-roughness")
_STAGE_MR.setMode(TextureStage.M_selector)
