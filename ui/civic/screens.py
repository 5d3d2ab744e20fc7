"""The civic screens, each a :class:`~ui.civic.panel.Panel` wired to the :class:`~game.civic.desk.CivicDesk`:
the 120 Center (FAQ, complaint, my tickets), the mayor's office (propose, vote, report, message), reservations
(facility, day, hour, book, cancel) and the exhibition's audio guide."""

from __future__ import annotations

from collections.abc import Callable

from game import captions
from game.caption_style import CaptionStyle
from game.civic.desk import CivicDesk, Outcome, public
from game.civic.faq import normalise, similarity
from game.civic.moderation import LIMITS
from game.input.stack import ModalStack
from game.text import i18n
from net.protocol import TICKET_CATEGORIES
from ui.civic.field import FieldText
from ui.civic.panel import Item, Panel, Speak
from ui.civic.report import ReportChoice

SEARCH_MATCH = 0.7  # every query word must match this well (a swapped pair of letters in a 7-letter word passes)


def _problem_text(outcome: Outcome, lang: str) -> str:
    p = outcome.problem
    return i18n.text(p.key, lang, **p.fields) if p is not None else ""


def _category(category_id: str, lang: str) -> str:
    """A ticket category's name for people (the protocol's ids, such as ``road``, never reach the screen)."""
    return i18n.text(f"civic.category_{category_id}", lang)


def _label(key: str) -> Callable[[str], str]:
    return lambda lang: i18n.text(key, lang)


def center_panel(base, font, lang: str, desk: CivicDesk, place: str, lat: float, lon: float,
                 speak: Speak | None = None, keys: ModalStack | None = None) -> Panel:
    query = FieldText(max_len=LIMITS["query"].high)
    complaint = FieldText(max_len=LIMITS["complaint"].high)
    category = {"index": 0}
    panel: Panel

    def ask() -> None:
        hits = desk.ask(query.text)
        lang_ = panel.state.lang
        if not hits:
            panel.show(i18n.text("civic.no_answer", lang_))
            return
        best = hits[0].entry
        panel.show(f"{best.question[lang_]}\n{best.answer[lang_]}")

    def cycle() -> None:
        category["index"] = (category["index"] + 1) % len(TICKET_CATEGORIES)

    def filed(outcome: Outcome) -> None:
        lang_ = panel.state.lang
        if outcome.ok:
            complaint.text = ""
            status = i18n.text(f"civic.status_{outcome.result['status']}", lang_)
            panel.show(i18n.text("civic.filed", lang_, ticket_id=outcome.result["ticket_id"], status=status))
        else:
            panel.show(_problem_text(outcome, lang_))

    def file() -> None:
        panel.show(i18n.text("civic.sending", panel.state.lang), speak=False)
        desk.file_complaint(TICKET_CATEGORIES[category["index"]], complaint.text, place, lat, lon, filed)

    def listed(outcome: Outcome) -> None:
        lang_ = panel.state.lang
        if not outcome.ok:
            panel.show(_problem_text(outcome, lang_))
            return
        lines = [i18n.text("civic.ticket_line", lang_, ticket_id=t["ticket_id"],
                           status=i18n.text(f"civic.status_{t['status']}", lang_), text=t["text"][:30])
                 + (f"\n  → {t['answer']}" if t.get("answer") else "") for t in outcome.result["tickets"][:5]]
        panel.show("\n".join(lines) or i18n.text("civic.no_tickets", lang_))

    items = [
        Item(_label("civic.field_query"), field=query),
        Item(_label("civic.ask"), action=ask),
        Item(lambda lg: i18n.text("civic.category", lg, name=_category(TICKET_CATEGORIES[category["index"]], lg)),
             action=cycle),
        Item(_label("civic.field_complaint"), field=complaint),
        Item(_label("civic.file"), action=file),
        Item(_label("civic.my_tickets"), action=lambda: desk.my_tickets(listed)),
    ]
    panel = Panel(base, font, lang, "civic.title_center", items, speak, keys=keys)
    return panel


