"""``python -m game.docs``: a day and a night picture of every landmark, made by the app (``docs/<id>-day.png``,
``docs/<id>-night.png``), from the tour's views at two pinned instants of one date, so they never depend on the
wall clock and can be rebuilt whenever the city changes (``make docs``). They are build output, ignored by git.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DAY = "14:00"
NIGHT = "22:00"


def _at(date: str, clock_time: str) -> dt.datetime:
    from game.config import parse_when

    return parse_when(f"{date}T{clock_time}")


def write_pictures(out: Path, date: str, size: str, weather: str, language: str | None = None) -> list[Path]:
    """Render each landmark's tour view by day and by night into ``out``; returns the files written."""
    from game.app import App
    from game.config import config_from_args

    args = ["--offscreen", "--size", size, "--time", _at(date, DAY).isoformat(), "--weather", weather]
    app = App(config_from_args(args + (["--lang", language] if language else [])))
    written = []
    try:
        app.load_world()
        for lid in app.landmarks:
            view = app.scene.view(lid)
            for name, clock_time in (("day", DAY), ("night", NIGHT)):
                app.pipeline.set_time(_at(date, clock_time))
                app.look(view.camera, view.target)
                app.step(4)
                path = out / f"{lid}-{name}.png"
                app.screenshot(path)
                written.append(path)
    finally:
        app.shutdown()
    return written


def main(argv: list[str] | None = None) -> int:
    from game.config import WEATHERS, ConfigError, parse_size, parse_when
    from game.text import i18n

    p = argparse.ArgumentParser(prog="python -m game.docs", description=__doc__.splitlines()[0])
    p.add_argument("--out", type=Path, default=ROOT / "docs")
    p.add_argument("--date", default="2026-05-15", help="the day pictured, YYYY-MM-DD (14:00 and 22:00 KST)")
    p.add_argument("--size", default="960x540")
    p.add_argument("--weather", choices=WEATHERS, default="clear")
    p.add_argument("--lang", choices=("ko", "en"))
    args = p.parse_args(argv)
    try:
        parse_size(args.size)
        parse_when(f"{args.date}T{DAY}")
    except ConfigError as exc:
        print(exc, file=sys.stderr)
        return 2
    written = write_pictures(args.out, args.date, args.size, args.weather, args.lang)
    print(i18n.text("docs.written", args.lang or "ko", count=len(written), path=args.out.resolve()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
