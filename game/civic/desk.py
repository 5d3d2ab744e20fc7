"""The civic services as the rooms use them: checks first (limits, profanity, rate), then the city link.

Nothing here blocks: each action queues a request on :class:`net.client.CityLink` and calls ``done(Outcome)``
from :meth:`CivicDesk.poll` when the hub answers. Refusals come back as i18n keys that say what to fix
(a conflict names the free slots instead), so a form can keep the visitor's text and show the message.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from game.civic.faq import Faq, Hit
from game.civic.faq import load as load_faq
from game.civic.moderation import Problem, RateLimiter, check_field
from net.client.link import CityLink, LinkEvent, ReplyReceived, error_i18n_key
from net.protocol import ProtocolError


@dataclass(frozen=True)
class Outcome:
    ok: bool
    result: dict[str, Any] = field(default_factory=dict)
    problem: Problem | None = None


Done = Callable[[Outcome], None]
VISITOR = "local"  # one visitor per app instance; a kiosk session would pass its own id


def public(proposals: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The proposals fit for the opinion wall, which everyone in the room reads: the hub still sends an author
    (and staff) their hidden ones, marked, so they are told rather than left in silence, but never to pin up."""
    return [p for p in proposals if not p.get("hidden")]  # .get: a hub before protocol revision 2 has no flag


