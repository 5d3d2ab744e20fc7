"""The gate-guard changing ceremonies in the street: instanced guards in Joseon dress, the drum, the announcements.

Every ``ceremony`` event of the catalogue (``assets/events``: Gwanghwamun, Daehanmun) gets one instanced draw of
its figures at its gate (the life renderer's layer and shader, a walker in a robe and a felt hat with a spear).
Each frame the figures are placed from the hub's clock (the bell ceremony's estimate of it when there is one, else
the program's one clock) by :mod:`game.events.guard_plan`, so every visitor sees the same step at the same moment;
each drum beat of the occurrence plays the synthesized roll at the gate (an effect, through the visitor's sound
settings), with a labelled caption in the caption style. The teleport menu and the
info panel say when the next one is, on the gate's own line.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
from direct.showbase.Audio3DManager import Audio3DManager
from panda3d.core import NodePath, Point2, Point3

from game import access_settings, audio_mix, caption_style, captions, tasks
from game.architecture.mesh import Mesh, box, merge, srgb_to_linear
from game.architecture.primitives import lathe
from game.events import bell, drum_synth, guard_plan
from game.life import bodies
from game.life.render import TEXELS, InstanceLayer
from game.render.shaders import load_glsl
from net import clock, events
from ui import audio
from ui.caption_line import CaptionLine

DRUM_LATE_S = 1.0  # a drum beat is played only this soon after it was due (an arrival mid-ceremony hears the next)
CAPTION_S = 3.0
# Robe (top) and trousers (bottom) per side and role: primary colours, as the ceremony's descriptions say
COSTUMES = {
    ("relief", "captain"): ("#b3202a", "#1c2a5a"), ("watch", "captain"): ("#b3202a", "#1c2a5a"),
    ("relief", "banner"): ("#e0b422", "#1c2a5a"), ("relief", "drummer"): ("#e0b422", "#b3202a"),
    ("relief", "guard"): ("#2348a8", "#e9e4d6"), ("watch", "guard"): ("#1f6a4a", "#e9e4d6"),
}


def _tag(mesh: Mesh, slot: int) -> Mesh:
    mesh.uvs = np.tile(np.float32([slot, bodies.RIGID]), (len(mesh.positions), 1))
    mesh.colors = np.ones((len(mesh.positions), 4), np.float32)
    return mesh


def guard_mesh() -> Mesh:
    """A walker in a knee-long robe (철릭) and a wide-brimmed black felt hat (전립), with a spear."""
    robe = lathe([0.34, 0.28, 0.22], [0.0, 0.3, 0.56], (0.0, 0.0, 0.36), (1, 1, 1, 1), 10)
    robe.positions[:, 1] *= 0.75
    brim = lathe([0.26, 0.26, 0.0], [0.0, 0.02, 0.02], (0.0, -0.015, 1.62), (1, 1, 1, 1), 12)
    crown = lathe([0.12, 0.11, 0.07, 0.0], [0.0, 0.1, 0.16, 0.18], (0.0, -0.015, 1.62), (1, 1, 1, 1), 10)
    spear = box((0.04, 0.04, 2.6), (0.33, 0.12, 0.0))
    tip = box((0.07, 0.02, 0.22), (0.33, 0.12, 2.6))
    return merge([bodies.walker(), _tag(robe, bodies.TOP), _tag(brim, bodies.HAIR), _tag(crown, bodies.HAIR),
                  _tag(spear, bodies.TYRE), _tag(tip, bodies.ACCENT)])


class _Gate:
    """One ceremony at its gate: the plan, the frame, the instanced layer, the drum's anchor."""

    def __init__(self, world: NodePath, spec: events.EventSpec, landmark, mesh: Mesh, shader) -> None:
        self.spec, self.landmark = spec, landmark
        self.frame = guard_plan.GateFrame(*landmark.local, landmark.heading, landmark.footprint[1])
        self.figures = guard_plan.plan()
        self.layer = InstanceLayer(world, f"guards-{spec.id}", mesh, len(self.figures), shader)
        self.anchor = world.attachNewNode(f"drum-{spec.id}")
        self.anchor.setPos(*self.frame.to_world(0.0, guard_plan.STAGE_V), 1.0)
        self.colours = np.array([[(*srgb_to_linear(COSTUMES[f.side, f.role][0]),),
                                  (*srgb_to_linear(COSTUMES[f.side, f.role][1]),)] for f in self.figures], np.float32)
        self.drums_played = 0
        self.occ_start: float | None = None
        self.shown = np.zeros((0, 6))

    def place(self, now: float) -> None:
        occ = self.spec.occurrence(now)
        t = now - occ.start
        self.shown = guard_plan.poses(self.figures, self.frame, t) if 0 <= t < occ.end - occ.start \
            else np.zeros((0, 6))
        data = np.zeros((len(self.shown), TEXELS, 4), np.float32)
        idx = self.shown[:, 5].astype(int)
        data[:, 0, 0:2] = self.shown[:, 0:2]
        data[:, 0, 2] = 0.1
        data[:, 0, 3] = self.shown[:, 2]
        data[:, 1, 0] = self.shown[:, 3]
        data[:, 1, 1] = self.shown[:, 4]
        data[:, 1, 2] = 1.0
        data[:, 2, 0:3] = self.colours[idx, 0]
        data[:, 2, 3] = 0.5
        data[:, 3, 0:3] = self.colours[idx, 1]
        self.layer.write(data)

    def due_drum(self, now: float) -> int | None:
        """The drum beat (1-based) to play now, at most once each, only while fresh."""
        occ = self.spec.occurrence(now)
        if occ.start != self.occ_start:
            self.occ_start, self.drums_played = occ.start, occ.beats_done(now - DRUM_LATE_S)
        done = occ.beats_done(now)
        if done > self.drums_played:
            self.drums_played = done
            return done
        return None


