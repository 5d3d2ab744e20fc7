"""PDF pages as pictures for the spaces' screens (a lecture's slides from the lecturer's PDF), as RGBA arrays
like :mod:`game.spaces.drawing`'s (row 0 at the top), ready for :func:`game.spaces.cards.texture`.

PDFium (through pypdfium2) renders the pages: the engine Chromium uses, kept up to date and shipped as wheels for
Windows, macOS and Linux, so a desktop, a kiosk or a build gets it without a system library. Each page is fitted
inside the screen's picture, centred on a dark ground, so a 4:3 or A4 page keeps its proportions on a 16:9
screen. The document is read once and closed; the pages are kept as arrays.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

GROUND = (20, 22, 26)  # the letterbox around a page of another shape


def pages(path: Path, size: tuple[int, int], first: int = 0, count: int | None = None) -> list[np.ndarray]:
    """Pages ``first`` … of the PDF at ``path``, each as a ``size`` (width, height) RGBA picture."""
    import pypdfium2

    w, h = size
    doc = pypdfium2.PdfDocument(str(path))
    try:
        last = len(doc) if count is None else min(len(doc), first + count)
        out = []
        for k in range(first, last):
            page = doc[k]
            pw, ph = page.get_size()
            scale = min(w / pw, h / ph)
            rgb = page.render(scale=scale, rev_byteorder=True).to_numpy()[..., :3]
            page.close()
            img = np.empty((h, w, 4), np.uint8)
            img[..., :3] = GROUND
            img[..., 3] = 255
            ih, iw = min(rgb.shape[0], h), min(rgb.shape[1], w)
            top, left = (h - ih) // 2, (w - iw) // 2
            img[top:top + ih, left:left + iw, :3] = rgb[:ih, :iw]
            out.append(img)
        return out
    finally:
        doc.close()


def page_count(path: Path) -> int:
    import pypdfium2

    doc = pypdfium2.PdfDocument(str(path))
    try:
        return len(doc)
    finally:
        doc.close()
