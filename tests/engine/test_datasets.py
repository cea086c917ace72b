"""Built-in data sets: exact tables, geometry with noise 0, reproducibility, validation, split."""

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from engine.errors import NetworkError
from engine.model.experiment import Dataset
from engine.training.datasets import (
    GENERATORS,
    and_gate,
    blobs,
    circles,
    generate,
    moons,
    or_gate,
    playground_circle,
    seed_sample,
    sine,
    spirals,
    train_test_split,
    xor_gate,
)

TWO_D = [circles, moons, spirals, blobs]


def labels_of(dataset):
    """Class index per row, from a 0/1 column or one-hot rows."""
    if dataset.targets.shape[1] == 1:
        return dataset.targets[:, 0].astype(int)
    return dataset.targets.argmax(axis=1)


# ----- fixed sets ------------------------------------------------------------------------------
def test_seed_sample_is_x_2_target_3():
    data = seed_sample()
    assert data.inputs.tolist() == [[2.0]]
    assert data.targets.tolist() == [[3.0]]


def test_xor_table():
    data = xor_gate()
    assert data.inputs.tolist() == [[0, 0], [0, 1], [1, 0], [1, 1]]
    assert data.targets.tolist() == [[0], [1], [1], [0]]


def test_and_and_or_tables():
    assert and_gate().targets[:, 0].tolist() == [0, 0, 0, 1]
    assert or_gate().targets[:, 0].tolist() == [0, 1, 1, 1]
    assert and_gate().inputs.dtype == np.float64


# ----- reproducibility -------------------------------------------------------------------------
@pytest.mark.parametrize("make", [sine, circles, moons, spirals, blobs, playground_circle])
def test_same_seed_gives_identical_data_and_another_seed_different(make):
    first, again, other = make(seed=7), make(seed=7), make(seed=8)
    np.testing.assert_array_equal(first.inputs, again.inputs)
    np.testing.assert_array_equal(first.targets, again.targets)
    assert not np.array_equal(first.inputs, other.inputs)


@pytest.mark.parametrize("make", [sine, circles, moons, spirals, blobs])
def test_noise_scales_one_fixed_displacement(make):
    clean, some, double = make(noise=0.0), make(noise=0.1), make(noise=0.2)
    np.testing.assert_allclose(double.inputs - clean.inputs, 2 * (some.inputs - clean.inputs))
    np.testing.assert_allclose(double.targets - clean.targets, 2 * (some.targets - clean.targets))


# ----- geometry with noise 0 -------------------------------------------------------------------
def test_sine_without_noise_is_exactly_sin_x_on_minus_pi_to_pi():
    data = sine(size=300, noise=0.0)
    assert data.inputs.shape == (300, 1) and data.targets.shape == (300, 1)
    assert np.all(np.abs(data.inputs) <= math.pi)
    np.testing.assert_array_equal(data.targets, np.sin(data.inputs))


def test_circles_inner_disc_is_class_1_and_ring_class_0():
    data = circles(size=201, noise=0.0)
    radius = np.hypot(*data.inputs.T)
    labels = labels_of(data)
    assert np.all(radius[labels == 1] <= 0.5)
    assert np.all((radius[labels == 0] >= 0.7) & (radius[labels == 0] <= 1.0))
    assert np.bincount(labels).tolist() == [101, 100]


def test_moons_lie_on_their_half_circles():
    data = moons(size=100, noise=0.0)
    x, y = (data.inputs + [0.5, 0.25]).T
    upper, lower = labels_of(data) == 0, labels_of(data) == 1
    np.testing.assert_allclose(x[upper] ** 2 + y[upper] ** 2, 1.0)
    assert np.all(y[upper] >= 0)
    np.testing.assert_allclose((x[lower] - 1) ** 2 + (y[lower] - 0.5) ** 2, 1.0)
    assert np.all(y[lower] <= 0.5)


