"""The alert CLI contract: feed CAP files to the policy, render the overlay, write ``OUT.png`` and ``OUT.json``.

``main.py --offscreen --alert FILE.xml [...] [--location LAT,LON] --screenshot OUT.png`` ends up in
:func:`run_alert_job` with a ShowBase that already shows the scene. Every file is parsed before anything is
drawn, so an invalid one exits with status 2, one line on stderr and no PNG. Time: the policy's clock is
``config.when`` when given, else the wall clock read once here; frames are stepped with a fixed simulated
``dt`` so the flash and caption timing in the output does not depend on how fast the machine renders. The
contrast ratio and flash rate in the JSON are measured from rendered pixels, not taken from the theme.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import platformdirs

from game.alerts.contrast import measured_text_contrast
from game.alerts.flash import flashes_from_samples, max_flashes_per_second
from game.alerts.hooks import Locator, Signing, Speech
from game.alerts.model import Alert
from game.alerts.parser import CapError, parse_file
from game.alerts.policy import AlertPolicy, Record
from game.alerts.presentation import Presentation
from game.alerts.targeting import GWANGHWAMUN
from game.audio_mix import DEFAULT as DEFAULT_MIX
from game.audio_mix import AudioMix
from game.caption_style import DEFAULT as DEFAULT_CAPTIONS
from game.caption_style import CaptionStyle
from net import clock

FLASH_SAMPLE_FPS = 12.0  # two samples per lit or dark phase even at the 3 flashes/s limit (1/6 s each)
SETTLE_FRAMES = 2


def default_cache_dir() -> Path:
    return Path(platformdirs.user_cache_dir("metaverse-seoul"))


def load_alerts(paths: tuple[Path, ...]) -> list[tuple[Path, Alert]]:
    """Parse every file first; the first bad one raises CapError with the file named in its message."""
    out = []
    for path in paths:
        try:
            out.append((path, parse_file(path)))
        except CapError as exc:
            raise CapError(exc.element, f"{exc.reason} (in {path})") from None
    return out


def _record_json(path: Path, record: Record) -> dict[str, Any]:
    p = record.presentation
    return {
        "file": str(path),
        "identifier": record.alert.identifier,
        "sender": record.alert.sender,
        "msg_type": record.alert.msg_type,
        "status": record.alert.status,
        "outcome": record.outcome,
        "duplicate": record.duplicate,
        "level": p.level.id if p else None,
        "language": p.language if p else None,
    }


def run_alert_job(base: Any, config: Any, world: Any = None, *, speech: Speech | None = None,
                  signing: Signing | None = None, caption_style: CaptionStyle = DEFAULT_CAPTIONS,
                  announce: Callable[[Presentation], str] | None = None, mix: AudioMix = DEFAULT_MIX) -> int:
    """Run the contract on ``base`` (offscreen ShowBase, scene loaded); returns the process exit status.
    ``caption_style`` and ``mix``: the visitor's caption and sound settings, applied as in the live app.
    ``announce``: the assistive-technology output (:meth:`game.assistive.AssistiveOutput.announce`); it hears each
    alert the moment the policy presents it, as the live app's does, and the report lists the lines (``assistive``)."""
    from panda3d.core import Filename

    from ui.alerts.controller import AlertController
    from ui.alerts.overlay import AlertOverlay
    from ui.fonts import load_font

    lang = config.language
    if config.location is not None:
        location = tuple(config.location)
    elif isinstance(world, Locator):
        location = world.user_location()
    else:
        location = GWANGHWAMUN
    now = config.when or clock.now()
    policy = AlertPolicy(location, lang)
    try:
        loaded = load_alerts(tuple(config.alerts))
    except CapError as exc:
        print(f"invalid CAP: {exc}".replace("\n", " "), file=sys.stderr)
        return 2
    records, lines = [], []
    for path, alert in loaded:
        record = policy.receive(alert, now)
        records.append((path, record))
        if announce is not None and record.news:
            lines.append(announce(record.presentation))
    overlay = AlertOverlay(base.aspect2d, base.getAspectRatio(), load_font(base.loader, bold=True), lang,
                           srgb_framebuffer=base.win.getFbProperties().getSrgbColor(),
                           signing_panel=signing is not None, caption_style=caption_style)
    controller = AlertController(policy, overlay, config.cache_dir or default_cache_dir(), audio_loader=base.loader,
                                 speech=speech, signing=signing, mix=mix)
    controller.refresh()
    screen = settle_and_measure(base, controller)
    report = {
        "language": lang,
        "location": list(location),
        "time": now.isoformat(),
        "inputs": [_record_json(path, record) for path, record in records],
        "queue": [r.alert.identifier for r in policy.live()],
        "screen": screen,
        "assistive": lines,
    }
    if config.screenshot is not None:
        out = Path(config.screenshot)
        out.parent.mkdir(parents=True, exist_ok=True)
        base.win.saveScreenshot(Filename.fromOsSpecific(str(out)))
        out.with_suffix(".json").write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    controller.destroy()
    return 0