class GuardCeremonies:
    """Install with the street; ``hub_now`` is the clock every visitor shares (default: the one program clock)."""

    def __init__(self, app, hub_now: Callable[[], float] | None = None) -> None:
        self.app = app
        self.hub_now = hub_now or clock.timestamp
        base = app.base
        mesh, shader = guard_mesh(), load_glsl("life")
        self.gates = [_Gate(app.world, spec, app.landmarks[spec.place], mesh, shader)
                      for spec in events.load_all().values() if spec.kind == "ceremony" and spec.place in app.landmarks]
        settings = access_settings.load(app.language.config_dir)  # the visitor's, as the voices and alerts use
        self.caption = CaptionLine(base, app.font, caption_style.from_settings(settings), bottom=0.3, top=0.38)
        self._caption_until = float("-inf")
        self.audio3d = Audio3DManager(base.sfxManagerList[0], base.camera, base.render) if base.sfxManagerList else None
        self.mix = audio_mix.from_settings(settings)  # the drum is an effect, in mono if asked
        self._sound_path: Path | None = None
        self._sounds: list[Any] = []
        self.drums: list[dict[str, Any]] = []
        self._task = base.taskMgr.add(self._update, "guard-ceremonies", sort=tasks.WORLD)
        self.update()

    def _update(self, task):
        self.update()
        return task.cont

    def update(self) -> None:
        now = self.hub_now()
        for gate in self.gates:
            gate.place(now)
            beat = gate.due_drum(now)
            if beat is not None:
                self._drum(gate, beat, now)
        if clock.timestamp() > self._caption_until:
            self.caption.hide()

    def _drum(self, gate: _Gate, beat: int, now: float) -> None:
        path = self._drum_wav()
        sound = audio.play(self.app.base.loader, path, "effects", self.mix, path.parent, audio3d=self.audio3d,
                           at=gate.anchor)
        if sound is not None:
            self._sounds = [s for s in self._sounds if s.status() == s.PLAYING] + [sound]
        self.drums.append({"event": gate.spec.id, "beat": beat, "hub_time": round(now, 3),
                           "volume": self.mix.volume("effects"),
                           "spatial": self.audio3d is not None and not self.mix.mono})
        self.caption.show(captions.both_of("drum", "events.drum"))
        self._caption_until = clock.timestamp() + CAPTION_S

    def _drum_wav(self) -> Path:
        """The synthesized roll, written once per cache directory (the sound is deterministic)."""
        if self._sound_path is None:
            self._sound_path = bell.cached_wav(self.app.config.cache_dir, "guard-drum", drum_synth.roll,
                                               drum_synth.RATE)
        return self._sound_path

    # -- announcements ------------------------------------------------------------------------------------------

    def menu_label(self, lang: str, place: str) -> str | None:
        """A gate's line in the teleport menu (``광화문 — 다음 교대식 14:00``), or None for other landmarks."""
        for gate in self.gates:
            if gate.spec.place == place:
                return guard_plan.menu_label(gate.spec, self.hub_now(), lang, gate.landmark.name(lang))
        return None

    def info_note(self, lang: str, place: str) -> str | None:
        """The info panel's line for a gate with a ceremony, else None."""
        for gate in self.gates:
            if gate.spec.place == place:
                return guard_plan.info_note(gate.spec, self.hub_now(), lang)
        return None

    # -- out ----------------------------------------------------------------------------------------------------

    def report(self) -> dict[str, Any]:
        """For ``--screenshot``'s JSON: per ceremony the figures shown and where their chests are on screen."""
        gates = {g.spec.id: {"figures": len(g.shown), "screen_px": self._on_screen(g)} for g in self.gates}
        return {"drums": self.drums, "gates": gates,
                "caption": self.caption.get_text() if self.caption.shown else None}

    def _on_screen(self, gate: _Gate) -> list[list[int]]:
        base = self.app.base
        w, h = base.win.getXSize(), base.win.getYSize()
        out = []
        for x, y, *_ in gate.shown:
            film = Point2()
            if base.camLens.project(base.cam.getRelativePoint(self.app.world, Point3(x, y, 1.2)), film):
                out.append([round((film.x + 1) / 2 * w), round((1 - film.y) / 2 * h)])
        return out

    def release(self) -> None:
        self.app.base.taskMgr.remove(self._task)
        for sound in self._sounds:
            sound.stop()
        if self.audio3d is not None:
            self.audio3d.disable()
        self.caption.destroy()
        for gate in self.gates:
            gate.layer.node.removeNode()
            gate.anchor.removeNode()