@pytest.mark.parametrize("classes", [2, 3, 5])
def test_spiral_arm_angle_is_3_5_pi_r_plus_class_offset(classes):
    data = spirals(size=90, noise=0.0, classes=classes, targets="one_hot")
    radius = np.hypot(*data.inputs.T)
    angle = np.arctan2(data.inputs[:, 0], data.inputs[:, 1])
    expected = 3.5 * np.pi * radius + 2 * np.pi * labels_of(data) / classes
    difference = np.angle(np.exp(1j * (angle - expected)))  # wrapped to (−π, π]
    np.testing.assert_allclose(difference, 0.0, atol=1e-9)


def test_blobs_without_noise_sit_on_their_centres():
    data = blobs(size=12, noise=0.0, classes=4)
    labels = labels_of(data)
    expected = np.column_stack([np.cos(np.pi / 2 * labels), np.sin(np.pi / 2 * labels)])
    np.testing.assert_allclose(data.inputs, expected, atol=1e-15)
    assert np.bincount(labels).tolist() == [3, 3, 3, 3]


# ----- target formats --------------------------------------------------------------------------
@pytest.mark.parametrize("make", [circles, moons, spirals])
def test_binary_signed_and_one_hot_targets_encode_the_same_classes(make):
    binary, signed, one_hot = (make(targets=t) for t in ("binary", "signed", "one_hot"))
    np.testing.assert_array_equal(binary.inputs, one_hot.inputs)
    assert set(np.unique(binary.targets)) == {0.0, 1.0}
    np.testing.assert_array_equal(signed.targets, 2 * binary.targets - 1)
    assert one_hot.targets.shape == (len(binary), 2)
    np.testing.assert_array_equal(one_hot.targets[:, 1:], binary.targets)
    np.testing.assert_array_equal(one_hot.targets.sum(axis=1), 1.0)


@settings(max_examples=25, deadline=None)
@given(
    size=st.integers(1, 300),
    classes=st.integers(2, 10),
    seed=st.integers(0, 2**31 - 1),
    make=st.sampled_from([spirals, blobs]),
)
def test_one_hot_rows_are_valid_and_classes_balanced(size, classes, seed, make):
    data = make(size=size, classes=classes, seed=seed, targets="one_hot")
    assert data.inputs.shape == (size, 2) and data.targets.shape == (size, classes)
    assert np.all(np.isin(data.targets, [0.0, 1.0]))
    np.testing.assert_array_equal(data.targets.sum(axis=1), 1.0)
    counts = data.targets.sum(axis=0)
    assert counts.max() - counts.min() <= 1


# ----- TensorFlow Playground's circle ----------------------------------------------------------
def test_playground_circle_default_is_500_points_split_evenly_inside_and_outside():
    data = playground_circle()
    radius = np.hypot(*data.inputs.T)
    labels = labels_of(data)
    assert data.inputs.shape == (500, 2)
    assert np.bincount(labels).tolist() == [250, 250]
    assert np.all(radius[labels == 1] < 2.5)
    assert np.all((radius[labels == 0] >= 3.5) & (radius[labels == 0] <= 5.0))


def test_playground_circle_noise_flips_labels_but_keeps_points_clean():
    data = playground_circle(noise=0.5, targets="signed")
    radius = np.hypot(*data.inputs.T)
    assert np.all((radius <= 2.5) | ((radius >= 3.5) & (radius <= 5.0)))
    assert set(np.unique(data.targets)) == {-1.0, 1.0}
    flipped = (radius < 2.5) != (data.targets[:, 0] == 1.0)
    assert 0 < flipped.sum() < 250


# ----- validation ------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("arguments", "key"),
    [
        ({"size": 0}, "size"),
        ({"size": 1_000_001}, "size"),
        ({"size": 2.5}, "size"),
        ({"size": True}, "size"),
        ({"size": "10"}, "size"),
        ({"noise": -0.1}, "noise"),
        ({"noise": math.nan}, "noise"),
        ({"noise": math.inf}, "noise"),
        ({"seed": -1}, "seed"),
        ({"classes": 1}, "classes"),
        ({"classes": 11}, "classes"),
        ({"classes": 3, "targets": "binary"}, "targets"),
        ({"targets": "labels"}, "targets"),
    ],
)
def test_bad_parameters_raise_network_error_naming_them(arguments, key):
    with pytest.raises(NetworkError) as error:
        spirals(**arguments)
    assert error.value.key == key
    assert key in str(error.value)


