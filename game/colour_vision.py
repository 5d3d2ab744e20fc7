"""Colour-vision deficiency simulation and perceptual colour distance, to keep colour-coded states apart. Pure.

About 1 in 12 men of Northern European descent and roughly 1 in 20 Korean men have a red–green deficiency; a
visitor who cannot tell an emergency banner from an urgent one by colour, or a busy place from a quiet one on the
map, must still be able to. This simulates the three dichromacies and measures how far apart the colours remain.

Simulation (Viénot, Brettel & Mollon 1999, "Digital video colourmaps for checking the legibility of displays by
dichromats"), written from its description: linear sRGB → XYZ (IEC 61966-2-1) → LMS cone space (Hunt–Pointer–
Estévez matrix, normalised to D65 so white stays white); the missing cone's response is replaced by the linear
combination of the other two that keeps two anchor stimuli unchanged — white and the sRGB blue primary for
protanopia and deuteranopia (as Viénot et al.), white and the sRGB red primary for tritanopia (a single-plane
approximation of Brettel et al. 1997's two half-planes, whose long-wave anchor is near 660 nm). Back to sRGB, clipped.

Distance: CIEDE2000 (CIE 142-2001; formulas as set out by Sharma, Wu & Dalal 2005) between CIELAB values under
D65. The test checks it against Sharma et al.'s published pairs.
"""

from __future__ import annotations

import math
from itertools import combinations

import numpy as np

RGB = tuple[float, float, float]
KINDS = ("normal", "protanopia", "deuteranopia", "tritanopia")

XYZ_FROM_LINEAR = np.array([[0.4124, 0.3576, 0.1805],
                            [0.2126, 0.7152, 0.0722],
                            [0.0193, 0.1192, 0.9505]])
HPE = np.array([[0.38971, 0.68898, -0.07868],
                [-0.22981, 1.18340, 0.04641],
                [0.0, 0.0, 1.0]])
_RAW_LMS = HPE @ XYZ_FROM_LINEAR
LMS_FROM_LINEAR = _RAW_LMS / (_RAW_LMS @ np.ones(3))[:, None]  # white (1, 1, 1) → LMS (1, 1, 1)
LINEAR_FROM_LMS = np.linalg.inv(LMS_FROM_LINEAR)
D65_WHITE = XYZ_FROM_LINEAR @ np.ones(3)
#: which cone each dichromacy lacks, and the second anchor stimulus (besides white) its plane keeps
_MISSING = {"protanopia": (0, (0.0, 0.0, 1.0)), "deuteranopia": (1, (0.0, 0.0, 1.0)),
            "tritanopia": (2, (1.0, 0.0, 0.0))}


def to_linear(c: np.ndarray) -> np.ndarray:
    return np.where(c <= 0.04045, c / 12.92, ((c + 0.055) / 1.055) ** 2.4)


def to_srgb(c: np.ndarray) -> np.ndarray:
    c = np.clip(c, 0.0, 1.0)
    return np.where(c <= 0.0031308, c * 12.92, 1.055 * c ** (1 / 2.4) - 0.055)


def _dichromat_matrix(kind: str) -> np.ndarray:
    """LMS → LMS: the missing cone becomes a·(one kept cone) + b·(the other), exact for white and the anchor."""
    missing, anchor = _MISSING[kind]
    kept = [i for i in range(3) if i != missing]
    white, other = LMS_FROM_LINEAR @ np.ones(3), LMS_FROM_LINEAR @ np.array(anchor)
    a, b = np.linalg.solve(np.array([[white[kept[0]], white[kept[1]]], [other[kept[0]], other[kept[1]]]]),
                           np.array([white[missing], other[missing]]))
    m = np.eye(3)
    m[missing] = 0.0
    m[missing, kept[0]], m[missing, kept[1]] = a, b
    return m


SIMULATE = {kind: LINEAR_FROM_LMS @ _dichromat_matrix(kind) @ LMS_FROM_LINEAR for kind in KINDS[1:]}


def simulate(rgb: RGB, kind: str) -> RGB:
    """How an sRGB colour (0–1) looks to a dichromat of ``kind`` (``normal`` returns it unchanged)."""
    if kind == "normal":
        return rgb
    out = to_srgb(SIMULATE[kind] @ to_linear(np.array(rgb, dtype=float)))
    return (float(out[0]), float(out[1]), float(out[2]))


def lab(rgb: RGB) -> tuple[float, float, float]:
    """CIELAB (D65) of an sRGB colour."""
    xyz = XYZ_FROM_LINEAR @ to_linear(np.array(rgb, dtype=float)) / D65_WHITE
    f = np.where(xyz > (6 / 29) ** 3, np.cbrt(xyz), xyz / (3 * (6 / 29) ** 2) + 4 / 29)
    return (float(116 * f[1] - 16), float(500 * (f[0] - f[1])), float(200 * (f[1] - f[2])))


