"""The rule book, parameter names, number text, regular files and the lessons speak Korean with
--lang ko: the same one-line errors (file, key, numbers) in the learner's language, exit 2."""

from __future__ import annotations

import pytest

from engine import i18n
from engine.errors import NetworkError
from engine.files.number_text import parse_number
from engine.lesson.quantities import Phase
from engine.lessons.loader import find_lesson
from engine.model.rules import check_sizes
from tests.engine.test_i18n import korean, run  # noqa: F401 (a fixture)


def test_a_parameter_with_no_such_layer_is_one_korean_line(tmp_path, capsys):
    argv = ["landscape", "preset:seed", "--param", "w9[1,1]", "--csv", tmp_path / "e.csv"]
    status, out, err = run([*argv, "--lang", "ko"], capsys)
    assert status == 2 and out == ""
    assert err == ["오류: preset:seed 파일, 키 --param: “w9[1,1]”: 9층이 없습니다; 네트워크의 층은 "
                   "1층부터 2층까지입니다 (입력층을 뺀 층, 1부터)"]
    status, _, err = run(argv, capsys)
    assert status == 2
    assert err == ["error: preset:seed: --param: “w9[1,1]”: there is no layer 9; the network has "
                   "layers 1 to 2 (the non-input layers, from 1)"]


def test_a_parameter_out_of_range_names_the_ranges_in_korean(tmp_path, capsys):
    status, _, err = run(["landscape", "preset:seed", "--param", "w2[1,3]", "--csv",
                          tmp_path / "e.csv", "--lang", "ko"], capsys)
    assert status == 2
    assert err == ["오류: preset:seed 파일, 키 --param: “w2[1,3]”: 2층의 w2[i,j]에서 뉴런 i는 "
                   "1부터 1까지, j는 1부터 1까지입니다 (앞 층의 뉴런)"]


def _network_file(tmp_path, layers: str):
    path = tmp_path / "net.json"
    path.write_text('{"format": "backprop-sim.network", "version": 1, "input_size": 1, '
                    f'"layers": {layers}}}', encoding="utf-8")
    return path


def test_a_file_with_no_layer_breaks_a_rule_in_one_korean_line(tmp_path, capsys):
    path = _network_file(tmp_path, "[]")
    status, out, err = run(["trace", path, "--lang", "ko"], capsys)
    assert status == 2 and out == ""
    assert err == [f"오류: {path} 파일, 키 layers: 네트워크에는 층이 하나 이상(출력층) 필요합니다"]


def test_softmax_in_a_hidden_layer_is_refused_in_korean(tmp_path, capsys):
    layer = '{"weights": [[1.0]], "biases": [0.0], "activation": "%s"}'
    path = _network_file(tmp_path, f"[{layer % 'softmax'}, {layer % 'identity'}]")
    status, _, err = run(["trace", path, "--lang", "ko"], capsys)
    assert status == 2
    assert err == [f"오류: {path} 파일, 키 layers[0].activation: softmax는 출력층에서만 쓸 수 "
                   "있습니다 (출력을 확률로 바꿉니다)"]


@pytest.mark.usefixtures("korean")
def test_the_limits_keep_their_numbers_in_korean():
    with pytest.raises(NetworkError) as refused:
        check_sizes(1, [5000], key=None)
    assert str(refused.value) == "키 layers[0].weights: 뉴런(행) 5,000개, 한도 4,096개보다 많습니다"
    with pytest.raises(NetworkError) as refused:
        check_sizes(0, [1], key="sizes")
    assert str(refused.value) == "키 sizes: 입력층의 뉴런이 0개가 됩니다 (허용: 1…4096)"
    with pytest.raises(NetworkError) as refused:
        parse_number("1,5", "learning_rate")
    assert refused.value.problem == ("“1,5”은(는) 수가 아닙니다 (1.5, −1.5, 1e-3 같은 유한한 수가 "
                                     "아님)")


def test_a_missing_file_and_a_missing_lesson_in_korean(tmp_path, capsys):
    status, _, err = run(["lesson", "99", "--lang", "ko"], capsys)
    assert status == 2
    assert err == ["오류: 키 lesson: 99번 레슨이 없습니다 (레슨: 1부터 9까지)"]
    status, _, err = run(["trace", tmp_path / "none.json", "--lang", "ko"], capsys)
    assert err == [f"오류: {tmp_path / 'none.json'} 파일: 파일이 없습니다"]


def test_the_lessons_list_and_the_phase_titles_in_korean(capsys):
    status, out, _ = run(["lessons", "--lang", "ko"], capsys)
    assert status == 0
    lines = out.splitlines()
    assert lines[0] == f" 1  {find_lesson(1).title('ko')}  (과제 {len(find_lesson(1).tasks)}개)"
    assert lines[-1] == "레슨 열기: python main.py lesson N"
    i18n.set_language("ko")
    try:
        assert [phase.title for phase in Phase] == ["순전파", "손실", "역전파", "갱신",
                                                    "새 파라미터로 다시 순전파"]
    finally:
        i18n.set_language("en")
    assert Phase.FORWARD.title == "Forward pass"
