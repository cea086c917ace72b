"""The data dock: a validated table, generators, CSV import/export and a split, all undoable."""

import numpy as np
import pytest
from PySide6.QtCore import QItemSelectionModel, Qt

from engine.files import csvdata
from engine.training import datasets
from gui.dialogs.csv_options import CsvOptionsDialog, parse_target_columns, read_preview
from gui.panels.data_panel import DataPanel
from tests.gui.lifetimes import opened


@pytest.fixture
def panel(qtbot, owned):
    widget = DataPanel(opened(owned, "xor"))
    qtbot.addWidget(widget)
    return widget


def data_arrays(document):
    data = document.data
    return [None if a is None else a.copy()
            for a in (data.inputs, data.targets, data.test_inputs, data.test_targets)]


def assert_same(arrays, document):
    for old, new in zip(arrays, data_arrays(document), strict=True):
        if old is None:
            assert new is None
        else:
            np.testing.assert_array_equal(old, new)


@pytest.mark.parametrize("text", ["abc", "", "inf", "nan", "1e999", "1,2,3"])
def test_a_cell_that_is_not_a_finite_number_is_refused_and_the_data_is_unchanged(panel, text):
    document, model = panel._document, panel.model
    before = data_arrays(document)
    assert not model.setData(model.index(1, 0), text)
    assert not panel.message.isHidden()
    assert "data is unchanged" in panel.message.text()
    assert_same(before, document)
    assert document.undo_stack.count() == 0


def test_a_cell_reads_numbers_as_every_field_does(panel):
    document, model = panel._document, panel.model
    assert model.setData(model.index(1, 0), "\u22120.5")  # the typographic minus
    assert document.data.inputs[1, 0] == -0.5
    assert not model.setData(model.index(1, 0), "1,5")  # a decimal comma, as everywhere
    assert "“1,5” is not a number" in panel.message.text()
    assert document.data.inputs[1, 0] == -0.5


def test_a_number_in_a_cell_changes_that_sample_and_is_undoable(panel):
    document, model = panel._document, panel.model
    assert model.setData(model.index(1, 2), "0.25")
    assert document.data.targets[1, 0] == 0.25
    assert model.data(model.index(1, 2)) == "0.25"
    document.undo_stack.undo()
    assert document.data.targets[1, 0] == 1.0


def test_headers_name_inputs_and_targets(panel):
    model = panel.model
    names = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(3)]
    assert names[2] == "t"
    assert model.columnCount() == 3 and model.rowCount() == 4


def test_rows_are_added_and_removed_as_undo_steps(panel):
    document = panel._document
    panel.add_button.click()
    assert len(document.data) == 5
    select = QItemSelectionModel.SelectionFlag
    flags = select.ClearAndSelect | select.Rows
    panel.table.selectionModel().select(panel.model.index(0, 0), flags)
    panel.remove_button.click()
    assert len(document.data) == 4
    np.testing.assert_array_equal(document.data.inputs[0], [0.0, 1.0])
    document.undo_stack.undo()
    document.undo_stack.undo()
    assert len(document.data) == 4
    np.testing.assert_array_equal(document.data.inputs[0], [0.0, 0.0])


def choose(panel, name):
    panel.generator_combo.setCurrentIndex(panel.generator_combo.findData(name))


def test_a_generator_gives_exactly_the_engines_data(panel):
    choose(panel, "circles")
    panel.parameter_fields["size"].edit.setText("50")
    panel.parameter_fields["noise"].edit.setText("0.1")
    panel.parameter_fields["seed"].edit.setText("3")
    panel.generate_button.click()
    expected = datasets.generate("circles", size=50, noise=0.1, seed=3)
    np.testing.assert_array_equal(panel._document.data.inputs, expected.inputs)
    np.testing.assert_array_equal(panel._document.data.targets, expected.targets)
    assert panel._document.undo_stack.text(0) == "Generate Circles"


@pytest.mark.parametrize(("field", "text"), [
    ("size", "abc"), ("size", "0"), ("size", "-5"), ("size", "2.5"), ("size", "2000000"),
    ("noise", "-1"), ("noise", "x"), ("noise", "inf"), ("seed", "-1"), ("seed", "s"),
])
def test_bad_generator_fields_are_refused_next_to_them(panel, field, text):
    choose(panel, "moons")
    before = data_arrays(panel._document)
    panel.parameter_fields[field].edit.setText(text)
    assert not panel.generate()
    assert panel.parameter_fields[field].has_error
    assert_same(before, panel._document)
    assert panel._document.undo_stack.count() == 0


