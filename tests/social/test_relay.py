"""The hub's relay without sockets: batching per cell and tick, per-visitor state limits, refused input."""

from __future__ import annotations

from net.hub.presence_relay import PresenceRelay, RelayConfig
from net.hub.services import Caller
from net.hub.store import open_store
from net.presence import codec
from net.presence.codec import AvatarState
from net.protocol import Role


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def _relay(tmp_path, **config):
    clock = Clock()
    relay = PresenceRelay(RelayConfig(**config), lambda text: "badword" in text, clock)
    db = open_store(tmp_path)
    return relay, db, clock


def _join(relay, db, client, scene="district", role=Role.CITIZEN):
    return relay.join(db, Caller(client, role, "r" * 8, 0.0), {"scene": scene})["avatar_id"]


def test_one_message_per_cell_per_tick_with_each_avatars_latest_state(tmp_path):
    relay, db, clock = _relay(tmp_path, tick=0.05)
    ids = [_join(relay, db, f"k{i}") for i in range(30)]
    relay.drain(clock.now)
    for step in range(3):  # three states each within one tick: only the latest is relayed
        for i in range(30):
            relay.receive(f"k{i}", codec.encode_state(AvatarState(i * 1.0, 5.0 + step), step), clock.now)
    relay.receive("k0", codec.encode_state(AvatarState(500.0, 500.0), 9), clock.now)  # k0 walks far away
    clock.now += 0.05
    out = relay.drain(clock.now)
    states = [(topic, codec.decode_states(body)) for topic, body in out if body[:1] == codec.KIND_STATES]
    by_topic = {topic: entries for topic, entries in states}
    home, far = codec.cell_topic("district", (0, 0)), codec.cell_topic("district", (10, 10))
    assert set(by_topic) == {home, far}
    assert sorted(a for a, _, _ in by_topic[home]) == ids and all(t == 2 for _, t, _ in by_topic[home])
    assert [(a, t) for a, t, _ in by_topic[far]] == [(ids[0], 9)]
    assert relay.drain(clock.now) == []  # nothing new until someone moves


def test_state_flood_unjoined_and_malformed_states_are_dropped(tmp_path):
    relay, db, clock = _relay(tmp_path)
    _join(relay, db, "k")
    raw = codec.encode_state(AvatarState(1, 1), 0)
    for _ in range(100):  # 100 states in one instant: the bucket allows its burst (24)
        relay.receive("k", raw, clock.now)
    relay.receive("stranger", raw, clock.now)
    relay.receive("k", raw + b"x", clock.now + 5)
    relay.receive("k", b"\x01", clock.now + 5)
    assert relay.stats.states_in == 103 and relay.stats.states_dropped == 100 - 24 + 3


def test_silence_past_the_timeout_removes_a_visitor_for_everyone_in_the_scene(tmp_path):
    relay, db, clock = _relay(tmp_path, timeout=3.0)
    quiet, talker = _join(relay, db, "quiet"), _join(relay, db, "talker")
    relay.drain(clock.now)
    for step in range(8):
        clock.now += 0.5
        relay.receive("talker", codec.encode_state(AvatarState(0, 0), step), clock.now)
        out = relay.drain(clock.now)
        gone = [(topic, codec.decode_ids(b)) for topic, b in out if b[:1] == codec.KIND_GONE]
        if gone:
            assert gone == [(codec.scene_topic("district"), [quiet])] and clock.now - 1000 > 3.0
            break
    else:
        raise AssertionError("the quiet visitor was never removed")
    assert set(relay.by_id) == {talker}


