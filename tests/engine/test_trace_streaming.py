"""`trace` writes its text and JSON piece by piece, never as one whole string, and the pieces
make exactly the document a whole `json.dumps` would."""

import io
import json

import pytest

from engine.cli import main
from engine.files.presets import load_preset
from engine.lesson.stepper import trace_experiment

OPTIONS = {"ensure_ascii": False, "allow_nan": False, "separators": (",", ":")}


@pytest.mark.parametrize("preset", ["seed", "xor", "softmax-blobs"])
def test_the_json_pieces_make_the_whole_document(preset):
    trace = trace_experiment(load_preset(preset))
    tail = {"file": preset, "after_update": {"w1[1,1]": 0.5}}
    whole = json.dumps({**trace.to_dict(), **tail}, **OPTIONS)
    assert "".join(trace.json_pieces(tail, **OPTIONS)) == whole


def test_the_text_lines_make_the_whole_text():
    trace = trace_experiment(load_preset("xor"))
    assert "\n".join(trace.text_lines()) + "\n" == trace.to_text()


class _Recorder(io.StringIO):
    """A stdout that remembers the longest single write."""

    longest = 0

    def write(self, text):
        self.longest = max(self.longest, len(text))
        return super().write(text)


@pytest.mark.parametrize("as_json", [False, True])
def test_trace_never_writes_the_whole_output_at_once(monkeypatch, as_json):
    out = _Recorder()
    monkeypatch.setattr("sys.stdout", out)
    assert main(["trace", "preset:xor"] + (["--json"] if as_json else [])) == 0
    total = len(out.getvalue())
    assert out.longest < total / 10  # dozens of pieces, none of them the whole
    if as_json:
        assert json.loads(out.getvalue())["after_update"]
