"""Hostile files and paths (issue 12): FIFOs and devices, odd save targets, text that is not
text, files the writer must not make. Each case is refused with one line, never a hang, a crash
or a lost file."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from engine.cli import main
from engine.errors import NetworkError, NetworkFileError
from engine.files import atomic_write, csvdata, netfile
from engine.files.file_text import key_name, one_line, quote
from engine.files.regular_file import read_bytes
from engine.model.experiment import Dataset, Experiment, TrainingSettings
from engine.model.network import Layer, Network
from tests.engine.test_netfile import seed_document

ROOT = Path(__file__).resolve().parents[2]
HANG_SECONDS = 20


def run(argv, capsys):
    """(exit status, stdout, stderr lines) of the command line on ``argv``."""
    status = main([str(a) for a in argv], launch_gui=None)
    out, err = capsys.readouterr()
    return status, out, err.splitlines()


def run_process(*argv):
    """(exit status, stderr lines) of ``python main.py argv``; a hang fails the test."""
    try:
        result = subprocess.run([sys.executable, "main.py", *map(str, argv)], cwd=ROOT,
                                capture_output=True, text=True, timeout=HANG_SECONDS,
                                env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    except subprocess.TimeoutExpired:
        pytest.fail(f"{argv} hung for {HANG_SECONDS} s")
    return result.returncode, result.stderr.splitlines()


@pytest.fixture
def fifo(tmp_path):
    if not hasattr(os, "mkfifo"):
        pytest.skip("this system has no named pipes")
    path = tmp_path / "f.json"
    os.mkfifo(path)
    yield path
    # a reader still blocked in open() (the bug) is released by a writer opening the pipe
    try:
        os.close(os.open(path, os.O_WRONLY | os.O_NONBLOCK))
    except OSError:
        pass


READER = """
import resource, sys
resource.setrlimit(resource.RLIMIT_AS, (4 << 30, 4 << 30))  # reading /dev/zero whole: stop
from engine.files import csvdata
from engine.files import netfile
try:
    getattr({module}, "{function}")(sys.argv[1])
except ValueError as error:
    print(error)
