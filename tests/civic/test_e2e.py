"""End-to-end civic flows driven by keys pressed in the real window (tests/pilot.py: Tab, Enter, typing) against a real
embedded hub: FAQ with a Korean typo, file a complaint and read its status, book and cancel (a conflict is
explained), propose and vote twice (one vote counted); refused text stays in the form. One ShowBase for all."""

from __future__ import annotations

import datetime as dt
import shutil
import time

import pytest

from game.civic.desk import CivicDesk
from game.config import KST, AppConfig
from game.scenes import registry
from net.client.blocking import call
from net.client.link import CityLink
from net.embedded import EmbeddedHub
from net.hub.layout import init_hub_dir, make_client_dir
from net.protocol import Role
from tests.pilot import Pilot, open_app
from ui.civic import screens

pytestmark = pytest.mark.render
VOTE, REPORT_TARGET, TITLE, MESSAGE = 2, 5, 8, 11  # rows of the mayor's-office panel


@pytest.fixture(scope="module")
def city(tmp_path_factory):
    """The embedded hub, the app's citizen link and a staff link (city staff answer tickets and proposals)."""
    tmp = tmp_path_factory.mktemp("civic")
    hub = EmbeddedHub(tmp / "city")
    endpoints = hub.start()
    staff_dir = make_client_dir(init_hub_dir(hub.hub_dir), tmp / "staff", Role.STAFF, "desk-officer")
    staff = CityLink.from_directory(staff_dir, services=endpoints["services"], alerts=endpoints["alerts"])
    link = hub.link()
    yield hub, link, staff
    staff.close()
    link.close()
    hub.stop()


@pytest.fixture(scope="module")
def world(city, material_cache, display):
    app = open_app(display, AppConfig(size=(320, 180), cache_dir=material_cache,
                        when=dt.datetime(2026, 5, 15, 11, 0, tzinfo=KST)))
    yield app, CivicDesk(city[1])
    app.shutdown()


def keys(app, text: str) -> None:
    Pilot(app).type(text)


def press(app, *keys: str) -> None:
    Pilot(app).press(*keys)


def wait_for(app, desk, panel, needle: str, timeout: float = 10.0) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        desk.poll()
        app.step()
        if needle in panel.state.message:
            return panel.state.message
        time.sleep(0.005)
    raise AssertionError(f"{needle!r} never shown; last message: {panel.state.message!r}")


def test_faq_with_a_korean_typo_and_a_complaint_with_its_status(world, city) -> None:
    app, desk = world
    spoken = []
    panel = screens.center_panel(app.base, app.font, "ko", desk, "서울광장", 37.5658, 126.9779,
                                 speak=lambda text, lang: spoken.append(text), keys=app.keys)
    try:
        keys(app, "durnj qkfrmq")  # 두벌식 for "여궈 발급" (the ㄴ of 여권 is missing)
        assert panel.items[0].field.text == "여궈 발급"
        t0 = time.perf_counter()
        press(app, "enter", "enter")  # leave the field, press "찾기"
        assert time.perf_counter() - t0 < 1.0
        assert "여권" in panel.state.message and "구청" in panel.state.message
        press(app, "f4", "tab")  # voice guide on; focus the category button: it is spoken
        assert spoken[-1].startswith("분류")
        press(app, "enter", "tab")  # category: traffic
        keys(app, "tlcjd")  # 시청 — too short: refused, text kept
        press(app, "tab", "enter")
        assert "너무 짧아요" in panel.state.message and panel.items[3].field.text == "시청"
        press(app, "shift-tab")
        keys(app, " dkv qhehrk Rowu dlTdjdy")  # " 앞 보도가 깨져 있어요"
        press(app, "tab", "enter")
        message = wait_for(app, desk, panel, "접수됐어요")
        assert "상태: 접수" in message and panel.items[3].field.text == ""
        press(app, "tab", "enter")
        message = wait_for(app, desk, panel, "#")
        assert "접수 · 시청 앞 보도가 깨져 있어요" in message
        ticket_id = int(message.split()[0].lstrip("#"))
        reply = call(city[2], "ticket.answer", {"ticket_id": ticket_id, "answer": "내일 보수합니다.",
                                                "status": "answered"})
        assert reply.ok, reply.error
        panel.show("")
        press(app, "enter")
        message = wait_for(app, desk, panel, "답변 완료")
        assert "→ 내일 보수합니다." in message
    finally:
        panel.destroy()