def settle_and_measure(base: Any, controller: Any) -> dict[str, Any] | None:
    """Step frames through the attention flash at a fixed simulated rate, measuring it, then let the overlay
    settle and measure the caption contrast; returns the on-screen part of the report (None: nothing shown)."""
    from ui.alerts.measure import crop, frame_rgb, mean_luminance, region_px

    overlay = controller.overlay
    width, height = base.win.getXSize(), base.win.getYSize()
    if not overlay.visible:
        for _ in range(SETTLE_FRAMES):
            base.taskMgr.step()
        return None
    flash_box = region_px(overlay.frame_np.find("frame2"), base.render2d, width, height)
    end = max(1.0, (overlay.schedule[-1][1] if overlay.schedule else 0.0) + 0.25)
    times, levels = [], []
    for i in range(int(end * FLASH_SAMPLE_FPS) + 1):
        # Sample mid-way between frame ticks so no sample lands exactly on a flash edge; times are computed,
        # not accumulated, so float drift cannot move an onset across a one-second window.
        t = (i + 0.5) / FLASH_SAMPLE_FPS
        controller.update(t - overlay.elapsed)
        base.taskMgr.step()
        times.append(t)
        levels.append(mean_luminance(frame_rgb(base.win), flash_box))
    lo, hi = min(levels), max(levels)
    flashes = flashes_from_samples(times, levels, (lo + hi) / 2) if hi - lo > 0.02 else ()
    for _ in range(SETTLE_FRAMES):
        controller.update(0.0)
        base.taskMgr.step()
    frame = frame_rgb(base.win)
    caption_box = region_px(overlay.caption_np, base.render2d, width, height)
    p = overlay.presentation
    return {
        "identifier": p.identifier,
        "level": p.level.id,
        "level_name": p.level.korean,
        "drill": p.drill,
        "language": p.language,
        "pictogram": p.pictogram,
        "caption_lines": list(overlay.caption_lines()),
        "caption_page": overlay.page + 1,
        "caption_pages": [list(page.lines) for page in p.pages],
        "glosses": list(controller.glosses),
        "wav": [str(w) for w in controller.wav_paths],
        "contrast_ratio": round(measured_text_contrast(crop(frame, caption_box)), 2),
        "flash_rate_hz": max_flashes_per_second(flashes),
        "flash_frames": len(times),
        "flash_sample_fps": FLASH_SAMPLE_FPS,
        "caption_box_px": list(caption_box),
        "signing_region": list(overlay.signing_region) if overlay.signing_region else None,
        "gloss_pages": controller.sync.as_json() if controller.sync is not None else None,
        "signing": signing_json(controller.signing),
    }


def signing_json(signing: Signing | None) -> dict[str, Any] | None:
    """What the signing panel signs for the alert on screen, in order, and who signs each part (None: no panel)."""
    if signing is None:
        return None
    return {
        "segments": [{"gloss": s.gloss, "source": s.source, "start": round(s.start, 3), "end": round(s.end, 3)}
                     for s in signing.segments()],
        "placeholders": list(signing.placeholders()),
    }
