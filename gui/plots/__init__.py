"""Live plots of training: loss, per-layer gradient magnitudes, activations, the output map."""
