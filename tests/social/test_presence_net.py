"""Presence over real loopback sockets: several visitor threads, each with its own link and presence sockets."""

from __future__ import annotations

import json
import time

from net.presence.client import (
    Answered,
    AvatarGone,
    BlockList,
    ChatMessage,
    Joined,
    MessageHidden,
    Refused,
    Removed,
)
from net.protocol import Role
from tests.social.conftest import standing, wait_for


def _joined(*visitors) -> None:
    wait_for(lambda: all(v.got(Joined) for v in visitors), 10, "joined")


def test_positions_propagate_and_are_interpolated(hub_runner, visitors):
    hub = hub_runner()
    walker = visitors(hub, "walker", lambda t: (1.0 * t, 5.0))  # 1 m/s east
    watcher = visitors(hub, "watcher", standing(0.0, 0.0))
    other = visitors(hub, "other", standing(3.0, -3.0))
    _joined(walker, watcher, other)
    wid = walker.avatar_id
    wait_for(lambda: wid in watcher.sees() and wid in other.sees(), 10, "the walker seen by both")
    xs, t0 = [], time.monotonic()
    while time.monotonic() - t0 < 1.0:
        xs.append(watcher.sees()[wid].x)
        time.sleep(0.01)
    truth = time.monotonic() - walker.started
    assert all(b >= a for a, b in zip(xs, xs[1:], strict=False)), "the walker never jumps back"
    # 10 Hz states drawn every 10 ms: interpolation shows many more positions than states arrived (~10).
    assert len(set(xs)) > 25
    # Drawn ~0.1 s in the past (plus up to a tick of batching and a frame): within half a metre of the truth.
    assert 0.0 < truth - xs[-1] < 0.5
    assert abs(other.sees()[watcher.avatar_id].x) < 0.01  # a standing visitor is seen where they stand


def test_area_of_interest_filters_far_visitors(hub_runner, visitors):
    hub = hub_runner()
    near_a = visitors(hub, "near_a", standing(0.0, 0.0))
    near_b = visitors(hub, "near_b", standing(30.0, 20.0))
    far = visitors(hub, "far", standing(900.0, -600.0))
    elsewhere = visitors(hub, "elsewhere", standing(0.0, 0.0), scene="mayors_office")
    _joined(near_a, near_b, far, elsewhere)
    wait_for(lambda: near_b.avatar_id in near_a.sees() and near_a.avatar_id in near_b.sees(), 10, "neighbours")
    time.sleep(2.5)  # longer than the keepalive: every state the far visitor sent has come and gone
    assert set(near_a.sees()) == {near_b.avatar_id}
    assert far.sees() == {} and elsewhere.sees() == {}
    assert far.presence.remotes == {}, "the far visitor's client never even received the others' states"


def test_block_hides_both_ways_and_survives_a_hub_restart(hub_runner, visitors):
    hub = hub_runner()
    alice = visitors(hub, "alice", standing(0.0, 0.0))
    bob = visitors(hub, "bob", standing(2.0, 0.0))
    carol = visitors(hub, "carol", standing(0.0, 2.0))
    _joined(alice, bob, carol)
    wait_for(lambda: bob.avatar_id in alice.sees() and alice.avatar_id in bob.sees(), 10, "alice and bob")
    bob_id = bob.avatar_id
    alice.do(lambda p: p.block(bob_id))
    wait_for(lambda: alice.avatar_id not in bob.sees() and bob_id not in alice.sees(), 5, "hidden both ways")
    bob.do(lambda p: p.say("안녕하세요", "scene"))
    wait_for(lambda: carol.got(ChatMessage), 5, "carol hears bob")
    assert not alice.got(ChatMessage), "alice does not hear the visitor she blocked"

    hub.stop()
    hub.start()  # same data directory and ports; sessions are gone, blocks are in SQLite
    wait_for(lambda: all(len(v.got(Joined)) >= 2 for v in (alice, bob, carol)), 20, "everyone rejoined")
    wait_for(lambda: {alice.avatar_id, bob.avatar_id} <= set(carol.sees()), 10, "carol sees both again")
    time.sleep(1.0)
    assert bob.avatar_id not in alice.sees() and alice.avatar_id not in bob.sees()
    assert carol.avatar_id in alice.sees() and carol.avatar_id in bob.sees()


