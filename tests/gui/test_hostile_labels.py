"""Text from a file is shown as text: a label that looks like HTML never loads an image, never
becomes a link, never turns bold, in any view (gui/richtext.py: ``text_html``, ``literal_html``,
and PlainText labels)."""

import json
import os
import random
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from PySide6 import QtGui
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QImage, QTextDocument
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QGraphicsTextItem,
    QGraphicsView,
    QLabel,
    QMessageBox,
    QTextEdit,
    QWidget,
)

from engine.lesson.quantities import Kind, Quantity
from gui import files
from gui.canvas import tooltips
from gui.dialogs.csv_options import CsvOptionsDialog
from gui.items import BiasRef, NeuronRef, WeightRef
from gui.main_window import MainWindow
from gui.richtext import literal_html, text_html
from tests.gui.test_main_window import answers, make_window, settings  # noqa: F401 (fixtures)

ROOT = Path(__file__).resolve().parents[2]
LINK = "<a href='x'>link</a>"
BOLD = "<b>bold</b>"
AMPERSAND = "&amp;"
ZERO_IMAGE = "<img src='/dev/zero'>"
NAME = "<b>name</b> & <i>co</i>"


class FifoWatch:
    """A named pipe in ``folder``: records whether anything opened it to read, and never lets
    that reader hang (it is answered with an empty stream)."""

    def __init__(self, folder: Path):
        self.path = folder / "fifo"
        os.mkfifo(self.path)
        self.opened_by_others = False
        self._closing = False
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def _serve(self):
        with open(self.path, "wb"):  # blocks until a reader opens the pipe
            self.opened_by_others = not self._closing

    def close(self):
        self._closing = True
        reader = os.open(self.path, os.O_RDONLY | os.O_NONBLOCK)  # lets the writer go
        self._thread.join(5)
        os.close(reader)


@pytest.fixture
def fifo(tmp_path):
    watch = FifoWatch(tmp_path)
    yield watch
    watch.close()


def hostile_network(image: str, second_image: str) -> dict:
    """The xor example with every label, its name and its description hostile."""
    document = json.loads((ROOT / "resources/examples/xor.json").read_text(encoding="utf-8"))
    document["input_labels"] = [image, BOLD]
    document["layers"][0]["labels"] = [LINK, AMPERSAND]  # hidden neurons
    document["layers"][1]["labels"] = [second_image]
    document["name"] = NAME
    document["description"] = f"{LINK} {ZERO_IMAGE}"
    return document


def labels_of(document: dict) -> list[str]:
    return document["input_labels"] + document["layers"][0]["labels"] + \
        document["layers"][1]["labels"]


# ----- what a piece of text becomes on screen ----------------------------------------------------
def interpreted(text: str, text_format=Qt.TextFormat.AutoText) -> QTextDocument | None:
    """The rich text Qt makes of ``text`` (None: shown as plain text, exactly as it is)."""
    rich = text_format == Qt.TextFormat.RichText or (
        text_format == Qt.TextFormat.AutoText and QtGui.Qt.mightBeRichText(text))
    if not rich:
        return None
    document = QTextDocument()
    document.setHtml(text)
    return document


def shown_text(text: str, text_format=Qt.TextFormat.AutoText) -> str:
    document = interpreted(text, text_format)
    return text if document is None else document.toPlainText()


def problems_in(document: QTextDocument, where: str) -> list[str]:
    """Images not embedded in the text itself, and links to anything but a number."""
    found = []
    block = document.begin()
    while block.isValid():
        iterator = block.begin()
        while not iterator.atEnd():
            char_format = iterator.fragment().charFormat()
            if char_format.isImageFormat():
                name = char_format.toImageFormat().name()
                if not name.startswith("data:"):
                    found.append(f"{where}: an image {name!r}")
            if char_format.isAnchor() and char_format.anchorHref() == "x":
                found.append(f"{where}: a link to 'x'")
            iterator += 1
        block = block.next()
    return found


def check_text(text: str, where: str, text_format=Qt.TextFormat.AutoText) -> list[str]:
    document = interpreted(text, text_format)
    return [] if document is None else problems_in(document, where)


def surfaces(root: QWidget) -> list[str]:
    """Every problem in the text ``root`` and its children show: labels, tool tips, text
    browsers, table cells and headers, and the text items of plots."""
    found = []
    widgets = [root, *root.findChildren(QWidget)]
    for widget in widgets:
        name = f"{type(widget).__name__} {widget.objectName()}"
        found += check_text(widget.toolTip(), f"tool tip of {name}")
        if isinstance(widget, QLabel):
            found += check_text(widget.text(), name, widget.textFormat())
        if isinstance(widget, QTextEdit):
            found += problems_in(widget.document(), name)
        if isinstance(widget, QAbstractItemView) and widget.model() is not None:
            found += _model_problems(widget.model(), name)
        if isinstance(widget, QGraphicsView) and widget.scene() is not None:
            for item in widget.scene().items():
                found += check_text(item.toolTip(), f"tool tip of {type(item).__name__}")
                if isinstance(item, QGraphicsTextItem):
                    found += problems_in(item.document(), f"{type(item).__name__} in {name}")
    for action in root.findChildren(QAction):
        found += check_text(action.toolTip(), f"tool tip of action {action.text()}")
    return found


