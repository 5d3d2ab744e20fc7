"""The app icon, drawn at build time (no binary in git): a city gate — stone base with an arch, a red-columned
storey and a curved tiled roof — against a dusk sky, in a rounded square. Numpy at 4× supersampling, written as
PNGs through Panda3D's ``PNMImage`` so ``build_apps`` can make the ``.ico``/``.icns`` from them."""

from __future__ import annotations

from pathlib import Path

import numpy as np

SIZES = (256, 128, 64, 48, 32, 16)
SS = 4

SKY_TOP, SKY_LOW = np.array([0.10, 0.16, 0.38]), np.array([0.95, 0.62, 0.35])
STONE, ARCH, COLUMN, BAND = (0.72, 0.70, 0.66), (0.12, 0.10, 0.10), (0.70, 0.14, 0.10), (0.18, 0.55, 0.45)
ROOF = (0.16, 0.17, 0.20)


def draw(size: int) -> np.ndarray:
    """RGBA float image (size, size, 4), row 0 at the top."""
    n = size * SS
    y, x = (np.mgrid[0:n, 0:n] + 0.5) / n  # 0..1, y down
    img = np.zeros((n, n, 4))
    img[..., :3] = SKY_TOP + (SKY_LOW - SKY_TOP) * (y[..., None] ** 1.5)

    def fill(mask: np.ndarray, rgb: tuple[float, float, float]) -> None:
        img[mask, :3] = rgb

    fill((abs(x - 0.5) < 0.36) & (y > 0.66) & (y < 0.92), STONE)  # stone base
    fill((abs(x - 0.5) < 0.09) & (y > 0.74) & ((y > 0.80) | (((x - 0.5) / 0.09) ** 2 + ((y - 0.80) / 0.06) ** 2
                                                            < 1)) & (y < 0.92), ARCH)  # the arch
    fill((abs(x - 0.5) < 0.26) & (y > 0.50) & (y < 0.66), COLUMN)  # the timber storey
    fill((abs(x - 0.5) < 0.26) & (y > 0.50) & (y < 0.54), BAND)  # dancheong band under the eaves
    # the roof: a band whose lower edge sags in the middle and lifts at the eaves' ends
    half = 0.44
    u = (x - 0.5) / half
    lower = 0.50 - 0.13 * u ** 8
    upper = 0.31 + 0.15 * abs(u) - 0.12 * u ** 8
    fill((abs(u) < 1) & (y > upper) & (y < lower), ROOF)
    fill((abs(x - 0.5) < 0.15) & (y > 0.28) & (y < 0.34), ROOF)  # ridge
    # rounded square mask
    r = 0.18
    cx, cy = np.clip(x, r, 1 - r), np.clip(y, r, 1 - r)
    img[..., 3] = ((x - cx) ** 2 + (y - cy) ** 2 <= r * r).astype(float)
    return img.reshape(size, SS, size, SS, 4).mean(axis=(1, 3))


def write_icons(out_dir: Path) -> list[Path]:
    """PNG files ``icon-<size>.png`` for every size in :data:`SIZES`; returns their paths, largest first."""
    from panda3d.core import Filename, PNMImage

    out_dir.mkdir(parents=True, exist_ok=True)
    paths = []
    for size in SIZES:
        rgba = draw(size)
        image = PNMImage(size, size, 4)
        for row in range(size):
            for col in range(size):
                r, g, b, a = rgba[row, col]
                image.setXelA(col, row, float(r), float(g), float(b), float(a))
        path = out_dir / f"icon-{size}.png"
        if not image.write(Filename.fromOsSpecific(str(path))):
            raise OSError(f"could not write {path}")
        paths.append(path)
    return paths
