"""Metaverse Seoul / 메타버스 서울 — start here. The only place that parses argv.

Exit status: 0 done; 2 bad input (flags, config, invalid CAP alert); 3 XR runtime unavailable.
"""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path

from game.config import ConfigError, config_from_args

DEFAULT_TOUR_DIR = Path("out") / "tour"


def main(argv: list[str] | None = None) -> int:
    try:
        config = config_from_args(argv)
    except ConfigError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2

    from game.app import App, display_available
    from ui import i18n

    if not config.offscreen and not display_available():
        print(i18n.text("app.offscreen_fallback", config.language), file=sys.stderr)
        config = replace(config, offscreen=True, tour_dir=config.tour_dir or DEFAULT_TOUR_DIR)

    app = App(config)
    try:
        app.load_world()
        if config.tour_dir is not None:
            from game.tour import run_tour

            return run_tour(app, config.tour_dir)
        from game.explore import run_interactive

        return run_interactive(app)
    finally:
        app.shutdown()


if __name__ == "__main__":
    sys.exit(main())
