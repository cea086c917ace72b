"""The math and the lesson of backpropagation, in pure numpy.

Nothing in this package imports Qt: every number the window shows is computed here, and the
package is fully usable (and tested) without a display.
"""
