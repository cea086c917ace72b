"""The network and its rules: layers, activations, losses, initializers, structure edits, limits."""
