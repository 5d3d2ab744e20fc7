"""``python packaging/buildcheck.py BUILD_DIR``: check each platform's ``build_apps`` output without running it.

A Windows or macOS build is made here but cannot run here, and what breaks it at a user's desk is statically
visible: (1) a module the app imports at run time (``runtime-modules.json``, recorded from Linux runs by
``record_modules.py``) that the platform has but the build lacks — numpy 2's C-imported ``numpy._core``
modules; (2) a native library an extension or DLL imports — or a function it imports from a bundled DLL — that
is neither in the build nor a documented system library of that platform (``python3.dll``); (3) an asset or
shader of the stage missing from the build. Each problem is one line; ``build.py`` fails the build on any.

"What the platform has" is read from the very wheels ``build_apps`` downloaded for it
(``BUILD_DIR/dist/__whl_cache__/<platform>_*``): a module absent from them (numpy 2.2 on manylinux2014 lacks a
few of 2.4's, a Windows Python has no ``fcntl``, and a stdlib module with no file in Panda3D's ``deploy_libs``
is built into that platform's interpreter) is not the build's fault. Modules built into the recording
interpreter, namespace packages and Cython's synthetic modules have no file to check and are left to
``--self-check``.
"""

from __future__ import annotations

import argparse
import struct
import sys
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from build_modules import runtime_modules  # noqa: E402  (packaging/ is a directory of scripts, not a package)

# Libraries every supported system provides; the README's requirements table lists the same.
WINDOWS_SYSTEM = {
    "advapi32.dll", "bcrypt.dll", "bcryptprimitives.dll", "cfgmgr32.dll", "comctl32.dll", "comdlg32.dll",
    "crypt32.dll", "dbghelp.dll", "dinput8.dll", "dwmapi.dll", "gdi32.dll", "glu32.dll", "hid.dll", "imm32.dll",
    "iphlpapi.dll", "kernel32.dll", "ntdll.dll", "ole32.dll", "oleaut32.dll", "opengl32.dll", "powrprof.dll",
    "rpcrt4.dll", "secur32.dll", "setupapi.dll", "shell32.dll", "shlwapi.dll", "user32.dll", "userenv.dll",
    "uxtheme.dll", "version.dll", "winmm.dll", "ws2_32.dll", "wsock32.dll", "xinput1_4.dll", "mswsock.dll",
    "winhttp.dll", "ncrypt.dll", "normaliz.dll", "psapi.dll", "dsound.dll", "msvcrt.dll", "ucrtbase.dll",
}
# The Microsoft Visual C++ 2015–2022 redistributable (a documented requirement of the Windows build).
WINDOWS_VC_RUNTIME = {"vcruntime140.dll", "vcruntime140_1.dll", "msvcp140.dll", "concrt140.dll"}
MACOS_SYSTEM_PREFIXES = ("/usr/lib/", "/System/Library/Frameworks/", "/System/Library/PrivateFrameworks/")
LINUX_SYSTEM = {
    "libc.so.6", "libm.so.6", "libdl.so.2", "libpthread.so.0", "librt.so.1", "libutil.so.1", "libgcc_s.so.1",
    "libstdc++.so.6", "ld-linux-x86-64.so.2", "libGL.so.1", "libEGL.so.1", "libX11.so.6", "libXext.so.6",
    "libXrandr.so.2", "libXcursor.so.1", "libXi.so.6", "libXxf86dga.so.1", "libXrender.so.1", "libssl.so.3",
    "libcrypto.so.3", "libsqlite3.so", "libsqlite3.so.0", "libz.so.1", "libcrypt.so.1", "libnsl.so.1",
    "libopenal.so.1",
}


@dataclass
class Layout:
    """Where a platform's build keeps the executable, extension modules and data."""

    platform: str
    root: Path
    exe: Path
    ext_dir: Path
    data_dir: Path
    problems: list[str] = field(default_factory=list)

    @property
    def ext(self) -> str:
        return ".pyd" if self.platform.startswith("win") else ".so"

    def problem(self, text: str) -> None:
        self.problems.append(f"{self.platform}: {text}")


def layout(platform: str, root: Path, app: str) -> Layout:
    if platform.startswith("macosx"):
        contents = root / f"{app}.app" / "Contents"
        return Layout(platform, root, contents / "MacOS" / app, contents / "Frameworks", contents / "Resources")
    exe = root / (f"{app}.exe" if platform.startswith("win") else app)
    return Layout(platform, root, exe, root, root)


# -- (1) modules -------------------------------------------------------------------------------------------------
def frozen_modules(exe: Path) -> set[str]:
    """Names of the modules frozen into a ``build_apps`` executable (its blob's module table; forbidden
    entries, size 0, left out)."""
    data = exe.read_bytes()
    marker = struct.pack("<HH", 1, 12)  # blob header: version 1, 12 pointers
    at = data.find(marker)
    while at >= 0:
        start = at - 16
        blob_offset, blob_size = struct.unpack_from("<QQ", data, start)
        if start > 0 and blob_offset % 32 == 0 and 0 < blob_offset and blob_offset + blob_size <= len(data):
            (table,) = struct.unpack_from("<Q", data, start + 32)
            names, entry = set(), blob_offset + table
            while True:
                name_at, _offset, size = struct.unpack_from("<QQi", data, entry)
                if name_at == 0:
                    return names
                if size != 0:
                    end = data.index(b"\0", blob_offset + name_at)
                    names.add(data[blob_offset + name_at:end].decode("ascii"))
                entry += 24
        at = data.find(marker, at + 1)
    raise ValueError(f"{exe}: no frozen-module table found")