def _model_problems(model, name: str) -> list[str]:
    found = []
    tip = Qt.ItemDataRole.ToolTipRole
    for row in range(min(model.rowCount(), 20)):
        for column in range(min(model.columnCount(), 20)):
            text = model.data(model.index(row, column), tip)
            if text:
                found += check_text(str(text), f"tool tip of cell ({row}, {column}) in {name}")
    for orientation in (Qt.Orientation.Horizontal, Qt.Orientation.Vertical):
        count = model.columnCount() if orientation == Qt.Orientation.Horizontal \
            else model.rowCount()
        for section in range(min(count, 20)):
            text = model.headerData(section, orientation, tip)
            if text:
                found += check_text(str(text), f"header tool tip in {name}")
    return found


def every_ref(network):
    refs = [NeuronRef(0, i) for i in range(network.input_size)]
    for index, layer in enumerate(network.layers):
        for neuron in range(layer.n_out):
            refs += [NeuronRef(index + 1, neuron), BiasRef(index, neuron)]
            refs += [WeightRef(index, neuron, source) for source in range(layer.n_in)]
    return refs


# ----- the whole window --------------------------------------------------------------------------
@pytest.fixture
def window_on(request, tmp_path):
    """A main window (test_main_window's) on a network dict, shown at the screenshot's size."""
    open_window = request.getfixturevalue("make_window")

    def make(network: dict) -> MainWindow:
        path = tmp_path / "hostile.json"
        path.write_text(json.dumps(network), encoding="utf-8")
        window = open_window(str(path))
        window.resize(1280, 800)
        return window

    return make


def walk_every_view(window: MainWindow) -> list[str]:
    """Show every dock in turn, every selection and every step; the problems found on the way."""
    found = []

    def look():
        QApplication.processEvents()
        found.extend(surfaces(window))

    network = window.document.network
    runner = window.training_docks.runner
    for _ in range(3):
        runner.train_step()
    for dock in window.docks():
        dock.show()
        dock.raise_()
        look()
    for ref in every_ref(network):
        window.document.select(ref)
        found.extend(check_text(tooltips.tooltip(window.canvas.network_scene, ref),
                                f"canvas tool tip of {ref}", Qt.TextFormat.RichText))
        window.inspector_dock.raise_()
        look()
    window.document.select(None)
    window.step_dock.raise_()
    while not window.stepping.at_end:
        window.stepping.next()
        window.explain(Quantity(Kind.ACTIVATION, 0, 0))  # the hidden neuron's output
        look()
    window.grab()  # paints everything once more
    return found


@pytest.mark.parametrize("kind", ["local image", "device and pipe"])
def test_every_view_shows_hostile_labels_as_text(window_on, tmp_path, fifo, kind):
    if kind == "local image":  # loading it is harmless: a failure here is a clean one
        picture = tmp_path / "picture.png"
        QImage(4, 4, QImage.Format.Format_RGB32).save(str(picture))
        images = (f"<img src='{picture}'>", f"<img src='{picture}' width=1>")
    else:  # /dev/zero once took 4.3 GB and aborted; the pipe hung the window
        images = (ZERO_IMAGE, f"<img src='{fifo.path}'>")
    network = hostile_network(*images)
    window = window_on(network)
    found = walk_every_view(window)
    assert found == []
    assert not fifo.opened_by_others
    # the literal text is what the learner reads
    assert NAME in window.windowTitle()
    hidden = window.document.network.layers[0].labels[0]
    window.document.select(NeuronRef(1, 0))
    window.inspector_dock.raise_()
    QApplication.processEvents()
    assert f"Neuron {LINK}" in shown_text(window.inspector.title.text(), Qt.TextFormat.RichText)
    window.stepping.go_to(0)  # the hidden neuron's weighted sum: its name in the explanation
    explanation = window.step_panel.explanation_label
    assert hidden in shown_text(explanation.text(), explanation.textFormat())
    for ref, label in [(NeuronRef(0, 1), BOLD), (NeuronRef(1, 1), AMPERSAND),
                       (WeightRef(0, 0, 1), BOLD)]:
        tip = tooltips.tooltip(window.canvas.network_scene, ref)
        assert label in shown_text(tip, Qt.TextFormat.RichText)
    window.weight_tables.layer_combo.setCurrentIndex(0)
    weights = window.weight_tables.model
    assert weights.headerData(0, Qt.Orientation.Vertical) == LINK
    tip = weights.data(weights.index(0, 1), Qt.ItemDataRole.ToolTipRole)
    assert f"weight from {BOLD} to {LINK}" in shown_text(tip)
    data = window.training_docks.data_panel.model
    assert data.headerData(1, Qt.Orientation.Horizontal) == BOLD