def test_a_gathering_with_raised_hands_and_a_speaker(tmp_path):
    from datetime import datetime, timedelta

    from net.hub.presence_relay import KST

    relay, db, clock = _relay(tmp_path)
    now = 1_790_000_000.0
    minute = datetime.fromtimestamp(now, KST)
    staff = Caller("host", Role.STAFF, "r" * 8, now)
    ids = {k: relay.join(db, Caller(k, Role.CITIZEN if k != "host" else Role.STAFF, "r" * 8, now),
                         {"scene": "mayors_office"})["avatar_id"] for k in ("host", "a", "b")}
    relay.drain(clock.now)
    opened = relay.gathering_open(db, staff, {
        "scene": "mayors_office", "title_ko": "시장과의 대화", "title_en": "Town hall with the mayor",
        "starts": (minute - timedelta(minutes=5)).strftime("%Y-%m-%dT%H:%M"),
        "ends": (minute + timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M"), "spot_x": 0.0, "spot_y": 3.5})
    for k in ("a", "b"):
        state = relay.hand(db, Caller(k, Role.CITIZEN, "r" * 8, now), {"raised": 1})
    assert state["hands"] == [ids["a"], ids["b"]] and state["gathering_id"] == opened["gathering_id"]
    state = relay.floor(db, staff, {"avatar_id": ids["b"]})
    assert state["speaker"] == ids["b"] and state["hands"] == [ids["a"]] and state["spot"] == [0.0, 3.5]
    published = [(t, codec.decode_json(b)) for t, b in relay.drain(clock.now) if b[:1] == codec.KIND_GATHERING]
    assert published[-1] == (codec.scene_topic("mayors_office"), state)
    late = relay.join(db, Caller("c", Role.CITIZEN, "r" * 8, now), {"scene": "mayors_office"})
    assert late["gathering"] == state  # who arrives during the gathering sees it as it stands
    relay.leave(db, Caller("b", Role.CITIZEN, "r" * 8, now), {})
    assert relay.gatherings[opened["gathering_id"]].speaker == 0


def test_blocks_from_before_the_labels_are_kept_listed_and_can_be_lifted(tmp_path, monkeypatch):
    from net.hub import store

    monkeypatch.setattr(store, "MIGRATIONS", store.MIGRATIONS[:4])
    old = store.open_store(tmp_path)
    old.execute("INSERT INTO blocks VALUES ('alice', 'bob', 5.0)")  # the schema before migration 5
    old.close()
    monkeypatch.undo()
    relay, db, clock = _relay(tmp_path)
    assert db.execute("PRAGMA user_version").fetchone()[0] == len(store.MIGRATIONS)  # migrated past 5
    alice = Caller("alice", Role.CITIZEN, "r" * 8, 10.0)
    (entry,) = relay.blocks(db, alice, {})["blocks"]
    assert (entry["name"], entry["avatar_id"], entry["created"]) == ("", 0, 5.0)
    _join(relay, db, "alice")
    bob = _join(relay, db, "bob")
    assert relay.sessions["alice"].hidden == {"bob"}
    assert relay.unblock(db, alice, {"block_id": entry["block_id"]}) == {"unblocked": entry["block_id"],
                                                                         "shown": [bob]}
    assert relay.sessions["alice"].hidden == set() and relay.sessions["bob"].hidden == set()
    assert relay.blocks(db, alice, {})["blocks"] == []
    assert relay.blocks(db, Caller("bob", Role.CITIZEN, "r" * 8, 10.0), {})["blocks"] == []


def _caller(client: str) -> Caller:
    return Caller(client, Role.CITIZEN, "r" * 8, 0.0)


def test_a_blocked_visitor_is_never_told_who_blocked_them(tmp_path):
    """Bob, blocked by Alice, hears nothing about it: no notice, no id in a reply; Alice's states and chat stop
    reaching him (as after a lost connection) but still reach Carol, privately, while Alice shows Bob nowhere."""
    relay, db, clock = _relay(tmp_path, tick=0.05)
    inbox = {}
    for name in ("alice", "bob", "carol"):
        joined = relay.join(db, _caller(name), {"scene": "district"})
        inbox[name] = (joined["avatar_id"], codec.inbox_topic(bytes.fromhex(joined["inbox"])))
    alice_id = inbox["alice"][0]

    def tick() -> list[tuple[bytes, bytes]]:
        for i, name in enumerate(("alice", "bob", "carol")):
            relay.receive(name, codec.encode_state(AvatarState(float(i), 1.0), int(clock.now * 100)), clock.now)
        clock.now += 0.05
        return relay.drain(clock.now)

    public = codec.cell_topic("district", (0, 0))
    assert alice_id in {a for t, b in tick() if t == public for a, _, _ in codec.decode_states(b)}
    assert relay.block(db, _caller("alice"), {"avatar_id": inbox["bob"][0]}) == {"hidden": inbox["bob"][0]}
    relay.chat(db, _caller("alice"), {"text": "hello", "scope": "nearby"})
    out = tick()
    assert not [b for t, b in out if t == inbox["bob"][1]], "bob's inbox hears nothing of the block"
    heard_by = {t for t, b in out if b[:1] == codec.KIND_STATES and t != public
                for a, _, _ in codec.decode_states(b) if a == alice_id}
    assert heard_by == {inbox["carol"][1]}, "alice's states reach carol privately, and bob not at all"
    assert all(a != alice_id for t, b in out if t == public for a, _, _ in codec.decode_states(b))
    chat_to = {t for t, b in out if b[:1] == codec.KIND_CHAT}
    assert chat_to == {inbox["alice"][1], inbox["carol"][1]}
    profiles = relay.profiles(db, _caller("bob"), {"ids": str(alice_id)})
    assert profiles == {"profiles": [], "hidden": []}, "to bob, alice is simply not here"
    assert relay.profiles(db, _caller("alice"), {"ids": str(inbox["bob"][0])})["hidden"] == [inbox["bob"][0]]
    rejoined = relay.join(db, _caller("bob"), {"scene": "district"})
    assert rejoined["hidden"] == [], "bob's join reply names nobody"
    notices = [(t, codec.decode_json(b)) for t, b in relay.drain(clock.now) if b[:1] == codec.KIND_NOTICE]
    assert notices == [(inbox["alice"][1], {"hide": [rejoined["avatar_id"]]})], "only alice, who blocked, is told"
    entry = relay.blocks(db, _caller("alice"), {})["blocks"][0]
    relay.unblock(db, _caller("alice"), {"block_id": entry["block_id"]})
    assert alice_id in {a for t, b in tick() if t == public for a, _, _ in codec.decode_states(b)}, "public again"
