"""The network files' errors, training, the analysis' verdicts and the train, gradcheck,
landscape and presets commands in Korean: whole Korean lines with the English output's numbers."""

from __future__ import annotations

import json
import re

import pytest

from engine import i18n
from engine.errors import NetworkError
from engine.files import presets
from engine.model.structure import LOSSES, set_loss
from resources.examples import make_presets
from tests.engine.test_critical_points import shape_of
from tests.engine.test_i18n import korean  # noqa: F401  (a fixture: Korean for one test)
from tests.engine.test_i18n import run as run_command

SEED = json.loads((presets.EXAMPLES_FOLDER / "seed.json").read_text(encoding="utf-8"))
NUMBER = re.compile(r"-?\d+(?:\.\d+)?(?:e[-+]?\d+)?")


def run(argv, capsys):
    """The command's exit status, its stdout lines and its stderr lines."""
    status, out, err = run_command(argv, capsys)
    return status, out.splitlines(), err


def has_hangul(text: str) -> bool:
    return any("가" <= character <= "힣" for character in text)


def numbers(lines: list[str]) -> list[str]:
    return [number for line in lines for number in NUMBER.findall(line)]


def bad_seed(tmp_path, edit):
    document = json.loads(json.dumps(SEED))
    edit(document)
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


# ----- a bad network file: one Korean line naming the file and the key, exit 2 -----------------
@pytest.mark.parametrize(("edit", "line"), [
    (lambda d: d["layers"][0].__setitem__("activation", "sigmod"),
     "{path} 파일, 키 layers[0].activation: 알 수 없는 activation 값 'sigmod' ('sigmoid'을(를) "
     "뜻했나요? 사용 가능: identity, sigmoid, tanh, relu, leaky_relu, softmax)"),
    (lambda d: d["layers"][0].__setitem__("weights", [[1, 2]]),
     "{path} 파일, 키 layers[0].weights[0]: 수 1개가 필요한데 2입니다"),
    (lambda d: d.__setitem__("learning_rte", 0.1),
     "{path} 파일, 키 learning_rte: 알 수 없는 키"),
    (lambda d: d.__setitem__("input_sise", 1),
     "{path} 파일, 키 input_sise: 알 수 없는 키 ('input_size'을(를) 뜻했나요?)"),
    (lambda d: d.__setitem__("version", 7),
     "{path} 파일, 키 version: 알 수 없는 버전 7 (이 프로그램은 버전 1과 2를 읽습니다)"),
    (lambda d: d["data"].__setitem__("targets", [[3.0], [1.0]]),
     "{path} 파일, 키 data.targets: 2행인데 data.inputs는 1행입니다"),
])
def test_a_bad_file_in_korean_is_one_korean_line_with_file_key_and_problem(
        tmp_path, capsys, edit, line):
    path = bad_seed(tmp_path, edit)
    status, out, err = run(["trace", path, "--lang", "ko"], capsys)
    assert (status, out) == (2, [])
    assert err == ["오류: " + line.format(path=path)]


def test_the_same_bad_file_in_english_is_unchanged(tmp_path, capsys):
    path = bad_seed(tmp_path, lambda d: d["layers"][0].__setitem__("weights", [[1, 2]]))
    status, _, err = run(["trace", path], capsys)
    assert (status, err) == (2, [f"error: {path}: layers[0].weights[0]: expected 1 number, got 2"])


# ----- commands ----------------------------------------------------------------------------------
def test_a_diverged_run_says_so_in_korean_with_the_same_numbers(capsys):
    argv = ["train", "preset:sine", "--steps", "1000", "--learning-rate", "1e6"]
    status, out, english = run(argv, capsys)
    assert (status, out) == (3, [])
    status, out, err = run([*argv, "--lang", "ko"], capsys)
    assert (status, out) == (3, [])
    assert err == ["오류: preset:sine: 23단계에서 학습이 발산했습니다(손실 = inf). 그 단계는 "
                   "되돌렸고, 파라미터는 그 단계 전의 값입니다. 더 작은 학습률을 써 보세요. "
                   "예: --learning-rate 100000"]
    assert numbers(err) == numbers(english)


def test_a_finished_run_reports_in_korean(capsys, tmp_path):
    saved = tmp_path / "out.json"
    argv = ["train", "preset:seed", "--steps", "3", "--save", saved]
    _, english, _ = run(argv, capsys)
    status, out, _ = run([*argv, "--lang", "ko"], capsys)
    assert status == 0
    assert out[0] == "preset:seed을(를) 학습률 0.1로 3단계 학습했습니다"
    assert out[-1] == f"저장함: {saved}"
    assert all(has_hangul(line) for line in out)
    assert sorted(numbers(out)) == sorted(numbers(english))