def test_profanity_is_refused_and_the_text_kept(world) -> None:
    app, desk = world
    panel = screens.office_panel(app.base, app.font, "ko", desk, keys=app.keys)
    try:
        panel.focus(TITLE)  # a mouse click or touch lands here the same way
        keys(app, "tlqkf ehfhqkf")  # 시발 도로발 — title with a swear word
        press(app, "tab")
        keys(app, "dkanrjteh ekfmwl dksgdkdy")
        press(app, "tab", "enter")
        assert "욕설" in panel.state.message
        assert panel.items[TITLE].field.text == "시발 도로발" and panel.items[TITLE + 1].field.text
    finally:
        panel.destroy()


def test_propose_vote_twice_counts_one_then_find_it_with_a_typo_and_read_the_answer(world, city) -> None:
    app, desk = world
    pinned = []
    panel = screens.office_panel(app.base, app.font, "en", desk, on_proposals=pinned.append, keys=app.keys)
    try:
        press(app, "f2")  # Latin keys
        panel.focus(TITLE)
        keys(app, "More benches on Seoul Plaza")
        press(app, "tab")
        keys(app, "There is nowhere to sit in the shade near the lawn.")
        press(app, "tab", "enter")
        pid = int(wait_for(app, desk, panel, "Proposal posted").split("no. ")[1].rstrip(")."))
        for _ in range(TITLE + 2 - VOTE):  # from "Propose" back up to "Vote"
            press(app, "shift-tab")
        press(app, "enter")
        assert "1 votes" in wait_for(app, desk, panel, "Voted")
        press(app, "enter")
        wait_for(app, desk, panel, "already voted")
        reply = call(city[2], "opinion.answer", {"proposal_id": pid, "text": "Twenty benches arrive in June."})
        assert reply.ok, reply.error
        panel.focus(0)
        keys(app, "bencehs")  # a typo
        press(app, "tab", "enter")
        message = wait_for(app, desk, panel, "City's answer")
        assert f"#{pid} More benches on Seoul Plaza · 1 votes" in message and "Twenty benches" in message
        assert pinned and pinned[-1][0]["votes"] == 1
    finally:
        panel.destroy()


def citizens(city, n: int) -> list[CityLink]:
    """``n`` more enrolled citizens on the module's hub (closed by the caller)."""
    hub, link, _ = city
    layout = init_hub_dir(hub.hub_dir)
    out = []
    for _ in range(n):
        name = f"neighbour-{len(list(layout.clients.glob('citizen/*.key')))}"
        out.append(CityLink.from_directory(make_client_dir(layout, hub.directory / name, Role.CITIZEN, name),
                                           services=link.services_endpoint, alerts=link.alerts_endpoint))
    return out


