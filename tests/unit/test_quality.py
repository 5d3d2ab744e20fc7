"""Quality presets are limited on a software rasterizer and kept as asked on a GPU."""

from game.render.pipeline import QUALITY, effective_quality, is_software


def test_software_renderers_get_no_msaa_or_anisotropy():
    llvmpipe = "llvmpipe (LLVM 15.0.6, 256 bits)"
    assert is_software(llvmpipe) and not is_software("NVIDIA GeForce RTX 3060/PCIe/SSE2")
    for preset in QUALITY:
        q = effective_quality(preset, llvmpipe)
        assert q.msaa == 0 and q.anisotropy == 1 and q.shadow_size <= 1024


def test_gpus_get_the_preset():
    q = effective_quality("medium", "AMD Radeon RX 6600 (radeonsi, navi23)")
    assert q == QUALITY["medium"] and q.msaa == 4 and q.anisotropy == 4