def test_largest_and_smallest_sizes_are_allowed():
    assert len(circles(size=1)) == 1
    assert len(sine(size=1_000_000, noise=0.0)) == 1_000_000


# ----- train/test split ------------------------------------------------------------------------
def test_split_holds_out_the_fraction_and_partitions_the_rows():
    data = circles(size=200)
    split = train_test_split(data, 0.25, seed=3)
    assert len(split) == 150 and len(split.test_inputs) == 50
    assert split.test_targets.shape == (50, 1)
    together = np.concatenate([split.inputs, split.test_inputs])
    np.testing.assert_array_equal(np.sort(together, axis=0), np.sort(data.inputs, axis=0))
    assert data.test_inputs is None  # the original is not changed


def test_split_keeps_rows_paired_and_in_original_order():
    data = Dataset(np.arange(10.0)[:, None], 10 * np.arange(10.0)[:, None])
    split = train_test_split(data, 0.3, seed=0)
    np.testing.assert_array_equal(split.targets, 10 * split.inputs)
    np.testing.assert_array_equal(split.test_targets, 10 * split.test_inputs)
    assert np.all(np.diff(split.inputs[:, 0]) > 0) and np.all(np.diff(split.test_inputs[:, 0]) > 0)


def test_split_is_reproducible_by_seed():
    data = sine(size=50)
    first, again = train_test_split(data, 0.2, 5), train_test_split(data, 0.2, 5)
    np.testing.assert_array_equal(first.test_inputs, again.test_inputs)
    assert not np.array_equal(first.test_inputs, train_test_split(data, 0.2, 6).test_inputs)


def test_splitting_again_pools_the_old_test_rows():
    once = train_test_split(sine(size=40), 0.5, 1)
    again = train_test_split(once, 0.25, 2)
    assert len(again) == 30 and len(again.test_inputs) == 10


def test_split_leaves_at_least_one_row_on_each_side():
    split = train_test_split(xor_gate(), 0.01)
    assert len(split) == 3 and len(split.test_inputs) == 1


@pytest.mark.parametrize("fraction", [0.0, 1.0, -0.1, 1.5, math.nan])
def test_split_fraction_must_be_inside_0_1(fraction):
    with pytest.raises(NetworkError) as error:
        train_test_split(circles(), fraction)
    assert error.value.key == "test_fraction"


def test_one_sample_cannot_be_split():
    with pytest.raises(NetworkError) as error:
        train_test_split(seed_sample(), 0.5)
    assert error.value.key == "data"


# ----- the registry ----------------------------------------------------------------------------
@pytest.mark.parametrize("name", list(GENERATORS))
def test_every_generator_runs_with_its_own_defaults(name):
    generator = GENERATORS[name]
    for spec in generator.parameters:
        assert spec.check(spec.default) == spec.default
        assert spec.description
    data = generator()
    assert isinstance(data, Dataset)
    assert len(data) >= 1 and data.targets.shape[0] == len(data)


def test_registry_defaults_match_the_function_defaults():
    for generator in GENERATORS.values():
        default_data = generator.function()
        np.testing.assert_array_equal(generator().inputs, default_data.inputs)


def test_generate_by_name_passes_parameters_through():
    data = generate("blobs", size=30, classes=5)
    assert data.targets.shape == (30, 5)


def test_unknown_generator_or_parameter_is_refused():
    with pytest.raises(NetworkError) as error:
        generate("swirl")
    assert error.value.key == "generator"
    with pytest.raises(NetworkError) as error:
        generate("circles", nosie=0.1)
    assert error.value.key == "nosie"
