"""What a space adds to a civic visit (:class:`game.scenes.room_visit.CivicVisit`): the people in the room and their
chat (:class:`game.scenes.room_presence.RoomPresence`, when the city offers presence), raised hands and signed
captions in the lecture hall, the rooms' scheduled events, Seoul Learn's whiteboards drawn on with the mouse
or the keys and shared with the room, and Invest Seoul's document screen, whose page is the room's.

Without presence (no client directory, or a hub without it) the room still works alone: the whiteboard pen
draws for this visitor only and the chat and hand rows are not offered.
"""

from __future__ import annotations

from pathlib import Path

from direct.task import Task

from game import tasks
from game.presence.wiring import has_presence
from game.scenes.room_presence import RoomPresence
from game.spaces import schedule
from game.spaces.shared_screen import SharedScreen
from game.spaces.whiteboard import INKS, SharedBoards
from game.text import i18n
from net import clock, events
from net.presence.client import PresenceEvent
from ui.civic.panel import Item

SIGNING_FRAME = (1.05, 1.72, 0.32, 0.82)  # left, right, bottom, top in aspect2d: the upper right on 16:9
#: Rooms whose gathering takes raised hands, listed on a wall (the scene's ``show_hands``), and the panel's words
#: when none is on and when a visitor's key tries to give the floor: the lecture hall's, and demo day's.
HAND_ROOMS = {"citizens-university": ("spaces.no_lecture_now", "spaces.lecturer_only"),
              "fintech-lab": ("spaces.no_demo_now", "spaces.host_only")}