def test_report_a_proposal_from_the_panel_hides_it_at_the_third_citizen(world, city) -> None:
    app, desk = world
    staff = city[2]
    people = citizens(city, 3)
    author, first, second = people
    pinned = []
    panel = screens.office_panel(app.base, app.font, "en", desk, on_proposals=pinned.append, keys=app.keys)
    try:
        pid = call(author, "opinion.propose", {"title": "Cheap crypto coins", "body": "Buy now at my website!"})
        pid = pid.result["proposal_id"]
        for link in (first, second):
            assert call(link, "opinion.report", {"kind": "proposal", "item_id": pid, "reason": "spam"}).ok
        press(app, "f2")  # Latin keys
        keys(app, "crypto")
        press(app, "tab", "enter")  # browse: the search finds it, still visible after two reports
        wait_for(app, desk, panel, f"#{pid} Cheap crypto coins")
        for _ in range(REPORT_TARGET - 1):
            press(app, "tab")
        assert panel.current.widget["text"] == f"Report: proposal #{pid} (Enter: switch to a comment)"
        press(app, "tab", "enter")  # reason: spam → abuse
        assert panel.current.widget["text"] == "Reason: Abuse or harassment (Enter: change)"
        press(app, "tab", "enter")  # "Report": the third distinct citizen
        wait_for(app, desk, panel, "hidden pending review")
        (item,) = [i for i in call(staff, "opinion.review").result["items"] if i["item_id"] == pid]
        assert (item["hidden_by"], item["reasons"]) == ("reports", {"spam": 2, "abuse": 1})
        deadline = time.monotonic() + 5
        while any(p["proposal_id"] == pid for p in pinned[-1]) and time.monotonic() < deadline:
            desk.poll()
            app.step()
        assert not any(p["proposal_id"] == pid for p in pinned[-1]), "taken off the wall"
        panel.focus(1)
        press(app, "enter")  # browse again with the same search: gone for this citizen
        wait_for(app, desk, panel, "No matching proposals")
        author_view = call(author, "opinion.list").result["proposals"]
        assert [p["hidden"] for p in author_view if p["proposal_id"] == pid] == [True]
        assert any(p["proposal_id"] == pid for p in call(staff, "opinion.list").result["proposals"])
    finally:
        panel.destroy()
        for link in people:
            link.close()


def test_a_private_message_to_the_mayor_is_answered_in_the_panel(world, city) -> None:
    app, desk = world
    staff = city[2]
    panel = screens.office_panel(app.base, app.font, "ko", desk, keys=app.keys)
    try:
        panel.focus(MESSAGE)
        keys(app, "rkfhemddl rhwkd sk dlTdjdy")  # 가로등이 고장 나 있어요
        press(app, "tab", "enter")
        message = wait_for(app, desk, panel, "접수됐어요")
        assert "본인과 시장실만" in message and panel.items[MESSAGE].field.text == ""
        waiting = call(staff, "mayor.inbox", {"unanswered": 1}).result["messages"]
        mine = [m for m in waiting if m["text"] == "가로등이 고장 나 있어요"]
        assert len(mine) == 1
        assert call(staff, "mayor.answer", {"message_id": mine[0]["message_id"], "text": "내일 고칩니다."}).ok
        assert not any(p["body"] == "가로등이 고장 나 있어요" for p in call(staff, "opinion.list").result["proposals"])
        press(app, "tab", "enter")  # "시장에게 보낸 글과 답변"
        message = wait_for(app, desk, panel, "→ 내일 고칩니다.")
        assert f"#{mine[0]['message_id']} 답변 완료 · 가로등이 고장 나 있어요" in message
    finally:
        panel.destroy()


def test_book_conflict_explained_then_cancel(world) -> None:
    app, desk = world
    facilities = [{"facility_id": "seoul-plaza", "name_ko": "서울광장", "name_en": "Seoul Plaza", "open_hour": 9,
                   "close_hour": 21}]
    panel = screens.reservations_panel(app.base, app.font, "en", desk, facilities, "2030-06-01", keys=app.keys)
    try:
        press(app, "tab", "tab", "enter", "tab", "enter")  # hour 10:00, book
        assert "10:00" in wait_for(app, desk, panel, "Booked")
        press(app, "enter")  # the same hour again: taken, and the message lists what is free
        message = wait_for(app, desk, panel, "already booked")
        assert "10:00 is already booked" in message and "Free hours: 09:00, 11:00" in message
        press(app, "tab", "enter")
        wait_for(app, desk, panel, "cancelled")
        press(app, "shift-tab", "enter")  # freed: it can be booked again
        wait_for(app, desk, panel, "Booked")
    finally:
        panel.destroy()


