"""The network canvas: layers as columns, neurons as circles, connections coloured by sign."""

from gui.canvas.view import NetworkView

__all__ = ["NetworkView"]
