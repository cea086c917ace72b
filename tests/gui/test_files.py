"""Recent files and the recovery file: what the window remembers between sessions."""

import pytest
from PySide6.QtCore import QSettings

from engine.errors import NetworkFileError
from engine.files import netfile
from gui import files


@pytest.fixture
def settings(tmp_path):
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


def touch(folder, name):
    path = folder / name
    path.write_text("{}")
    return str(path)


def test_recent_files_are_newest_first_without_duplicates(settings, tmp_path):
    first, second = touch(tmp_path, "a.json"), touch(tmp_path, "b.json")
    files.add_recent_file(settings, first)
    files.add_recent_file(settings, second)
    files.add_recent_file(settings, first)
    assert files.recent_files(settings) == [first, second]


def test_recent_files_keep_at_most_the_limit(settings, tmp_path):
    paths = [touch(tmp_path, f"{i}.json") for i in range(files.MAX_RECENT + 3)]
    for path in paths:
        files.add_recent_file(settings, path)
    assert files.recent_files(settings) == paths[::-1][: files.MAX_RECENT]


def test_recent_files_forget_files_that_are_gone(settings, tmp_path):
    path = touch(tmp_path, "gone.json")
    files.add_recent_file(settings, path)
    (tmp_path / "gone.json").unlink()
    assert files.recent_files(settings) == []


def test_recovery_file_round_trips_the_network_and_its_origin(tmp_path):
    recovery = files.RecoveryFile(str(tmp_path / "recovery"))
    assert not recovery.exists()
    experiment = netfile.load("preset:xor")
    experiment.network.layers[0].weights[0, 0] = 0.1 + 0.2  # a float that needs every digit
    recovery.save(experiment, "/somewhere/xor.json")
    restored, origin = recovery.load()
    assert origin == "/somewhere/xor.json"
    assert netfile.to_dict(restored) == netfile.to_dict(experiment)
    recovery.discard()
    assert not recovery.exists()


def test_a_damaged_recovery_file_raises_the_engines_error(tmp_path):
    recovery = files.RecoveryFile(str(tmp_path))
    recovery.path.write_text("{ not json")
    with pytest.raises(NetworkFileError):
        recovery.load()