"""


def refusal(module: str, function: str, path) -> str:
    """The message of ``module.function(path)``, called in a child process: a reader that
    blocks or reads forever is stopped by the timeout (and fails the test), not by the OOM."""
    code = READER.format(module=module, function=function)
    try:
        result = subprocess.run([sys.executable, "-c", code, str(path)], cwd=ROOT,
                                capture_output=True, text=True, timeout=HANG_SECONDS,
                                env={**os.environ, "OPENBLAS_NUM_THREADS": "1"})
    except subprocess.TimeoutExpired:
        pytest.fail(f"{module}.{function}({path}) blocked for {HANG_SECONDS} s")
    assert result.returncode == 0, result.stderr
    return result.stdout


def device(tmp_path) -> Path:
    """A character device node (/dev/null's numbers) in tmp_path; as root only."""
    if getattr(os, "geteuid", lambda: 1)() != 0:
        pytest.skip("making a device node needs root")
    path = tmp_path / "device"
    os.mknod(path, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    return path


def unwritable_folder(tmp_path) -> Path:
    """A folder in which no file can be made (root ignores permissions: /sys then)."""
    if getattr(os, "geteuid", lambda: 0)() != 0:
        folder = tmp_path / "locked"
        folder.mkdir(mode=0o500)
        return folder
    folder = Path("/sys")
    try:
        os.close(os.open(folder / "probe", os.O_CREAT | os.O_WRONLY))
    except OSError:
        return folder
    pytest.skip("no folder that even root cannot write")


# ----- 3. FIFOs and devices are refused before they can block ------------------------------------
def test_a_fifo_is_refused_by_the_network_file_reader(fifo):
    message = refusal("netfile", "read_file", fifo)
    assert "named pipe (FIFO)" in message and str(fifo) in message


def test_a_fifo_is_refused_by_the_csv_reader(fifo):
    message = refusal("csvdata", "read_csv", fifo)
    assert "named pipe (FIFO)" in message and message.startswith(str(fifo))


@pytest.mark.parametrize("module, function", [("netfile", "read_file"), ("csvdata", "read_csv")])
def test_a_device_is_refused_by_every_reader_without_reading_it(module, function):
    assert "is a device" in refusal(module, function, "/dev/zero")


def test_a_preview_reads_the_start_of_a_file_of_any_size(tmp_path):
    path = tmp_path / "big.csv"
    path.write_bytes(b"a,b\n" + b"1,2\n" * 100_000)
    assert read_bytes(path, 8, whole=False) == b"a,b\n1,2\n"
    with pytest.raises(NetworkError, match="more than the limit"):
        read_bytes(path, 8)


@pytest.mark.parametrize("argv", [
    ["trace", "{}"], ["train", "{}", "--steps", "1"], ["screenshot", "{}", "o.png"], ["{}"],
])
def test_a_fifo_on_the_command_line_exits_2_with_one_line(fifo, argv):
    status, err = run_process(*[a.replace("{}", str(fifo)) for a in argv])
    assert status == 2 and len(err) == 1 and "named pipe (FIFO)" in err[0]


# ----- 5. (see test_training.py and test_cli.py) -------------------------------------------------
# ----- 7. every output path is checked before the first step -------------------------------------
def test_save_into_an_unwritable_folder_is_refused_before_training(tmp_path, capsys):
    folder = unwritable_folder(tmp_path)
    argv = ["train", "preset:seed", "--steps", "1", "--save", folder / "out.json"]
    status, out, err = run(argv, capsys)
    assert status == 2 and out == "" and len(err) == 1 and "--save" in err[0]


def test_history_into_an_unwritable_folder_is_refused_and_nothing_is_saved(tmp_path, capsys):
    folder, saved = unwritable_folder(tmp_path), tmp_path / "s.json"
    argv = ["train", "preset:seed", "--steps", "1", "--save", saved,
            "--history", folder / "h.csv"]
    status, out, err = run(argv, capsys)
    assert status == 2 and out == "" and len(err) == 1 and "--history" in err[0]
    assert not saved.exists()


@pytest.mark.parametrize("spelling", ["same", "dotted"])
def test_the_same_file_for_save_and_history_is_refused(tmp_path, capsys, spelling):
    path = tmp_path / "both.json"
    other = path if spelling == "same" else tmp_path / "." / "both.json"
    argv = ["train", "preset:seed", "--steps", "1", "--save", path, "--history", other]
    status, out, err = run(argv, capsys)
    assert status == 2 and out == "" and len(err) == 1
    assert "--history" in err[0] and "same file as --save" in err[0]
    assert list(tmp_path.iterdir()) == []


def test_history_onto_the_network_file_being_trained_is_refused(tmp_path, capsys):
    path = tmp_path / "n.json"
    path.write_text(json.dumps(seed_document()))
    before = path.read_text()
    status, _, err = run(["train", path, "--steps", "1", "--history", path], capsys)
    assert status == 2 and "--history" in err[0] and "same file as FILE" in err[0]
    assert path.read_text() == before
    assert run(["train", path, "--steps", "1", "--save", path], capsys)[0] == 0  # in place


def test_no_probe_file_is_left_behind_by_the_output_check(tmp_path, capsys):
    argv = ["train", "preset:seed", "--steps", "1", "--save", tmp_path / "s.json"]
    assert run(argv, capsys)[0] == 0
    assert [p.name for p in tmp_path.iterdir()] == ["s.json"]


# ----- 8. saving over what is not a file ---------------------------------------------------------
def test_saving_through_a_symlink_writes_its_target_and_keeps_the_link(tmp_path, capsys):
    target, link = tmp_path / "real.json", tmp_path / "link.json"
    target.write_text("old")
    link.symlink_to(target)
    status, _, _ = run(["train", "preset:seed", "--steps", "1", "--save", link], capsys)
    assert status == 0
    assert link.is_symlink() and netfile.read_file(target).network.layers[0].weights[0, 0] == 0.8


def test_the_atomic_write_goes_through_a_symlink(tmp_path):
    target, link = tmp_path / "real.txt", tmp_path / "link.txt"
    target.write_text("old")
    link.symlink_to(target)
    atomic_write.write_text(link, "new")
    assert link.is_symlink() and target.read_text() == "new"


def test_the_atomic_write_refuses_a_fifo_and_leaves_it(fifo):
    with pytest.raises(OSError, match="named pipe"):
        atomic_write.write_text(fifo, "text")
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)
    assert [p.name for p in fifo.parent.iterdir()] == [fifo.name]


def test_the_atomic_write_refuses_a_device_and_leaves_it(tmp_path):
    node = device(tmp_path)
    with pytest.raises(OSError, match="device"):
        atomic_write.write_text(node, "text")
    assert stat.S_ISCHR(os.stat(node).st_mode)


@pytest.mark.parametrize("option", ["--save", "--history"])
def test_save_onto_a_fifo_is_refused_before_training(fifo, capsys, option):
    argv = ["train", "preset:seed", "--steps", "1", option, fifo]
    status, out, err = run(argv, capsys)
    assert status == 2 and out == "" and len(err) == 1 and option in err[0]
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)


