"""The step-through's sentences in Korean: every step of a trace says in Korean what it says in
English, with the same numbers; English stays as it was."""

from __future__ import annotations

import re
from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from engine import i18n
from engine.files.presets import load_preset
from engine.lesson import step_formulas
from engine.lesson.quantities import Granularity
from engine.lesson.stepper import build_trace, trace_training_step
from engine.model.activations import ACTIVATION_NAMES
from engine.model.experiment import TrainingSettings
from resources.i18n import catalogues
from tests.engine.test_stepper import networks_and_batches

HANGUL = re.compile(r"[\uac00-\ud7a3]")
NUMBER = re.compile(r"[-−]?\d+(?:\.\d+)?(?:e[-+]?\d+)?")
CONVERTED = ("engine/lesson/layer_formulas.py", "engine/lesson/neuron_formulas.py",
             "engine/lesson/step_formulas.py")


@pytest.fixture(autouse=True)
def english_after():
    yield
    i18n.set_language("en")


def explanations(make_trace, language: str) -> list[str]:
    """Every step's sentence of a trace built (and first read) in ``language``."""
    i18n.set_language(language)
    try:
        return [step.explanation for step in make_trace()]
    finally:
        i18n.set_language("en")


def numbers(text: str) -> Counter:
    return Counter(NUMBER.findall(text))


def assert_korean_with_the_same_numbers(make_trace) -> tuple[list[str], list[str]]:
    english, korean = explanations(make_trace, "en"), explanations(make_trace, "ko")
    assert len(english) == len(korean)
    for index, (en, ko) in enumerate(zip(english, korean, strict=True)):
        assert HANGUL.search(ko), (index, ko)
        assert not HANGUL.search(en), (index, en)
        assert numbers(ko) == numbers(en), (index, en, ko)
    return english, korean


def preset_trace(name: str, granularity=Granularity.NEURON):
    """The trace ``main.py trace preset:NAME`` prints: the step training takes next."""
    return lambda: trace_training_step(load_preset(name), None, granularity)


# ----- the seed example, as the lecture notes tell it -------------------------------------------
def test_the_seed_trace_reads_in_korean_with_the_walkthroughs_numbers():
    english, korean = assert_korean_with_the_same_numbers(preset_trace("seed"))
    assert len(korean) == 20
    assert korean[0] == ("뉴런 y에서는 각 입력값에 가중치를 곱해 모두 더하고 편향을 더합니다: "
                         "net_y = 3.")
    assert korean[3] == "항등 활성화 함수는 net_z 값을 그대로 전달합니다: z = 4."
    assert korean[4] == ("출력값이 기대출력값보다 1만큼 큽니다(출력값 4, 기대출력값 3). "
                         "따라서 E = 0.5입니다.")
    assert korean[5] == "출력값이 기대출력값보다 1만큼 크므로 δ = 1입니다."
    assert korean[6] == ("이 가중치가 y에서 실어 나른 값은 3이므로 ∂E/∂w = ∂E/∂b × 3 = 1 × 3 = "
                         "3입니다. 연결선의 값이 클수록 가중치를 더 크게 조정합니다.")
    assert korean[8] == ("뉴런 y에는 나가는 가중치 하나를 따라 오차가 거꾸로 전해집니다: "
                         "Σ w·δ = 1, 따라서 δ = 1입니다.")
    assert korean[11] == "기울기의 반대 방향으로 움직입니다: η·∂E/∂θ = 0.3, 따라서 1 − 0.3 = 0.7."
    assert korean[15] == "새 가중치와 편향으로 계산한 뉴런 y의 합은 2.5입니다(이전에는 3)."
    assert korean[19] == "업데이트 후 손실은 0.06125입니다(이전에는 0.5)."
    assert english[4] == "The output is 1 too high (4 against the target 3), so E = 0.5."


