"""``python -m game.kiosk.soak --minutes N``: kiosk mode under the watchdog, driven by random input and random
alerts, with the app killed now and then; prints and writes figures.

Parent (this command): writes a settings file (short idle timeout, a drop folder), starts
``game.kiosk.watchdog`` over a child kiosk (``--child``: the real app offscreen, frame rate capped, with a task
pressing random buttons, typing help requests and leaving the kiosk idle long enough to be wiped), drops random
bilingual drill alerts alternately into the kiosk's drop folder and the embedded hub's drop box (signed and
published over the city link), and in the last part of the run SIGKILLs the app ``--kills`` times, timing how
long the watchdog takes to start a new one and how long until the new one beats. Figures: frames, alerts
dropped and shown, visits and wipes, requests, RSS after warm-up and at the end of the longest run (growth must
stay under 5 %), crashes not caused by the soak (must be 0), restart latencies (must be ≤ 5 s).

A 24 h run: ``python -m game.kiosk.soak --minutes 1440 --kills 20 --out out/soak-24h`` (on the kiosk hardware,
with a display: add ``--onscreen``); see packaging/README.md. Linux only (RSS from /proc).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from game import heartbeat
from net import clock

KEYS = ("mouse1", "space", "t", "i", "l", "escape", "arrow_up", "arrow_down", "enter", "1", "3", "5", "h")
STATS_EVERY_S = 5.0
MIN_STEADY_S = 300.0  # RSS growth is judged only over at least this much steady running after the warm-up
CHILD_FPS = 15


def rss_bytes() -> int:
    with open("/proc/self/statm", encoding="ascii") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


# -- child: the kiosk app with a random visitor ---------------------------------------------------------------
class RandomVisitor:
    """Presses buttons at random moments; sometimes walks away for longer than the idle timeout."""

    def __init__(self, session: Any, rng: random.Random, stats_path: Path, warmup_s: float) -> None:
        self.session, self.rng, self.stats_path, self.warmup_s = session, rng, stats_path, warmup_s
        self.wait = 2.0
        self.t = 0.0
        self.since_stats = 0.0
        self.actions = 0
        self.started = time.monotonic()
        self.rss_start: int | None = None
        self.rss_samples: list[tuple[float, float]] = []  # (seconds since start, MB), every STATS_EVERY_S
        session.base.taskMgr.add(self._tick, "soak-visitor", sort=5)

    def _tick(self, task: Any) -> int:
        dt_s = min(self.session.base.clock.getDt(), 0.5)
        self.t += dt_s
        self.since_stats += dt_s
        if self.t >= self.wait:
            self.t = 0.0
            self._act()
        if self.rss_start is None and time.monotonic() - self.started >= self.warmup_s:
            self.rss_start = rss_bytes()
        if self.since_stats >= STATS_EVERY_S:
            self.since_stats = 0.0
            self.write_stats()
        return task.cont

    def _act(self) -> None:
        s, rng = self.session, self.rng
        self.actions += 1
        if s.form is not None:
            if rng.random() < 0.5:
                s.form.type_text(rng.choice(("길을 잃었어요", "Where is the subway?", "분실물 신고합니다")))
                s.form.submit()
            self.wait = rng.uniform(0.5, 3.0)
            return
        send = s.app.input.inject  # offscreen: presses enter the app's input router directly
        if s.app.flow.state == "explore" and rng.random() < 0.15:
            send("h")  # ask for help: random keys alone rarely reach the form (panels catch them first)
            self.wait = rng.uniform(0.5, 2.0)
            return
        key = rng.choice(KEYS)
        send(key)
        # Mostly short gaps; now and then the visitor leaves for longer than the idle timeout.
        long_gap = rng.random() < 0.08
        self.wait = s.settings.idle_timeout_s + rng.uniform(2, 10) if long_gap else rng.uniform(0.3, 6.0)

    def write_stats(self) -> None:
        now, rss = time.monotonic(), rss_bytes()
        self.rss_samples.append((round(now - self.started, 1), round(rss / 1e6, 1)))
        doc = {"pid": os.getpid(), "started": self.started, "updated": now, "rss_start": self.rss_start,
               "rss_now": rss, "rss_samples": self.rss_samples, "actions": self.actions, **self.session.stats}
        tmp = self.stats_path.with_suffix(".tmp")
        tmp.write_text(json.dumps(doc), encoding="utf-8")
        tmp.replace(self.stats_path)


def run_child(ns: argparse.Namespace) -> int:
    from panda3d.core import ClockObject

    from game.app import App
    from game.config import config_from_args
    from game.features import open_kiosk
    from game.kiosk import settings as kiosk_settings

    settings = kiosk_settings.load(ns.kiosk_settings)
    args = ["--kiosk", "--size", ns.size, "--quality", "low"] + ([] if ns.onscreen else ["--offscreen"])
    app = App(config_from_args(args))
    app.load_world()
    clock = app.base.clock
    clock.setMode(ClockObject.MLimited)
    clock.setFrameRate(CHILD_FPS)
    session = open_kiosk(app, settings, narrate=False).session
    ns.stats_dir.mkdir(parents=True, exist_ok=True)
    visitor = RandomVisitor(session, random.Random(os.getpid()), ns.stats_dir / f"{os.getpid()}.json", ns.warmup)

    def stop(*_: Any) -> None:
        visitor.write_stats()
        raise SystemExit(0)

    signal.signal(signal.SIGTERM, stop)
    try:
        app.base.run()
    except SystemExit:
        pass
    finally:
        visitor.write_stats()
    return 0


# -- parent: watchdog, alerts, kills, figures ------------------------------------------------------------------
def _write_settings(out: Path, idle_s: float) -> Path:
    path = out / "kiosk.toml"
    path.write_text(f'site_name = "Soak"\nlocation = [37.5720, 126.9769]\ndrop_folder = "drop"\ndata_dir = "data"\n'
                    f"idle_timeout_s = {idle_s}\nattract_stop_s = 6\n", encoding="utf-8")
    (out / "drop").mkdir(parents=True, exist_ok=True)
    return path


def _drop_alert(folder: Path, n: int, rng: random.Random) -> None:
    from game.alerts.samples import KINDS, sample_alert

    folder.mkdir(parents=True, exist_ok=True)
    xml = sample_alert(f"SOAK-{os.getpid()}-{n}", rng.choice(sorted(KINDS)), (37.5720, 126.9769),
                       clock.now(), minutes=rng.uniform(0.5, 3.0))
    tmp = folder / f".soak-{n}.tmp"
    tmp.write_bytes(xml)
    tmp.replace(folder / f"soak-{n}.xml")


def _read_json(path: Path) -> dict:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def _kill_and_time(logs: Path, timeout: float = 120.0) -> dict[str, float | None]:
    """SIGKILL the app; seconds until the watchdog started a new one, and until the new one's first beat."""
    state = _read_json(logs / "watchdog.json")
    pid = state.get("child_pid")
    if not pid:
        return {"respawn_s": None, "first_beat_s": None}
    t0 = time.monotonic()
    os.kill(pid, signal.SIGKILL)
    respawn = beat = None
    while time.monotonic() - t0 < timeout and beat is None:
        now = time.monotonic() - t0
        new_pid = _read_json(logs / "watchdog.json").get("child_pid")
        if respawn is None and new_pid and new_pid != pid:
            respawn = now
        b = heartbeat.read(logs / "heartbeat.json")
        if respawn is not None and b is not None and b.pid == new_pid:
            beat = now
        time.sleep(0.05)
    return {"respawn_s": None if respawn is None else round(respawn, 2),
            "first_beat_s": None if beat is None else round(beat, 2)}