def ciede2000(lab1: tuple[float, float, float], lab2: tuple[float, float, float]) -> float:
    """CIEDE2000 colour difference (kL = kC = kH = 1)."""
    (l1, a1, b1), (l2, a2, b2) = lab1, lab2
    c_bar = (math.hypot(a1, b1) + math.hypot(a2, b2)) / 2
    g = 0.5 * (1 - math.sqrt(c_bar**7 / (c_bar**7 + 25**7)))
    a1p, a2p = (1 + g) * a1, (1 + g) * a2
    c1p, c2p = math.hypot(a1p, b1), math.hypot(a2p, b2)
    h1p = math.degrees(math.atan2(b1, a1p)) % 360 if c1p else 0.0
    h2p = math.degrees(math.atan2(b2, a2p)) % 360 if c2p else 0.0
    dl, dc = l2 - l1, c2p - c1p
    if c1p * c2p == 0:
        dh = 0.0
    elif abs(h2p - h1p) <= 180:
        dh = h2p - h1p
    else:
        dh = h2p - h1p - 360 if h2p > h1p else h2p - h1p + 360
    dH = 2 * math.sqrt(c1p * c2p) * math.sin(math.radians(dh / 2))
    l_bar, cp_bar = (l1 + l2) / 2, (c1p + c2p) / 2
    if c1p * c2p == 0:
        h_bar = h1p + h2p
    elif abs(h1p - h2p) <= 180:
        h_bar = (h1p + h2p) / 2
    else:
        h_bar = (h1p + h2p + 360) / 2 if h1p + h2p < 360 else (h1p + h2p - 360) / 2
    t = (1 - 0.17 * math.cos(math.radians(h_bar - 30)) + 0.24 * math.cos(math.radians(2 * h_bar))
         + 0.32 * math.cos(math.radians(3 * h_bar + 6)) - 0.20 * math.cos(math.radians(4 * h_bar - 63)))
    s_l = 1 + 0.015 * (l_bar - 50) ** 2 / math.sqrt(20 + (l_bar - 50) ** 2)
    s_c = 1 + 0.045 * cp_bar
    s_h = 1 + 0.015 * cp_bar * t
    r_t = (-2 * math.sqrt(cp_bar**7 / (cp_bar**7 + 25**7))
           * math.sin(math.radians(60 * math.exp(-(((h_bar - 275) / 25) ** 2)))))
    return math.sqrt((dl / s_l) ** 2 + (dc / s_c) ** 2 + (dH / s_h) ** 2 + r_t * (dc / s_c) * (dH / s_h))


def closest_pair(colours: dict[str, RGB], kind: str) -> tuple[float, str, str]:
    """The smallest CIEDE2000 distance between any two of ``colours`` as seen by ``kind``, and which two."""
    seen = {name: lab(simulate(rgb, kind)) for name, rgb in colours.items()}
    return min((ciede2000(seen[a], seen[b]), a, b) for a, b in combinations(seen, 2))


#: Smallest CIEDE2000 distance any two colours of one state scale must keep under every simulated vision. The
#: just-noticeable difference is about 1 ΔE00 for large side-by-side patches; for small targets seen apart (a map
#: marker, a banner's edge) the needed difference grows several-fold (Carter & Silverstein 2010, "Size matters"),
#: and telling categories apart at a glance needs well above noticing a difference; 10 covers both with margin.
THRESHOLD = 10.0


def scales() -> dict[str, dict[str, RGB]]:
    """Every colour-coded state set the app shows: alert level banners and frame flashes, crowd and air levels."""
    from game import colour_scales
    from ui.alerts.theme import STYLES

    return {"alert banner": {level.id: style.header for level, style in STYLES.items()},
            "alert flash": {level.id: style.flash_lit for level, style in STYLES.items()},
            "crowd": colour_scales.CROWD, "air": colour_scales.AIR,
            "crowd (usual colours)": colour_scales.USUAL_CROWD, "air (usual colours)": colour_scales.USUAL_AIR}


def main() -> int:
    """Print the closest pair of each scale under each vision; exit 1 if a scale the app uses is under
    :data:`THRESHOLD` (the usual-colour rows are for comparison only)."""
    failing = 0
    print(f"{'scale':24}" + "".join(f"{kind:>16}" for kind in KINDS) + f"   (min CIEDE2000, threshold {THRESHOLD})")
    for name, colours in scales().items():
        row = [closest_pair(colours, kind) for kind in KINDS]
        print(f"{name:24}" + "".join(f"{d:>8.1f} {a[:3]}-{b[:3]:3}" for d, a, b in row))
        failing += "usual" not in name and min(d for d, _, _ in row) < THRESHOLD
    return 1 if failing else 0


if __name__ == "__main__":
    raise SystemExit(main())
