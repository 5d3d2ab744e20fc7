"""A throw-away Redis server from the Debian package (``redis-server``), for the test suite and trying the city
on one machine, as :mod:`net.hub.pgcluster` is for PostgreSQL.

The server listens only on a unix socket in a fresh directory (no TCP port to collide with other runs), keeps
nothing on disk (presence is fire-and-forget) and, when we are root, runs as an unprivileged account through
``runuser``: Redis would run as root, but a broker has no business holding root's rights.
"""

from __future__ import annotations

import os
import pwd
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

SERVER = "redis-server"


def find_server() -> str | None:
    return shutil.which(SERVER)


def _server_user() -> str | None:
    if os.geteuid() != 0:
        return None
    for name in ("redis", "postgres", "nobody"):
        try:
            pwd.getpwnam(name)
            return name
        except KeyError:
            continue
    return None


class RedisServer:
    """``RedisServer.start()`` … ``url`` … ``stop()`` (which also removes the directory)."""

    def __init__(self, root: Path, proc: subprocess.Popen[bytes]) -> None:
        self.root, self.proc = root, proc

    @property
    def socket(self) -> Path:
        return self.root / "redis.sock"

    @property
    def url(self) -> str:
        return f"unix://{self.socket}"

    @classmethod
    def start(cls, timeout: float = 10.0) -> RedisServer:
        server = find_server()
        if server is None:
            raise FileNotFoundError(f"no {SERVER} (Debian package redis-server)")
        # Under /tmp, not the caller's private temporary folders: the server's account must reach its socket.
        root = Path(tempfile.mkdtemp(prefix="mseoul-redis-"))
        user = _server_user()
        if user:
            shutil.chown(root, user)
        cmd = [server, "--port", "0", "--unixsocket", str(root / "redis.sock"), "--unixsocketperm", "777",
               "--dir", str(root), "--save", "", "--appendonly", "no", "--logfile", str(root / "log")]
        proc = subprocess.Popen(["runuser", "-u", user, "--", *cmd] if user else cmd,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        running = cls(root, proc)
        deadline = time.monotonic() + timeout
        while not running.socket.exists():
            if proc.poll() is not None or time.monotonic() > deadline:
                log = (root / "log").read_text(errors="replace")[-500:] if (root / "log").exists() else ""
                running.stop()
                raise RuntimeError(f"{SERVER} did not start: {log.strip()}")
            time.sleep(0.02)
        return running

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(5)
        shutil.rmtree(self.root, ignore_errors=True)
