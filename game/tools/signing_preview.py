"""Render any gloss sequence to PNG frames offscreen, so an interpreter can review a sign without the app.

    python -m game.signing.preview 지진 대피 "#광화문" --out out/ksl --fps 12

Writes ``frame_0000.png`` … and ``timing.json`` (each gloss's start and end) to ``--out``; each frame is
captioned with its gloss when a Hangul font is found (``--font``, ``--no-caption``). Panda3D is imported
inside :func:`main` only, so importing this module stays free of engine side effects like the rest of
``game.signing``.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import sys
from pathlib import Path

from game.signing.lexicon import LexiconError
from game.signing.timeline import SigningError


def _size(text: str) -> tuple[int, int]:
    width, _, height = text.partition("x")
    try:
        return int(width), int(height)
    except ValueError:
        raise argparse.ArgumentTypeError(f"size must look like 320x240, got {text!r}") from None


def _positive(text: str) -> float:
    value = float(text)
    if value <= 0:
        raise argparse.ArgumentTypeError(f"must be greater than 0, got {text}")
    return value


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m game.signing.preview", description=__doc__.splitlines()[0])
    parser.add_argument("glosses", nargs="+", metavar="GLOSS",
                        help="lexicon glosses, '#word' to fingerspell, digits, or '[expression]' markers")
    parser.add_argument("--out", required=True, type=Path, help="directory for the PNG frames")
    parser.add_argument("--fps", type=_positive, default=12.0, help="frames per second (default 12)")
    parser.add_argument("--size", type=_size, default=(320, 240), help="frame size WxH (default 320x240)")
    parser.add_argument("--speed", type=_positive, default=1.0, help="signing speed factor (default 1)")
    parser.add_argument("--font", type=Path, help="Hangul font for the gloss caption (default: a system one)")
    parser.add_argument("--no-caption", action="store_true", help="no gloss caption under the avatar")
    parser.add_argument("--lang", choices=("ko", "en"), default="ko", help="language of messages")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    os.environ.setdefault("EGL_PLATFORM", "surfaceless")
    from direct.showbase.ShowBase import ShowBase
    from panda3d.core import DynamicTextFont, Filename, PNMImage, load_prc_file_data

    from game.text.i18n import text
    from ui.fonts import find_korean_font
    from ui.signing.panel import SigningPanel

    width, height = args.size
    load_prc_file_data("ksl-preview", f"window-type offscreen\nload-display p3headlessgl\nwin-size {width} {height}\n"
                                      "audio-library-name null\nsync-video false\n")
    base = ShowBase(windowType="offscreen")
    try:
        font_path = None if args.no_caption else (args.font or find_korean_font())
        font = DynamicTextFont(Filename.from_os_specific(str(font_path))) if font_path else None
        panel = SigningPanel(base.win, base.render2d, size=(width, height), frame=(-1, 1, -1, 1), lang=args.lang,
                             font=font, speed=args.speed)
        try:
            panel.play(args.glosses)
        except (SigningError, LexiconError) as exc:
            print(text("signing.preview_error", args.lang, reason=exc), file=sys.stderr)
            return 2
        timeline = panel.timeline
        assert timeline is not None
        args.out.mkdir(parents=True, exist_ok=True)
        count = math.ceil(timeline.duration * args.fps) + 1  # the last frame is the end (update clamps to it)
        image = PNMImage()
        for i in range(count):
            panel.update(0.0 if i == 0 else 1.0 / args.fps)
            base.task_mgr.step()
            base.win.get_screenshot(image)
            image.write(Filename.from_os_specific(str(args.out / f"frame_{i:04d}.png")))
        spans = [{"gloss": s.gloss, "start": round(s.start, 3), "end": round(s.end, 3), "kind": s.kind}
                 for s in timeline.spans]
        (args.out / "timing.json").write_text(json.dumps({"fps": args.fps, "duration": round(timeline.duration, 3),
                                                          "frames": count, "spans": spans}, ensure_ascii=False,
                                                         indent=1), encoding="utf-8")
        print(text("signing.preview_written", args.lang, frames=count, seconds=f"{timeline.duration:.1f}",
                   path=args.out))
        return 0
    finally:
        base.destroy()


if __name__ == "__main__":
    sys.exit(main())