class SpaceExtras:
    """One space's additions for one visit; ``release`` with the visit."""

    def __init__(self, visit, client_dir: Path | None, street=None) -> None:
        """``visit``: the CivicVisit being opened (its app and scene; its panel comes after the rows below).
        ``street``: the street's presence (:class:`game.presence.wiring.Social`), lent to the room while it lasts."""
        self.visit = visit
        self.presence: RoomPresence | None = None
        self.boards: SharedBoards | None = None
        self.screen: SharedScreen | None = None
        self.pen = None  # ui.spaces.board_pen.BoardPen in Seoul Learn
        self.signing = None  # the signing panel signing the lecture's captions
        self._own_signing = False
        self._signed = False  # the panel is showing a slide's signs
        self.schedule: list[dict] | None = None  # the room's events as the hub lists them (None: not yet)
        self._schedule_failed = False
        self.lecturer = False  # a staff key: the lecturer (the host on demo day), who gives the next hand the floor
        if visit.scene_id in schedule.ROOM_EVENTS:
            visit.desk.events(self._listed)
        if street is not None or (client_dir is not None and has_presence(client_dir)):
            self.presence = RoomPresence(visit.app, visit.scene, visit.scene_id, client_dir, on_events=self._events,
                                         seated=lambda: schedule.seated(visit.scene_id, self._now()), lender=street)
            if visit.scene_id == "seoul-learn":
                self.boards = SharedBoards(visit.scene, self.presence.client)
            if visit.scene_id == "invest-seoul":
                self.screen = SharedScreen(visit.scene, self.presence.client, shown=lambda: visit.panel.refresh())
            if visit.scene_id in HAND_ROOMS:
                visit.app.base.taskMgr.add(self._hands, "lecture-hands", sort=tasks.UI)
                visit.desk.whoami(self._role)

    def open_signing(self, panel=None) -> None:
        """The lecture hall's signing: ``panel`` (the app's one signing panel, :class:`ui.signing.panel.SigningPanel`
        of the access aids) signs each slide's glosses as its caption comes up; without one the hall makes its
        own, at the screen's upper right, where it covers neither the slide nor the panel."""
        from ui.signing.panel import SigningPanel

        app = self.visit.app
        self._own_signing = panel is None
        self.signing = panel or SigningPanel(app.base.win, app.base.aspect2d, frame=SIGNING_FRAME, font=app.font,
                                             lang=app.language.value)
        if self._own_signing:
            self.signing.set_visible(False)
            self._unsubscribe_signing = app.language.subscribe(self.signing.set_language)
        self.visit.scene.watchers.append(self._sign_slide)
        app.base.taskMgr.add(self._signing_step, "lecture-signing", sort=tasks.UI)

    def _sign_slide(self, index: int) -> None:
        glosses = self.visit.scene.data.lecture.slides[index].signs
        if glosses:
            self._signed = True
            self.signing.set_visible(True)
            self.signing.play(list(glosses))

    def _signing_step(self, task):
        """The panel signs on the frame's clock; it goes once the lecture and its last sign are over."""
        self.signing.update(self.visit.app.base.clock.getDt())
        if self._signed and self.visit.scene.player is None and not self.signing.playing:
            self._signed = False
            self.signing.set_visible(False)
        return Task.cont

    def _now(self) -> float:
        """The app's one clock: its pinned instant, or the time now."""
        when = self.visit.app.config.when
        return when.timestamp() if when is not None else clock.timestamp()

    def _listed(self, outcome) -> None:
        if self.visit.closed:
            return
        self.schedule = schedule.room_events(outcome.result["events"], self.visit.scene_id) if outcome.ok else []
        self._schedule_failed = not outcome.ok
        self.visit.panel.refresh()

    def _schedule_label(self, lang: str) -> str:
        if not self.schedule:
            key = "schedule_loading" if self.schedule is None else "schedule_failed" if self._schedule_failed \
                else "schedule_none"
            return i18n.text(f"spaces.{key}", lang)
        return i18n.text("spaces.schedule", lang, event=schedule.line(self.schedule[0], lang))

    def items(self) -> list[Item]:
        """The rows the space's panel adds: the room's next event; chat and, in the lecture hall and the Fintech
        Lab, raising a hand and the next question (with presence)."""
        rows = []
        if self.visit.scene_id in schedule.ROOM_EVENTS:
            rows.append(Item(self._schedule_label, action=self._describe))
        if self.presence is None:
            return rows
        rows.append(Item(lambda lg: i18n.text("spaces.chat", lg), action=self.presence.chat))
        if self.visit.scene_id in HAND_ROOMS:
            task = self.presence.task
            rows.append(Item(lambda lg: i18n.text("spaces.lower_hand" if task.hand_raised else "spaces.raise_hand",
                                                  lg), action=self.toggle_hand))
            rows.append(Item(self._next_label, action=self.take_next))
        return rows

    def _role(self, outcome) -> None:
        if not self.visit.closed and outcome.ok:
            self.lecturer = outcome.result["role"] == "staff"
            self.visit.panel.refresh()

    def _next_label(self, lang: str) -> str:
        """Who asks next, for everyone; the lecturer's row also says Enter gives them the floor."""
        names = self.visit.scene.hand_names
        if not names:
            return i18n.text("spaces.next_question_none", lang)
        return i18n.text("spaces.next_question_lecturer" if self.lecturer else "spaces.next_question", lang,
                         name=names[0])

    def take_next(self) -> None:
        """The lecturer takes the first raised hand: the hub gives that visitor the floor and takes the hand
        down, so the wall's list moves up."""
        lang, task = self.visit.app.language.value, self.presence.task
        hands = (task.gathering or {}).get("hands", ())
        if not self.lecturer:
            self.visit.panel.show(i18n.text(HAND_ROOMS[self.visit.scene_id][1], lang))
        elif not hands:
            self.visit.panel.show(i18n.text("spaces.next_question_none", lang))
        else:
            self.presence.client.give_floor(int(hands[0]))
            self.visit.panel.show(i18n.text("spaces.floor_given", lang, name=self.visit.scene.hand_names[0]))

    def _describe(self) -> None:
        """Enter on the schedule row: the event's description (which says it is a sample)."""
        if self.schedule:
            event, lang = self.schedule[0], self.visit.app.language.value
            spec = events.load_all()[event["event"]]
            self.visit.panel.show(f"{schedule.line(event, lang)}\n{spec.description[lang]}")

    def toggle_hand(self) -> None:
        """Raise or lower a hand in the lecture or demo day on now (the hub keeps the order they are taken in)."""
        task = self.presence.task
        if task.gathering is None and not task.hand_raised:
            self.visit.panel.show(i18n.text(HAND_ROOMS[self.visit.scene_id][0], self.visit.app.language.value))
            return
        task.toggle_hand()
        self.visit.panel.show(i18n.text("social.hand_raised" if task.hand_raised else "social.hand_lowered",
                                        self.visit.app.language.value))

    def open_pen(self) -> None:
        """Seoul Learn's boards take the mouse and the keys (once the panel is open: it hears the pen's words)."""
        from ui.spaces.board_pen import BoardPen

        visit, app = self.visit, self.visit.app
        scene = visit.scene
        draw = self.boards.draw if self.boards is not None else lambda k, pts, c: scene.draw(k, pts, INKS[c])
        self.pen = BoardPen(app.base, scene, draw, app.keys, lambda: app.language.value,
                            lambda text: visit.panel.show(text), under=lambda: visit.panel, screens=self._screens)

    def wipe(self) -> None:
        """The clear button: the board the pen is on (the last drawn on, or chosen with 1–3), for the room too."""
        board = self.pen.board
        if self.boards is not None:
            self.boards.wipe(board)
        else:
            self.visit.scene.clear(board)
        self.visit.panel.show(i18n.text("spaces.board_wiped", self.visit.app.language.value, n=board + 1))

    def _screens(self) -> list:
        """What is drawn over the room and takes the pointer: the panel, and the chat when there is one."""
        frames = [self.visit.panel.frame]
        if self.presence is not None:
            frames.append(self.presence.task.panel.frame)
        return frames

    def _events(self, happened: list[PresenceEvent]) -> None:
        if self.boards is not None:
            self.boards.handle(happened)
        if self.screen is not None:
            self.screen.handle(happened)

    def _hands(self, task):
        """The room's wall list of raised hands, in the hub's order; redrawn when it changes, which
        includes a name arriving after the hand (the profile comes a moment later)."""
        presence, lang = self.presence.task, self.visit.app.language.value
        me = self.presence.client.avatar_id
        hands = [i18n.text("social.you", lang) if a == me else presence.name_of(a)
                 for a in (presence.gathering or {}).get("hands", ())]
        if hands != self.visit.scene.hand_names:
            self.visit.scene.show_hands(hands)
            self.visit.panel.refresh()  # the "next question" row names the first
        return Task.cont

    def release(self) -> None:
        if self.pen is not None:
            self.pen.release()
        if self.signing is not None:
            self.visit.app.base.taskMgr.remove("lecture-signing")
            if self._own_signing:
                self._unsubscribe_signing()
                self.signing.destroy()
            elif self._signed:
                self.signing.set_visible(False)
        if self.screen is not None:
            self.screen.release()
        if self.presence is not None:
            self.visit.app.base.taskMgr.remove("lecture-hands")
            self.presence.release()