def office_panel(base, font, lang: str, desk: CivicDesk, speak: Speak | None = None,
                 on_proposals: Callable[[list[dict]], None] | None = None, keys: ModalStack | None = None) -> Panel:
    """The opinion box: browse and search proposals (typo-tolerant, like the FAQ), read the official answer and
    comments, propose, vote once, comment, report a proposal or comment, and write privately to the mayor and
    read the answers. ``on_proposals`` receives each fresh list fit for the wall (the scene pins it up)."""
    search = FieldText(max_len=LIMITS["query"].high)
    title = FieldText(max_len=LIMITS["title"].high)
    body = FieldText(max_len=LIMITS["proposal"].high)
    comment = FieldText(max_len=LIMITS["comment"].high)
    message = FieldText(max_len=LIMITS["message"].high)
    listing: dict = {"all": [], "shown": [], "at": -1}
    chosen: dict[str, int] = {}
    report = ReportChoice()
    panel: Panel

    def pin(proposals: list[dict]) -> None:
        if on_proposals is not None:
            on_proposals(public(proposals))

    def describe(p: dict, lang_: str) -> str:
        line = i18n.text("civic.proposal_line", lang_, proposal_id=p["proposal_id"], title=p["title"][:40],
                         votes=p["votes"])
        return f"{line} · {i18n.text('civic.hidden_pending', lang_)}" if p.get("hidden") else line

    def select(k: int) -> None:
        listing["at"] = k
        chosen["proposal_id"] = listing["shown"][k]["proposal_id"]
        desk.proposal(chosen["proposal_id"], detail)

    def detail(outcome: Outcome) -> None:
        lang_ = panel.state.lang
        if not outcome.ok:
            panel.show(_problem_text(outcome, lang_))
            return
        p = outcome.result
        comments = p.get("comments", [])[-3:]
        report.offer(p, comments)
        lines = [describe(p, lang_), p["body"][:160]]
        lines.append(i18n.text("civic.official_answer", lang_, answer=p["answer"]) if p.get("answer")
                     else i18n.text("civic.no_answer_yet", lang_))
        hidden = i18n.text("civic.hidden_pending", lang_)
        lines += [f"· {c['text'][:60]}" + (f" ({hidden})" if c.get("hidden") else "") for c in comments]
        panel.show("\n".join(lines))

    def listed(outcome: Outcome) -> None:
        if not outcome.ok:
            panel.show(_problem_text(outcome, panel.state.lang))
            return
        listing["all"] = outcome.result["proposals"]
        pin(listing["all"])
        words = [normalise(w) for w in search.text.split() if normalise(w)]
        shown = [p for p in listing["all"]
                 if all(similarity(w, normalise(p["title"] + p["body"])) >= SEARCH_MATCH for w in words)]
        listing["shown"] = shown
        if not shown:
            panel.show(i18n.text("civic.no_proposals", panel.state.lang))
            return
        select((listing["at"] + 1) % len(shown) if listing["at"] >= 0 and not search.text else 0)

    def browse() -> None:
        desk.proposals(listed)

    def proposed(outcome: Outcome) -> None:
        lang_ = panel.state.lang
        if outcome.ok:
            title.text = body.text = ""
            chosen["proposal_id"] = outcome.result["proposal_id"]
            report.clear()
            panel.show(i18n.text("civic.proposed", lang_, proposal_id=outcome.result["proposal_id"]))
            desk.proposals(lambda o: pin(o.result["proposals"]) if o.ok else None)
        else:
            panel.show(_problem_text(outcome, lang_))

    def counted(outcome: Outcome) -> None:
        if outcome.ok:
            panel.show(i18n.text("civic.voted", panel.state.lang, votes=outcome.result["votes"]))

    def voted(outcome: Outcome) -> None:
        if outcome.ok:
            desk.proposal(chosen["proposal_id"], counted)
        else:
            panel.show(_problem_text(outcome, panel.state.lang))

    def need_choice(action: Callable[[int], None]) -> Callable[[], None]:
        def run() -> None:
            if "proposal_id" in chosen:
                action(chosen["proposal_id"])
            else:
                panel.show(i18n.text("civic.choose_first", panel.state.lang))
        return run

    def commented(outcome: Outcome) -> None:
        if outcome.ok:
            comment.text = ""
            desk.proposal(chosen["proposal_id"], detail)
        else:
            panel.show(_problem_text(outcome, panel.state.lang))

    def reported(outcome: Outcome) -> None:
        lang_ = panel.state.lang
        if not outcome.ok:
            panel.show(_problem_text(outcome, lang_))
            return
        if not outcome.result["hidden"]:
            panel.show(i18n.text("civic.reported", lang_))
            return
        panel.show(i18n.text("civic.reported_hidden", lang_))
        if outcome.result["kind"] == "proposal":  # gone for this visitor: off the wall, and no longer chosen
            chosen.pop("proposal_id", None)
            report.clear()
            desk.proposals(lambda o: pin(o.result["proposals"]) if o.ok else None)

    def send_report() -> None:
        target = report.target
        if target is None:
            panel.show(i18n.text("civic.choose_first", panel.state.lang))
            return
        panel.show(i18n.text("civic.sending", panel.state.lang), speak=False)
        desk.report(target.kind, target.item_id, report.reason, reported)

    def sent(outcome: Outcome) -> None:
        if outcome.ok:
            message.text = ""
            panel.show(i18n.text("civic.message_sent", panel.state.lang, message_id=outcome.result["message_id"]))
        else:
            panel.show(_problem_text(outcome, panel.state.lang))

    def letters(outcome: Outcome) -> None:
        lang_ = panel.state.lang
        if not outcome.ok:
            panel.show(_problem_text(outcome, lang_))
            return
        lines = [i18n.text("civic.message_line", lang_, message_id=m["message_id"], text=m["text"][:30],
                           status=i18n.text(f"civic.status_{m['status']}", lang_))
                 + (f"\n  → {m['answer']}" if m.get("answer") else "") for m in outcome.result["messages"][:4]]
        panel.show("\n".join(lines) or i18n.text("civic.no_messages", lang_))

    items = [
        Item(_label("civic.field_search"), field=search),
        Item(_label("civic.browse"), action=browse),
        Item(_label("civic.vote"), action=need_choice(lambda pid: desk.vote(pid, voted))),
        Item(_label("civic.field_comment"), field=comment),
        Item(_label("civic.send_comment"), action=need_choice(lambda pid: desk.comment(pid, comment.text, commented))),
        Item(report.target_label, action=report.next_target),
        Item(report.reason_label, action=report.next_reason),
        Item(_label("civic.report"), action=send_report),
        Item(_label("civic.field_title"), field=title),
        Item(_label("civic.field_proposal"), field=body),
        Item(_label("civic.propose"), action=lambda: desk.propose(title.text, body.text, proposed)),
        Item(_label("civic.field_message"), field=message),
        Item(_label("civic.send_message"), action=lambda: desk.message_mayor(message.text, sent)),
        Item(_label("civic.my_messages"), action=lambda: desk.my_messages(letters)),
    ]
    panel = Panel(base, font, lang, "civic.title_office", items, speak, keys=keys)
    return panel


