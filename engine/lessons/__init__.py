"""Guided lessons: bilingual text, a network file and declarative task checks, read from
resources/lessons (README, "Lessons"). Pure Python and numpy: never imports Qt."""
