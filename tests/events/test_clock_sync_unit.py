"""The offset estimate's rules on made-up round trips: queued samples dropped, median, slew and step."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from game.events.clock_sync import ClockSync, Sample, estimate


@dataclass
class Reply:
    request_id: str
    ok: bool
    result: dict


def test_the_median_of_the_quick_round_trips_is_the_offset() -> None:
    quick = [Sample(t, t + 10.001 + d, t + 0.002) for t, d in ((0, 0.0), (1, 0.0005), (2, -0.0004), (3, 0.0002))]
    queued = [Sample(4, 4 + 10.001, 4 + 0.3), Sample(5, 5 + 10.3, 5 + 0.31)]  # waited 0.3 s on one leg
    assert estimate(quick + queued) == pytest.approx(10.0, abs=0.001)
    assert estimate([Sample(0, 5, 2.0)]) is None  # nothing usable


class FakeHub:
    """Answers each ``time`` request at once with ``local + true_offset`` (a 2 ms symmetric trip)."""

    def __init__(self, true_offset: float) -> None:
        self.now, self.true_offset, self.sent, self.n = 1000.0, true_offset, [], 0

    def send(self) -> str:
        self.n += 1
        self.sent.append(f"r{self.n}")
        return f"r{self.n}"

    def answer(self) -> list[Reply]:
        out = [Reply(r, True, {"time": self.now + 0.001 + self.true_offset}) for r in self.sent]
        self.sent = []
        self.now += 0.002
        return out


def run(sync: ClockSync, hub: FakeHub, seconds: float) -> None:
    end = hub.now + seconds
    while hub.now < end:
        sync.step()
        sync.feed(hub.answer())
        hub.now += 0.01


def test_small_corrections_are_slewed_and_large_ones_stepped() -> None:
    hub = FakeHub(true_offset=3.0)
    sync = ClockSync(send=hub.send, local=lambda: hub.now, every=1.0, max_slew=0.05)
    run(sync, hub, 0.6)
    assert sync.ready and sync.offset() == pytest.approx(3.0, abs=1e-3)
    hub.true_offset = 3.2  # the local clock drifted 0.2 s: slew at 50 ms/s, never a jump
    run(sync, hub, 1.5)
    assert sync.estimates == 2 and sync.offset() < 3.2 - 0.05
    before = sync.offset()
    hub.now += 1.0
    assert sync.offset() == pytest.approx(min(3.2, before + 0.05), abs=1e-3)
    hub.true_offset = 10.0  # someone set the machine's clock: step at once
    run(sync, hub, 1.2)
    assert sync.offset() == pytest.approx(10.0, abs=1e-3)


def test_a_resync_samples_again_at_once() -> None:
    hub = FakeHub(1.0)
    sync = ClockSync(send=hub.send, local=lambda: hub.now, every=60.0)
    run(sync, hub, 0.6)
    assert sync.estimates == 1
    run(sync, hub, 1.0)
    assert sync.estimates == 1  # the next estimate is a minute away…
    sync.resync()
    run(sync, hub, 0.6)
    assert sync.estimates == 2  # …unless the link came back


def test_other_replies_pass_through_for_whoever_else_reads_the_link() -> None:
    hub = FakeHub(0.0)
    sync = ClockSync(send=hub.send, local=lambda: hub.now)
    sync.step()
    other = Reply("someone-else", True, {})
    assert sync.feed([other, *hub.answer()]) == [other]