def reservations_panel(base, font, lang: str, desk: CivicDesk, facilities: list[dict], day: str,
                       speak: Speak | None = None, keys: ModalStack | None = None) -> Panel:
    pick = {"facility": 0, "hour": 0}
    day_field = FieldText(text=day, max_len=10, hangul=False)
    booking: dict[str, int] = {}
    panel: Panel

    def facility() -> dict:
        return facilities[pick["facility"]]

    def hours() -> list[str]:
        f = facility()
        return [f"{h:02d}:00" for h in range(f["open_hour"], f["close_hour"])]

    def slot() -> str:
        return hours()[pick["hour"] % len(hours())]

    def booked(outcome: Outcome) -> None:
        lang_ = panel.state.lang
        if outcome.ok:
            booking["id"] = outcome.result["booking_id"]
            panel.show(i18n.text("civic.booked", lang_, day=outcome.result["day"], slot=outcome.result["slot"],
                                 booking_id=outcome.result["booking_id"]))
        else:
            panel.show(_problem_text(outcome, lang_))

    def cancelled(outcome: Outcome) -> None:
        if outcome.ok:
            booking.pop("id", None)
        panel.show(i18n.text("civic.cancelled", panel.state.lang) if outcome.ok
                   else _problem_text(outcome, panel.state.lang))

    def cancel() -> None:
        if "id" in booking:
            desk.cancel(booking["id"], cancelled)
        else:
            panel.show(i18n.text("civic.no_booking", panel.state.lang))

    def next_facility() -> None:
        pick["facility"] = (pick["facility"] + 1) % len(facilities)

    def next_hour() -> None:
        pick["hour"] = (pick["hour"] + 1) % len(hours())

    items = [
        Item(lambda lg: i18n.text("civic.facility", lg, name=facility()["name_" + lg]), action=next_facility),
        Item(_label("civic.day"), field=day_field),
        Item(lambda lg: i18n.text("civic.slot", lg, slot=slot()), action=next_hour),
        Item(_label("civic.book"), action=lambda: desk.book(facility()["facility_id"], day_field.text.strip(),
                                                            slot(), booked)),
        Item(_label("civic.cancel_booking"), action=cancel),
    ]
    panel = Panel(base, font, lang, "civic.title_reservations", items, speak, keys=keys)

    def listed(outcome: Outcome) -> None:  # the hub's list (names, opening hours) wins over the room's copy
        if outcome.ok and outcome.result["facilities"]:
            current = facility()["facility_id"]
            facilities[:] = outcome.result["facilities"]
            ids = [f["facility_id"] for f in facilities]
            pick["facility"] = ids.index(current) if current in ids else 0  # the visitor's choice stays chosen
            panel.refresh()

    desk.facilities(listed)
    return panel


def exhibition_panel(base, font, lang: str, exhibits: list, speak: Speak | None = None,
                     keys: ModalStack | None = None, style: CaptionStyle | None = None) -> Panel:
    """Step through the exhibits; "play guide" speaks the current one's audio-guide text and captions it, labelled,
    in the visitor's caption ``style``."""
    at = {"k": 0}
    panel: Panel

    def current_caption(lg: str) -> str:
        return exhibits[at["k"]].caption[lg]

    def step() -> None:
        at["k"] = (at["k"] + 1) % len(exhibits)
        panel.show(current_caption(panel.state.lang), speak=False)

    def play() -> None:
        lang = panel.state.lang
        text = exhibits[at["k"]].guide[lang]
        panel.show(captions.labelled("audio_guide", text, lang), speak=False, style=style)  # heard, and from what
        panel.say(text, force=True)

    items = [Item(lambda lg: f"{i18n.text('civic.next_exhibit', lg)} · {current_caption(lg)}", action=step),
             Item(_label("civic.play_guide"), action=play)]
    panel = Panel(base, font, lang, "civic.title_exhibition", items, speak, keyboard=False, keys=keys)
    return panel
