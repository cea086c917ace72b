"""Data sets shipped with the program for the lessons (resources/data), read without Qt.

``uci-digits``: the UCI ML "Optical Recognition of Handwritten Digits" test set (1,797 images
of 8×8 pixels, each pixel 0…16; CC BY 4.0, see resources/data/digits/README.md), as a gzip'd
CSV of 65 whole numbers a row: 64 pixels row by row, then the digit. Inputs are the pixels
scaled to 0…1 (x = pixel / 16), targets one-hot rows of 10; every fifth image (rows 5, 10, …)
goes to the test split, so the split is the same on every machine.
"""

from __future__ import annotations

import gzip
from pathlib import Path

import numpy as np

from engine.errors import NetworkFileError
from engine.files.regular_file import read_bytes
from engine.i18n import tr
from engine.model.experiment import Dataset

DATA_FOLDER = Path(__file__).resolve().parents[2] / "resources" / "data"
DIGITS_FILE = DATA_FOLDER / "digits" / "digits.csv.gz"
NAMES = ("uci-digits",)
PIXELS, CLASSES, IMAGE_SIDE, TEST_EVERY = 64, 10, 8, 5
MAX_BYTES = 1 << 20


def load(name: str) -> Dataset:
    """The shipped data set ``name`` (one of NAMES) as a Dataset with its test split."""
    if name != "uci-digits":
        raise NetworkFileError("dataset", tr("expected one of {choices}", choices=", ".join(NAMES)))
    return digits()


def digits(path: Path = DIGITS_FILE) -> Dataset:
    """The 8×8 digits: inputs (n, 64) in 0…1, targets (n, 10) one-hot, every fifth row tested."""
    try:
        text = gzip.decompress(read_bytes(path, MAX_BYTES, "data file")).decode("ascii")
        table = np.array([line.split(",") for line in text.split()], dtype=np.int64)
    except (OSError, ValueError, EOFError) as error:
        raise NetworkFileError("", tr("cannot read the digits ({reason})", reason=error),
                               str(path)) from None
    if table.ndim != 2 or table.shape[1] != PIXELS + 1 or not (
            (table[:, :PIXELS] >= 0).all() and (table[:, :PIXELS] <= 16).all()
            and (table[:, PIXELS] >= 0).all() and (table[:, PIXELS] < CLASSES).all()):
        raise NetworkFileError("", tr("expected rows of 64 pixels 0…16 and a digit 0…9"),
                               str(path))
    inputs = table[:, :PIXELS] / 16.0
    targets = np.eye(CLASSES)[table[:, PIXELS]]
    test = np.arange(len(table)) % TEST_EVERY == TEST_EVERY - 1
    return Dataset(inputs[~test], targets[~test], inputs[test], targets[test])


def weight_mosaic(weights: np.ndarray, columns: int = 5) -> tuple[np.ndarray, float]:
    """The first layer's weights (n_out, 64) as one picture: neuron k's 64 weights as an 8×8
    image (row by row, as the digits are) in grid cell (k // columns, k % columns), cells one
    NaN pixel apart; and the colour scale's half-width max|W| (1 when every weight is 0).

    Shape of the picture: (rows·9 − 1, columns·9 − 1) with rows = ⌈n_out / columns⌉.
    """
    images = np.asarray(weights, dtype=np.float64).reshape(-1, IMAGE_SIDE, IMAGE_SIDE)
    rows = -(-len(images) // columns)
    cell = IMAGE_SIDE + 1
    mosaic = np.full((rows * cell - 1, columns * cell - 1), np.nan)
    for index, image in enumerate(images):
        top, left = (index // columns) * cell, (index % columns) * cell
        mosaic[top:top + IMAGE_SIDE, left:left + IMAGE_SIDE] = image
    largest = float(np.abs(images).max()) if images.size else 0.0
    return mosaic, largest if np.isfinite(largest) and largest > 0 else 1.0
