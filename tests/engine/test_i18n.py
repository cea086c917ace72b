"""The engine's languages: tr, the Korean catalogue, the command line in Korean, and no
user-visible string that bypasses tr outside the modules still waiting for their conversion."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from engine import i18n
from engine.cli import main
from engine.errors import NetworkError, NetworkFileError
from engine.files.csvdata import parse_csv
from engine.i18n import language_from_environment, tr
from resources.i18n import catalogues

ROOT = Path(__file__).resolve().parents[2]

# Modules whose user-visible strings do not go through tr yet (see catalogues.bypasses for
# what counts). Each engineer who converts one removes it here; the list only shrinks.
NOT_YET_CONVERTED: set[str] = set()


@pytest.fixture
def korean():
    """The engine speaks Korean for one test, English again after it."""
    i18n.set_language("ko")
    yield
    i18n.set_language("en")


def run(argv, capsys):
    status = main([str(a) for a in argv], launch_gui=None)
    out, err = capsys.readouterr()
    i18n.set_language("en")  # main chose a language for the process: the next test starts over
    return status, out, err.splitlines()


# ----- tr --------------------------------------------------------------------------------------
def test_tr_fills_the_english_template_when_english():
    assert tr("diverged at step {step}", step=24) == "diverged at step 24"


def test_tr_uses_the_korean_catalogue(korean):
    assert tr("{path}: {key}: {problem}", path="a.json", key="k", problem="p") \
        == "a.json 파일, 키 k: p"


def test_tr_falls_back_to_english_for_a_template_the_catalogue_lacks(korean):
    assert tr("not in any catalogue {n}", n=3) == "not in any catalogue 3"


def test_an_unknown_language_is_refused():
    with pytest.raises(ValueError, match="unknown language 'fr'"):
        i18n.set_language("fr")
    assert i18n.language() == "en"


@pytest.mark.parametrize(("environ", "code"), [
    ({}, "en"),
    ({"LANG": "ko_KR.UTF-8"}, "ko"),
    ({"LANG": "ko"}, "ko"),
    ({"LANG": "en_US.UTF-8"}, "en"),
    ({"LANG": "ko_KR.UTF-8", "LC_MESSAGES": "en_GB"}, "en"),
    ({"LANG": "en_US", "LC_MESSAGES": "ko_KR"}, "ko"),
    ({"LC_ALL": "ko_KR.UTF-8", "LC_MESSAGES": "en_GB", "LANG": "en_US"}, "ko"),
    ({"LC_ALL": "C", "LANG": "ko_KR.UTF-8"}, "en"),
    ({"LC_ALL": "", "LANG": "ko_KR.UTF-8"}, "ko"),  # empty means unset (POSIX)
])
def test_the_environment_chooses_by_lc_all_then_lc_messages_then_lang(environ, code):
    assert language_from_environment(environ) == code


# ----- errors render in the language of the moment ---------------------------------------------
def test_an_error_names_file_and_key_in_english_as_before():
    error = NetworkFileError("layers[0].weights", "expected a list", "net.json")
    assert str(error) == "net.json: layers[0].weights: expected a list"
    assert str(NetworkError("", "no data")) == "no data"


def test_an_error_made_in_english_is_shown_in_korean_when_shown_after_a_switch(korean):
    error = NetworkFileError("learning_rte", "unknown key", "net.json")
    assert str(error) == "net.json 파일, 키 learning_rte: unknown key"
    assert str(NetworkFileError("", "no such file", "net.json")) == "net.json 파일: no such file"


# ----- the catalogue ---------------------------------------------------------------------------
def test_every_tr_template_in_the_engine_is_a_plain_literal():
    templates, problems = catalogues.engine_templates()
    assert problems == []
    assert len(templates) >= 25


def test_every_tr_template_is_translated_with_the_same_placeholders():
    templates, _ = catalogues.engine_templates()
    assert catalogues.engine_catalogue_problems(catalogues.read_engine_catalogue(),
                                                templates) == []


def test_the_catalogue_check_finds_a_missing_and_a_mismatched_translation():
    templates = {"a {n}": ["x.py:1"], "b {n}": ["x.py:2"], "c {n!r}": ["x.py:3"]}
    found = catalogues.engine_catalogue_problems({"b {n}": "비 {m}", "c {n!r}": "씨 {n}"},
                                                 templates)
    assert found == ["x.py:1: not translated: 'a {n}'",
                     "x.py:2: placeholders differ: 'b {n}' → '비 {m}'",
                     "x.py:3: placeholders differ: 'c {n!r}' → '씨 {n}'"]


def test_the_catalogue_holds_no_template_the_source_no_longer_has():
    templates, _ = catalogues.engine_templates()
    assert set(catalogues.read_engine_catalogue()) == set(templates)


# ----- nothing bypasses tr ---------------------------------------------------------------------
def test_no_user_visible_string_bypasses_tr_outside_the_modules_not_yet_converted():
    found = catalogues.engine_bypasses()
    converted_but_bypassing = {module: lines for module, lines in found.items()
                               if module not in NOT_YET_CONVERTED}
    assert converted_but_bypassing == {}


def test_the_not_yet_converted_list_names_only_modules_that_still_bypass_tr():
    assert NOT_YET_CONVERTED - set(catalogues.engine_bypasses()) == set()


def test_the_bypass_check_finds_printed_raised_and_failed_literals(tmp_path, monkeypatch):
    module = tmp_path / "engine" / "commands" / "sample.py"
    module.parent.mkdir(parents=True)
    module.write_text(
        'def f(out, check):\n'
        '    """A docstring is not shown."""\n'
        '    print(f"wrote {out}")\n'
        '    print(tr("wrote {out}", out=out))\n'
        '    raise NetworkFileError("key", "is a folder", out)\n'
        '    check.fail("key", tr("is a folder"))\n'
        '    check.fail("key", "no samples")\n'
        '    print({"after_update": 1}["after_update"], " = ")\n'
        '    raise ValueError("a bug, not the learner\'s text")\n'
        '    print("kept in English on purpose")  # i18n: as is\n',
        encoding="utf-8")
    monkeypatch.setattr(catalogues, "ROOT", tmp_path)
    assert catalogues.bypasses(module, catalogues.ENGINE_TEXT_CALLS) == [
        "engine/commands/sample.py:3: 'wrote '",
        "engine/commands/sample.py:5: 'is a folder'",
        "engine/commands/sample.py:7: 'no samples'",
    ]


def test_the_bypass_check_finds_prose_in_the_step_through_sentences(tmp_path, monkeypatch):
    module = tmp_path / "engine" / "lesson" / "sample.py"
    module.parent.mkdir(parents=True)
    module.write_text('def f(x):\n    return x, f"The output is {x} too high", "δ", "w2[1,1]"\n',
                      encoding="utf-8")
    monkeypatch.setattr(catalogues, "ROOT", tmp_path)
    assert catalogues.bypasses(module, catalogues.ENGINE_TEXT_CALLS) == [
        "engine/lesson/sample.py:2: ' too high'", "engine/lesson/sample.py:2: 'The output is '"]


# ----- the command line in Korean --------------------------------------------------------------
def test_a_bad_file_in_korean_is_one_korean_line_naming_file_and_key(tmp_path, capsys):
    bad = tmp_path / "net.json"
    bad.write_text('{"format": "backprop-sim.network", "version": 1, "input_size": 1, '
                   '"layers": [], "learning_rte": 0.1}', encoding="utf-8")
    status, out, err = run(["trace", bad, "--lang", "ko"], capsys)
    assert status == 2 and out == ""
    assert err == [f"오류: {bad} 파일, 키 learning_rte: 알 수 없는 키"]


def test_a_bad_argument_in_korean_is_one_korean_line_with_the_usage(capsys):
    status, out, err = run(["--lang", "ko", "train", "preset:seed", "--steps", "0"], capsys)
    assert status == 2
    assert err == ["오류: train: 인수 --steps: 1 이상의 정수가 필요한데 '0'입니다 (사용법: python "
                   "main.py train FILE --steps N [--learning-rate R] [--save OUT.json] "
                   "[--history HIST.csv] [--restart])"]


def test_a_missing_option_in_korean_says_so_in_korean(capsys):
    status, _, err = run(["landscape", "preset:seed", "--lang=ko", "--csv", "x.csv"], capsys)
    assert status == 2
    assert err[0].startswith("오류: landscape: 다음 인수 중 하나가 필요합니다: --param --random"
                             " (사용법: ")


def test_two_options_that_exclude_each_other_say_so_in_korean(capsys):
    status, _, err = run(["landscape", "preset:seed", "--lang=ko", "--param", "w2[1,1]",
                          "--random", "--csv", "x.csv"], capsys)
    assert status == 2
    assert err[0].startswith(
        "오류: landscape: 인수 --random: 인수 --param 과(와) 함께 쓸 수 없습니다")


def test_the_environment_speaks_korean_when_lang_is_not_given(capsys, monkeypatch):
    monkeypatch.setenv("LANG", "ko_KR.UTF-8")
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    status, _, err = run(["tran", "preset:seed"], capsys)
    assert status == 2
    assert err[0].startswith("오류: 알 수 없는 명령 'tran' ('train'을(를) 뜻했나요?)")


def test_lang_en_beats_a_korean_environment(capsys, monkeypatch):
    monkeypatch.setenv("LC_ALL", "ko_KR.UTF-8")
    status, _, err = run(["export-numpy", "preset:seed", "out.txt", "--lang", "en"], capsys)
    assert status == 2
    assert err == ["error: out.txt: OUT.py: expected a file name ending in .py"]


def test_an_unknown_language_is_refused_in_one_line(capsys):
    status, _, err = run(["presets", "--lang", "fr"], capsys)
    assert status == 2
    assert err == ["error: presets: argument --lang: expected one of en|ko, got 'fr' "
                   "(usage: python main.py presets)"]


def test_the_help_in_korean_lists_every_command_with_the_same_syntax(capsys):
    status, english, _ = run(["--help"], capsys)
    status_ko, korean, _ = run(["--help", "--lang", "ko"], capsys)
    assert status == status_ko == 0
    assert "순전파/역전파" in korean and "forward" not in korean
    syntax = [line.split()[2] for line in english.splitlines() if "python main.py" in line]
    assert syntax == [line.split()[2] for line in korean.splitlines() if "python main.py" in line]


def test_export_reports_in_korean(tmp_path, capsys):
    out = tmp_path / "train_it.py"
    status, printed, err = run(["export-torch", "preset:seed", out, "--lang", "ko"], capsys)
    assert status == 0 and err == []
    assert printed.splitlines() == [
        f"{out} 을(를) 썼습니다: preset:seed 을(를) `train` 과 똑같이 학습하는 PyTorch 스크립트",
        f"실행: python {out} --steps N [--save OUT.json]"]


def test_a_real_process_in_korean_prints_one_line_and_exits_2(tmp_path):
    result = subprocess.run(
        [sys.executable, "main.py", "train", str(tmp_path / "missing.json"), "--steps", "1",
         "--lang", "ko"], cwd=ROOT, capture_output=True, text=True, encoding="utf-8")
    assert result.returncode == 2 and result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"오류: {tmp_path / 'missing.json'} 파일")


# ----- the step-through and CSV import in Korean -----------------------------------------------
NUMBER = re.compile(r"-?\d+(?:\.\d+)?(?:e-?\d+)?")


def test_trace_in_korean_has_korean_headers_and_sentences_with_the_same_numbers(capsys):
    status, english, _ = run(["trace", "preset:seed"], capsys)
    assert status == 0
    status, korean, _ = run(["trace", "preset:seed", "--lang", "ko"], capsys)
    assert status == 0
    english, korean = english.splitlines(), korean.splitlines()
    assert korean[0] == ("Network(1-1-1, [identity,identity], loss=half_sse, reduction=sum), "
                         "샘플 1: x = [2], t = [3]")
    assert korean[1] == "최적화 방법: sgd (기본 경사 하강법), 학습률 η = 0.1"
    assert korean[3] == "순전파"
    assert len(korean) == len(english)
    for line_en, line_ko in zip(english, korean, strict=True):
        assert sorted(NUMBER.findall(line_ko)) == sorted(NUMBER.findall(line_en)), line_ko
    sentences = [line for line in korean[4:] if line.startswith("      ")]
    assert sentences and all(re.search("[가-힣]", line) for line in sentences)


def test_trace_of_a_batch_in_korean_describes_the_batch_in_korean(capsys):
    status, korean, _ = run(["trace", "preset:xor", "--lang", "ko"], capsys)
    assert status == 0
    assert korean.splitlines()[0] == ("Network(2-2-1, [sigmoid,sigmoid], loss=half_sse, "
                                      "reduction=sum), 샘플 4개의 배치 (1, 2, 3, 4행), "
                                      "손실 집계 sum")


def test_a_bad_csv_cell_in_korean_names_the_line_and_column_in_korean(korean):
    with pytest.raises(NetworkError) as caught:
        parse_csv("x,t\n1,2\nabc,3\n")
    assert (caught.value.key, caught.value.problem) == ("3행, 'x'열", "'abc'은(는) 숫자가 아닙니다")


def test_a_csv_row_of_the_wrong_width_in_korean(korean):
    with pytest.raises(NetworkError) as caught:
        parse_csv("1,2\n3\n")
    assert (caught.value.key, caught.value.problem) == (
        "2행", "열 1개가 있는데 1행에는 열 2개가 있습니다")
