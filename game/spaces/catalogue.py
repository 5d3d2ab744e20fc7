"""The four spaces' data files (``assets/spaces``): loaded, checked and frozen. Pure.

Every entry that stands for a company, a person or a course carries ``illustrative`` so the app can say which
content is a sample (every company in the Fintech Lab is fictional); each file has a bilingual ``notice`` that
the space shows. A malformed file fails loudly with the entry named, so an operator's edit is caught by the
tests rather than by a visitor. The Invest Seoul FAQ uses the 120 Center's format and search (``game.civic.faq``).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from game.civic import faq

SPACES_DIR = Path(__file__).resolve().parents[2] / "assets" / "spaces"
LANGS = ("ko", "en")
HEX = re.compile(r"^#[0-9A-Fa-f]{6}$")
LOGO_SHAPES = ("wave", "tower", "bars", "ring")
ROOMS = 3  # Seoul Learn's mentoring rooms

Text = dict[str, str]


class SpacesError(ValueError):
    """A spaces data file is malformed; the message names the file and entry."""


@dataclass(frozen=True)
class Person:
    id: str
    name: Text
    field: Text  # a consultant's field or a mentor's subject
    illustrative: bool
    room: int = 0


@dataclass(frozen=True)
class Company:
    id: str
    name: Text
    field: str
    field_name: Text
    pitch: Text
    logo_shape: str
    logo_color: str
    illustrative: bool


@dataclass(frozen=True)
class Course:
    id: str
    title: Text
    weeks: int
    summary: Text
    illustrative: bool


@dataclass(frozen=True)
class Slide:
    heading: Text
    narration: Text
    color: str
    seconds: float
    signs: tuple[str, ...] = ()  # the KSL glosses the signing panel signs with the caption (game.signing)


@dataclass(frozen=True)
class Lecture:
    id: str
    course: str
    title: Text
    slides: tuple[Slide, ...]
    illustrative: bool
    pdf: Path | None = None  # the lecturer's slides as a PDF: page k is slide k's picture


@dataclass(frozen=True)
class Talk:
    id: str
    title: Text
    starts: str
    ends: str
    illustrative: bool


@dataclass(frozen=True)
class Document:
    """A shared document the consultant shows in the private room: a PDF beside the data file."""

    id: str
    title: Text
    pdf: Path
    pages: int


@dataclass(frozen=True)
class InvestSeoul:
    notice: Text
    consultants: tuple[Person, ...]
    faq: tuple[faq.Entry, ...]
    documents: tuple[Document, ...] = ()  # the optional ``documents``: the centre's own PDFs (none shipped)


@dataclass(frozen=True)
class FintechLab:
    notice: Text
    companies: tuple[Company, ...]


@dataclass(frozen=True)
class CitizensUniversity:
    notice: Text
    courses: tuple[Course, ...]
    lecture: Lecture


@dataclass(frozen=True)
class SeoulLearn:
    notice: Text
    mentors: tuple[Person, ...]
    talks: tuple[Talk, ...]


def _text(raw: Any, where: str) -> Text:
    if not isinstance(raw, dict) or any(not isinstance(raw.get(k), str) or not raw[k].strip() for k in LANGS):
        raise SpacesError(f"{where}: needs non-empty 'ko' and 'en' text")
    return {k: raw[k] for k in LANGS}


def _flag(raw: dict, where: str) -> bool:
    if not isinstance(raw.get("illustrative"), bool):
        raise SpacesError(f"{where}: 'illustrative' must say true or false")
    return raw["illustrative"]


def _colour(raw: Any, where: str) -> str:
    if not isinstance(raw, str) or not HEX.match(raw):
        raise SpacesError(f"{where}: colour must be #RRGGBB")
    return raw


def _unique(items: tuple, where: str) -> tuple:
    ids = [i.id for i in items]
    if not ids or len(set(ids)) != len(ids):
        raise SpacesError(f"{where}: ids must be present and unique")
    return items


def _read(name: str, directory: Path) -> dict:
    path = directory / name
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise SpacesError(f"{name}: not valid JSON ({exc})") from None
    if not isinstance(data, dict) or data.get("version") != 1:
        raise SpacesError(f"{name}: expected an object with version 1")
    return data


def _list(data: dict, key: str, name: str) -> list[dict]:
    items = data.get(key)
    if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
        raise SpacesError(f"{name}: '{key}' must be a list of objects")
    return items


def _person(raw: dict, where: str, field: str) -> Person:
    room = raw.get("room", 0)
    if not isinstance(room, int) or not 0 <= room < ROOMS:
        raise SpacesError(f"{where}: room must be 0..{ROOMS - 1}")
    return Person(str(raw.get("id", "")), _text(raw.get("name"), where), _text(raw.get(field), where),
                  _flag(raw, where), room)


def load_invest_seoul(directory: Path = SPACES_DIR) -> InvestSeoul:
    name = "invest_seoul.json"
    data = _read(name, directory)
    people = tuple(_person(p, f"{name} consultant {p.get('id', '?')}", "field")
                   for p in _list(data, "consultants", name))
    for raw in _list(data, "entries", name):
        _flag(raw, f"{name} entry {raw.get('id', '?')}")
    try:
        entries = tuple(faq.load(directory / name))
    except faq.FaqError as exc:
        raise SpacesError(f"{name}: {exc}") from None
    documents = []
    for raw in data.get("documents", []):
        where = f"{name} document {raw.get('id', '?') if isinstance(raw, dict) else '?'}"
        if not isinstance(raw, dict) or "pdf" not in raw:
            raise SpacesError(f"{where}: a document needs its pdf")
        pdf, pages = _pdf_pages(raw, directory, 1, where)
        documents.append(Document(str(raw.get("id", "")), _text(raw.get("title"), where), pdf, pages))
    return InvestSeoul(_text(data.get("notice"), name), _unique(people, name), entries,
                       _unique(tuple(documents), name) if documents else ())


def load_fintech_lab(directory: Path = SPACES_DIR) -> FintechLab:
    name = "fintech_lab.json"
    data = _read(name, directory)
    fields = data.get("fields")
    if not isinstance(fields, dict):
        raise SpacesError(f"{name}: 'fields' must map field ids to names")
    companies = []
    for raw in _list(data, "companies", name):
        where = f"{name} company {raw.get('id', '?')}"
        logo = raw.get("logo") if isinstance(raw.get("logo"), dict) else {}
        if logo.get("shape") not in LOGO_SHAPES:
            raise SpacesError(f"{where}: logo shape must be one of {', '.join(LOGO_SHAPES)}")
        if raw.get("field") not in fields:
            raise SpacesError(f"{where}: unknown field {raw.get('field')!r}")
        companies.append(Company(str(raw.get("id", "")), _text(raw.get("name"), where), raw["field"],
                                 _text(fields[raw["field"]], where), _text(raw.get("pitch"), where), logo["shape"],
                                 _colour(logo.get("color"), where), _flag(raw, where)))
    return FintechLab(_text(data.get("notice"), name), _unique(tuple(companies), name))


def _signs(raw: Any, where: str) -> tuple[str, ...]:
    """A slide's glosses: signs of the KSL lexicon, numbers, or ``#`` and a Hangul word to fingerspell (a name
    the lexicon has no sign for), as the signing timeline takes them."""
    from game.signing import lexicon, numbers

    signs = lexicon.load().signs
    if not isinstance(raw, list) or not all(isinstance(g, str) for g in raw):
        raise SpacesError(f"{where}: signs must be a list of glosses")
    for gloss in raw:
        word = gloss.removeprefix("#")
        spelled = gloss.startswith("#") and word and all("가" <= ch <= "힣" for ch in word)
        if gloss not in signs and not numbers.is_number(gloss) and not spelled:
            raise SpacesError(f"{where}: gloss {gloss!r} is not in the KSL lexicon (fingerspell a name as '#이름')")
    return tuple(raw)


def _pdf(raw: dict, directory: Path, slides: int, where: str) -> Path | None:
    """The lecture's optional ``pdf``: a file beside the data file (or below it) with a page for every slide."""
    return None if raw.get("pdf") is None else _pdf_pages(raw, directory, slides, where)[0]


