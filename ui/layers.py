"""Draw order as policy: where each kind of 2D view goes so that it lands above or below the others.

Menus, panels, on-screen keyboards, chat and hints live in ``aspect2d``. Alert overlays and the signing panel
go into ``aspect2dp``, which ShowBase renders in its own display region after ``aspect2d``: nothing a menu or a
form draws can cover an alert's captions or buttons, whichever was opened last.
"""

from __future__ import annotations

from panda3d.core import NodePath


def alert_layer(base) -> NodePath:
    return base.aspect2dp


def panel_layer(base) -> NodePath:
    return base.aspect2d