def test_the_seed_trace_layer_by_layer_reads_in_korean():
    _, korean = assert_korean_with_the_same_numbers(preset_trace("seed", Granularity.LAYER))
    assert korean[0] == ("1층: 각 뉴런이 입력값에 가중치를 곱해 모두 더하고 편향을 더합니다: "
                         "z = [3].")


# ----- batches, sigmoid, softmax and cross-entropy ------------------------------------------
def test_xor_sums_its_four_samples_in_korean():
    _, korean = assert_korean_with_the_same_numbers(preset_trace("xor"))
    assert "배치의 손실은 샘플별 손실의 합입니다: E = " in "\n".join(korean)
    assert any(line.startswith("샘플 4개에 대해 더합니다: ∂E/∂b = Σ δ = ") for line in korean)
    assert any(line.startswith("sigmoid σ(net_h1[1]) = 1/(1 + e^−net_h1[1])는 net_h1[1] 값을 "
                               "(0, 1) 사이로 압축합니다: h1[1] = ") for line in korean)


def test_softmax_blobs_says_softmax_and_cross_entropy_in_korean():
    _, korean = assert_korean_with_the_same_numbers(preset_trace("softmax-blobs"))
    text = "\n".join(korean)
    assert "softmax는 출력값을 확률 벡터로 바꿉니다(각각 0…1, 합은 1)" in text
    assert ("softmax 활성화 함수와 cross_entropy 손실 함수를 함께 쓰면 연쇄 법칙이 "
            "δ = a − t로 간단해집니다.") in text


@pytest.mark.parametrize("name", ["seed-sse", "vanishing-sigmoid", "vanishing-relu", "sine",
                                  "saddle", "plateau"])
def test_every_other_preset_reads_in_korean_with_the_same_numbers(name):
    assert_korean_with_the_same_numbers(preset_trace(name))


@settings(max_examples=30, deadline=None)
@given(networks_and_batches(), st.sampled_from(list(Granularity)),
       st.sampled_from(["sgd", "momentum", "adam"]), st.booleans())
def test_any_network_reads_in_korean_with_the_same_numbers(case, granularity, optimizer, frozen):
    network, inputs, targets = case
    if frozen:
        network.layers[0].frozen_weights[0, 0] = True
        network.layers[-1].frozen_biases[0] = True
    training = TrainingSettings(optimizer="adam" if optimizer == "adam" else "sgd",
                                momentum=0.5 if optimizer == "momentum" else 0.0)
    assert_korean_with_the_same_numbers(
        lambda: build_trace(network, inputs, targets, training, granularity))


# ----- the templates ---------------------------------------------------------------------------
def test_english_is_unchanged_after_a_trace_was_read_in_korean():
    before = explanations(preset_trace("xor"), "en")
    explanations(preset_trace("xor"), "ko")
    assert explanations(preset_trace("xor"), "en") == before


@pytest.mark.parametrize("activation", ACTIVATION_NAMES)
@pytest.mark.parametrize("new", [False, True])
def test_every_activation_has_a_sentence_in_both_languages(activation, new):
    english = step_formulas.activation_sentence(activation, "net_y", "y", 0.5, new)
    i18n.set_language("ko")
    korean = step_formulas.activation_sentence(activation, "net_y", "y", 0.5, new)
    assert english.endswith(": y = 0.5.") and korean.endswith(": y = 0.5.")
    assert english.startswith("With the new parameters, ") == new
    assert korean.startswith("새 파라미터에서도 ") == new
    assert HANGUL.search(korean) and numbers(korean) == numbers(english)


def test_every_sentence_template_of_the_step_through_has_a_korean_translation():
    templates, _ = catalogues.engine_templates()
    ours = {template for template, places in templates.items()
            if any(place.startswith(CONVERTED) for place in places)}
    assert len(ours) >= 60
    catalogue = catalogues.read_engine_catalogue()
    untranslated = [t for t in ours if not HANGUL.search(catalogue.get(t, ""))]
    assert untranslated == []
