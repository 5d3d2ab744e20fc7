"""Emergency alerts (issue 3), pure: CAP 1.2 parsing, Korean alert levels, the policy queue, geo-targeting,
captions, flash schedules, contrast and pictogram choice. ``job`` is the Panda3D adapter,
``samples`` makes drills (the benchmark is ``game.tools.alerts_bench``).

An alert goes: CAP XML → :func:`parse` → :class:`policy.AlertPolicy` → ``ui.alerts`` overlay, speech and signing.
"""

from game.alerts.parser import CapError, parse, parse_file

__all__ = ["CapError", "parse", "parse_file"]
