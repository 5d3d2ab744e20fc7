"""The one app-flow state machine. Pure: states and allowed transitions, with enter/exit hooks.

Scenes and panels register hooks for the states they own; nothing else switches modes, so there is one
place to read to know what the app can do next (and a test that walks every edge). Key handlers use
:meth:`Flow.request`, which declines and logs a move the flow does not allow (as Panda3D's FSM does) rather
than raising inside the input path; :meth:`Flow.go` raises, for code whose move can only be a bug.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field

log = logging.getLogger("mseoul.flow")
RESUMABLE = frozenset({"explore", "attract", "civic", "teleport", "info"})  # where an alert takeover returns to

TRANSITIONS: dict[str, frozenset[str]] = {
    "boot": frozenset({"loading", "quit"}),
    "loading": frozenset({"explore", "tour", "attract", "civic", "quit"}),
    "attract": frozenset({"explore", "alert", "quit"}),
    "explore": frozenset({"teleport", "info", "alert", "attract", "civic", "quit"}),
    "teleport": frozenset({"explore", "alert", "quit"}),
    "info": frozenset({"explore", "alert", "quit"}),
    "tour": frozenset({"quit"}),
    "alert": frozenset({"explore", "attract", "civic", "teleport", "info", "quit"}),
    # a civic room (mayor's office, 120 Center, reservations, exhibition): game.scenes.room_visit
    "civic": frozenset({"explore", "alert", "quit"}),
    "quit": frozenset(),
}


class FlowError(RuntimeError):
    """A transition the flow does not allow (a programming error, reported with both states)."""


Hook = Callable[[str, str], None]  # (from_state, to_state)


@dataclass
class Flow:
    state: str = "boot"
    _enter: dict[str, list[Hook]] = field(default_factory=dict)
    _exit: dict[str, list[Hook]] = field(default_factory=dict)
    _resume: str | None = None  # where an alert takeover returns to
    watchers: list[Hook] = field(default_factory=list)  # every transition, after the enter hooks (removable)

    def on_enter(self, state: str, hook: Hook) -> None:
        self._check_state(state)
        self._enter.setdefault(state, []).append(hook)

    def on_exit(self, state: str, hook: Hook) -> None:
        self._check_state(state)
        self._exit.setdefault(state, []).append(hook)

    def can(self, target: str) -> bool:
        return target in TRANSITIONS[self.state]

    def go(self, target: str) -> None:
        self._check_state(target)
        if not self.can(target):
            raise FlowError(f"cannot go from {self.state!r} to {target!r}")
        prev = self.state
        if target == "alert":
            self._resume = prev if prev in RESUMABLE else "explore"
        for hook in self._exit.get(prev, []):
            hook(prev, target)
        self.state = target
        for hook in self._enter.get(target, []):
            hook(prev, target)
        for watcher in list(self.watchers):
            watcher(prev, target)

    def request(self, target: str) -> bool:
        """Go to ``target`` if the flow allows it; otherwise decline, log why, and return False."""
        if target == self.state:
            return True
        if target not in TRANSITIONS or not self.can(target):
            log.info("declined: %r → %r", self.state, target)
            return False
        self.go(target)
        return True

    def resume_after_alert(self) -> None:
        """Leave an alert takeover to whatever the visitor was doing before it."""
        self.go(self._resume or "explore")

    @staticmethod
    def _check_state(state: str) -> None:
        if state not in TRANSITIONS:
            raise FlowError(f"unknown state {state!r}")
