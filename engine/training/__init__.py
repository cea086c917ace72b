"""Training: optimizers, the trainer and its fast path, the divergence bound, a run's history, data."""
