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
_SHARED_HELPERS = (texgen.value_noise, texgen.fbm, texgen._rgba, texgen._mr, texgen._colour, texgen._plain,
                   texgen._smoothstep, texgen.normal_map, texgen.occlusion, texgen.generate)


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
    h.update(repr((spec.metres_per_repeat, spec.roughness, spec.metallic, spec.size, spec.relief)).encode())
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
    normal: Texture  # the material's relief, or the shared flat map (see _flat_normal)


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
        kinds = ("base", "mr", "nrm") if texgen.SPECS[name].relief else ("base", "mr")
        paths = [self.cache_dir / f"{name}-{key}-{kind}.png" for kind in kinds]
        texs = [Texture(f"{name}-{kind}") for kind in kinds]
        if not all(p.exists() and t.read(Filename.fromOsSpecific(str(p))) for p, t in zip(paths, texs, strict=True)):
            images = [img for img in texgen.generate(name) if img is not None]
            texs = [_to_texture(img, f"{name}-{kind}", kind == "base") for img, kind in zip(images, kinds, strict=True)]
            for tex, path in zip(texs, paths, strict=True):
                tmp = path.with_suffix(".tmp.png")  # write then rename: a crash never leaves half a file
                tex.write(Filename.fromOsSpecific(str(tmp)))
                tmp.replace(path)
            for stale in self.cache_dir.glob(f"{name}-*.png"):
                if key not in stale.name:
                    stale.unlink()
            self.baked.append(name)
        else:  # PNG may come back without its (opaque) alpha channel: pick the sRGB format that fits
            texs[0].setFormat(Texture.F_srgb_alpha if texs[0].getNumComponents() == 4 else Texture.F_srgb)
        spec = texgen.SPECS[name]
        mat = Material(name)
        mat.setBaseColor((1, 1, 1, 1))
        mat.setRoughness(spec.roughness)
        mat.setMetallic(spec.metallic)
        base, mr, *normal = (_configure(t, self.anisotropy) for t in texs)
        return BakedMaterial(name, base, mr, spec.metres_per_repeat, mat, normal[0] if normal else _flat_normal())

    def apply(self, nodepath, name: str) -> None:
        """Give ``nodepath`` the textures and PBR factors of material ``name`` (simplepbr's texture slots)."""
        m = self.materials[name]
        nodepath.setMaterial(m.material, 1)
        nodepath.setTexture(_STAGE_BASE, m.base, 1)
        nodepath.setTexture(_STAGE_MR, m.metal_rough, 1)
        nodepath.setTexture(_STAGE_NORMAL, m.normal, 1)
        if m.metres_per_repeat != 1.0:
            s = 1.0 / m.metres_per_repeat
            for stage in (_STAGE_BASE, _STAGE_MR, _STAGE_NORMAL):
                nodepath.setTexScale(stage, s, s)


_FLAT: list[Texture] = []


def _flat_normal() -> Texture:
    """One 1×1 texel of the unperturbed normal, for materials without relief: with normal maps on, simplepbr
    samples a normal texture everywhere, so every material names one rather than leave it to Panda3D's
    stand-in for a missing texture."""
    if not _FLAT:
        tex = Texture("flat-normal")
        tex.setup2dTexture(1, 1, Texture.T_unsigned_byte, Texture.F_rgba8)
        tex.setRamImageAs(bytes((128, 128, 255, 255)), "RGBA")
        _FLAT.append(tex)
    return _FLAT[0]


_STAGE_BASE = TextureStage("basecolor")
_STAGE_BASE.setMode(TextureStage.M_modulate)
_STAGE_MR = TextureStage("metal-roughness")
_STAGE_MR.setMode(TextureStage.M_selector)
_STAGE_NORMAL = TextureStage("normal")
_STAGE_NORMAL.setMode(TextureStage.M_normal)