def test_save_onto_a_device_is_refused_and_the_device_stays(tmp_path, capsys):
    node = device(tmp_path)
    status, _, err = run(["train", "preset:seed", "--steps", "1", "--save", node], capsys)
    assert status == 2 and "--save" in err[0] and "device" in err[0]
    assert stat.S_ISCHR(os.stat(node).st_mode)


def test_a_screenshot_onto_a_fifo_is_refused(tmp_path, capsys):
    node = tmp_path / "shot.png"
    os.mkfifo(node)
    status, _, err = run(["screenshot", "preset:seed", node], capsys)
    assert status == 2 and "OUT.png" in err[0] and "named pipe" in err[0]


def test_writing_a_csv_onto_a_fifo_is_refused(fifo):
    data = Dataset([[1.0]], [[2.0]])
    with pytest.raises(NetworkError, match="named pipe"):
        csvdata.write_csv(fifo, data)


# ----- 9. text that is not text ------------------------------------------------------------------
@pytest.mark.parametrize("where", ["input_labels", "layers[0].labels", "name", "description"])
def test_a_lone_surrogate_is_refused_at_read_time_naming_the_key(tmp_path, where):
    document = seed_document()
    if where == "input_labels":
        document["input_labels"] = ["\ud800"]
    elif where == "layers[0].labels":
        document["layers"][0]["labels"] = ["ok\udc00"]
    else:
        document[where] = "a\udfff"
    path = tmp_path / "surrogate.json"
    path.write_text(json.dumps(document))  # ensure_ascii: the file holds a \ud800 escape
    with pytest.raises(NetworkFileError) as caught:
        netfile.read_file(path)
    assert caught.value.key.startswith(where) and "lone surrogate" in caught.value.problem
    str(caught.value).encode("utf-8")  # the message itself can be printed


def test_a_lone_surrogate_label_is_one_line_exit_2_on_the_command_line(tmp_path, capsys):
    document = seed_document()
    document["input_labels"] = ["\ud800"]
    path = tmp_path / "s.json"
    path.write_text(json.dumps(document))
    for argv in (["trace", path], ["train", path, "--steps", "1", "--save", tmp_path / "o.json"]):
        status, _, err = run(argv, capsys)
        assert status == 2 and len(err) == 1 and "input_labels[0]" in err[0]
    assert not (tmp_path / "o.json").exists()


def test_the_writer_refuses_a_lone_surrogate_with_a_message(tmp_path):
    experiment = netfile.load("preset:seed")
    experiment.network.name = "\ud800"
    with pytest.raises(NetworkFileError, match="name.*lone surrogate"):
        netfile.write_file(experiment, tmp_path / "o.json")
    assert list(tmp_path.iterdir()) == []


ESCAPES = "\x1b[31mRED\x1b[0m\x07"


def test_an_unknown_key_is_shown_escaped_and_cut(tmp_path, capsys):
    for key, longest in ((ESCAPES, 200), ("k" * 1_000_000, 300), ("\ud800", 200)):
        document = seed_document()
        document["layers"][0][key] = 1
        path = tmp_path / "k.json"
        path.write_text(json.dumps(document))
        status, _, err = run(["trace", path], capsys)
        assert status == 2 and len(err) == 1 and len(err[0]) < longest
        assert "\x1b" not in err[0] and "\x07" not in err[0]
        assert "layers[0]." in err[0] and "unknown key" in err[0]


def test_a_duplicate_hostile_key_is_shown_escaped(tmp_path, capsys):
    path = tmp_path / "d.json"
    path.write_text('{"format": "backprop-sim.network", "\\u001b[2J": 1, "\\u001b[2J": 2}')
    status, _, err = run(["trace", path], capsys)
    assert status == 2 and "\x1b" not in err[0] and "\\x1b[2J" in err[0]


def test_file_text_in_csv_messages_is_escaped_and_cut():
    with pytest.raises(NetworkError) as caught:
        csvdata.parse_csv(f"x,t\n1,{ESCAPES}{'z' * 10_000}\n")
    assert "\x1b" not in str(caught.value) and len(str(caught.value)) < 200
    names = ",".join(f"c{i}{ESCAPES}" for i in range(500))
    with pytest.raises(NetworkError) as caught:
        csvdata.parse_csv(f"{names}\n" + ",".join("1" * 500) + "\n", targets="missing")
    assert "\x1b" not in str(caught.value) and len(str(caught.value)) < 1000


