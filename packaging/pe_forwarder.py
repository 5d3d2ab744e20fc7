"""Write ``python3.dll`` for a Windows build: a DLL of export forwarders to ``python311.dll``.

cryptography's ``_rust.pyd`` is built against the stable ABI, so it imports ``python3.dll``; Panda3D's Windows
wheel ships ``python311.dll`` only, and without ``python3.dll`` the app stops at ``import cryptography`` ("DLL load
failed"). CPython's own ``python3.dll`` holds no code — every export forwards to ``python3XY.dll`` — so the same
thing is written here from the export table of the ``python3XY.dll`` in the build: a PE32+ image with one
section, the export directory, whose every entry is a forwarder string ``python311.Name``. No compiler needed.
"""

from __future__ import annotations

import struct
from pathlib import Path

_FILE_ALIGN = 0x200
_SECTION_ALIGN = 0x1000
_SECTION_RVA = 0x1000
_IMAGE_BASE = 0x180000000


def _align(value: int, to: int) -> int:
    return (value + to - 1) // to * to


def exported_names(dll: Path) -> list[str]:
    """The named exports of a PE DLL (through ``pefile``)."""
    import pefile

    pe = pefile.PE(str(dll), fast_load=True)
    pe.parse_data_directories(directories=[pefile.DIRECTORY_ENTRY["IMAGE_DIRECTORY_ENTRY_EXPORT"]])
    table = getattr(pe, "DIRECTORY_ENTRY_EXPORT", None)
    return sorted(sym.name.decode("ascii") for sym in (table.symbols if table else []) if sym.name)


def _export_section(dll_name: str, target: str, names: list[str]) -> tuple[bytes, int]:
    """The ``.edata`` contents at RVA ``_SECTION_RVA``; returns (bytes, size of the export directory)."""
    names = sorted(names)  # the loader binary-searches the name table
    n = len(names)
    directory_size = 40
    functions_at = _SECTION_RVA + directory_size
    names_at = functions_at + 4 * n
    ordinals_at = names_at + 4 * n
    strings_at = ordinals_at + 2 * n
    strings = bytearray(dll_name.encode("ascii") + b"\0")
    name_rvas, forward_rvas = [], []
    for name in names:
        name_rvas.append(strings_at + len(strings))
        strings += name.encode("ascii") + b"\0"
        forward_rvas.append(strings_at + len(strings))
        strings += f"{target}.{name}".encode("ascii") + b"\0"
    directory = struct.pack("<IIHHIIIIIII", 0, 0, 0, 0, strings_at, 1, n, n, functions_at, names_at, ordinals_at)
    body = (directory + struct.pack(f"<{n}I", *forward_rvas) + struct.pack(f"<{n}I", *name_rvas)
            + struct.pack(f"<{n}H", *range(n)) + bytes(strings))
    # Forwarders are recognised by their RVA falling inside the export directory's range: make it cover them all.
    return body, len(body)


def write_forwarder(path: Path, target_dll: Path, names: list[str] | None = None) -> int:
    """Write ``path`` (e.g. ``python3.dll``) forwarding every export of ``target_dll``; returns the export count."""
    names = exported_names(target_dll) if names is None else names
    body, export_size = _export_section(path.name, target_dll.stem, names)
    raw_size = _align(len(body), _FILE_ALIGN)
    headers_size = _FILE_ALIGN
    image_size = _SECTION_RVA + _align(len(body), _SECTION_ALIGN)
    dos = b"MZ" + bytes(58) + struct.pack("<I", 64)
    coff = struct.pack("<HHIIIHH", 0x8664, 1, 0, 0, 0, 240, 0x2022)  # AMD64; executable, large address aware, DLL
    optional = struct.pack(
        "<HBBIIIIIQIIHHHHHHIIIIHHQQQQII",
        0x20B, 14, 0, 0, raw_size, 0, 0, _SECTION_RVA,  # PE32+; no code, no entry point
        _IMAGE_BASE, _SECTION_ALIGN, _FILE_ALIGN, 6, 0, 0, 0, 6, 0, 0,
        image_size, headers_size, 0, 3, 0x0160,  # console subsystem; high-entropy VA, dynamic base, NX compatible
        0x100000, 0x1000, 0x100000, 0x1000, 0, 16)
    directories = bytearray(16 * 8)
    directories[0:8] = struct.pack("<II", _SECTION_RVA, export_size)
    section = struct.pack("<8sIIIIIIHHI", b".edata", len(body), _SECTION_RVA, raw_size, headers_size, 0, 0, 0, 0,
                          0x40000040)  # initialised data, readable
    headers = dos + b"PE\0\0" + coff + optional + bytes(directories) + section
    image = headers.ljust(headers_size, b"\0") + body.ljust(raw_size, b"\0")
    path.write_bytes(image)
    return len(names)