def run_parent(ns: argparse.Namespace) -> int:
    out = (ns.out or Path("out") / "soak" / time.strftime("%Y%m%d-%H%M%S")).resolve()  # real time: names the run
    out.mkdir(parents=True, exist_ok=True)
    logs, stats_dir = out / "logs", out / "stats"
    settings = _write_settings(out, ns.idle_timeout)
    child = [sys.executable, "-m", "game.tools.soak", "--child", "--kiosk-settings", str(settings), "--stats-dir",
             str(stats_dir), "--size", ns.size, "--warmup", str(ns.warmup)] + (["--onscreen"] if ns.onscreen else [])
    dog = subprocess.Popen([sys.executable, "-m", "game.kiosk.watchdog", "--log-dir", str(logs), "--stall",
                            str(ns.stall), "--"] + child, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    rng = random.Random(ns.seed)
    duration = ns.minutes * 60.0
    kill_at = [duration * (1 - ns.kill_fraction) + i * duration * ns.kill_fraction / max(ns.kills, 1)
               for i in range(ns.kills)]
    t0 = time.monotonic()
    next_alert = rng.uniform(20, 40)
    dropped = {"drop_folder": 0, "hub_dropbox": 0}
    kills = []
    n = 0
    hub_dropbox = out / "data" / "embedded-city" / "hub" / "dropbox"
    try:
        while (elapsed := time.monotonic() - t0) < duration:
            if dog.poll() is not None:
                break
            if elapsed >= next_alert:
                n += 1
                via_hub = n % 2 == 0 and hub_dropbox.is_dir()
                _drop_alert(hub_dropbox if via_hub else out / "drop", n, rng)
                dropped["hub_dropbox" if via_hub else "drop_folder"] += 1
                next_alert = elapsed + rng.uniform(ns.alert_every * 0.5, ns.alert_every * 1.5)
            if kill_at and elapsed >= kill_at[0]:
                kill_at.pop(0)
                kills.append(_kill_and_time(logs))
            time.sleep(0.2)
    finally:
        dog.send_signal(signal.SIGTERM)
        try:
            dog.wait(30)
        except subprocess.TimeoutExpired:
            dog.kill()
    return _report(out, logs, stats_dir, dropped, kills, duration, ns.warmup)


def _report(out: Path, logs: Path, stats_dir: Path, dropped: dict, kills: list, duration: float,
            warmup: float) -> int:
    runs = [_read_json(p) for p in sorted(stats_dir.glob("*.json"))]
    runs = [r for r in runs if r]
    watchdog = _read_json(logs / "watchdog.json")
    longest = max(runs, key=lambda r: r["updated"] - r["started"], default={})
    growth = None
    if longest.get("rss_start"):
        growth = round((longest["rss_now"] - longest["rss_start"]) / longest["rss_start"] * 100, 2)
    total = {k: sum(r.get(k, 0) for r in runs) for k in ("frames", "alerts_received", "alerts_shown", "visits",
                                                          "wipes", "requests", "actions", "refused_exits")}
    unexpected = watchdog.get("crashes", 0) + watchdog.get("freezes", 0) - len(kills)
    steady_s = longest.get("updated", 0) - longest.get("started", 0) - warmup
    judged = growth is not None and steady_s >= MIN_STEADY_S
    report = {
        "minutes": round(duration / 60, 2),
        "runs": len(runs),
        "totals": total,
        "alerts_dropped": dropped,
        "rss_mb_start": round(longest.get("rss_start", 0) / 1e6, 1) if longest.get("rss_start") else None,
        "rss_mb_end": round(longest.get("rss_now", 0) / 1e6, 1) if longest else None,
        "rss_growth_percent": growth,
        "rss_growth_judged": judged,  # False: the steady part of the longest run was too short to judge
        "longest_run_minutes": round((longest.get("updated", 0) - longest.get("started", 0)) / 60, 2),
        "rss_mb_trend": _trend(longest.get("rss_samples", [])),
        "kills": kills,
        "watchdog": {k: watchdog.get(k) for k in ("starts", "crashes", "freezes", "last_restart_latency_s")},
        "unexpected_failures": unexpected,
    }
    (out / "soak.json").write_text(json.dumps(report, indent=2), encoding="utf-8")
    print(json.dumps(report, indent=2))
    ok = (unexpected == 0 and (not judged or growth < 5.0)
          and all(k["respawn_s"] is not None and k["respawn_s"] <= 5.0 for k in kills))
    print(f"soak {'passed' if ok else 'FAILED'}; report in {out / 'soak.json'}")
    return 0 if ok else 1


def _trend(samples: list) -> list:
    """RSS of the longest run at each fifth of it: warm-up growth levels off, a leak keeps climbing."""
    if len(samples) < 5:
        return samples
    return [samples[min(len(samples) - 1, round(i * (len(samples) - 1) / 5))] for i in range(6)]


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m game.kiosk.soak", description="kiosk soak run under the watchdog")
    p.add_argument("--minutes", type=float, default=5.0)
    p.add_argument("--kills", type=int, default=3, help="SIGKILLs of the app near the end (default 3)")
    p.add_argument("--kill-fraction", type=float, default=0.3, help="share of the run, at its end, with kills")
    p.add_argument("--alert-every", type=float, default=30.0, help="mean seconds between dropped alerts")
    p.add_argument("--idle-timeout", type=float, default=20.0, help="kiosk idle timeout during the soak")
    p.add_argument("--warmup", type=float, default=120.0,
                   help="seconds before the RSS baseline is taken: a full attract cycle and the first alerts fill "
                        "glyph caches and upload every landmark (default 120)")
    p.add_argument("--stall", type=float, default=4.0, help="watchdog --stall")
    p.add_argument("--size", default="640x360")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--onscreen", action="store_true", help="render to a window (kiosk hardware)")
    p.add_argument("--out", type=Path)
    p.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    p.add_argument("--kiosk-settings", type=Path, help=argparse.SUPPRESS)
    p.add_argument("--stats-dir", type=Path, help=argparse.SUPPRESS)
    ns = p.parse_args(argv)
    return run_child(ns) if ns.child else run_parent(ns)


if __name__ == "__main__":
    sys.exit(main())