def test_gradcheck_in_korean_has_the_english_numbers(capsys):
    _, english, _ = run(["gradcheck", "preset:seed"], capsys)
    status, out, _ = run(["gradcheck", "preset:seed", "--lang", "ko"], capsys)
    assert status == 0
    assert out[0] == "preset:seed: 다음 학습 배치(샘플 1개)의 ∂E/∂θ, 나쁜 것부터"
    assert out[-1] == "가장 큰 상대 오차 1.53e-12 (한도 1e-06): 모든 기울기가 일치합니다"
    assert out[1].split() == ["파라미터", "해석적", "수치적", "상대", "오차"]
    assert numbers(out) == numbers(english)


@pytest.mark.parametrize("choice", [["--param", "w2[1,1]", "--param2", "b2[1]"], ["--random"]])
def test_landscape_in_korean_has_the_english_numbers(capsys, tmp_path, choice):
    argv = ["landscape", "preset:seed", *choice, "--csv", tmp_path / "e.csv"]
    _, english, _ = run(argv, capsys)
    status, out, _ = run([*argv, "--lang", "ko"], capsys)
    assert status == 0
    assert has_hangul(out[0]) and has_hangul(out[1])
    assert out[1].endswith("E = 0.5")
    assert numbers(out) == numbers(english)


def test_presets_in_korean_show_korean_titles_and_descriptions(capsys):
    _, english, _ = run(["presets"], capsys)
    status, out, _ = run(["presets", "--lang", "ko"], capsys)
    assert status == 0
    assert out[0].startswith("preset:seed") and "기본 예제 (E = ½(z − t)²)  (1-1-1)" in out[0]
    assert out[1].strip().startswith("강의 노트의 계산 예제입니다")
    headers = [line.split()[0] for line in out if line.startswith("preset:")]
    assert headers == [f"preset:{name}" for name in presets.PRESET_NAMES]
    assert sum(has_hangul(line) for line in out) == sum(bool(line) for line in out)
    assert len(english) > 20


@pytest.mark.usefixtures("korean")
def test_describe_follows_the_language():
    assert presets.describe("saddle").startswith("안장점: 기울기는 0, 최솟값은 아님: ")
    i18n.set_language("en")
    assert presets.describe("saddle").startswith("A saddle: zero gradient, no minimum: ")


@pytest.mark.parametrize("name", presets.PRESET_NAMES)
def test_the_stored_korean_text_is_what_the_generator_makes_with_the_same_numbers(name):
    experiment = make_presets.PRESETS[name]()
    stored = json.loads(make_presets.KOREAN_FILE.read_text(encoding="utf-8"))
    assert stored[name] == make_presets.korean(name, experiment)
    english = experiment.network.description
    # every number of the English description (measured ones included) is in the Korean one
    assert set(NUMBER.findall(english)) <= set(NUMBER.findall(stored[name]["description"]))


# ----- the engine's other messages ---------------------------------------------------------------
@pytest.mark.usefixtures("korean")
def test_a_structure_error_is_korean_when_korean():
    network = presets.load_preset("seed").network
    with pytest.raises(NetworkError) as caught:
        set_loss(network, "hinge")
    assert caught.value.problem == f"알 수 없는 손실 함수 'hinge' (사용 가능: {', '.join(LOSSES)})"


@pytest.mark.usefixtures("korean")
def test_the_saddle_verdict_is_one_korean_sentence_with_the_same_numbers():
    sentence = shape_of("saddle", ["w2[1,1]", "w1[1,1]"]).sentence()
    i18n.set_language("en")
    english = shape_of("saddle", ["w2[1,1]", "w1[1,1]"]).sentence()
    assert english.startswith("gradient ≈ 0 here (‖∂E/∂θ‖ = ")
    assert sentence.startswith("여기서 기울기 ≈ 0(‖∂E/∂θ‖ = ")
    assert "w2[1,1], w1[1,1] 방향의 안장점입니다" in sentence
    assert numbers([sentence]) == numbers([english])


@pytest.mark.usefixtures("korean")
def test_the_local_minimum_verdict_in_korean_says_e_is_lower_elsewhere():
    sentence = shape_of("local-minimum", ["w1[1,1]", "b1[1]"]).sentence()
    i18n.set_language("en")
    english = shape_of("local-minimum", ["w1[1,1]", "b1[1]"]).sentence()
    assert english.endswith("(E curves up all round, yet E is lower elsewhere)")
    assert sentence.endswith("방향의 지역 최솟값입니다(E가 사방으로 위로 휘지만, 다른 곳에서 E가 "
                             "더 낮습니다)")
    assert numbers([sentence]) == numbers([english])