def wheel_modules(wheels: Path) -> tuple[set[str], set[str]]:
    """(modules in the platform's wheels, stdlib extension modules in Panda3D's ``deploy_libs``)."""
    modules, stdlib_ext = set(), set()
    for wheel in wheels.glob("*.whl"):
        with zipfile.ZipFile(wheel) as zf:
            for name in zf.namelist():
                parts = name.split("/")
                if parts[0] == "deploy_libs" and name.endswith((".pyd", ".so")):
                    stdlib_ext.add(parts[-1].split(".")[0])
                elif name.endswith(".py"):
                    parts[-1] = parts[-1][:-3]
                    modules.add(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
                elif name.endswith((".pyd", ".so")) and ".data/" not in name:
                    modules.add(".".join(parts[:-1] + [parts[-1].split(".")[0]]))
    return modules, stdlib_ext


def check_modules(lay: Layout, recorded: dict[str, str], wheels: Path) -> int:
    frozen = frozen_modules(lay.exe)
    extensions = {p.name[:-len(lay.ext)] for p in lay.ext_dir.glob(f"*{lay.ext}")}
    available, stdlib_ext = wheel_modules(wheels)
    stdlib = sys.stdlib_module_names
    packages = {m.split(".")[0] for m in available | frozen}
    checked = 0
    for name, kind in recorded.items():
        if kind not in ("source", "extension"):
            continue
        top = name.split(".")[0]
        if top in stdlib:
            needed = kind == "source" or (top in stdlib_ext and "." not in name)
        else:
            needed = name in available or top not in packages  # a whole package missing is the build's fault
        if not needed:
            continue
        checked += 1
        if name not in frozen and name not in extensions:
            lay.problem(f"module {name} ({kind}, imported at run time) is not in the build")
    return checked


# -- (2) native libraries ----------------------------------------------------------------------------------------
def _pe(path: Path):
    import pefile

    # pefile stops at 8192 exports by default ("assuming corrupt"); libpanda.dll exports 26 000.
    return pefile.PE(str(path), fast_load=True, max_symbol_exports=1 << 20)


def pe_imports(path: Path) -> dict[str, set[str]]:
    """DLL name (lower case) → imported function names, normal and delay-load imports."""
    import pefile

    pe = _pe(path)
    pe.parse_data_directories(directories=[pefile.DIRECTORY_ENTRY[d] for d in (
        "IMAGE_DIRECTORY_ENTRY_IMPORT", "IMAGE_DIRECTORY_ENTRY_DELAY_IMPORT")])
    out: dict[str, set[str]] = {}
    for entry in getattr(pe, "DIRECTORY_ENTRY_IMPORT", []) + getattr(pe, "DIRECTORY_ENTRY_DELAY_IMPORT", []):
        out.setdefault(entry.dll.decode("ascii").lower(), set()).update(
            imp.name.decode("ascii") for imp in entry.imports if imp.name)
    return out


def pe_exports(path: Path) -> tuple[set[str], dict[str, str]]:
    """(exported names, forwarded name → ``dll.name`` target)."""
    import pefile

    pe = _pe(path)
    pe.parse_data_directories(directories=[pefile.DIRECTORY_ENTRY["IMAGE_DIRECTORY_ENTRY_EXPORT"]])
    names, forwards = set(), {}
    for sym in getattr(getattr(pe, "DIRECTORY_ENTRY_EXPORT", None), "symbols", []):
        if sym.name:
            names.add(sym.name.decode("ascii"))
            if sym.forwarder:
                forwards[sym.name.decode("ascii")] = sym.forwarder.decode("ascii")
    return names, forwards


def check_windows_libraries(lay: Layout) -> int:
    bundled = {p.name.lower(): p for p in lay.root.iterdir() if p.suffix.lower() in (".dll", ".pyd", ".exe")}
    exports: dict[str, tuple[set[str], dict[str, str]]] = {}
    for lib in sorted(bundled.values()):
        for dll, functions in pe_imports(lib).items():
            if dll.startswith(("api-ms-win-", "ext-ms-win-")) or dll in WINDOWS_SYSTEM or dll in WINDOWS_VC_RUNTIME:
                continue
            if dll not in bundled:
                lay.problem(f"{lib.name} needs {dll}: neither in the build nor a Windows system library")
                continue
            names, forwards = exports.setdefault(dll, pe_exports(bundled[dll]))
            for function in sorted(functions - names):
                lay.problem(f"{lib.name} imports {function} from {dll}, which does not export it")
            for function in sorted(functions & forwards.keys()):
                target_dll, _, target = forwards[function].partition(".")
                target_file = bundled.get(target_dll.lower() + ".dll")
                if target_file is not None and target not in exports.setdefault(
                        target_file.name.lower(), pe_exports(target_file))[0]:
                    lay.problem(f"{dll} forwards {function} to {forwards[function]}, which does not exist")
    return len(bundled)


def macho_dependencies(path: Path) -> Iterator[str]:
    """Non-weak ``LC_LOAD_DYLIB`` names of every architecture in a Mach-O file."""
    from macholib.mach_o import LC_LOAD_DYLIB
    from macholib.MachO import MachO

    for header in MachO(str(path)).headers:
        for load, _cmd, data in header.commands:
            if load.cmd == LC_LOAD_DYLIB:
                yield data.rstrip(b"\0").decode("utf-8")


def check_macos_libraries(lay: Layout) -> int:
    files = [lay.exe] + sorted(p for p in lay.ext_dir.iterdir() if p.suffix in (".so", ".dylib"))
    bundled = {p.name for p in files}
    for lib in files:
        for dep in macho_dependencies(lib):
            if dep.startswith(MACOS_SYSTEM_PREFIXES):
                continue
            if dep.startswith(("@loader_path/", "@executable_path/", "@rpath/")) and Path(dep).name in bundled:
                continue
            lay.problem(f"{lib.name} needs {dep}: neither in the app bundle nor a macOS system library")
    return len(files)


def elf_needed(path: Path) -> list[str]:
    """``DT_NEEDED`` entries of a 64-bit little-endian ELF file."""
    data = path.read_bytes()
    if data[:4] != b"\x7fELF" or data[4] != 2:
        return []
    shoff, = struct.unpack_from("<Q", data, 0x28)
    shentsize, shnum = struct.unpack_from("<HH", data, 0x3A)
    sections = [struct.unpack_from("<IIQQQQIIQQ", data, shoff + i * shentsize) for i in range(shnum)]
    needed = []
    for _name, kind, _flags, _addr, offset, size, link, _info, _align, _entsize in sections:
        if kind != 6:  # SHT_DYNAMIC
            continue
        strtab = sections[link][4]
        for at in range(offset, offset + size, 16):
            tag, value = struct.unpack_from("<qQ", data, at)
            if tag == 0:
                break
            if tag == 1:  # DT_NEEDED
                needed.append(data[strtab + value:data.index(b"\0", strtab + value)].decode("utf-8"))
    return needed


def check_linux_libraries(lay: Layout) -> int:
    files = [lay.exe] + sorted(p for p in lay.root.iterdir() if ".so" in p.suffixes and p.is_file())
    bundled = {p.name for p in files}
    for lib in files:
        for dep in elf_needed(lib):
            if dep not in bundled and dep not in LINUX_SYSTEM:
                lay.problem(f"{lib.name} needs {dep}: neither in the build nor a documented system library")
    return len(files)


# -- (3) data ----------------------------------------------------------------------------------------------------
def check_data(lay: Layout, stage: Path) -> int:
    count = 0
    for top in ("assets", "shaders"):
        for src in sorted((stage / top).rglob("*")):
            if src.is_file():
                count += 1
                rel = src.relative_to(stage)
                if not (lay.data_dir / rel).is_file():
                    lay.problem(f"{rel.as_posix()} is not in the build")
    return count


def check_platform(out: Path, platform: str, app: str = "metaverse-seoul") -> tuple[list[str], dict[str, int]]:
    """Check ``out/dist/<platform>`` (``out`` is ``build.py --out``); returns (problems, counts checked)."""
    lay = layout(platform, out / "dist" / platform, app)
    if not lay.exe.is_file():
        return [f"{platform}: no executable at {lay.exe}"], {}
    wheels = next((out / "dist" / "__whl_cache__").glob(f"{platform}_*"), None)
    if wheels is None:
        return [f"{platform}: no wheel cache for the platform under {out / 'dist' / '__whl_cache__'}"], {}
    counts = {"modules": check_modules(lay, runtime_modules(), wheels)}
    if platform.startswith("win"):
        counts["libraries"] = check_windows_libraries(lay)
    elif platform.startswith("macosx"):
        counts["libraries"] = check_macos_libraries(lay)
    else:
        counts["libraries"] = check_linux_libraries(lay)
    counts["files"] = check_data(lay, out / "stage")
    return lay.problems, counts


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python packaging/buildcheck.py", description=__doc__.splitlines()[0])
    p.add_argument("out", type=Path, help="build.py's --out directory (holds stage/ and dist/)")
    p.add_argument("--platforms", help="comma-separated (default: every platform built there)")
    ns = p.parse_args(argv)
    dist = ns.out / "dist"
    platforms = ns.platforms.split(",") if ns.platforms else sorted(
        d.name for d in dist.iterdir() if d.is_dir() and not d.name.startswith("__"))
    failed = False
    for platform in platforms:
        problems, counts = check_platform(ns.out, platform)
        for line in problems:
            print(line)
        failed |= bool(problems)
        summary = ", ".join(f"{n} {what}" for what, n in counts.items())
        print(f"{platform}: {'FAILED' if problems else 'ok'} ({summary})")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