class CivicDesk:
    """One per app: the link, the FAQ, the rate limiter and the callbacks waiting for replies."""

    def __init__(self, link: CityLink, clock: Callable[[], float] = time.monotonic, faq: Faq | None = None):
        self.link = link
        self.faq = faq or Faq(load_faq())
        self.limiter = RateLimiter(3, 60.0, clock)
        self._waiting: dict[str, tuple[str, Done]] = {}

    # -- plumbing ----------------------------------------------------------------------------------------------
    def _send(self, op: str, args: dict[str, Any], done: Done, durable: bool = True) -> None:
        try:
            rid = self.link.request(op, args, durable=durable)
        except ProtocolError as exc:
            done(Outcome(False, problem=Problem("civic.request_failed", {"reason": str(exc)})))
            return
        self._waiting[rid] = (op, done)

    def poll(self) -> None:
        """Drive the link and handle what arrived; for when nothing else polls the link."""
        for event in self.link.poll():
            self.handle(event)

    def handle(self, event: LinkEvent) -> None:
        """One event from whoever polls the link (the app's alert task polls it too and must forward replies)."""
        if isinstance(event, ReplyReceived) and event.request_id in self._waiting:
            op, done = self._waiting.pop(event.request_id)
            done(self._outcome(op, event))

    @staticmethod
    def _outcome(op: str, reply: ReplyReceived) -> Outcome:
        if reply.ok:
            return Outcome(True, reply.result)
        code = str(reply.error.get("code", ""))
        if op == "opinion.vote" and code == "conflict":
            return Outcome(False, reply.error, Problem("civic.already_voted"))
        if op == "booking.create" and code == "conflict":
            return Outcome(False, reply.error, Problem("civic.slot_taken"))
        if op == "booking.create" and reply.error.get("reason") == "quota":
            return Outcome(False, reply.error, Problem("civic.booking_quota", {
                "per_day": reply.error.get("per_day", ""), "active": reply.error.get("active", "")}))
        if op == "booking.create" and reply.error.get("reason") == "window":
            return Outcome(False, reply.error, Problem("civic.booking_window",
                                                      {"days": reply.error.get("window_days", "")}))
        if op == "session.book" and code == "conflict":
            return Outcome(False, reply.error, Problem("spaces.session_taken"))
        if op == "course.enrol" and code == "conflict":
            return Outcome(False, reply.error, Problem("spaces.already_enrolled"))
        if op == "opinion.report" and code == "conflict":
            return Outcome(False, reply.error, Problem("civic.already_reported"))
        if reply.error.get("reason") == "profanity":  # the hub's own filter (a newer word list than the app's)
            return Outcome(False, reply.error, Problem("civic.profanity"))
        if code == "rate_limited":
            return Outcome(False, reply.error, Problem("civic.rate_limited",
                                                      {"seconds": int(reply.error.get("retry_after", 1)) + 1}))
        return Outcome(False, reply.error, Problem(error_i18n_key(code), {"reason": reply.error.get("message", "")}))

    def _checked(self, action: str, fields: dict[str, str], done: Done) -> bool:
        """Check every field and the rate limit; report the first problem through ``done``."""
        for kind, text in fields.items():
            problem = check_field(kind, text)
            if problem is not None:
                done(Outcome(False, problem=Problem(problem.key, {**problem.fields, "field": kind})))
                return False
        problem = self.limiter.check(VISITOR, action)
        if problem is not None:
            done(Outcome(False, problem=problem))
            return False
        return True

    # -- 120 Center --------------------------------------------------------------------------------------------
    def ask(self, query: str) -> list[Hit]:
        """FAQ answers at once (local data, no round trip)."""
        return self.faq.search(query)

    def file_complaint(self, category: str, text: str, place: str, lat: float, lon: float, done: Done) -> None:
        if self._checked("complaint", {"complaint": text}, done):
            self._send("ticket.create", {"category": category, "text": text.strip(), "place": place, "lat": lat,
                                         "lon": lon}, done)

    def my_tickets(self, done: Done) -> None:
        self._send("ticket.mine", {}, done, durable=False)

    def ticket(self, ticket_id: int, done: Done) -> None:
        self._send("ticket.status", {"ticket_id": ticket_id}, done, durable=False)

    # -- reservations ------------------------------------------------------------------------------------------
    def facilities(self, done: Done) -> None:
        self._send("facility.list", {}, done, durable=False)

    def free_slots(self, facility_id: str, day: str, done: Done) -> None:
        self._send("facility.slots", {"facility_id": facility_id, "day": day}, done, durable=False)

    def book(self, facility_id: str, day: str, slot: str, done: Done) -> None:
        def explained(outcome: Outcome) -> None:
            if outcome.problem is None or outcome.problem.key != "civic.slot_taken":
                done(outcome)
                return

            def with_free(slots: Outcome) -> None:  # say which hours are still free, not just "no"
                free = ", ".join(slots.result.get("free", [])[:6]) if slots.ok else ""
                done(Outcome(False, outcome.result, Problem("civic.slot_taken", {"slot": slot, "free": free or "-"})))

            self.free_slots(facility_id, day, with_free)

        self._send("booking.create", {"facility_id": facility_id, "day": day, "slot": slot}, explained)

    def cancel(self, booking_id: int, done: Done) -> None:
        self._send("booking.cancel", {"booking_id": booking_id}, done)

    def my_bookings(self, done: Done) -> None:
        self._send("booking.mine", {}, done, durable=False)

    # -- opinion box -------------------------------------------------------------------------------------------
    def propose(self, title: str, body: str, done: Done) -> None:
        if self._checked("propose", {"title": title, "proposal": body}, done):
            self._send("opinion.propose", {"title": title.strip(), "body": body.strip()}, done)

    def proposals(self, done: Done) -> None:
        self._send("opinion.list", {}, done, durable=False)

    def proposal(self, proposal_id: int, done: Done) -> None:
        self._send("opinion.get", {"proposal_id": proposal_id}, done, durable=False)

    def vote(self, proposal_id: int, done: Done) -> None:
        self._send("opinion.vote", {"proposal_id": proposal_id}, done)

    def comment(self, proposal_id: int, text: str, done: Done) -> None:
        if self._checked("comment", {"comment": text}, done):
            self._send("opinion.comment", {"proposal_id": proposal_id, "text": text.strip()}, done)

    def report(self, kind: str, item_id: int, reason: str, done: Done) -> None:
        """Report a proposal or comment (``kind``) with a reason from ``net.protocol.OPINION_REPORT_REASONS``; the
        result's ``hidden`` says whether enough citizens have now reported it for the hub to hide it."""
        if self._checked("report", {}, done):
            self._send("opinion.report", {"kind": kind, "item_id": item_id, "reason": reason}, done)

    def message_mayor(self, text: str, done: Done) -> None:
        """A private message: only the visitor and the mayor's office read it (not a proposal on the wall)."""
        if self._checked("message", {"message": text}, done):
            self._send("mayor.message", {"text": text.strip()}, done)

    def my_messages(self, done: Done) -> None:
        """The visitor's messages to the mayor with the office's answers, newest first."""
        self._send("mayor.mine", {}, done, durable=False)

    def whoami(self, done: Done) -> None:
        """The hub's ``hello``: this key's role (a lecturer's staff key may give the floor), the hub's revision."""
        self._send("hello", {}, done, durable=False)

    def events(self, done: Done) -> None:
        self._send("event.list", {}, done, durable=False)

    # -- economy and education spaces (issue 20) ---------------------------------------------------------------
    def book_session(self, space: str, host: str, day: str, slot: str, done: Done) -> None:
        """A session with a consultant (Invest Seoul) or a mentor (Seoul Learn)."""
        self._send("session.book", {"space": space, "host": host, "day": day, "slot": slot}, done)

    def request_match(self, company: str, text: str, done: Done) -> None:
        if self._checked("match", {"message": text}, done):
            self._send("match.request", {"company": company, "text": text.strip()}, done)

    def enrol(self, course: str, done: Done) -> None:
        self._send("course.enrol", {"course": course}, done)

    def attend(self, lecture: str, slides: int, of: int, done: Done) -> None:
        self._send("lecture.attend", {"lecture": lecture, "slides": slides, "of": of}, done)