def test_report_reaches_the_moderation_queue_and_moderators_act(hub_runner, visitors):
    hub = hub_runner()
    rude = visitors(hub, "rude", standing(0.0, 0.0))
    victim = visitors(hub, "victim", standing(1.0, 0.0))
    staff = visitors(hub, "staff", standing(2.0, 0.0), role=Role.STAFF)
    _joined(rude, victim, staff)
    wait_for(lambda: rude.avatar_id in victim.sees(), 10, "victim sees the rude visitor")
    for text in ("저리 가", "go away", "nobody wants you here"):
        rude.do(lambda p, text=text: p.say(text))
    wait_for(lambda: len(victim.got(ChatMessage)) == 3, 5, "three messages")
    rude_id = rude.avatar_id
    victim.do(lambda p: p.report(rude_id, "harassment", "계속 따라옵니다"))
    wait_for(lambda: hub.hub is not None and _reports(hub), 5, "a report row")
    (reported, reason, note, evidence), = _reports(hub)
    assert reason == "harassment" and note == "계속 따라옵니다"
    assert [m["text"] for m in json.loads(evidence)] == ["저리 가", "go away", "nobody wants you here"]
    assert reported == rude.link.client_keys.public.decode()

    last = victim.got(ChatMessage)[-1].message_id
    staff.do(lambda p: p.moderate_hide(last))
    wait_for(lambda: MessageHidden(last) in victim.got(MessageHidden), 5, "message hidden for everyone")
    staff.do(lambda p: p.moderate_remove(rude_id, minutes=5))
    wait_for(lambda: rude.got(Removed), 5, "removed notice")
    wait_for(lambda: rude_id not in victim.sees(), 5, "gone from the scene")
    rude.do(lambda p: p.join("district", name="rude"))
    wait_for(lambda: any(r.op == "presence.join" and r.code == "forbidden" for r in rude.got(Refused)), 5,
             "rejoin refused during the ban")
    victim.do(lambda p: p.say("hello", "nearby"))
    rude.do(lambda p: p.say("hello?"))
    time.sleep(0.5)
    assert all(m.mine for m in rude.got(ChatMessage)[3:]) and len(rude.got(ChatMessage)) == 3


def _reports(hub) -> list[tuple]:
    import sqlite3

    db = sqlite3.connect(hub.data_dir / "hub.sqlite3")
    try:
        return db.execute("SELECT reported, reason, note, evidence FROM reports").fetchall()
    finally:
        db.close()


def test_profanity_filter_and_chat_rate_limit_hold(hub_runner, visitors):
    hub = hub_runner()
    talker = visitors(hub, "talker", standing(0.0, 0.0))
    listener = visitors(hub, "listener", standing(1.0, 1.0))
    _joined(talker, listener)
    wait_for(lambda: talker.avatar_id in listener.sees(), 10, "listener sees talker")
    for text in ("ㅅㅂ", "f u c k this", "씨 발"):
        talker.do(lambda p, text=text: p.say(text))
    wait_for(lambda: len(talker.got(Refused)) == 3, 5, "three refusals")
    assert {r.reason for r in talker.got(Refused)} == {"profanity"}
    talker.do(lambda p: p.say("다시 발급받았어요"))  # "reissued": ordinary words across the join are fine
    wait_for(lambda: listener.got(ChatMessage), 5, "the clean message")
    assert [m.text for m in listener.got(ChatMessage)] == ["다시 발급받았어요"]

    flooder = visitors(hub, "flooder", standing(-1.0, 0.0))
    _joined(flooder)
    t0 = time.monotonic()
    for i in range(15):
        flooder.do(lambda p, i=i: p.say(f"message {i}"))
    time.sleep(1.5)
    heard = [m for m in listener.got(ChatMessage) if m.text.startswith("message")]
    elapsed = time.monotonic() - t0
    # Citizens: a burst of 5, then 1 per second; refused ones wait in the link and are sent again later.
    assert 5 <= len(heard) <= 5 + int(elapsed) + 1
    assert hub.hub.presence.stats.states_dropped == 0


def test_a_vanished_client_is_removed_after_the_timeout(hub_runner, visitors):
    hub = hub_runner()
    stays = visitors(hub, "stays", standing(0.0, 0.0))
    vanishes = visitors(hub, "vanishes", standing(1.0, 0.0))
    _joined(stays, vanishes)
    gone_id = vanishes.avatar_id
    wait_for(lambda: gone_id in stays.sees(), 10, "both present")
    vanishes.halt()  # sockets closed without a goodbye, as when a kiosk loses power
    t0 = time.monotonic()
    wait_for(lambda: AvatarGone(gone_id) in stays.got(AvatarGone), 10, "removal")
    assert time.monotonic() - t0 < 3.0 + 0.5  # the hub's timeout in this test, plus a tick and a poll
    assert gone_id not in stays.sees()
    assert gone_id not in hub.hub.presence.by_id


def test_moderation_cli_reads_the_queue_and_removes_a_visitor(hub_runner, visitors, capsys):
    from net.hub import moderate

    hub = hub_runner()
    rude = visitors(hub, "rude", standing(0.0, 0.0))
    victim = visitors(hub, "victim", standing(1.0, 0.0))
    _joined(rude, victim)
    wait_for(lambda: rude.avatar_id in victim.sees(), 10, "victim sees the rude visitor")
    rude.do(lambda p: p.say("나가"))
    wait_for(lambda: victim.got(ChatMessage), 5, "the message")
    rude_id = rude.avatar_id
    victim.do(lambda p: p.report(rude_id, "spam"))
    wait_for(lambda: _reports(hub), 5, "a report row")
    data = ["--data-dir", str(hub.data_dir)]
    assert moderate.main([*data, "queue"]) == 0
    (report,) = json.loads(capsys.readouterr().out)["reports"]
    assert report["avatar_id"] == rude_id and json.loads(report["evidence"])[0]["text"] == "나가"
    assert moderate.main([*data, "remove", str(rude_id), "--minutes", "5"]) == 0
    assert json.loads(capsys.readouterr().out)["removed"] == rude_id
    wait_for(lambda: rude.got(Removed) and rude_id not in victim.sees(), 5, "removed")
    assert moderate.main([*data, "hide", "999999"]) == 1  # unknown message: refused, nothing hidden
    assert json.loads(capsys.readouterr().out)["code"] == "not_found"


