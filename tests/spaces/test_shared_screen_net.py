"""The page on a room's shared screen over presence on real loopback sockets (issue 20, protocol revision 7):
the consultant's page reaches the visitor in the room and echoes back to the consultant; not a visitor in another
room, nor one who blocked the consultant."""

from __future__ import annotations

import time

from net.presence.client import Joined, PageShown
from tests.social.conftest import hub_runner, standing, visitors, wait_for  # noqa: F401 - the fixtures

ROOM = "invest_seoul"


def test_a_page_put_up_reaches_the_room_but_not_elsewhere_nor_a_blocker(hub_runner, visitors):  # noqa: F811
    hub = hub_runner()
    consultant = visitors(hub, "consultant", standing(0.0, 0.0), scene=ROOM)
    visitor = visitors(hub, "visitor", standing(1.0, 0.0), scene=ROOM)
    blocker = visitors(hub, "blocker", standing(-1.0, 0.0), scene=ROOM)
    elsewhere = visitors(hub, "elsewhere", standing(0.0, 0.0), scene="fintech_lab")
    everyone = (consultant, visitor, blocker, elsewhere)
    wait_for(lambda: all(v.got(Joined) for v in everyone), 10, "joined")
    wait_for(lambda: consultant.avatar_id in blocker.sees(), 10, "the blocker sees the consultant")
    blocker.do(lambda p: p.block(consultant.avatar_id))
    time.sleep(0.3)
    consultant.do(lambda p: p.show_page(2, 5))
    wait_for(lambda: visitor.got(PageShown), 5, "the page in the room")
    assert visitor.got(PageShown) == [PageShown(consultant.avatar_id, 2, 5, False)]
    wait_for(lambda: consultant.got(PageShown), 5, "the consultant's own echo")
    assert consultant.got(PageShown)[0].mine
    time.sleep(0.3)
    assert elsewhere.got(PageShown) == [] and blocker.got(PageShown) == []