def test_a_data_set_whose_widths_do_not_fit_the_network_is_refused_with_the_widths(panel):
    choose(panel, "sine")
    before = data_arrays(panel._document)
    assert not panel.generate()
    assert "1 input(s) and 1 target(s), the network 2 input(s)" in panel.message.text()
    assert_same(before, panel._document)


def test_a_csv_with_a_bad_row_is_refused_with_its_line_number(panel, tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("x1,x2,t\n0,0,0\n0,1,1\n1,zero,1\n1,1,0\n", encoding="utf-8")
    before = data_arrays(panel._document)
    assert not panel.import_csv(str(path))
    assert "line 4" in panel.message.text()
    assert "data is unchanged" in panel.message.text()
    assert_same(before, panel._document)
    assert panel._document.undo_stack.count() == 0


def test_a_good_csv_is_imported_and_one_hot_class_columns_work(qtbot, tmp_path, owned):
    document = opened(owned, "softmax-blobs")
    widget = DataPanel(document)
    qtbot.addWidget(widget)
    path = tmp_path / "classes.csv"
    path.write_text("a,b,kind\n0.5,1,red\n-1,2,green\n3,0,blue\n", encoding="utf-8")
    assert widget.import_csv(str(path), targets=parse_target_columns("3"), one_hot=True)
    np.testing.assert_array_equal(document.data.inputs, [[0.5, 1], [-1, 2], [3, 0]])
    np.testing.assert_array_equal(document.data.targets, [[0, 0, 1], [0, 1, 0], [1, 0, 0]])


def test_export_writes_a_csv_that_reads_back_bit_identical(panel, tmp_path):
    choose(panel, "moons")
    panel.generate()
    path = tmp_path / "out.csv"
    assert panel.export_csv(str(path))
    back = csvdata.read_csv(path, targets=-1)
    np.testing.assert_array_equal(back.dataset.inputs, panel._document.data.inputs)
    np.testing.assert_array_equal(back.dataset.targets, panel._document.data.targets)


def test_split_holds_out_the_typed_share_and_bad_shares_are_refused(panel):
    document = panel._document
    choose(panel, "circles")
    panel.generate()
    for bad in ("2", "abc", "0", "-0.5"):
        panel.test_fraction_field.edit.setText(bad)
        assert not panel.split()
        assert panel.test_fraction_field.has_error
        assert not document.data.has_test_split
    panel.test_fraction_field.edit.setText("0.25")
    assert panel.split()
    assert (len(document.data), len(document.data.test_inputs)) == (150, 50)
    assert panel.model.rowCount() == 200
    assert panel.model.headerData(150, Qt.Orientation.Vertical) == "test 1"
    panel.merge_button.click()
    assert len(document.data) == 200 and not document.data.has_test_split


def test_target_columns_are_counted_from_one_and_names_stay_names():
    assert parse_target_columns("") is None
    assert parse_target_columns("3, label") == [2, "label"]
    assert parse_target_columns("-1") == [-1]  # from the end: the last column


def test_the_csv_options_dialog_gives_read_csv_its_arguments(qtbot, tmp_path):
    path = tmp_path / "d.csv"
    path.write_text("a;b;label\n1;2;x\n", encoding="utf-8")
    dialog = CsvOptionsDialog(str(path), read_preview(str(path)))
    qtbot.addWidget(dialog)
    assert "a;b;label" in dialog.preview.toPlainText()
    dialog.header_combo.setCurrentText("Yes")
    dialog.targets_edit.setText("label")
    dialog.one_hot_check.setChecked(True)
    assert dialog.options() == {"targets": ["label"], "one_hot": True, "header": True}


def test_in_korean_the_generators_and_their_parameters_speak_korean(qtbot, owned):
    from gui import language
    language.install("ko")
    try:
        widget = DataPanel(opened(owned, "xor"))
        qtbot.addWidget(widget)
        choose(widget, "circles")
        combo = widget.generator_combo
        assert combo.itemText(combo.findData("circles")) == "원"
        assert widget.generator_description.text() == "고리 안에 원판이 들어 있는 데이터"
        form = widget.parameter_form
        labels = [form.itemAt(row, form.ItemRole.LabelRole).widget().text()
                  for row in range(form.rowCount())]
        assert labels == ["샘플 수:", "노이즈:", "시드:", "기대출력값 형식:"]
        assert widget.parameter_fields["noise"].toolTip() == \
            "각 좌표에 더하는 가우스 노이즈의 표준편차"
        widget.generate_button.click()
        assert widget._document.undo_stack.text(widget._document.undo_stack.count() - 1) \
            == "원 생성"
    finally:
        language.install("en")