def test_text_size_and_language_switch(world) -> None:
    app, desk = world
    panel = screens.office_panel(app.base, app.font, "ko", desk, keys=app.keys)
    try:
        assert panel.title.getText() == "시장실 · 시민 의견"
        press(app, "page_up", "page_up", "page_up", "page_up", "page_up")
        assert panel.frame.getScale()[0] == pytest.approx(2.0) and "200%" in panel.state.message
        press(app, "page_down", "page_down", "page_down", "page_down", "page_down", "page_down")
        assert panel.frame.getScale()[0] == pytest.approx(1.0)
        press(app, "f3")
        assert panel.title.getText() == "Mayor's office · Citizens' opinions"
        assert panel.items[1].widget["text"] == "Browse proposals (next)"
    finally:
        panel.destroy()


def test_on_screen_keyboard_composes_like_the_physical_one(world) -> None:
    app, desk = world
    panel = screens.center_panel(app.base, app.font, "ko", desk, "서울광장", 37.5658, 126.9779, keys=app.keys)
    try:
        labels = {b["text"]: b for b in panel.keyboard.buttons}
        for jamo in "ㄷㅏㄹㄱ":
            labels[jamo].commandFunc(None)  # what a click, a touch or a VR pointer does
        assert panel.items[0].field.text == "닭"
        labels["←"].commandFunc(None)
        assert panel.items[0].field.text == "달"
        press(app, "tab")  # a button: the keyboard makes room for the answer
        assert panel.keyboard.frame.isHidden()
        press(app, "shift-tab")
        assert not panel.keyboard.frame.isHidden()
    finally:
        panel.destroy()


def test_voice_guide_speaks_the_focused_element_through_the_speech_worker(world, tmp_path) -> None:
    if shutil.which("espeak-ng") is None:
        pytest.skip("espeak-ng is not installed")
    from game.speech.service import SpeechService

    app, desk = world
    with SpeechService(tmp_path / "speech") as service:
        panel = screens.center_panel(app.base, app.font, "ko", desk, "서울광장", 37.5658, 126.9779,
                                     speak=lambda text, lang: service.submit(text, lang), keys=app.keys)
        try:
            press(app, "f4", "tab")
            deadline = time.monotonic() + 20
            spoken = []
            while time.monotonic() < deadline and not any(r.text.startswith("찾기") for r in spoken):
                spoken += service.poll()
                time.sleep(0.02)
            wav = next(r for r in spoken if r.text.startswith("찾기"))
            assert wav.path is not None and wav.path.stat().st_size > 1000
        finally:
            panel.destroy()


def test_rooms_keep_one_shadow_light_and_release_everything(world) -> None:
    app, _ = world
    app.load_world()
    glass = app.scene.landmark_nodes["city-hall"].find("city-hall:glass")
    before = app.world.getNumChildren()
    for sid in registry.INTERIORS:
        with registry.opened(app, sid) as view:
            app.look(view.camera, view.target)
            app.step(2)
            lights = app.world.findAllMatches("**/+LightLensNode")  # directional, spot and point lights
            assert [n.getName() for n in lights] == ["sun"], "simplepbr runs with max_lights 1: only the sun"
            fills = app.world.findAllMatches("**/+AmbientLight")
            assert len(fills) > 2, "the room brings its own fill and lamp glow (ambient: not counted by simplepbr)"
            assert glass.isHidden(), "the glass shell would block the window"
            assert app.world.find(f"**/{sid}:plaster") or app.world.find(f"**/{sid}:wood")
        assert not glass.isHidden() and app.world.getNumChildren() == before, f"{sid} left nodes behind"


