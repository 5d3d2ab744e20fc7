"""A lecture's slides from a PDF: pages rendered to pictures of the screen's size in their colours, a page of
another shape letterboxed, and a lecture naming a missing, short or damaged PDF refused with the lecture named."""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import pytest

from game.spaces import catalogue, pdf_pages
from game.spaces.catalogue import SPACES_DIR, SpacesError
from tests.spaces.pdf_fixture import write_pdf

RED, BLUE = (1.0, 0.0, 0.0), (0.0, 0.5, 1.0)


def test_pages_render_in_their_colours_at_the_screens_size(tmp_path: Path) -> None:
    path = write_pdf(tmp_path / "deck.pdf", [RED, BLUE, RED])
    pics = pdf_pages.pages(path, (320, 180), 1, 2)
    assert len(pics) == 2 and all(p.shape == (180, 320, 4) for p in pics)
    assert tuple(pics[0][60, 160, :3]) == (0, 128, 255) and tuple(pics[1][60, 160, :3]) == (255, 0, 0)
    bar = (pics[0][150, :, :3] == 255).all(axis=-1)  # page 2's white bar: 100 of 320 points, from x = 20
    assert bar.sum() == 100 and bar[20] and not bar[19]
    assert pdf_pages.page_count(path) == 3


def test_a_page_of_another_shape_is_letterboxed(tmp_path: Path) -> None:
    path = write_pdf(tmp_path / "a4ish.pdf", [RED], size=(180, 180))  # square on a 16:9 screen
    pic = pdf_pages.pages(path, (320, 180))[0]
    assert tuple(pic[90, 160, :3]) == (255, 0, 0)
    assert tuple(pic[90, 10, :3]) == pdf_pages.GROUND and tuple(pic[90, 310, :3]) == pdf_pages.GROUND


def with_pdf(tmp_path: Path, name: str | None, fills: int | None) -> Path:
    """The shipped spaces files with the lecture pointing at ``name`` (written with ``fills`` pages if given)."""
    directory = tmp_path / "spaces"
    shutil.copytree(SPACES_DIR, directory)
    data = json.loads((directory / "citizens_university.json").read_text(encoding="utf-8"))
    data["lecture"]["pdf"] = name
    (directory / "citizens_university.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    if fills is not None:
        write_pdf(directory / name, [RED, BLUE] * fills)
    return directory


def test_a_lecture_with_a_pdf_loads_it(tmp_path: Path) -> None:
    lecture = catalogue.load_citizens_university(with_pdf(tmp_path, "slides.pdf", 2)).lecture
    assert lecture.pdf is not None and lecture.pdf.name == "slides.pdf"
    assert catalogue.load_citizens_university().lecture.pdf is None, "the shipped lecture draws its slides"


@pytest.mark.parametrize(("name", "fills", "named"), [
    ("none.pdf", None, "missing"),
    ("short.pdf", 1, "2 pages for 4 slides"),
    ("../escape.pdf", None, "in the spaces folder"),
    ("slides.txt", None, "in the spaces folder"),
])
def test_a_bad_pdf_is_refused_naming_the_lecture(tmp_path: Path, name: str, fills: int | None, named: str) -> None:
    with pytest.raises(SpacesError, match=named):
        catalogue.load_citizens_university(with_pdf(tmp_path, name, fills))


def test_without_the_pdf_extra_a_named_pdf_is_refused_with_the_reason(tmp_path: Path, monkeypatch) -> None:
    """A build (which leaves pypdfium2 out) or an install without ``[pdf]``: the lecture says what it needs."""
    directory = with_pdf(tmp_path, "slides.pdf", 2)
    monkeypatch.setitem(sys.modules, "pypdfium2", None)  # importing it now raises ImportError
    with pytest.raises(SpacesError, match=r"slides\.pdf.*needs PDF support.*\[pdf\]"):
        catalogue.load_citizens_university(directory)


def test_a_damaged_pdf_is_refused_not_a_traceback(tmp_path: Path) -> None:
    directory = with_pdf(tmp_path, "broken.pdf", None)
    (directory / "broken.pdf").write_bytes(b"%PDF-1.4\nnot really\n")
    with pytest.raises(SpacesError, match="cannot be read"):
        catalogue.load_citizens_university(directory)


GREEN = (0.0, 0.8, 0.2)


def with_documents(tmp_path: Path, documents: list[dict], pdfs: dict[str, list]) -> Path:
    """The shipped spaces files with Invest Seoul's shared ``documents``, their PDFs written from ``pdfs``."""
    directory = tmp_path / "spaces"
    shutil.copytree(SPACES_DIR, directory)
    data = json.loads((directory / "invest_seoul.json").read_text(encoding="utf-8"))
    data["documents"] = documents
    (directory / "invest_seoul.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    for name, fills in pdfs.items():
        write_pdf(directory / name, fills)
    return directory


GUIDE = {"id": "guide", "title": {"ko": "투자 안내서", "en": "Investment guide"}, "pdf": "guide.pdf"}
FORMS = {"id": "forms", "title": {"ko": "신고 서식", "en": "Notification forms"}, "pdf": "forms.pdf"}


def test_invest_seoul_documents_load_with_their_page_counts(tmp_path: Path) -> None:
    data = catalogue.load_invest_seoul(with_documents(tmp_path, [GUIDE, FORMS],
                                                      {"guide.pdf": [RED, BLUE], "forms.pdf": [GREEN]}))
    assert [(d.id, d.title["en"], d.pdf.name, d.pages) for d in data.documents] == [
        ("guide", "Investment guide", "guide.pdf", 2), ("forms", "Notification forms", "forms.pdf", 1)]
    assert catalogue.load_invest_seoul().documents == (), "none shipped: the centre supplies its own"


@pytest.mark.parametrize(("documents", "pdfs", "named"), [
    ([GUIDE], {}, "document guide: pdf 'guide.pdf' is missing"),
    ([{**GUIDE, "pdf": "../guide.pdf"}], {}, "document guide: pdf must name a .pdf file"),
    ([{k: v for k, v in GUIDE.items() if k != "pdf"}], {}, "document guide: a document needs its pdf"),
    ([GUIDE, GUIDE], {"guide.pdf": [RED]}, "ids must be present and unique"),
    ([{**GUIDE, "title": {"ko": "안내서"}}], {"guide.pdf": [RED]}, "document guide"),
])
def test_a_bad_document_is_refused_naming_it(tmp_path: Path, documents, pdfs, named: str) -> None:
    with pytest.raises(SpacesError, match=named):
        catalogue.load_invest_seoul(with_documents(tmp_path, documents, pdfs))
