"""Where to stand to see a landmark: tour stops and teleport targets. Pure."""

from __future__ import annotations

import math
from dataclasses import dataclass

from game.landmarks.catalogue import Landmark


@dataclass(frozen=True)
class View:
    camera: tuple[float, float, float]  # world metres
    target: tuple[float, float, float]
    heading: float  # Panda3D heading of the camera looking at the target


def front_vector(bearing: float) -> tuple[float, float]:
    """World (east, north) unit vector of the compass bearing a front faces."""
    b = math.radians(bearing)
    return math.sin(b), math.cos(b)


def view_for(landmark: Landmark, height_m: float) -> View:
    """Stand ``view.distance`` metres in front of the landmark, eyes at ``view.height``, looking at its middle.

    ``height_m`` is the generated building's height; the camera aims at 40 % of it so base and roof both show.
    ``view.target_north`` shifts the aim along the landmark's depth (the square aims at King Sejong);
    ``view.target_height`` overrides the aim's height (down a market alley, at the stalls, not the roofs);
    ``view.target_right`` shifts the aim (and the camera with it) to the camera's right (a stream's channel
    that runs off its footprint's middle line).
    """
    cx, cy = landmark.local
    fx, fy = front_vector(landmark.heading)
    v = landmark.view
    shift = float(v.get("target_north", 0.0))
    # "north" here means towards the back of the landmark (the square's back is Gwanghwamun, to the north)
    tx, ty = cx - fx * shift, cy - fy * shift
    right = float(v.get("target_right", 0.0))
    tx, ty = tx - fy * right, ty + fx * right  # the camera looks along -front; its right is that turned clockwise
    dist = float(v.get("distance", 40.0))
    eye = float(v.get("height", 1.7))
    cam = (tx + fx * dist, ty + fy * dist, eye)
    target = (tx, ty, float(v.get("target_height", max(1.5, 0.4 * height_m))))
    heading = math.degrees(math.atan2(-(target[0] - cam[0]), target[1] - cam[1]))
    return View(cam, target, heading % 360.0)