def _pyramid_gltf(path) -> None:
    """A one-mesh glTF 2.0 file (a square pyramid, 1 m tall, Y up as glTF wants), data embedded."""
    import base64
    import json
    import struct

    pos = [(-0.5, 0, -0.5), (0.5, 0, -0.5), (0.5, 0, 0.5), (-0.5, 0, 0.5), (0, 1, 0)]
    idx = [0, 1, 2, 0, 2, 3, 0, 4, 1, 1, 4, 2, 2, 4, 3, 3, 4, 0]
    pb = b"".join(struct.pack("<3f", *p) for p in pos)
    ib = b"".join(struct.pack("<H", i) for i in idx) + b"\0\0"
    data = base64.b64encode(pb + ib).decode()
    doc = {
        "asset": {"version": "2.0"}, "scene": 0, "scenes": [{"nodes": [0]}], "nodes": [{"mesh": 0}],
        "meshes": [{"primitives": [{"attributes": {"POSITION": 0}, "indices": 1}]}],
        "buffers": [{"byteLength": len(pb) + len(ib), "uri": "data:application/octet-stream;base64," + data}],
        "bufferViews": [{"buffer": 0, "byteOffset": 0, "byteLength": len(pb)},
                        {"buffer": 0, "byteOffset": len(pb), "byteLength": len(idx) * 2}],
        "accessors": [{"bufferView": 0, "componentType": 5126, "count": 5, "type": "VEC3", "min": [-0.5, 0, -0.5],
                       "max": [0.5, 1, 0.5]},
                      {"bufferView": 1, "componentType": 5123, "count": len(idx), "type": "SCALAR"}],
    }
    path.write_text(json.dumps(doc), encoding="utf-8")


def test_a_museum_loads_its_own_gltf_exhibit(world, tmp_path) -> None:
    from game.civic import exhibition as data
    from game.scenes import exhibition

    app, _ = world
    if app.scene is None:
        app.load_world()
    model = tmp_path / "pyramid.gltf"
    _pyramid_gltf(model)
    raw = {"title": {"ko": "작은 전시", "en": "A small show"}, "story": {"ko": "시험", "en": "Test"},
           "feature": "pyramid",
           "exhibits": [{"id": "pyramid", "model": {"gltf": str(model)}, "caption": {"ko": "피라미드", "en": "Pyramid"},
                         "guide": {"ko": "작은 피라미드입니다.", "en": "A small pyramid."}},
                        {"id": "gate", "model": {"landmark": "donuimun"}, "caption": {"ko": "돈의문", "en": "Donuimun"},
                         "guide": {"ko": "서쪽 문입니다.", "en": "The west gate."}}]}
    scene = exhibition.create(app, data.parse(raw))
    scene.load()
    try:
        lo, hi = scene.models["pyramid"].getTightBounds(scene.room)
        top = scene.anchor("feature")
        assert abs(lo.z - top[2]) < 0.01, "stands on its plinth"
        assert 0.5 < hi.z - lo.z < exhibition.FEATURE_SPAN + 0.01 and hi.x - lo.x <= exhibition.FEATURE_SPAN + 0.01
        view = scene.focus("gate")
        assert view.camera[2] > view.target[2] - 1.0
    finally:
        scene.release()


def test_a_visit_to_the_mayors_office_pins_proposals_and_live_data(world) -> None:
    from game.scenes.room_visit import CivicVisit

    app, desk = world
    if app.scene is None:
        app.load_world()
    posted = []
    desk.propose("Shade trees by the lawn", "Plant more trees along the plaza's edge, please.", posted.append)
    while not posted:
        desk.poll()
    closed = []
    visit = CivicVisit(app, "mayors-office", desk, on_exit=lambda: closed.append(True))
    try:
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            desk.poll()
            app.step()
            notes = [n.node().getText() for n in visit.scene.notes.findAllMatches("**/+TextNode")]
            data = [n.node().getText() for n in visit.scene.data.findAllMatches("**/+TextNode")]
            if any("Shade trees" in t for t in notes) and any("제야의 종" in t for t in data):
                break
        assert any("Shade trees by the lawn\n♥ 0" in t for t in notes), notes
        assert any("도시 서비스에 연결됨" in t for t in data), data
        press(app, "escape")
        assert closed == [True]
    finally:
        visit.close()
    assert not app.world.find("mayors-office")
