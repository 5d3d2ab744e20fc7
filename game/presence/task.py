"""Presence in the running app: one task at ``game.tasks.NET_POLL`` that sends our pose, hears the others,
draws them, and runs the chat panel and the safety keys.

The lead starts it from explore mode with the app's ``CityLink`` and a function that gives our pose::

    client = PresenceClient.from_directory(client_dir, link)
    social = PresenceTask(app.base, app.world, client, pose=lambda: walker_state(explore.walker),
                          lang=app.config.language, font=app.font, link_events=link.poll,
                          on_link_events=alerts_path, keys=app.keys)
    social.start("district", name="", look=Look(), anonymous=kiosk)
    ...
    social.release()

``link_events`` is how the task reads the link (it keeps the replies to its own requests and hands every other
event to ``on_link_events``); pass None when something else polls the link and forwards events to
``client.feed``. Nothing here waits: every socket read is non-blocking and bounded per frame.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable

from panda3d.core import NodePath

from game import tasks
from game.caption_style import DEFAULT as DEFAULT_CAPTIONS
from game.caption_style import CaptionStyle
from game.input.stack import WORLD, ModalStack, Press, dispatch
from game.social.avatar_mesh import Look
from game.social.blocklist import blocked_name
from game.social.gathering import Stage, live_stage
from game.social.rules import NAME_DISTANCE, ChatLog, Line, Safety, check_chat, display_name, fade_alpha
from game.social.voice import ChatVoice
from game.text import i18n
from net import clock
from net.client.link import LinkEvent
from net.presence.client import (
    AvatarGone,
    Blocked,
    BlockList,
    ChatMessage,
    GatheringChanged,
    Joined,
    MessageHidden,
    PresenceClient,
    PresenceEvent,
    Refused,
    Removed,
)
from net.presence.codec import AvatarState
from ui.avatars.crowd import Crowd
from ui.avatars.node import AvatarNode
from ui.avatars.tags import cap_name_tags
from ui.social.blocks import BlockListPanel
from ui.social.chat import ChatPanel
from ui.social.stage import GatheringStage

REPORT_REASON = "harassment"  # the one-key report; the civic panel can offer the full list


def walker_state(walker, flags: int = 0) -> AvatarState:
    """Our avatar from explore mode's ``Walker`` (standing on the ground)."""
    return AvatarState(walker.x, walker.y, 0.0, walker.heading, flags)


