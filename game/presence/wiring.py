"""Starting presence from explore mode: its own link to the app's city, a client, and the presence task.

Presence opens a second :class:`CityLink` with the app's key but its own outbox (``<client dir>/presence``):
the alerts path polls the first link and has no use for presence replies, and the hub knows both as the same
visitor because it is the same CURVE key. Costs two sockets and the alert heartbeats once more; saves every
other subsystem from routing presence replies.
"""

from __future__ import annotations

import json
from pathlib import Path

from panda3d.core import AudioSound

from game.caption_style import DEFAULT as DEFAULT_CAPTIONS
from game.presence.task import PresenceTask, walker_state
from game.social.avatar_mesh import Look
from game.social.voice import ChatVoice
from net.client.link import CityLink
from net.keys import load_curve, load_pinned_authorities
from net.presence.client import PresenceClient, relay_for

SCENE = "district"


def open_presence(client_dir: Path) -> tuple[CityLink, PresenceClient]:
    """A presence link and client for the provisioned client directory ``client_dir`` (with ``city.json``)."""
    city = json.loads((client_dir / "city.json").read_text(encoding="utf-8"))
    outbox = client_dir / "presence"
    outbox.mkdir(exist_ok=True)
    keys = load_curve(client_dir / "client.key_secret")
    relay = relay_for(city, keys.public)  # a city of several relays: this visitor's one
    alerts = city["alerts"]
    link = CityLink(relay["services"], ",".join(alerts) if isinstance(alerts, list) else alerts,
                    load_curve(client_dir / "hub.key").public, keys,
                    load_pinned_authorities(client_dir / "authorities"), outbox)
    return link, PresenceClient(link, relay["presence_in"], relay["presence_out"])


def has_presence(client_dir: Path) -> bool:
    """Whether the city advertises presence endpoints (a hub from before presence does not)."""
    city = client_dir / "city.json"
    return city.exists() and "presence_in" in json.loads(city.read_text(encoding="utf-8"))


class Social:
    """Presence for explore mode; ``release()`` when explore ends."""

    def __init__(self, app, explore, client_dir: Path, *, aids=None, anonymous: bool = False) -> None:
        """``aids`` (:class:`game.access_aids.AccessAids`) lends its speech worker for reading chat aloud (F4)."""
        self.link, self.client = open_presence(client_dir)
        voice = None
        if aids is not None:  # read aloud through the visitor's sound settings (mono, voice volume)
            voice = ChatVoice(aids.speech.say, lambda path: aids.play(path, "voice"),
                              lambda sound: sound is not None and sound.status() == AudioSound.PLAYING)
        self.task = PresenceTask(app.base, app.world, self.client, lambda: walker_state(explore.walker),
                                 lang=app.language.value, font=app.font, link_events=self.link.poll, voice=voice,
                                 screen_keyboard=app.config.kiosk, keys=app.keys,
                                 caption_style=aids.caption_style if aids is not None else DEFAULT_CAPTIONS)
        # Name tags and chat follow the app's one language; the input stack decides who hears which key.
        self._unsubscribe = app.language.subscribe(self.task.set_language)
        self.anonymous = anonymous
        self.task.start(SCENE, look=Look(), anonymous=anonymous)

    def lend(self) -> tuple[CityLink, PresenceClient]:
        """The link and client for a room the visitor walks into: the street's presence leaves the district first
        (the hub keeps one presence per visitor key); :meth:`take_back` when they come out."""
        self.task.suspend()
        self.task.leave()
        return self.link, self.client

    def take_back(self) -> None:
        """Back on the street: join the district again."""
        self.task.start(SCENE, look=Look(), anonymous=self.anonymous)

    def release(self) -> None:
        self._unsubscribe()
        self.task.release()
        self.link.poll()  # hand the leave request to the socket before it closes
        self.client.close()
        self.link.close()
