"""WCAG 2.x contrast ratio, for colours and for rendered pixels.

The overlay promises ≥ 7:1 (WCAG AAA for normal text); :func:`measured_text_contrast` checks it on real
pixels, taking the dominant colour as the background and the strongest-contrast colour as the text, so
anti-aliased glyph edges cannot inflate the result. Pure (numpy only).
"""

from __future__ import annotations

import numpy as np

AAA_RATIO = 7.0


def _linear(c: np.ndarray) -> np.ndarray:
    return np.where(c <= 0.04045, c / 12.92, ((c + 0.055) / 1.055) ** 2.4)


def relative_luminance(rgb: np.ndarray | tuple[float, float, float]) -> np.ndarray:
    """WCAG relative luminance of sRGB colours in 0–1 (any leading shape, last axis RGB)."""
    lin = _linear(np.asarray(rgb, dtype=np.float64)[..., :3])
    return lin @ np.array([0.2126, 0.7152, 0.0722])


def contrast_ratio(a: tuple[float, float, float], b: tuple[float, float, float]) -> float:
    """(L_lighter + 0.05) / (L_darker + 0.05), from 1 (same) to 21 (black on white)."""
    la, lb = float(relative_luminance(a)), float(relative_luminance(b))
    hi, lo = max(la, lb), min(la, lb)
    return (hi + 0.05) / (lo + 0.05)


def measured_text_contrast(pixels: np.ndarray) -> float:
    """Contrast of text in an (H, W, 3) uint8 region: dominant colour vs the 99th-percentile opposite extreme."""
    flat = pixels.reshape(-1, 3)
    colours, counts = np.unique(flat, axis=0, return_counts=True)
    background = colours[np.argmax(counts)] / 255.0
    lum = relative_luminance(flat / 255.0)
    lb = float(relative_luminance(background))
    ratios = (np.maximum(lum, lb) + 0.05) / (np.minimum(lum, lb) + 0.05)
    return float(np.percentile(ratios, 99.5))
