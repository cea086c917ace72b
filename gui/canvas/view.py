"""The canvas widget: the network scene with zoom, pan, hover tooltips, selection and editing.

Wheel zooms about the mouse, dragging pans, Ctrl+= / Ctrl+- / Ctrl+0 (actions of the main
window) zoom and fit. Hovering shows every value of the thing under the mouse; clicking selects
it (``document.select``) and, when it was a written number, emits ``value_clicked`` so the
explain view can say where that number came from; double-clicking a weight or bias edits it.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPointF, Qt, Signal
from PySide6.QtGui import QAction, QPainter
from PySide6.QtWidgets import QGraphicsView, QToolTip

from gui.canvas import labels, overlay, thumbnails
from gui.canvas.editor import ValueEditor
from gui.canvas.scene import NetworkScene
from gui.canvas.tooltips import tooltip
from gui.items import BiasRef, NeuronRef, WeightRef, quantity_of

ZOOM_STEP = 1.2
MIN_ZOOM, MAX_ZOOM = 0.01, 8.0
MAX_FIT_ZOOM = 1.25  # a tiny network is not blown up beyond this when fitted
FIT_MARGIN = 12.0  # scene units round the network when fitted (the scene has its own margins)


class NetworkView(QGraphicsView):
    """The network canvas for ``document`` (and ``stepping``, the step-through, when given)."""

    value_clicked = Signal(object)  # the clicked number's Quantity (None: it names none)

    def __init__(self, document, stepping=None, parent=None):
        super().__init__(parent)
        self._document = document
        self._auto_fit = True  # follow the window size until the learner zooms by hand
        self.placed_titles = None  # (what they were placed for, the titles): overlay.py's
        self.editor: ValueEditor | None = None
        self.network_scene = NetworkScene(document, stepping, self)
        self.setScene(self.network_scene)
        self.setObjectName("canvas")
        self.setMouseTracking(True)
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setResizeAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.SmartViewportUpdate)
        self.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
        self.setMinimumSize(240, 160)  # an 800 × 600 window keeps room for its docks
        self.thumbnails_action = self._toggle(
            self.tr("Neuron &Thumbnails"), self.tr("Fill each neuron with its output over the "
                                                   "input plane (networks with two inputs)"),
            self.network_scene.set_thumbnails_shown)
        self.health_action = self._toggle(
            self.tr("Mark &Dead and Saturated Units"),
            self.tr("Ring ReLU units that output 0 for every training sample and sigmoid/tanh "
                    "units stuck on a flat tail"),
            self.network_scene.set_health_shown)
        self._enable_thumbnails_action()
        document.structure_changed.connect(self._on_structure_changed)
        document.experiment_replaced.connect(self._on_structure_changed)

    def _toggle(self, text: str, tip: str, slot) -> QAction:
        action = QAction(text, self)
        action.setCheckable(True)
        action.setChecked(True)
        action.setStatusTip(tip)
        action.setToolTip(tip)
        action.toggled.connect(slot)
        return action

    def view_actions(self) -> list[QAction]:
        """The canvas' own View-menu toggles: thumbnails, dead and saturated marks."""
        return [self.thumbnails_action, self.health_action]

    def _enable_thumbnails_action(self) -> None:
        self.thumbnails_action.setEnabled(thumbnails.supports(self._document.network))

    # ----- zoom and pan -------------------------------------------------------------------------
    @property
    def zoom(self) -> float:
        return self.transform().m11()

    def zoom_by(self, factor: float) -> None:
        target = min(max(self.zoom * factor, MIN_ZOOM), MAX_ZOOM)
        self._auto_fit = False
        self._set_view_rect(target)
        self.scale(target / self.zoom, target / self.zoom)

    def zoom_in(self) -> None:
        self.zoom_by(ZOOM_STEP)

    def zoom_out(self) -> None:
        self.zoom_by(1 / ZOOM_STEP)

    def fit_to_window(self) -> None:
        """Show the whole network (Ctrl+0), never magnified past MAX_FIT_ZOOM."""
        self._auto_fit = True
        self._fit()

    def _fit(self) -> None:
        """The largest zoom (up to MAX_FIT_ZOOM) showing the whole network; zoomed out below
        labels.TITLE_ZOOM a band above it holds the titles at screen size (overlay.py)."""
        # a margin, so no scroll bar appears for a network that exactly fits
        margin = FIT_MARGIN
        rect = self.network_scene.sceneRect().adjusted(-margin, -margin, margin, margin)
        viewport = self.viewport().rect()
        if rect.width() <= 0 or rect.height() <= 0 or viewport.isEmpty():
            return
        width, height = viewport.width(), viewport.height()
        zoom = min(width / rect.width(), height / rect.height(), MAX_FIT_ZOOM)
        for _ in range(2):  # room for the titles and the hint that this zoom brings
            top, bottom = self._bands(zoom)
            if not top + bottom:
                break
            zoom = min(width / rect.width(), (height - top - bottom) / rect.height(),
                       MAX_FIT_ZOOM)
        zoom = max(zoom, MIN_ZOOM)
        self._set_view_rect(zoom)
        self.resetTransform()
        self.scale(zoom, zoom)
        self.centerOn(self.sceneRect().center())

    def _bands(self, zoom: float) -> tuple[float, float]:
        """Pixels kept free above the network (titles at screen size) and below it (the
        hint) at ``zoom``."""
        top = overlay.title_band() if zoom < labels.TITLE_ZOOM else 0.0
        hint = overlay.hidden_hint(self.network_scene, zoom)
        bottom = overlay.hint_box(self, hint).height() + overlay.HINT_MARGIN if hint else 0.0
        return top, bottom

    def _set_view_rect(self, zoom: float) -> None:
        """What the view scrolls over: the scene, and round it the bands the view writes the
        titles and the hint in."""
        top, bottom = self._bands(zoom)
        self.setSceneRect(self.network_scene.sceneRect().adjusted(0, -top / zoom, 0,
                                                                  bottom / zoom))

    def hidden_detail_hint(self) -> str:
        """The hint over the canvas saying which numbers are hidden ('' when none are)."""
        return overlay.hidden_hint(self.network_scene, self.zoom)

    def text_points(self) -> float:
        """The size in points the learner sees of the numbers written on the canvas."""
        return labels.text_points(self.zoom)

    def drawForeground(self, painter, rect) -> None:
        super().drawForeground(painter, rect)
        overlay.paint(self, painter)

    def scrollContentsBy(self, dx: int, dy: int) -> None:
        super().scrollContentsBy(dx, dy)
        self.viewport().update()  # the titles and hint stay put while the network moves

    def wheelEvent(self, event):
        scroll = Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.AltModifier
        if event.modifiers() & scroll:
            super().wheelEvent(event)  # shift + wheel scrolls, as in most canvases
            return
        steps = event.angleDelta().y() / 120.0
        if steps:
            self.zoom_by(ZOOM_STEP**steps)
        event.accept()

    def resizeEvent(self, event):
        super().resizeEvent(event)
        if self._auto_fit:
            self._fit()

    def showEvent(self, event):
        super().showEvent(event)
        if self._auto_fit:
            self._fit()

    # ----- hover, click, double-click -----------------------------------------------------------
    def hit_at(self, view_pos):
        return self.network_scene.hit(self.mapToScene(view_pos), self.zoom)

    def viewportEvent(self, event):
        if event.type() == QEvent.Type.ToolTip:
            hit = self.hit_at(event.pos())
            if hit is None:
                QToolTip.hideText()
            else:
                QToolTip.showText(event.globalPos(), tooltip(self.network_scene, hit.ref),
                                  self.viewport())
            return True
        return super().viewportEvent(event)

    def mouseMoveEvent(self, event):
        if not event.buttons():
            hit = self.hit_at(event.position().toPoint())
            self.network_scene.set_hovered(None if hit is None else hit.ref)
        super().mouseMoveEvent(event)

    def leaveEvent(self, event):
        self.network_scene.set_hovered(None)
        super().leaveEvent(event)

    def mousePressEvent(self, event):
        if event.button() == Qt.MouseButton.LeftButton:
            self.click(event.position().toPoint())
        super().mousePressEvent(event)

    def mouseDoubleClickEvent(self, event):
        hit = self.hit_at(event.position().toPoint())
        if hit is not None and isinstance(hit.ref, (WeightRef, BiasRef)):
            self.edit(hit.ref)
            event.accept()
            return
        super().mouseDoubleClickEvent(event)

    def click(self, view_pos) -> None:
        """Select what is at ``view_pos``; a click on a written number also asks to explain it."""
        hit = self.hit_at(view_pos)
        self._document.select(None if hit is None else hit.ref)
        if hit is not None and hit.quantity is not None:
            self.value_clicked.emit(quantity_of(hit.ref, hit.quantity))

    # ----- editing in place ---------------------------------------------------------------------
    def edit(self, ref: WeightRef | BiasRef) -> ValueEditor:
        """Open a line edit over ``ref``'s value (Enter applies, Esc cancels)."""
        self.close_editor()
        self._document.select(ref)
        editor = ValueEditor(self._document, ref, self.viewport())
        editor.finished.connect(self._on_editor_finished)
        editor.adjustSize()
        anchor = self.mapFromScene(self.anchor_of(ref))
        editor.move(max(0, anchor.x() - editor.width() // 2), max(0, anchor.y() - 12))
        editor.show()
        editor.line_edit.setFocus()
        self.editor = editor
        return editor

    def close_editor(self) -> None:
        if self.editor is not None:
            self.editor.close_editor()

    def anchor_of(self, ref) -> QPointF:
        """Where ``ref``'s value is written in scene coordinates (for editors and tests)."""
        from gui.canvas import labels

        scene = self.network_scene
        layout = scene.layout
        quantity = "weight" if isinstance(ref, WeightRef) else "bias"
        placed = scene.placement.get(quantity, ref)
        if placed is not None:  # where the placement wrote it
            return placed.box.center()
        if isinstance(ref, WeightRef):
            return labels.along(layout, ref.layer, ref.neuron, ref.source, labels.WEIGHT_LABEL_AT)
        if isinstance(ref, BiasRef):
            return labels.bias_anchor(layout, ref.layer + 1, ref.neuron)
        if isinstance(ref, NeuronRef):
            return layout.centre(ref.column, ref.neuron)
        raise TypeError(f"not a canvas item: {ref!r}")

    def _on_editor_finished(self) -> None:
        self.editor = None
        self.setFocus()

    def _on_structure_changed(self) -> None:
        self._enable_thumbnails_action()
        self.close_editor()
        if self._auto_fit:
            self._fit()
        else:
            self._set_view_rect(self.zoom)
