"""The step-through: the vocabulary of quantities, the step records, their formulas and numbers."""
