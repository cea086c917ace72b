"""Typed errors the engine raises for bad input, so callers can show one clear line."""


class NetworkError(ValueError):
    """Something about a network, its data or its settings is invalid.

    ``key`` names where the problem is (a file key such as ``layers[1].weights``, or an
    argument name) and ``problem`` says what is wrong with it; ``str()`` joins the two.
    """

    def __init__(self, key: str, problem: str):
        self.key = key
        self.problem = problem
        super().__init__(f"{key}: {problem}" if key else problem)


class NetworkFileError(NetworkError):
    """A network file cannot be read: missing, not JSON, or not a valid network."""

    def __init__(self, key: str, problem: str, path: str | None = None):
        self.path = path
        super().__init__(key, problem)
        if path:
            self.args = (f"{path}: {self.args[0]}",)
