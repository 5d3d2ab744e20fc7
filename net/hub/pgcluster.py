"""A throw-away PostgreSQL cluster from the Debian package's binaries, for the test suite and trying the city
on one machine.

``initdb`` into a fresh directory; the server listens only on a unix socket inside it (no TCP port to collide
with other runs) and trusts the local superuser. PostgreSQL refuses to run as root, so when we are root the
server's commands run as an unprivileged account through ``runuser`` (Debian's ``postgres``, which the package
creates). ``durable=False`` turns fsync off: right for tests, whose crashes are of hub processes, not of the
database server; benchmarks of durable writes keep it on.
"""

from __future__ import annotations

import os
import pwd
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import psycopg

SUPERUSER = "mseoul"
DEBIAN_ROOT = Path("/usr/lib/postgresql")


def find_bin_dir() -> Path | None:
    """The newest installed PostgreSQL's binaries (``/usr/lib/postgresql/<major>/bin``), or None."""
    found = [p.parent for p in DEBIAN_ROOT.glob("*/bin/pg_ctl") if p.parent.parent.name.isdigit()]
    return max(found, key=lambda p: int(p.parent.name), default=None)


def _server_user() -> str | None:
    """Who runs the server: None for ourselves, else an unprivileged account (we are root)."""
    if os.geteuid() != 0:
        return None
    for name in ("postgres", "nobody"):
        try:
            pwd.getpwnam(name)
            return name
        except KeyError:
            continue
    raise RuntimeError("running as root and no unprivileged account to run PostgreSQL as")


class Cluster:
    """``Cluster.start()`` … ``new_database()`` … ``stop()`` (which also removes the directory)."""

    def __init__(self, root: Path, bin_dir: Path, durable: bool) -> None:
        self.root, self.bin_dir, self.durable = root, bin_dir, durable
        self.user = _server_user()
        self._databases = 0

    @classmethod
    def start(cls, bin_dir: Path | None = None, durable: bool = False) -> Cluster:
        bin_dir = bin_dir or find_bin_dir()
        if bin_dir is None:
            raise FileNotFoundError(f"no PostgreSQL under {DEBIAN_ROOT} (Debian package postgresql)")
        # Under /tmp, not the caller's private temporary folders: the server's account must reach its socket.
        root = Path(tempfile.mkdtemp(prefix="mseoul-pg-"))
        cluster = cls(root, bin_dir, durable)
        try:
            cluster._init_and_run()
        except BaseException:
            cluster.stop()
            raise
        return cluster

    def _as_server(self, *cmd: str) -> list[str]:
        return ["runuser", "-u", self.user, "--", *cmd] if self.user else list(cmd)

    def _init_and_run(self) -> None:
        if self.user:
            shutil.chown(self.root, self.user)
        data = self.root / "data"
        subprocess.run(self._as_server(str(self.bin_dir / "initdb"), "-D", str(data), "-U", SUPERUSER,
                                       "--auth=trust", "--encoding=UTF8", "--locale=C", "--no-sync"),
                       check=True, capture_output=True)
        options = [f"-k {self.root}", "-c listen_addresses=''", "-c max_connections=200"]
        if not self.durable:
            options += ["-c fsync=off", "-c synchronous_commit=off", "-c full_page_writes=off"]
        subprocess.run(self._as_server(str(self.bin_dir / "pg_ctl"), "-D", str(data), "-l", str(self.root / "log"),
                                       "-o", " ".join(options), "-w", "-t", "60", "start"),
                       check=True, capture_output=True)

    def url(self, dbname: str = "postgres") -> str:
        return f"postgresql://{SUPERUSER}@/{dbname}?host={self.root}"

    def new_database(self, prefix: str = "hub") -> str:
        """Create an empty database and return its URL."""
        self._databases += 1
        name = f"{re.sub(r'[^a-z0-9_]', '_', prefix.lower())}_{self._databases}"
        with psycopg.connect(self.url(), autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def new_schema(self, prefix: str = "hub") -> str:
        """Create an empty schema in one shared database and return a URL whose search_path selects it: a few
        files per test instead of a database's thousand (creating and removing thousands is what costs)."""
        self._databases += 1
        name = f"{re.sub(r'[^a-z0-9_]', '_', prefix.lower())}_{self._databases}"
        with psycopg.connect(self.url(), autocommit=True) as conn:
            if not conn.execute("SELECT 1 FROM pg_database WHERE datname='schemas'").fetchone():
                conn.execute("CREATE DATABASE schemas")
        with psycopg.connect(self.url("schemas"), autocommit=True) as conn:
            conn.execute(f'CREATE SCHEMA "{name}"')
        return f"{self.url('schemas')}&options=-csearch_path%3D{name}"

    def stop(self) -> None:
        data = self.root / "data"
        if (data / "postmaster.pid").exists():
            subprocess.run(self._as_server(str(self.bin_dir / "pg_ctl"), "-D", str(data), "-m", "immediate",
                                           "-w", "stop"), capture_output=True)
        shutil.rmtree(self.root, ignore_errors=True)