def test_unblock_lists_the_blocked_visitor_restores_both_ways_and_survives_a_hub_restart(hub_runner, visitors):
    hub = hub_runner()
    alice = visitors(hub, "alice", standing(0.0, 0.0))
    bob = visitors(hub, "bob", standing(2.0, 0.0))
    _joined(alice, bob)
    wait_for(lambda: bob.avatar_id in alice.sees() and alice.avatar_id in bob.sees(), 10, "alice and bob")
    bob_id = bob.avatar_id
    alice.do(lambda p: p.block(bob_id))
    wait_for(lambda: alice.avatar_id not in bob.sees() and bob_id not in alice.sees(), 5, "hidden both ways")

    hub.stop()
    hub.start()  # the list comes from SQLite: bob's name and id as they were when alice blocked him
    wait_for(lambda: all(len(v.got(Joined)) >= 2 for v in (alice, bob)), 20, "both rejoined")
    alice.do(lambda p: p.list_blocks())
    wait_for(lambda: alice.got(BlockList), 5, "the block list")
    (entry,) = alice.got(BlockList)[-1].blocks
    assert (entry.name, entry.avatar_id, entry.scene) == ("bob", bob_id, "district")
    bob.do(lambda p: p.list_blocks())
    wait_for(lambda: bob.got(BlockList), 5, "bob's list")
    assert bob.got(BlockList)[-1].blocks == (), "nobody learns who blocked them"
    assert bob.avatar_id not in alice.sees() and alice.avatar_id not in bob.sees()

    t0 = time.monotonic()
    alice.do(lambda p: p.unblock(entry.block_id))
    wait_for(lambda: bob.avatar_id in alice.sees() and alice.avatar_id in bob.sees(), 5, "visible both ways")
    # The hub resends both standing visitors' states with the notice, so nobody waits for a keepalive (2 s).
    assert time.monotonic() - t0 < 1.5
    assert any(a.op == "presence.unblock" for a in alice.got(Answered))
    bob.do(lambda p: p.say("다시 만나서 반가워요", "nearby"))
    wait_for(lambda: any(m.text == "다시 만나서 반가워요" for m in alice.got(ChatMessage)), 5, "alice hears bob")
    alice.do(lambda p: p.list_blocks())
    wait_for(lambda: len(alice.got(BlockList)) >= 2, 5, "the list again")
    assert alice.got(BlockList)[-1].blocks == ()
    alice.do(lambda p: p.unblock(entry.block_id))  # lifting it twice: refused, nothing else changes
    wait_for(lambda: any(r.op == "presence.unblock" and r.code == "not_found" for r in alice.got(Refused)), 5,
             "second unblock refused")

    hub.stop()
    hub.start()
    wait_for(lambda: all(len(v.got(Joined)) >= 3 for v in (alice, bob)), 20, "both rejoined again")
    wait_for(lambda: bob.avatar_id in alice.sees() and alice.avatar_id in bob.sees(), 10, "still visible")


def test_unblock_keeps_hiding_while_the_other_side_still_blocks(hub_runner, visitors):
    hub = hub_runner()
    alice = visitors(hub, "alice", standing(0.0, 0.0))
    bob = visitors(hub, "bob", standing(2.0, 0.0))
    _joined(alice, bob)
    wait_for(lambda: bob.avatar_id in alice.sees() and alice.avatar_id in bob.sees(), 10, "alice and bob")
    bob_id, alice_id = bob.avatar_id, alice.avatar_id
    alice.do(lambda p: p.block(bob_id))
    wait_for(lambda: any(a.op == "presence.block" for a in alice.got(Answered)), 5, "alice's block stored")
    bob.do(lambda p: p.block(alice_id))
    wait_for(lambda: any(a.op == "presence.block" for a in bob.got(Answered)), 5, "bob's block stored")
    alice.do(lambda p: p.list_blocks())
    wait_for(lambda: alice.got(BlockList), 5, "the block list")
    (entry,) = alice.got(BlockList)[-1].blocks
    alice.do(lambda p: p.unblock(entry.block_id))
    wait_for(lambda: any(a.op == "presence.unblock" for a in alice.got(Answered)), 5, "unblocked")
    (answer,) = [a for a in alice.got(Answered) if a.op == "presence.unblock"]
    assert answer.result["shown"] == []
    time.sleep(2.5)  # past a keepalive: bob's block still hides them from each other
    assert bob_id not in alice.sees() and alice_id not in bob.sees()