class PresenceTask:
    def __init__(self, base, world: NodePath, client: PresenceClient, pose: Callable[[], AvatarState], *,
                 lang: str, font=None, vr: bool = False, link_events: Callable[[], list[LinkEvent]] | None = None,
                 on_link_events: Callable[[list[LinkEvent]], None] = lambda events: None,
                 on_typing: Callable[[bool], None] = lambda typing: None,
                 voice: ChatVoice | None = None, screen_keyboard: bool = False, keys: ModalStack | None = None,
                 clock: Callable[[], float] = time.monotonic, wall: Callable[[], float] = clock.timestamp,
                 on_events: Callable[[list[PresenceEvent]], None] = lambda events: None,
                 caption_style: CaptionStyle = DEFAULT_CAPTIONS) -> None:
        """``wall`` is the epoch clock a gathering's scheduled minutes are compared with (``clock`` is monotonic,
        for chat bubbles and interpolation). ``keys``: the app's input stack, where the social keys sit just above
        the street and the open chat line and blocked list above everything but alerts. ``on_events`` hears
        each frame's presence events after the task (a room's whiteboard strokes, its gathering).
        ``caption_style``: the visitor's, for the chat log (the caption of chat read aloud)."""
        self.keys = keys
        self.base, self.world, self.client, self.pose = base, world, client, pose
        self.lang, self.font, self.clock, self.wall = lang, font, clock, wall
        self.link_events, self.on_link_events, self.voice = link_events, on_link_events, voice
        self.safety = Safety.default(vr)
        self.log = ChatLog()
        self.nodes: dict[int, AvatarNode] = {}
        self.crowd: Crowd | None = None  # made with the first visitor, under the world
        self.names: dict[int, str] = {}
        self.hand_raised = False
        self.gathering: dict | None = None  # the hub's latest state of this scene's gathering
        self.stage: GatheringStage | None = None
        self.on_typing, self.on_events = on_typing, on_events
        self.panel = ChatPanel(base, font, lang, self._send, self._typing, screen_keyboard, keys=keys,
                               style=caption_style)
        self.blocks = BlockListPanel(base, font, lang, self.unblock, self._typing, keys=keys)
        self.task = None

    def start(self, scene: str, *, name: str = "", look: Look | None = None, anonymous: bool = False) -> None:
        """Join ``scene`` and start the per-frame task and the keys (Enter chat; Shift+B block, U the blocked list,
        M mute, Shift+R report, P personal space, G raise hand). Block and report take Shift so a stray key never
        files one; unblocking is a deliberate choice in the list."""
        self.client.join(scene, name=name, look=(look or Look()).wire(), anonymous=anonymous)
        self.task = self.base.taskMgr.add(self._update, "presence", sort=tasks.NET_POLL)
        self.bind()

    modal = False
    text_focus = False

    def bind(self) -> None:
        """Join the input stack just above the street (a menu, a panel or an alert above it takes the keys)."""
        if self.keys is not None:
            self.keys.push(self, WORLD)

    def on_key(self, press: Press) -> bool:
        actions = {"chat": self.panel.start, "block": self.block_nearest, "blocked-list": self.open_blocks,
                   "mute": self.mute_nearest, "report": self.report_nearest, "bubble": self.toggle_bubble,
                   "hand": self.toggle_hand}
        if self.voice is not None:
            actions["voice"] = self.toggle_voice
        return dispatch(press, actions)

    def on_text(self, ch: str) -> bool:
        return False

    def suspend(self) -> None:
        """Close the chat line and the blocked list (the visitor left the street)."""
        self.panel.stop()
        self.blocks.stop()

    def _typing(self, typing: bool) -> None:
        self.on_typing(typing)

    def set_language(self, lang: str) -> None:
        self.lang = lang
        self.panel.set_language(lang)
        self.blocks.set_language(lang)
        self.names.clear()
        self.panel.show_lines(self.log.render(lang))

    # -- per frame --------------------------------------------------------------------------------------------

    def _update(self, task):
        if self.link_events is not None:
            rest = self.client.feed(self.link_events())
            if rest:
                self.on_link_events(rest)
        me = self.pose()
        self.client.set_state(me)
        events = self.client.poll()
        for event in events:
            self._event(event)
        if events:
            self.on_events(events)
        if self.voice is not None:
            self.voice.update()
        now = self.clock()
        visible = self.client.visible(now)
        for avatar_id in set(self.nodes) - set(visible):
            self.nodes.pop(avatar_id).destroy()
        stage = live_stage(self.gathering, self.wall())
        self._show_stage(stage)
        hands = stage.hands if stage is not None else frozenset()
        for avatar_id, (profile, state) in visible.items():
            node = self.nodes.get(avatar_id)
            if node is None:
                if self.crowd is None:
                    self.crowd = Crowd(self.world)
                node = self.nodes[avatar_id] = AvatarNode(self.world, profile.look, self._name(avatar_id), self.font,
                                                          self.crowd)
            node.apply(state)
            distance = math.hypot(state.x - me.x, state.y - me.y)
            alpha = fade_alpha(distance, self.safety)
            node.set_alpha(alpha)
            # Faded out inside the personal-space bubble: their tag and chat bubble go too, or they would hang
            # huge in the visitor's face (in VR a tag 0.4 m away covers a third of the view).
            node.set_label(self._name(avatar_id), distance <= NAME_DISTANCE and alpha > 0)
            node.set_bubble(self.log.bubble(avatar_id, now) if alpha > 0 else None)
            node.set_hand(avatar_id in hands)
        cap_name_tags(self.nodes.values(), (me.x, me.y))
        if self.crowd is not None:
            eye = self.base.camera.getPos(self.world)
            self.crowd.flush((eye.x, eye.y))
        return task.cont

    def _show_stage(self, stage: Stage | None) -> None:
        """The podium and sign of the gathering that is on now; gone when it ends or another replaces it."""
        if self.stage is not None and (stage is None or stage.gathering_id != self.stage.gathering_id):
            self.stage.destroy()
            self.stage = None
        if stage is None:
            return
        if self.stage is None:
            self.stage = GatheringStage(self.world, stage, self.font)
        speaker = ""
        if stage.speaker:
            mine = stage.speaker == self.client.avatar_id
            speaker = i18n.text("social.you", self.lang) if mine else self._name(stage.speaker)
        self.stage.update(stage, speaker)

    def name_of(self, avatar_id: int) -> str:
        """How ``avatar_id`` is called here: their name tag's words (a lecture's raised hands list them too)."""
        return self._name(avatar_id)

    def _name(self, avatar_id: int) -> str:
        name = self.names.get(avatar_id)
        if name is None:
            remote = self.client.remotes.get(avatar_id)
            if remote is None or remote.profile is None:
                return i18n.text("social.visitor", self.lang, n=avatar_id)
            p = remote.profile
            name = self.names[avatar_id] = display_name(p.name, avatar_id, p.staff, self.lang)
        return name

    def _event(self, event: PresenceEvent) -> None:
        if isinstance(event, ChatMessage):
            name = i18n.text("social.you", self.lang) if event.mine else self._name(event.avatar_id)
            self.log.add(Line(event.message_id, event.avatar_id, name, event.text, event.scope, event.mine,
                              self.clock()))
            if self.voice is not None and not event.mine:
                self.voice.speak(i18n.text("social.says", self.lang, name=name, text=event.text), self.lang)
        elif isinstance(event, MessageHidden):
            self.log.hide(event.message_id)
        elif isinstance(event, AvatarGone):
            self.names.pop(event.avatar_id, None)
            if event.avatar_id in self.client.hidden:
                self.log.drop_author(event.avatar_id)
        elif isinstance(event, BlockList):
            self.blocks.load(event.blocks)
        elif isinstance(event, Refused):
            self.panel.set_status(self._refusal(event))
            if event.op == "presence.unblock" and self.blocks.open:
                self.client.list_blocks()  # the list was out of date (lifted elsewhere): show the hub's
            elif event.op == "presence.blocks":
                self.blocks.stop()  # e.g. a hub before revision 3: say so rather than load forever
        elif isinstance(event, Removed):
            minutes = max(1, round((event.until - self.wall()) / 60))
            self.panel.set_status(i18n.text("social.removed", self.lang, minutes=minutes))
        elif isinstance(event, GatheringChanged | Joined):
            self._gathering(event.state if isinstance(event, GatheringChanged) else event.gathering)
        self.panel.show_lines(self.log.render(self.lang))

    def _refusal(self, event: Refused) -> str:
        if event.reason == "profanity":
            return i18n.text("social.chat_profanity", self.lang)
        if event.code == "rate_limited":
            return i18n.text("social.chat_rate_limited", self.lang)
        if event.op == "chat.send" and event.code == "forbidden":
            return i18n.text("social.chat_not_allowed", self.lang)
        if event.op == "presence.unblock":
            return i18n.text("social.unblock_failed", self.lang)
        if event.op == "presence.blocks":
            return i18n.text("social.blocks_unavailable", self.lang)
        if event.op == "presence.join":
            return i18n.text("social.join_refused", self.lang)
        return i18n.text("net.request_failed", self.lang, reason=event.code)

    def _gathering(self, state: dict | None) -> None:
        self.gathering = state
        if not state:
            return
        title = state["title_ko" if self.lang == "ko" else "title_en"]
        text = i18n.text("social.gathering", self.lang, title=title, hands=len(state.get("hands", ())))
        if state.get("speaker"):
            text += " · " + i18n.text("social.gathering_speaker", self.lang, name=self._name(int(state["speaker"])))
        self.panel.set_status(text)

    # -- actions ----------------------------------------------------------------------------------------------

    def _send(self, text: str, scope: str) -> None:
        problem = check_chat(text)
        if problem is not None:
            self.panel.set_status(i18n.text(problem, self.lang))
            return
        self.panel.set_status("")
        self.client.say(text, scope)

    def nearest(self) -> int | None:
        """The closest visible visitor within name-tag distance: whom the one-key safety actions act on."""
        me = self.pose()
        best = None
        for avatar_id, (_, state) in self.client.visible().items():
            d = math.hypot(state.x - me.x, state.y - me.y)
            if d <= NAME_DISTANCE and (best is None or d < best[0]):
                best = (d, avatar_id)
        if best is None:
            self.panel.set_status(i18n.text("social.nobody_near", self.lang))
        return None if best is None else best[1]

    def block_nearest(self) -> None:
        target = self.nearest()
        if target is not None:
            name = self._name(target)
            self.client.block(target)
            self.log.drop_author(target)
            self.panel.set_status(i18n.text("social.blocked", self.lang, name=name))
            self.panel.show_lines(self.log.render(self.lang))

    def open_blocks(self) -> None:
        """U: the people this visitor blocked (from the hub, so also those from earlier visits), to unblock."""
        self.blocks.start()
        self.client.list_blocks()

    def unblock(self, entry: Blocked) -> None:
        self.client.unblock(entry.block_id)
        self.blocks.removed(entry.block_id)
        self.panel.set_status(i18n.text("social.unblocked", self.lang, name=blocked_name(entry, self.lang)))

    def mute_nearest(self) -> None:
        target = self.nearest()
        if target is not None:
            muted = target not in self.client.muted
            self.client.mute(target, muted)
            self.panel.set_status(i18n.text("social.muted" if muted else "social.unmuted", self.lang,
                                            name=self._name(target)))

    def report_nearest(self) -> None:
        target = self.nearest()
        if target is not None:
            self.client.report(target, REPORT_REASON)
            self.panel.set_status(i18n.text("social.reported", self.lang, name=self._name(target)))

    def toggle_bubble(self) -> None:
        self.safety.bubble = not self.safety.bubble
        self.panel.set_status(i18n.text("social.bubble_on" if self.safety.bubble else "social.bubble_off", self.lang))

    def toggle_voice(self) -> None:
        """F4, as in the civic panels: read incoming chat aloud (voice guide) or stop."""
        assert self.voice is not None
        on = self.voice.toggle()
        self.panel.set_status(i18n.text("social.voice_on" if on else "social.voice_off", self.lang))

    def toggle_hand(self) -> None:
        self.hand_raised = not self.hand_raised
        self.client.raise_hand(self.hand_raised)
        self.panel.set_status(i18n.text("social.hand_raised" if self.hand_raised else "social.hand_lowered",
                                        self.lang))

    def leave(self) -> None:
        """Leave the scene and remove the task, the others' avatars and the key hooks; :meth:`start` joins again
        (the street's presence, handed to a room and back)."""
        if self.keys is not None:
            self.keys.remove(self)
        if self.task is not None:
            self.base.taskMgr.remove(self.task)
            self.task = None
        self.client.leave()
        for node in self.nodes.values():
            node.destroy()
        self.nodes.clear()
        if self.crowd is not None:
            self.crowd.destroy()
            self.crowd = None
        if self.stage is not None:
            self.stage.destroy()
            self.stage = None
        self.names.clear()
        self.gathering, self.hand_raised = None, False

    def release(self) -> None:
        """Leave the scene and remove the task, nodes, panel and key hooks."""
        self.leave()
        self.panel.destroy()
        self.blocks.destroy()
