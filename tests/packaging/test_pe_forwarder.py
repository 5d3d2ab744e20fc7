"""``packaging/pe_forwarder.py`` writes a DLL whose exports all forward to another DLL, as CPython's python3.dll
does; pefile reads it back as such."""

from __future__ import annotations

import sys
from pathlib import Path

import pefile

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "packaging"))

from pe_forwarder import write_forwarder  # noqa: E402


def test_every_export_forwards_to_the_target_by_the_same_name(tmp_path):
    names = ["Py_Initialize", "PyArg_ParseTuple", "_Py_NoneStruct", "PyExc_TypeError"]
    assert write_forwarder(tmp_path / "python3.dll", Path("python311.dll"), names) == 4
    pe = pefile.PE(str(tmp_path / "python3.dll"))
    assert pe.is_dll() and pe.FILE_HEADER.Machine == 0x8664
    exports = pe.DIRECTORY_ENTRY_EXPORT
    assert pe.get_string_at_rva(exports.struct.Name) == b"python3.dll"
    assert {s.name.decode(): s.forwarder.decode() for s in exports.symbols} == {
        name: f"python311.{name}" for name in names}
