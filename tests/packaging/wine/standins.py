"""Build the TEST-ONLY Wine stand-ins (never shipped) with mingw-w64 into a copy of the Windows build.

Wine 8 (Debian 12) lacks two things real Windows 10+ has and the build uses: working C99 complex functions in
``ucrtbase`` (numpy calls them; Wine has aborting stubs) and ``bcryptprimitives.dll`` (``ProcessPrng``, imported by
cryptography's ``_rust.pyd``). The C sources beside this file implement exactly those; everything else in the
build runs as shipped. ``python3.dll`` needs no stand-in: the build ships its own (packaging/pe_forwarder.py).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[2] / "packaging"))

from buildcheck import pe_exports, pe_imports  # noqa: E402

CC = "x86_64-w64-mingw32-gcc"
CRT_MATH = "api-ms-win-crt-math-l1-1-0.dll"
STANDIN = "mseoul-wine-crt-math-stand.dll"  # as long as CRT_MATH, so the import name can be patched in place
assert len(STANDIN) == len(CRT_MATH)
_COMPLEX_UNARY = ("ccos", "ccosh", "cexp", "csin", "csinh", "ctan", "ctanh", "csqrt", "clog", "cacos", "cacosh",
                  "casin", "casinh", "catan", "catanh", "conj", "cproj", "cabs", "carg", "creal", "cimag", "cpow")
IMPLEMENTED = {base + suffix for base in _COMPLEX_UNARY for suffix in ("", "f", "l")}


def _replace(app: Path, name: str, built: Path) -> None:
    target = app / name
    target.unlink(missing_ok=True)  # the copy is hard-linked to the build: never write through the link
    shutil.copy2(built, target)


def _repoint_crt_math(app: Path) -> list[str]:
    """Point every binary's ``api-ms-win-crt-math`` import at the stand-in (a same-length name, patched in place):
    Wine resolves API-set names to its own ``ucrtbase`` and would never load a file of that name."""
    patched = []
    for lib in sorted(app.iterdir()):
        if lib.suffix.lower() not in (".pyd", ".dll") or lib.name in (CRT_MATH, STANDIN):
            continue
        if not IMPLEMENTED & pe_imports(lib).get(CRT_MATH, set()):
            continue
        data = lib.read_bytes()
        new = data.replace(CRT_MATH.encode() + b"\0", STANDIN.encode() + b"\0")
        if new != data:
            lib.unlink()  # hard-linked to the build: replace, never write through
            lib.write_bytes(new)
            patched.append(lib.name)
    return patched


def build_standins(app: Path, work: Path) -> list[str]:
    """Compile both stand-ins into ``app`` (a hard-linked copy of the Windows build); returns the binaries whose
    complex-math import now goes to the stand-in."""
    work.mkdir(parents=True, exist_ok=True)
    names, _forwards = pe_exports(app / CRT_MATH)
    lines = [f"LIBRARY {STANDIN}", "EXPORTS"]
    lines += [f"{n}=s_{n}" if n in IMPLEMENTED else f"{n}=ucrtbase.{n}" for n in sorted(names)]
    (work / "crt_math.def").write_text("\n".join(lines) + "\n", encoding="ascii")
    subprocess.run([CC, "-O2", "-shared", "-static-libgcc", "-o", str(work / CRT_MATH),
                    str(HERE / "crt_math_standin.c"), str(work / "crt_math.def"), "-lm"],
                   check=True, capture_output=True, text=True)
    (work / "bcryptprimitives.def").write_text("LIBRARY bcryptprimitives.dll\nEXPORTS\nProcessPrng\n", encoding="ascii")
    subprocess.run([CC, "-O2", "-shared", "-o", str(work / "bcryptprimitives.dll"),
                    str(HERE / "bcryptprimitives_standin.c"), str(work / "bcryptprimitives.def"), "-lbcrypt"],
                   check=True, capture_output=True, text=True)
    shutil.copy2(work / CRT_MATH, app / STANDIN)
    _replace(app, "bcryptprimitives.dll", work / "bcryptprimitives.dll")
    return _repoint_crt_math(app)
