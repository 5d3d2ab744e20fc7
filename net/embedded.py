"""A hub inside the app, for when no ``--city`` endpoint is given: everything works on one machine, offline.

It runs in a daemon thread rather than a child process because a frozen app (``build_apps``) has no Python
interpreter to launch ``-m net.hub`` with, and the hub is mostly idle (its loop wakes every 100 ms). It binds
loopback only, on free ports, with keys generated on first start in ``directory``:
``<directory>/hub`` is the hub's data dir and ``<directory>/client`` the app's provisioned client identity
(enrolled as a citizen), with ``city.json`` rewritten on every start to the ports of this run.
"""

from __future__ import annotations

import json
import threading
from pathlib import Path
from typing import Any

import platformdirs

from net.client.link import CityLink
from net.hub.layout import APP_NAME, init_hub_dir, make_client_dir
from net.hub.server import Hub, HubConfig
from net.protocol import Role


def default_embedded_dir() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)) / "embedded-city"


class EmbeddedHub:
    """``start()`` → ``link()`` for a connected :class:`CityLink`; ``stop()`` at shutdown."""

    def __init__(self, directory: Path | None = None, **config: Any) -> None:
        self.directory = directory or default_embedded_dir()
        self.hub_dir = self.directory / "hub"
        self.client_dir = self.directory / "client"
        self._config = config
        self._hub: Hub | None = None
        self._thread: threading.Thread | None = None

    @property
    def hub(self) -> Hub:
        if self._hub is None:
            raise RuntimeError("embedded hub not started")
        return self._hub

    def start(self) -> dict[str, str]:
        """Start serving; returns the endpoints (loopback, free ports)."""
        layout = init_hub_dir(self.hub_dir)
        if not (self.client_dir / "client.key_secret").exists():
            make_client_dir(layout, self.client_dir, Role.CITIZEN, "local-app")
        loopback = "tcp://127.0.0.1:*"
        self._hub = Hub(HubConfig(self.hub_dir, services=loopback, alerts=loopback, **self._config))
        endpoints = self._hub.bind()
        (self.client_dir / "city.json").write_text(json.dumps(endpoints), encoding="utf-8")
        self._thread = threading.Thread(target=self._hub.run, name="embedded-hub", daemon=True)
        self._thread.start()
        return endpoints

    def link(self, **options: Any) -> CityLink:
        return CityLink.from_directory(self.client_dir, **options)

    def stop(self, timeout: float = 5.0) -> None:
        if self._hub is not None and self._thread is not None:
            self._hub.stop()
            self._thread.join(timeout)
            self._hub = self._thread = None
