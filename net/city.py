"""``python -m net.city up``: the city's topology on one machine, for tests and for trying it (issue 18).

    python -m net.city up --hubs 3 --relays 2 [--data-dir DIR] [--fast]

Starts, from the Debian packages the set-up script installs, a PostgreSQL cluster (``postgresql``) and a Redis
server (``redis-server``) in throw-away directories, each on a unix socket and, when we are root, as an
unprivileged account; migrates the store once; then ``--hubs`` city-services processes and ``--relays`` presence
relays (``python -m net.hub serve`` over the one store, the relays with ``--broker``), all sharing one hub data
directory (its keys, its enrolled clients). It writes the combined endpoints to the data directory's
``city.json``, so ``python -m net.hub --data-dir DIR enroll …`` gives a client a ``city.json`` with every
hub and every relay, and prints one JSON line (``{"event": "up", …}``) with the endpoints. Ctrl-C or SIGTERM
stops everything and removes what it created (the data directory too, unless ``--data-dir`` named it).

A deployment runs the same processes as services (``packaging/city/``); this is that city in one command.
Bad options and missing binaries are one line on stderr and exit status 2.
"""

from __future__ import annotations

import argparse
import json
import os
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

LOOPBACK = "tcp://127.0.0.1:*"
START_TIMEOUT = 30.0


class CityError(Exception):
    """Something the operator must fix (a missing package, a process that would not start): one line."""


def _emit(obj: dict[str, Any]) -> None:
    print(json.dumps(obj, ensure_ascii=False), flush=True)


def _check_requirements() -> None:
    try:
        import psycopg  # noqa: F401
        import redis  # noqa: F401
    except ImportError as exc:
        raise CityError(f"{exc.name} is not installed: pip install '.[city]' (scripts/setup.sh does)") from None
    from net.hub import pgcluster
    from net.presence import redisserver

    if pgcluster.find_bin_dir() is None:
        raise CityError(f"PostgreSQL is not installed under {pgcluster.DEBIAN_ROOT}: apt-get install postgresql")
    if redisserver.find_server() is None:
        raise CityError("redis-server is not installed: apt-get install redis-server")


