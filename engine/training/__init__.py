"""Training: optimizers, the trainer and its fast path, the divergence bound, history, data."""
