"""Polyline helpers shared by the walkway graph and the traffic lanes. Pure."""

from __future__ import annotations

import numpy as np


def arc_lengths(points: np.ndarray) -> np.ndarray:
    """Cumulative length at each vertex, starting at 0."""
    return np.concatenate([[0.0], np.cumsum(np.linalg.norm(np.diff(points, axis=0), axis=1))])


def point_at(points: np.ndarray, lengths: np.ndarray, s: np.ndarray | float) -> tuple[np.ndarray, np.ndarray]:
    """Positions and unit tangents at arc lengths ``s`` along the polyline (clamped to its ends)."""
    s = np.clip(np.asarray(s, float), 0.0, lengths[-1])
    seg = np.clip(np.searchsorted(lengths, s, side="right") - 1, 0, len(points) - 2)
    a, b = points[seg], points[seg + 1]
    seg_len = np.maximum(lengths[seg + 1] - lengths[seg], 1e-9)
    t = ((s - lengths[seg]) / seg_len)[..., None]
    return a + (b - a) * t, (b - a) / seg_len[..., None]


def project(points: np.ndarray, lengths: np.ndarray, xy: tuple[float, float]) -> tuple[float, float]:
    """(arc length of the closest point, distance to it) of ``xy`` on the polyline."""
    a, b = points[:-1], points[1:]
    ab = b - a
    t = np.clip(((np.asarray(xy) - a) * ab).sum(1) / np.maximum((ab * ab).sum(1), 1e-12), 0, 1)
    closest = a + ab * t[:, None]
    dist = np.linalg.norm(closest - np.asarray(xy), axis=1)
    k = int(np.argmin(dist))
    return float(lengths[k] + t[k] * np.linalg.norm(ab[k])), float(dist[k])


def segment_intersections(p: np.ndarray, q: np.ndarray) -> list[tuple[float, float, np.ndarray]]:
    """Where polylines ``p`` and ``q`` cross: (arc length on p, arc length on q, point) for each crossing."""
    lp, lq = arc_lengths(p), arc_lengths(q)
    out = []
    for i in range(len(p) - 1):
        a, r = p[i], p[i + 1] - p[i]
        for j in range(len(q) - 1):
            c, s = q[j], q[j + 1] - q[j]
            den = r[0] * s[1] - r[1] * s[0]
            if abs(den) < 1e-9:
                continue
            t = ((c[0] - a[0]) * s[1] - (c[1] - a[1]) * s[0]) / den
            u = ((c[0] - a[0]) * r[1] - (c[1] - a[1]) * r[0]) / den
            if 0 <= t <= 1 and 0 <= u <= 1:
                out.append((lp[i] + t * (lp[i + 1] - lp[i]), lq[j] + u * (lq[j + 1] - lq[j]), a + t * r))
    return out