class City:
    """The running processes; :meth:`start` then :meth:`stop` (idempotent)."""

    def __init__(self, data_dir: Path | None, hubs: int, relays: int, durable: bool) -> None:
        self.own_dir = data_dir is None
        self.data_dir = data_dir or Path(tempfile.mkdtemp(prefix="mseoul-city-"))  # the hub data directory
        self.hubs, self.relays, self.durable = hubs, relays, durable
        self.cluster: Any = None
        self.broker: Any = None
        self.procs: list[tuple[str, subprocess.Popen[bytes]]] = []
        self.exited: set[str] = set()

    def start(self) -> dict[str, Any]:
        from net.hub.layout import init_hub_dir
        from net.hub.pgcluster import Cluster
        from net.presence.redisserver import RedisServer

        layout = init_hub_dir(self.data_dir)
        self.cluster = Cluster.start(durable=self.durable)
        store = self.cluster.new_database("city")
        self.broker = RedisServer.start()
        migrated = subprocess.run(self._hub_cmd(layout.root, "migrate", "--store", store), capture_output=True,
                                  text=True)
        if migrated.returncode != 0:
            raise CityError(f"migrate failed: {migrated.stderr.strip().splitlines()[-1:]}")
        names = [f"hub{i + 1}" for i in range(self.hubs)] + [f"relay{i + 1}" for i in range(self.relays)]
        for i, name in enumerate(names):
            extra = ["--broker", self.broker.url] if name.startswith("relay") else []
            if i > 0:
                extra.append("--no-dropbox")  # one process watches the operator's drop folder
            cmd = self._hub_cmd(layout.root, "serve", "--store", store, "--services", LOOPBACK, "--alerts", LOOPBACK,
                                *extra)
            # Own sessions: a Ctrl-C at the terminal reaches this process alone, which stops the others in order.
            self.procs.append((name, subprocess.Popen(cmd, stdout=subprocess.PIPE, start_new_session=True)))
        ready = {name: self._ready(name, proc) for name, proc in self.procs}
        hubs = [ready[n] for n in names if n.startswith("hub")]
        relays = [{k: ready[n][k] for k in ("services", "presence_in", "presence_out")}
                  for n in names if n.startswith("relay")]
        city = {"services": ",".join(h["services"] for h in hubs), "alerts": ",".join(h["alerts"] for h in hubs),
                "presence_in": relays[0]["presence_in"], "presence_out": relays[0]["presence_out"], "relays": relays}
        layout.city_file.write_text(json.dumps(city), encoding="utf-8")  # what enroll gives clients
        return {"event": "up", "data_dir": str(layout.root), "store": store, "broker": self.broker.url,
                "hub_key": layout.hub_keys().public.decode(), **city,
                "pids": {name: proc.pid for name, proc in self.procs}}

    @staticmethod
    def _hub_cmd(data_dir: Path, *args: str) -> list[str]:
        return [sys.executable, "-m", "net.hub", "--data-dir", str(data_dir), *args]

    @staticmethod
    def _ready(name: str, proc: subprocess.Popen[bytes]) -> dict[str, Any]:
        assert proc.stdout is not None
        readable, _, _ = select.select([proc.stdout], [], [], START_TIMEOUT)
        line = proc.stdout.readline() if readable else b""
        if not line:
            raise CityError(f"{name} did not start (exit status {proc.poll()})")
        return json.loads(line)

    def watch(self) -> None:
        """Report (once) any process that has exited; the others go on serving."""
        for name, proc in self.procs:
            if name not in self.exited and proc.poll() is not None:
                self.exited.add(name)
                _emit({"event": "exited", "process": name, "status": proc.returncode})

    def stop(self) -> None:
        for _, proc in self.procs:
            if proc.poll() is None:
                proc.terminate()
        for _, proc in self.procs:
            try:
                proc.wait(10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(5)
        self.procs.clear()
        if self.broker is not None:
            self.broker.stop()
            self.broker = None
        if self.cluster is not None:
            self.cluster.stop()
            self.cluster = None
        if self.own_dir:
            shutil.rmtree(self.data_dir, ignore_errors=True)


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # one line, status 2 (argparse's own prints the usage first)
        sys.stderr.write(f"{self.prog}: {message}\n")
        sys.exit(2)


def _count(text: str) -> int:
    try:
        number = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if not 1 <= number <= 32:
        raise argparse.ArgumentTypeError(f"must be 1 to 32: {number}")
    return number


def parser() -> argparse.ArgumentParser:
    top = _Parser(prog="python -m net.city", description=__doc__.splitlines()[0])
    sub = top.add_subparsers(dest="command", required=True, parser_class=_Parser)
    up = sub.add_parser("up", help="start PostgreSQL, Redis, the hubs and the relays; Ctrl-C stops them")
    up.add_argument("--hubs", type=_count, default=3, help="city-services processes (default 3)")
    up.add_argument("--relays", type=_count, default=2, help="presence relay processes (default 2)")
    up.add_argument("--data-dir", type=Path, help="hub data directory (keys, clients); default: a temporary one")
    up.add_argument("--fast", action="store_true", help="PostgreSQL without fsync (tests; a crash loses data)")
    return top


def up(args: argparse.Namespace) -> int:
    try:
        _check_requirements()
    except CityError as exc:
        sys.stderr.write(f"python -m net.city: {exc}\n")
        return 2
    stopping = False

    def stop_now(*_: object) -> None:
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGTERM, stop_now)
    signal.signal(signal.SIGINT, stop_now)
    city = City(args.data_dir, args.hubs, args.relays, durable=not args.fast)
    try:
        _emit(city.start())
        while not stopping:
            city.watch()
            time.sleep(0.2)
    except CityError as exc:
        sys.stderr.write(f"python -m net.city: {exc}\n")
        return 2
    finally:
        city.stop()
    _emit({"event": "down"})
    return 0


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    os.environ.setdefault("PYTHONUNBUFFERED", "1")
    return up(args)


if __name__ == "__main__":
    sys.exit(main())
