"""Key files are written so that a process reading them while another writes never sees part of one: the hubs
and relays of one ``net.city up`` start at once over one data folder and each pins the same keys (a plain rewrite
once let a relay read an empty authority file and fail to start)."""

from __future__ import annotations

import multiprocessing
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from net.hub.layout import init_hub_dir
from net.keys import load_pinned_authorities, pin_authority, write_atomically


def test_pinning_the_same_key_again_leaves_the_file_alone(tmp_path: Path):
    public = Ed25519PrivateKey.generate().public_key()
    path = pin_authority(tmp_path, public)
    before = path.stat()
    pin_authority(tmp_path, public)
    after = path.stat()
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)
    assert list(load_pinned_authorities(tmp_path)) == [path.stem]


def test_new_content_arrives_by_rename_and_leaves_no_temporary_file(tmp_path: Path):
    path = tmp_path / "a.pub"
    write_atomically(path, "one\n")
    inode = path.stat().st_ino
    write_atomically(path, "two\n")
    assert path.read_text(encoding="ascii") == "two\n"
    assert path.stat().st_ino != inode  # a new file renamed over the old one, not the old one truncated
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.pub"]


def _read_authorities(root: str, rounds: int, failures) -> None:
    layout_dir = Path(root) / "keys" / "authorities"
    for _ in range(rounds):
        try:
            load_pinned_authorities(layout_dir)
        except ValueError as error:  # an empty or partial key file
            failures.put(str(error))
            return


def test_a_hub_folder_read_while_others_start_over_it_is_always_whole(tmp_path: Path):
    init_hub_dir(tmp_path)
    failures = multiprocessing.get_context("spawn").Queue()
    reader = multiprocessing.get_context("spawn").Process(target=_read_authorities, args=(str(tmp_path), 3000,
                                                                                        failures))
    reader.start()
    while reader.is_alive():
        init_hub_dir(tmp_path)  # what every hub and relay does at its start
    reader.join()
    assert failures.empty(), failures.get()
