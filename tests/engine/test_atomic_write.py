"""Writing atomically: the old file or the whole new one, its permissions, no leftovers."""

import os
import stat

import pytest

from engine.files.atomic_write import replacing, write_text


def test_the_text_replaces_the_file_and_nothing_else_is_left(tmp_path):
    path = tmp_path / "out.csv"
    path.write_text("old")
    write_text(path, "a,b\n1,2\n")
    assert path.read_bytes() == b"a,b\n1,2\n"
    assert os.listdir(tmp_path) == ["out.csv"]


def test_a_new_file_gets_the_umask_permissions_and_an_old_one_keeps_its_own(tmp_path):
    umask = os.umask(0o022)
    try:
        fresh = tmp_path / "fresh.json"
        write_text(fresh, "{}")
        assert stat.S_IMODE(fresh.stat().st_mode) == 0o644
        kept = tmp_path / "kept.json"
        kept.write_text("{}")
        kept.chmod(0o600)
        write_text(kept, "[]")
        assert stat.S_IMODE(kept.stat().st_mode) == 0o600
    finally:
        os.umask(umask)


def test_a_failure_while_writing_leaves_the_old_file_and_no_temporary(tmp_path):
    path = tmp_path / "history.csv"
    path.write_text("old")
    with pytest.raises(RuntimeError), replacing(path) as temporary:
        with open(temporary, "w") as file:
            file.write("half")
        raise RuntimeError("interrupted")
    assert path.read_text() == "old"
    assert os.listdir(tmp_path) == ["history.csv"]


def test_a_missing_folder_is_an_os_error(tmp_path):
    with pytest.raises(OSError):
        write_text(tmp_path / "no" / "such.json", "{}")