def test_the_text_helpers_escape_and_cut():
    assert quote(ESCAPES) == repr(ESCAPES)
    assert len(quote("x" * 10_000)) <= 42 and quote("x" * 10_000).endswith("…'")
    assert key_name("weights") == "weights" and key_name("\u202egnp") == "'\\u202egnp'"
    assert one_line("a\nb\x1b\ud800") == "a b\\x1b\\ud800"


def test_the_command_line_escapes_whatever_reaches_its_error_line(capsys, monkeypatch):
    def broken(*_, **__):
        raise RuntimeError(f"bad {ESCAPES}\n\ud800")

    monkeypatch.setattr("engine.commands.trace.trace", broken)
    status, _, err = run(["trace", "preset:seed"], capsys)
    assert status == 1 and len(err) == 1 and "\x1b" not in err[0] and "\\ud800" in err[0]


# ----- 10. the writer refuses what the reader would refuse ---------------------------------------
def test_a_network_file_over_256_mib_is_refused_by_the_writer_and_not_written(tmp_path):
    """1,000 rows × 4,096 inputs with a 4,096 → 2,440 → 1 network (10 million parameters):
    about 290 MB of text, more than the reader's 256 MiB."""
    rng = np.random.default_rng(0)
    network = Network(4096, [Layer(rng.normal(size=(2440, 4096)), rng.normal(size=2440), "relu"),
                             Layer(rng.normal(size=(1, 2440)), rng.normal(size=1))])
    data = Dataset(rng.normal(size=(1000, 4096)), rng.normal(size=(1000, 1)))
    path = tmp_path / "big.json"
    path.write_text("the old file")
    with pytest.raises(NetworkFileError) as caught:
        netfile.write_file(Experiment(network, TrainingSettings(), data), path)
    assert "256 MiB" in caught.value.problem and "nothing written" in caught.value.problem
    assert path.read_text() == "the old file" and len(list(tmp_path.iterdir())) == 1


def test_the_network_writer_and_reader_share_one_size_limit(tmp_path, monkeypatch):
    from engine.files import netfile_reader, netfile_writer

    path, experiment = tmp_path / "n.json", netfile.load("preset:xor")
    netfile.write_file(experiment, path)
    size = path.stat().st_size
    for module in (netfile_reader, netfile_writer):
        monkeypatch.setattr(module, "MAX_FILE_BYTES", size - 1)
    with pytest.raises(NetworkFileError, match="more than the limit"):
        netfile.read_file(path)
    with pytest.raises(NetworkFileError, match="nothing written"):
        netfile.write_file(experiment, tmp_path / "other.json")
    assert [p.name for p in tmp_path.iterdir()] == ["n.json"]


def test_the_csv_writer_refuses_a_file_the_csv_reader_would_refuse(tmp_path, monkeypatch):
    data = Dataset(np.zeros((100, 3)), np.zeros((100, 1)))
    path = tmp_path / "d.csv"
    path.write_text(csvdata.format_csv(data))
    monkeypatch.setattr(csvdata, "MAX_FILE_BYTES", path.stat().st_size - 1)
    with pytest.raises(NetworkError, match="more than the limit"):
        csvdata.read_csv(path)
    with pytest.raises(NetworkError, match="nothing written"):
        csvdata.write_csv(tmp_path / "new.csv", data)
    assert [p.name for p in tmp_path.iterdir()] == ["d.csv"]


def test_a_save_that_fails_after_the_check_names_save(tmp_path, capsys, monkeypatch):
    def full(*_):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("engine.files.netfile_writer._write_within_limit", full)
    path = tmp_path / "s.json"
    status, _, err = run(["train", "preset:seed", "--steps", "1", "--save", path], capsys)
    assert status == 2 and len(err) == 1 and "--save" in err[0] and "No space left" in err[0]
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("argv", [
    ["L"], ["trace", "L"], ["train", "preset:seed", "--steps", "1", "--save", "L.json"],
    ["train", "preset:seed", "--steps", "1", "--history", "L.csv"],
])
def test_a_file_name_too_long_for_the_system_exits_2(capsys, argv):
    status, _, err = run([a.replace("L", "x" * 5000) for a in argv], capsys)
    assert status == 2 and len(err) == 1 and "internal error" not in err[0]
