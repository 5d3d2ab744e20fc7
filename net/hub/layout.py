"""Where a hub keeps its files, and creating them on first start.

```
<data>/hub.sqlite3                 store (WAL)
<data>/endpoints.json              where the running hub listens (for `enroll` and the client CLI)
<data>/settings.json               optional operator settings: {"store": "postgresql://…"} (the city's store)
<data>/keys/hub.key[_secret]       the hub's CURVE keypair; clients pin hub.key
<data>/keys/authority.pem          Ed25519 key the hub signs drop-folder and API alerts with
<data>/keys/authorities/<id>.pub   authority keys the hub accepts alerts from (its own included)
<data>/clients/<role>/<name>.key   ZAP allow-list: kiosk, citizen, staff public keys
<data>/operator/                   a staff client identity for `python -m net.hub publish`
<data>/dropbox/                    watched folder: CAP files dropped here are signed and published
```
Directories are created 0700 and the database 0600: it holds private messages to the mayor.
The default data directory is the platform's user data dir (platformdirs); every entry point takes an override.
"""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import platformdirs

from net.hub.auth import enroll
from net.keys import CurveKeys, create_authority, create_curve, load_curve, private_dir, write_public_curve
from net.protocol import Role

APP_NAME = "metaverse-seoul"


def default_data_dir() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)) / "hub"


@dataclass(frozen=True)
class HubLayout:
    root: Path

    @property
    def keys(self) -> Path:
        return self.root / "keys"

    @property
    def authority_private(self) -> Path:
        return self.keys / "authority.pem"

    @property
    def authorities(self) -> Path:
        return self.keys / "authorities"

    @property
    def clients(self) -> Path:
        return self.root / "clients"

    @property
    def operator(self) -> Path:
        return self.root / "operator"

    @property
    def dropbox(self) -> Path:
        return self.root / "dropbox"

    @property
    def endpoints_file(self) -> Path:
        return self.root / "endpoints.json"

    @property
    def city_file(self) -> Path:
        """The whole city's endpoints (several hubs and relays), written by the operator or ``net.city``; when
        present, clients are given it instead of this one process's ``endpoints.json``."""
        return self.root / "city.json"

    @property
    def settings_file(self) -> Path:
        return self.root / "settings.json"

    def settings(self) -> dict[str, Any]:
        """The operator's settings (empty when there is no file)."""
        if not self.settings_file.exists():
            return {}
        return json.loads(self.settings_file.read_text(encoding="utf-8"))

    def hub_keys(self) -> CurveKeys:
        return load_curve(self.keys / "hub.key_secret")

    def endpoints(self) -> dict[str, str]:
        """The endpoints the hub last bound (written at start)."""
        return json.loads(self.endpoints_file.read_text(encoding="utf-8"))


def init_hub_dir(root: Path) -> HubLayout:
    """Create the hub's keys, authority key and operator identity where missing; idempotent."""
    layout = HubLayout(root)
    for directory in (root, layout.keys, layout.clients):
        private_dir(directory)
    create_curve(layout.keys, "hub")
    create_authority(layout.authority_private, layout.authorities)
    if not (layout.operator / "client.key_secret").exists():
        make_client_dir(layout, layout.operator, Role.STAFF, "operator")
    return layout


def make_client_dir(layout: HubLayout, target: Path, role: Role, name: str) -> Path:
    """A ready client identity: own keypair, pinned hub key and authority keys, enrolled in ``role``.

    This is what a kiosk is provisioned with; the directory is what ``CityLink.from_directory`` reads.
    """
    keys = create_curve(target, "client")
    write_public_curve(target / "hub.key", layout.hub_keys().public)
    pinned = target / "authorities"
    pinned.mkdir(parents=True, exist_ok=True)
    for pub in layout.authorities.glob("*.pub"):
        shutil.copyfile(pub, pinned / pub.name)
    for endpoints in (layout.city_file, layout.endpoints_file):
        if endpoints.exists():
            shutil.copyfile(endpoints, target / "city.json")
            break
    enroll(layout.clients, role, name, keys.public)
    return target
