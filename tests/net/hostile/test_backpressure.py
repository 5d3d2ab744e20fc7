"""Back-pressure: clients that ask for large replies and never read them cannot make the hub's memory grow
without bound (the issue measured +554 MiB in 12 s before: 49 → 603 MiB), and anonymous keys get small pages."""

from __future__ import annotations

from pathlib import Path

from net import clock
from net.hub.layout import HubLayout, init_hub_dir
from net.protocol import Role
from net.tools.attack import seed_alerts, stuck_readers

MIB = 2**20


def rss_of(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
    raise AssertionError("no VmRSS")


def test_twenty_stuck_readers_leave_the_hub_within_64_mib_and_serving(hub_process, zmq_ctx):
    init_hub_dir(hub_process.data_dir)
    # alerts.since from 0: ~800 KB
    seed_alerts(hub_process.data_dir, count=60, size=10_000, now=clock.timestamp(), url=hub_process.store_url)
    endpoints = hub_process.start()
    layout = HubLayout(hub_process.data_dir)
    report = stuck_readers(zmq_ctx, endpoints["services"], layout.hub_keys().public,
                           lambda: rss_of(hub_process.proc.pid), clients=20, seconds=6.0)
    growth = (report.rss_peak - report.rss_before) / MIB
    print(f"stuck readers: RSS {report.rss_before / MIB:.0f} → peak {report.rss_peak / MIB:.0f} MiB "
          f"(+{growth:.1f}), {report.requests_sent} requests in {report.seconds} s")
    assert report.served_during
    assert growth <= 64
    assert hub_process.proc.poll() is None


def test_anonymous_catch_up_comes_in_small_pages(start_hub, raw_client):
    hub = start_hub()
    seed_alerts(hub.hub.config.data_dir, count=30, size=10_000, now=clock.timestamp(), url=hub.hub.config.store)
    anonymous = raw_client(hub.layout, hub.endpoints)
    citizen = raw_client(hub.layout, hub.endpoints, Role.CITIZEN)
    page = anonymous.call("alerts.since", {"seq": 0, "limit": 100})["result"]
    assert 1 <= len(page["alerts"]) <= 10 and page["more"]
    rest = anonymous.call("alerts.since", {"seq": page["alerts"][-1]["seq"], "limit": 100})["result"]
    assert rest["alerts"][0]["seq"] == page["alerts"][-1]["seq"] + 1
    assert len(citizen.call("alerts.since", {"seq": 0, "limit": 100})["result"]["alerts"]) == 30