def _pdf_pages(raw: dict, directory: Path, least: int, where: str) -> tuple[Path, int]:
    """``raw``'s ``pdf``, a file beside the data file (or below it) with at least ``least`` pages, and its pages."""
    name = raw.get("pdf")
    if not isinstance(name, str) or not name.lower().endswith(".pdf") or ".." in Path(name).parts \
            or Path(name).is_absolute():
        raise SpacesError(f"{where}: pdf must name a .pdf file in the spaces folder")
    path = directory / name
    if not path.is_file():
        raise SpacesError(f"{where}: pdf {name!r} is missing")
    from game.spaces.pdf_pages import page_count

    try:
        pages = page_count(path)
    except ImportError:  # a build or an install without the pdf extra
        raise SpacesError(f"{where}: pdf {name!r} needs PDF support (pip install 'metaverse-seoul[pdf]')") from None
    except RuntimeError as exc:  # PDFium's error (PdfiumError) for a damaged file: name the file
        raise SpacesError(f"{where}: pdf {name!r} cannot be read ({exc})") from None
    if pages < least:
        raise SpacesError(f"{where}: pdf {name!r} has {pages} pages for {least} slides")
    return path, pages


def load_citizens_university(directory: Path = SPACES_DIR) -> CitizensUniversity:
    name = "citizens_university.json"
    data = _read(name, directory)
    courses = []
    for raw in _list(data, "courses", name):
        where = f"{name} course {raw.get('id', '?')}"
        weeks = raw.get("weeks")
        if not isinstance(weeks, int) or not 1 <= weeks <= 52:
            raise SpacesError(f"{where}: weeks must be 1..52")
        courses.append(Course(str(raw.get("id", "")), _text(raw.get("title"), where), weeks,
                              _text(raw.get("summary"), where), _flag(raw, where)))
    raw = data.get("lecture")
    if not isinstance(raw, dict):
        raise SpacesError(f"{name}: 'lecture' must be an object")
    where = f"{name} lecture {raw.get('id', '?')}"
    if raw.get("course") not in {c.id for c in courses}:
        raise SpacesError(f"{where}: course {raw.get('course')!r} is not in the catalogue")
    slides = []
    for k, s in enumerate(_list(raw, "slides", where)):
        at = f"{where} slide {k}"
        seconds = s.get("seconds")
        if not isinstance(seconds, (int, float)) or not 0.5 <= seconds <= 600:
            raise SpacesError(f"{at}: seconds must be 0.5..600")
        slides.append(Slide(_text(s.get("heading"), at), _text(s.get("narration"), at), _colour(s.get("color"), at),
                            float(seconds), _signs(s.get("signs", []), at)))
    if not slides:
        raise SpacesError(f"{where}: a lecture needs slides")
    lecture = Lecture(str(raw.get("id", "")), raw["course"], _text(raw.get("title"), where), tuple(slides),
                      _flag(raw, where), _pdf(raw, directory, len(slides), where))
    return CitizensUniversity(_text(data.get("notice"), name), _unique(tuple(courses), name), lecture)


def load_seoul_learn(directory: Path = SPACES_DIR) -> SeoulLearn:
    name = "seoul_learn.json"
    data = _read(name, directory)
    mentors = tuple(_person(p, f"{name} mentor {p.get('id', '?')}", "subject") for p in _list(data, "mentors", name))
    talks = []
    for raw in _list(data, "talks", name):
        where = f"{name} talk {raw.get('id', '?')}"
        try:
            starts, ends = datetime.fromisoformat(raw["starts"]), datetime.fromisoformat(raw["ends"])
        except (KeyError, TypeError, ValueError):
            raise SpacesError(f"{where}: starts and ends must be ISO date-times") from None
        if ends <= starts:
            raise SpacesError(f"{where}: ends before it starts")
        talks.append(Talk(str(raw.get("id", "")), _text(raw.get("title"), where), raw["starts"], raw["ends"],
                          _flag(raw, where)))
    return SeoulLearn(_text(data.get("notice"), name), _unique(mentors, name), _unique(tuple(talks), name))
