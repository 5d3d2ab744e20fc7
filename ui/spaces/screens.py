"""The spaces' panels, one per scene, on the civic panel (keyboard, voice guide, text size, KO/EN switch): the
Invest Seoul FAQ and consultant booking, the Fintech Lab's companies and matching request, the Citizens'
University courses, enrolment and lecture, Seoul Learn's mentors, career talks and whiteboards.

Session hours offered are the hub's (``net.hub.spaces.SESSION_HOURS``); the day is tomorrow by the app's one
clock (or its pinned ``when``), as the reservations desk offers it."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from game.civic.desk import CivicDesk, Outcome
from game.civic.faq import Faq
from game.civic.moderation import LIMITS
from game.input.stack import ModalStack
from game.text import i18n
from net.hub.spaces import SESSION_HOURS
from ui.civic.field import FieldText
from ui.civic.panel import Item, Panel, Speak

HOURS = tuple(f"{h:02d}:00" for h in range(*SESSION_HOURS))


def _problem(outcome: Outcome, lang: str) -> str:
    p = outcome.problem
    return i18n.text(p.key, lang, **p.fields) if p is not None else ""


def _label(key: str):
    return lambda lang: i18n.text(key, lang)


def _booking_items(panel_ref: dict, desk: CivicDesk, space: str, hosts: list, day: str, key: str) -> list[Item]:
    """Host (cycled with Enter), hour (cycled) and "book" rows shared by the consultant and mentor panels."""
    pick = {"host": 0, "hour": 0}

    def host():
        return hosts[pick["host"]]

    def booked(outcome: Outcome) -> None:
        panel = panel_ref["panel"]
        lang = panel.state.lang
        if outcome.ok:
            r = outcome.result
            panel.show(i18n.text("spaces.booked_session", lang, day=r["day"], slot=r["slot"], name=host().name[lang],
                                 session_id=r["session_id"]))
        else:
            panel.show(_problem(outcome, lang))

    def cycle(which: str, count: int) -> None:
        pick[which] = (pick[which] + 1) % count

    return [
        Item(lambda lg: i18n.text(key, lg, name=host().name[lg], field=host().field[lg]),
             action=lambda: cycle("host", len(hosts))),
        Item(lambda lg: i18n.text("spaces.slot", lg, day=day, slot=HOURS[pick["hour"]]),
             action=lambda: cycle("hour", len(HOURS))),
        Item(_label("spaces.book_session"),
             action=lambda: desk.book_session(space, host().id, day, HOURS[pick["hour"]], booked)),
    ]


def invest_panel(base, font, lang: str, desk: CivicDesk, scene, day: str, speak: Speak | None = None,
                 keys: ModalStack | None = None, extra: Sequence[Item] = ()) -> Panel:
    query = FieldText(max_len=LIMITS["query"].high)
    search = Faq(list(scene.data.faq))
    ref: dict = {}

    def ask() -> None:
        panel = ref["panel"]
        hits = search.search(query.text)
        if not hits:
            panel.show(i18n.text("spaces.no_answer", panel.state.lang))
            return
        entry = hits[0].entry
        scene.show_document(entry)  # the answer goes up on the private room's screen too
        panel.show(f"{entry.question[panel.state.lang]}\n{entry.answer[panel.state.lang]}")

    items = [Item(_label("spaces.question"), field=query), Item(_label("spaces.ask"), action=ask),
             *_document_items(ref, scene),
             *_booking_items(ref, desk, "invest-seoul", list(scene.data.consultants), day, "spaces.consultant"),
             *extra]
    ref["panel"] = Panel(base, font, lang, "spaces.title_invest", items, speak, keys=keys)
    return ref["panel"]


def _document_items(panel_ref: dict, scene) -> list[Item]:
    """The centre's shared PDF documents (when it has any): Enter puts the next page on the private room's
    screen, after a document's last page the next document's first; an FAQ answer asked meanwhile takes the
    screen, and Enter brings the page back. The page on the screen may have been turned by another in the room
    (the screen is shared): the row names it and turns on from it."""
    docs = scene.data.documents
    if not docs:
        return []
    at = {"doc": 0, "page": 0}  # the page on the screen, or the last one while an FAQ answer covers it

    def follow() -> None:
        if scene.shown_page is not None:
            at["doc"], at["page"] = scene.shown_page

    def label(lang: str) -> str:
        follow()
        doc = docs[at["doc"]]
        if scene.shown_page is None:
            return i18n.text("spaces.doc_show", lang, title=doc.title[lang], pages=doc.pages)
        return i18n.text("spaces.doc_page", lang, title=doc.title[lang], page=at["page"] + 1, pages=doc.pages)

    def turn() -> None:
        follow()
        if scene.shown_page is not None:
            at["page"] += 1
            if at["page"] >= docs[at["doc"]].pages:
                at["doc"], at["page"] = (at["doc"] + 1) % len(docs), 0
        scene.show_pdf_page(at["doc"], at["page"])
        panel = panel_ref["panel"]
        panel.show(label(panel.state.lang))

    return [Item(label, action=turn)]


def fintech_panel(base, font, lang: str, desk: CivicDesk, scene, speak: Speak | None = None,
                  keys: ModalStack | None = None, extra: Sequence[Item] = ()) -> Panel:
    companies = list(scene.data.companies)
    note = FieldText(max_len=LIMITS["message"].high)
    at = {"k": 0}
    ref: dict = {}

    def company():
        return companies[at["k"]]

    def step() -> None:
        at["k"] = (at["k"] + 1) % len(companies)
        panel = ref["panel"]
        panel.show(f"{company().pitch[panel.state.lang]}\n{scene.data.notice[panel.state.lang]}")

    def sent(outcome: Outcome) -> None:
        panel = ref["panel"]
        if outcome.ok:
            note.text = ""
            panel.show(i18n.text("spaces.match_sent", panel.state.lang, request_id=outcome.result["request_id"]))
        else:
            panel.show(_problem(outcome, panel.state.lang))

    items = [Item(lambda lg: i18n.text("spaces.company", lg, name=company().name[lg], field=company().field_name[lg]),
                  action=step),
             Item(_label("spaces.match_note"), field=note),
             Item(_label("spaces.request_match"), action=lambda: desk.request_match(company().id, note.text, sent)),
             *extra]
    ref["panel"] = Panel(base, font, lang, "spaces.title_lab", items, speak, keys=keys)
    return ref["panel"]


def university_panel(base, font, lang: str, desk: CivicDesk, scene, speak: Speak | None = None,
                     keys: ModalStack | None = None, extra: Sequence[Item] = ()) -> Panel:
    courses = list(scene.data.courses)
    lecture = scene.data.lecture
    at = {"k": 0}
    ref: dict = {}

    def course():
        return courses[at["k"]]

    def step() -> None:
        at["k"] = (at["k"] + 1) % len(courses)
        ref["panel"].show(course().summary[ref["panel"].state.lang])

    def enrolled(outcome: Outcome) -> None:
        panel = ref["panel"]
        lang_ = panel.state.lang
        panel.show(i18n.text("spaces.enrolled", lang_, title=course().title[lang_]) if outcome.ok
                   else _problem(outcome, lang_))

    def on_slide(k: int) -> None:
        """The caption under the buttons too, spoken as narration (the voice guide's speech worker)."""
        panel = ref["panel"]
        lang_ = panel.state.lang
        slide = lecture.slides[k]
        panel.show(f"{i18n.text('spaces.slide_of', lang_, n=k + 1, count=len(lecture.slides))} · "
                   f"{slide.heading[lang_]}\n{slide.narration[lang_]}", speak=False)
        panel.say(slide.narration[lang_], force=True)

    def attended(outcome: Outcome) -> None:
        panel = ref["panel"]
        panel.show(i18n.text("spaces.attended", panel.state.lang) if outcome.ok
                   else _problem(outcome, panel.state.lang))

    def on_end(seen: int) -> None:
        desk.attend(lecture.id, seen, len(lecture.slides), attended)

    items = [Item(lambda lg: i18n.text("spaces.course", lg, title=course().title[lg]), action=step),
             Item(_label("spaces.enrol"), action=lambda: desk.enrol(course().id, enrolled)),
             Item(_label("spaces.play_lecture"), action=lambda: scene.play(on_slide, on_end)),
             Item(_label("spaces.next_slide"), action=scene.skip),
             *extra]
    ref["panel"] = Panel(base, font, lang, "spaces.title_uni", items, speak, keyboard=False, keys=keys)
    return ref["panel"]


def learn_panel(base, font, lang: str, desk: CivicDesk, scene, day: str, pen_keys: Callable[[], None],
                wipe: Callable[[], None], speak: Speak | None = None, keys: ModalStack | None = None,
                extra: Sequence[Item] = ()) -> Panel:
    """``pen_keys`` starts drawing on a whiteboard with the keys, ``wipe`` clears the pen's board (for the room
    too); ``extra``: the room's schedule and chat rows."""
    mentors = list(scene.data.mentors)
    talks = list(scene.data.talks)
    at = {"talk": 0}
    ref: dict = {}
    booking = _booking_items(ref, desk, "seoul-learn", mentors, day, "spaces.mentor")

    def talk():
        return talks[at["talk"]]

    def next_talk() -> None:
        at["talk"] = (at["talk"] + 1) % len(talks)

    items = [*booking,
             Item(lambda lg: i18n.text("spaces.talk", lg, title=talk().title[lg],
                                       starts=talk().starts.replace("T", " ")), action=next_talk),
             Item(_label("spaces.draw_keys"), action=pen_keys),
             Item(_label("spaces.clear_board"), action=wipe),
             *extra]
    ref["panel"] = Panel(base, font, lang, "spaces.title_learn", items, speak, keyboard=False, keys=keys)
    return ref["panel"]
