"""A small PDF written by the tests themselves (no binary in git): pages of one colour each, with a white bar whose
length grows page by page, drawn with the PDF operators for a filled rectangle."""

from __future__ import annotations

from pathlib import Path


def write_pdf(path: Path, fills: list[tuple[float, float, float]], size: tuple[int, int] = (320, 180)) -> Path:
    """One page per fill colour (0..1 RGB), ``size`` points; the cross-reference table is exact."""
    w, h = size
    kids = " ".join(f"{3 + 2 * k} 0 R" for k in range(len(fills)))
    objects = ["<< /Type /Catalog /Pages 2 0 R >>", f"<< /Type /Pages /Kids [{kids}] /Count {len(fills)} >>"]
    for k, (r, g, b) in enumerate(fills):
        content = f"{r:.3f} {g:.3f} {b:.3f} rg 0 0 {w} {h} re f 1 1 1 rg 20 20 {40 + 60 * k} 20 re f"
        objects.append(f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {w} {h}] /Contents {4 + 2 * k} 0 R >>")
        objects.append(f"<< /Length {len(content)} >>\nstream\n{content}\nendstream")
    out, offsets = b"%PDF-1.4\n", []
    for n, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{n} 0 obj\n{body}\nendobj\n".encode()
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    path.write_bytes(out)
    return path
