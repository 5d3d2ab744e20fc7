"""The spaces' data files load, say which entries are samples, and refuse malformed edits with the entry named."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from game.civic.faq import Faq
from game.spaces import catalogue
from game.spaces.catalogue import SPACES_DIR, SpacesError

LOADERS = {
    "invest_seoul.json": catalogue.load_invest_seoul,
    "fintech_lab.json": catalogue.load_fintech_lab,
    "citizens_university.json": catalogue.load_citizens_university,
    "seoul_learn.json": catalogue.load_seoul_learn,
}


def test_the_shipped_files_load_with_their_sample_notices() -> None:
    invest = catalogue.load_invest_seoul()
    lab = catalogue.load_fintech_lab()
    uni = catalogue.load_citizens_university()
    learn = catalogue.load_seoul_learn()
    assert len(invest.faq) >= 5 and len(invest.consultants) >= 2
    assert all(c.illustrative for c in lab.companies), "every Fintech Lab company is fictional and must say so"
    assert all(m.illustrative for m in learn.mentors) and all(c.illustrative for c in invest.consultants)
    assert uni.lecture.course in {c.id for c in uni.courses} and len(uni.lecture.slides) >= 3
    for space in (invest, lab, uni, learn):
        assert space.notice["ko"] and space.notice["en"]
    assert {m.room for m in learn.mentors} == set(range(catalogue.ROOMS))


def test_the_invest_faq_answers_in_both_languages_through_the_120_search() -> None:
    search = Faq(list(catalogue.load_invest_seoul().faq))
    assert search.search("투자자 비자")[0].entry.id == "investor-visa"
    assert search.search("set up a company")[0].entry.id == "incorporation"
    assert search.search("법인설립")[0].entry.id == "incorporation"  # spacing slip


def broken(tmp_path: Path, name: str, edit) -> Path:
    """A copy of the shipped files with ``edit`` applied to ``name``'s JSON."""
    directory = tmp_path / "spaces"
    shutil.copytree(SPACES_DIR, directory)
    data = json.loads((directory / name).read_text(encoding="utf-8"))
    edit(data)
    (directory / name).write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return directory


def _drop(key: str):
    return lambda d: d.pop(key)


CASES = [
    ("fintech_lab.json", lambda d: d["companies"][0].pop("illustrative"), "hangang-pay"),
    ("fintech_lab.json", lambda d: d["companies"][1]["pitch"].pop("en"), "namsan-ledger"),
    ("fintech_lab.json", lambda d: d["companies"][2]["logo"].update(shape="star"), "logo shape"),
    ("fintech_lab.json", lambda d: d["companies"][3].update(field="crypto"), "unknown field"),
    ("fintech_lab.json", lambda d: d["companies"].append(d["companies"][0]), "unique"),
    ("citizens_university.json", lambda d: d["lecture"]["slides"][1].update(seconds=0), "slide 1"),
    ("citizens_university.json", lambda d: d["lecture"]["slides"][2].update(color="red"), "colour"),
    ("citizens_university.json", lambda d: d["lecture"].update(course="nope"), "not in the catalogue"),
    ("citizens_university.json", lambda d: d["courses"][0].update(weeks=0), "weeks"),
    ("citizens_university.json", lambda d: d["lecture"]["slides"][0].update(signs=["성곽"]), "not in the KSL lexicon"),
    ("citizens_university.json", lambda d: d["lecture"]["slides"][0].update(signs=["#wall"]), "slide 0"),
    ("seoul_learn.json", lambda d: d["talks"][0].update(ends="2026-05-20T18:00"), "ends before"),
    ("seoul_learn.json", lambda d: d["mentors"][0].update(room=7), "room"),
    ("invest_seoul.json", lambda d: d["entries"][0]["answer"].pop("ko"), "what-is-fdi"),
    ("invest_seoul.json", lambda d: d["entries"][1].pop("illustrative"), "incorporation"),
    ("invest_seoul.json", _drop("notice"), "invest_seoul.json"),
    ("seoul_learn.json", lambda d: d.update(version=2), "version 1"),
]


@pytest.mark.parametrize(("name", "edit", "named"), CASES)
def test_a_malformed_file_is_refused_naming_the_entry(tmp_path: Path, name: str, edit, named: str) -> None:
    with pytest.raises(SpacesError, match=named):
        LOADERS[name](broken(tmp_path, name, edit))
