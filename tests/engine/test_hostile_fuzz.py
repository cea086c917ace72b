"""Fuzz (issue 12): hostile strings, extreme numbers and odd kinds of file through the network
file reader → writer → reader.

Strings hold control characters, escape codes, bidi overrides, lone surrogates and long runs;
numbers include ±1e308, ±max float, subnormals and −0.0. Whatever comes in, the reader either
refuses it with one short printable line naming a key, or the writer writes it back and the
second read is bit for bit the first — and the second write gives the same bytes.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import threading
import time
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from engine.errors import NetworkFileError
from engine.files import netfile
from engine.files.file_text import has_lone_surrogate

EXTREMES = [1e308, -1e308, sys.float_info.max, -sys.float_info.max, 5e-324, -5e-324,
            sys.float_info.min, -sys.float_info.min, 2.225073858507201e-308, 0.0, -0.0]
numbers = st.sampled_from(EXTREMES) | st.floats(allow_nan=False, allow_infinity=False)
HOSTILE_PIECES = ["\x1b[31m", "\x07", "\n", "\r", "\u202e", "\u2028", "<img src='/dev/zero'>",
                  "\x00", "\x7f", "\x9b", "x" * 3000]
printable_text = st.lists(st.characters(codec="utf-8") | st.sampled_from(HOSTILE_PIECES),
                          max_size=12).map("".join)
surrogate_text = st.lists(st.characters(codec=None) | st.sampled_from(["\ud800", "\udfff"]),
                          min_size=1, max_size=6).map("".join)
hostile_text = printable_text
HANG_SECONDS = 5
FILE_KINDS = ["file", "file", "file", "symlink", "fifo", "folder", "device"]


@st.composite
def documents(draw):
    """A 1–3 input network with one hidden layer (or none), data, labels and names."""
    n_in = draw(st.integers(1, 3))
    widths = draw(st.lists(st.integers(1, 3), min_size=0, max_size=1)) + [draw(st.integers(1, 2))]
    n_rows = draw(st.integers(0, 3))

    def matrix(rows, columns):
        return draw(st.lists(st.lists(numbers, min_size=columns, max_size=columns),
                             min_size=rows, max_size=rows))

    layers, fan_in = [], n_in
    for index, width in enumerate(widths):
        layer = {
            "activation": "identity" if index == len(widths) - 1 else
            draw(st.sampled_from(["tanh", "relu", "sigmoid", "leaky_relu"])),
            "weights": matrix(width, fan_in),
            "biases": draw(st.lists(numbers, min_size=width, max_size=width)),
        }
        if draw(st.booleans()):
            layer["labels"] = draw(st.lists(hostile_text, min_size=width, max_size=width))
        layers.append(layer)
        fan_in = width
    document = {
        "format": "backprop-sim.network",
        "version": 1,
        "name": draw(hostile_text),
        "description": draw(hostile_text),
        "input_size": n_in,
        "input_labels": draw(st.lists(hostile_text, min_size=n_in, max_size=n_in)),
        "layers": layers,
        "training": {"learning_rate": draw(st.sampled_from([5e-324, 0.1, 1e308]))},
        "data": {"inputs": matrix(n_rows, n_in), "targets": matrix(n_rows, widths[-1])},
    }
    if draw(st.integers(0, 4)) == 0:
        document["layers"][0][draw(hostile_text)] = draw(numbers)  # a hostile unknown key
    if draw(st.integers(0, 4)) == 0:  # a lone surrogate in one of the strings
        where = draw(st.sampled_from(["name", "description", "input_labels"]))
        if where == "input_labels":
            document[where][0] = draw(surrogate_text)
        else:
            document[where] = draw(surrogate_text)
    return document


def strings_of(document) -> list[str]:
    """Every string in the document, keys included."""
    if isinstance(document, dict):
        return [s for key, value in document.items() for s in [key, *strings_of(value)]]
    if isinstance(document, list):
        return [s for value in document for s in strings_of(value)]
    return [document] if isinstance(document, str) else []


def place(folder: Path, text: bytes, kind: str) -> Path:
    """The file the reader is given: the text itself, through a symlink, or no file at all."""
    real = folder / "real.json"
    real.write_bytes(text)
    if kind == "file":
        return real
    path = folder / f"{kind}.json"
    if kind == "symlink":
        path.symlink_to(real)
    elif kind == "fifo" and hasattr(os, "mkfifo"):
        os.mkfifo(path)
    elif kind in ("fifo", "folder"):
        path.mkdir()
    else:
        return Path(os.devnull)
    return path


def _open_for_writing(path: Path) -> None:
    try:
        os.close(os.open(path, os.O_WRONLY | os.O_NONBLOCK))
    except OSError:
        pass


def assert_one_clear_line(error: NetworkFileError) -> None:
    message = str(error)
    assert message.isprintable() and len(message) < 400, message
    message.encode("utf-8")


def assert_same_experiment(a, b) -> None:
    for first, second in zip(a.network.parameters(), b.network.parameters(), strict=True):
        assert first.tobytes() == second.tobytes()  # bit for bit: −0.0 and subnormals too
    for name in ("inputs", "targets"):
        assert getattr(a.data, name).tobytes() == getattr(b.data, name).tobytes()
    assert (a.network.name, a.network.description) == (b.network.name, b.network.description)
    assert a.network.input_labels == b.network.input_labels
    assert [layer.labels for layer in a.network.layers] == \
        [layer.labels for layer in b.network.layers]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents(), st.booleans(), st.sampled_from(FILE_KINDS))
def test_hostile_files_are_refused_in_one_line_or_round_trip_bit_for_bit(document, ascii_only,
                                                                         kind):
    text = json.dumps(document, ensure_ascii=ascii_only, allow_nan=False)
    raw = text.encode("utf-8", "surrogatepass")  # raw surrogates: not UTF-8, to be refused
    with tempfile.TemporaryDirectory() as folder:
        path = place(Path(folder), raw, kind)
        # should a reader ever block on the FIFO again, a writer releases it (and it fails)
        release = threading.Timer(HANG_SECONDS, _open_for_writing, [path])
        release.start()
        started = time.monotonic()
        try:
            first = netfile.read_file(path)
        except NetworkFileError as error:
            assert time.monotonic() - started < HANG_SECONDS, "the reader blocked"
            event(f"refused: {error.problem[:20]}")
            assert_one_clear_line(error)
            assert kind in ("fifo", "folder", "device") or any(
                has_lone_surrogate(s) for s in strings_of(document)
            ) or len(document["layers"][0]) > 3 + ("labels" in document["layers"][0])
            return
        finally:
            release.cancel()
        event("read back")
        assert kind in ("file", "symlink")
        written = Path(folder) / "written.json"
        netfile.write_file(first, written)
        second = netfile.read_file(written)
        assert_same_experiment(first, second)
        again = Path(folder) / "again.json"
        netfile.write_file(second, again)
        assert again.read_bytes() == written.read_bytes()
        assert np.isfinite(second.network.parameters()[0]).all()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents())
@pytest.mark.filterwarnings("ignore:overflow:RuntimeWarning")  # the optimizer's, at η = 1e308
def test_a_trace_of_any_file_the_reader_accepts_is_written_whole_or_refused_in_one_line(document):
    """±1e308, subnormals, −0.0 and hostile labels through ``trace`` and ``trace --json``: the
    text and the JSON are written a step at a time and the JSON reads back (no NaN, no cut)."""
    from engine.errors import NetworkError
    from engine.lesson.stepper import trace_training_step

    raw = json.dumps(document, ensure_ascii=False).encode("utf-8", "surrogatepass")
    try:
        experiment = netfile.parse(netfile.decode_json(raw, "fuzz"), "fuzz")
    except NetworkFileError:
        return
    try:
        trace = trace_training_step(experiment)
    except NetworkError as error:
        assert str(error).isprintable()
        return
    text = "".join(line + "\n" for line in trace.text_lines())
    assert len(text.splitlines()) >= len(trace)
    whole = json.loads("".join(trace.json_pieces({"file": "fuzz"}, allow_nan=False)))
    assert len(whole["steps"]) == len(trace) and whole["file"] == "fuzz"