def test_the_explain_panel_shows_a_hostile_label_as_text(window_on, fifo):
    window = window_on(hostile_network(ZERO_IMAGE, f"<img src='{fifo.path}'>"))
    window.stepping.go_to(window.stepping.count - 1)
    window.explain(Quantity(Kind.ACTIVATION, 0, 1))  # the hidden neuron named "&amp;"
    QApplication.processEvents()
    body = window.explain_panel.body.document()
    assert problems_in(body, "explain panel") == []
    assert AMPERSAND in body.toPlainText()


# ----- the helpers and the places that guess ----------------------------------------------------
@pytest.mark.parametrize("text", [LINK, BOLD, AMPERSAND, ZERO_IMAGE, "a\nb & <c>", "&lt;x&gt;"])
def test_literal_html_shows_exactly_the_text(text):
    assert shown_text(literal_html(text)) == text
    inline = text.replace("\n", " ")  # inside a line of rich text, a line break is a space
    assert shown_text(f"<b>{text_html(text)}</b>", Qt.TextFormat.RichText) == inline
    assert check_text(literal_html(text), "literal") == []


def test_the_save_question_and_file_errors_show_names_as_text(qtbot, monkeypatch):
    shown = []
    monkeypatch.setattr(QMessageBox, "warning",
                        lambda parent, title, text, *rest: shown.append(text)
                        or QMessageBox.StandardButton.Cancel)
    monkeypatch.setattr(QMessageBox, "critical",
                        lambda parent, title, text, *rest: shown.append(text))
    files.ask_save_changes(None, NAME)
    files.show_file_error(None, "Cannot open", OSError(f"{ZERO_IMAGE} {LINK}"))
    assert NAME in shown_text(shown[0])
    assert f"{ZERO_IMAGE} {LINK}" in shown_text(shown[1])
    assert check_text(shown[0], "question") + check_text(shown[1], "error") == []


def test_the_csv_dialog_shows_a_hostile_path_as_text(qtbot, tmp_path):
    path = str(tmp_path / f"{LINK}{ZERO_IMAGE}.csv")
    dialog = CsvOptionsDialog(path, "a,b\n1,2\n")
    qtbot.addWidget(dialog)
    assert surfaces(dialog) == []
    assert path in visible_texts_of(dialog)


def visible_texts_of(widget: QWidget) -> str:
    return "\n".join(shown_text(label.text(), label.textFormat())
                     for label in widget.findChildren(QLabel))


@pytest.mark.parametrize("hidden_label", [ZERO_IMAGE, "<img src='FIFO'>"])
def test_a_screenshot_of_a_file_with_hostile_labels_exits_quickly(tmp_path, hidden_label):
    """Was: exit 134 (std::bad_alloc at 4.3 GB) on /dev/zero, and a hang on a pipe."""
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    label = hidden_label.replace("FIFO", str(pipe))
    network = hostile_network(ZERO_IMAGE, f"<img src='{pipe}'>")
    network["layers"][0]["labels"] = [label, LINK]
    path = tmp_path / f"{AMPERSAND}<i>.json"
    path.write_text(json.dumps(network), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "main.py", "screenshot", str(path), str(tmp_path / "o.png"),
         "--step", "1"],
        cwd=ROOT, capture_output=True, text=True, timeout=60,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "o.png").stat().st_size > 0


FRAGMENTS = ("<", ">", "&", "amp;", "lt;", "#60;", "<img src='x'>", "<a href=x>", "</a>", "<b>",
             "<qt>", "<!--", "-->", "<!DOCTYPE html>", "'", '"', "é", "\u202e", "\n", " ", "x",
             "<style>p{}</style>", "<script>", "&nbsp;", "<br>", "%")


def test_generated_hostile_text_is_always_shown_exactly():
    """500 texts made of HTML's own pieces: each shown character for character, with no
    image and no link in the rich text made of it."""
    generator = random.Random(12)
    for _ in range(500):
        text = "".join(generator.choice(FRAGMENTS) for _ in range(generator.randint(1, 12)))
        if not text.strip():
            continue
        # every character, but line breaks at the very start and end (Qt drops those)
        assert shown_text(literal_html(text)) == text.strip("\n"), repr(text)
        assert check_text(literal_html(text), repr(text)) == []
        inline = shown_text(f"<b>{text_html(text)}</b>", Qt.TextFormat.RichText)
        assert inline.split() == text.split(), repr(text)  # a line's spaces may merge
        assert check_text(f"<b>{text_html(text)}</b>", repr(text), Qt.TextFormat.RichText) == []
