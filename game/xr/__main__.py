"""``python -m game.xr --xr --offscreen --frames 120 --xr-capture OUT`` until main.py dispatches ``--xr`` itself.

Uses the app's own argument parser and a plain test scene (ground, coloured blocks at several distances) so
the XR path can be exercised without the district.
"""

from __future__ import annotations

import sys

from game.config import ConfigError, config_from_args
from game.xr.run import run_xr
from game.xr.testscene import build_test_scene


def main(argv: list[str] | None = None) -> int:
    try:
        config = config_from_args(argv)
    except ConfigError as exc:
        print(f"xr: {exc}", file=sys.stderr)
        return 2
    return run_xr(config, build_test_scene)


if __name__ == "__main__":
    sys.exit(main())
