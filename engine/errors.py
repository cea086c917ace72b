"""Typed errors the engine raises for bad input, so callers can show one clear line.

``str()`` of an error is rendered when it is shown, in the language of that moment
(engine/i18n.py): the frame that names the file and the key is translated here, the
``problem`` where it is raised.
"""

from engine.i18n import tr


class NetworkError(ValueError):
    """Something about a network, its data or its settings is invalid.

    ``key`` names where the problem is (a file key such as ``layers[1].weights``, or an
    argument name) and ``problem`` says what is wrong with it; ``str()`` joins the two.
    """

    def __init__(self, key: str, problem: str):
        self.key = key
        self.problem = problem
        super().__init__(f"{key}: {problem}" if key else problem)

    def __str__(self) -> str:
        if not self.key:
            return str(self.problem)
        return tr("{key}: {problem}", key=self.key, problem=self.problem)


class NetworkFileError(NetworkError):
    """A network file cannot be read: missing, not JSON, or not a valid network."""

    def __init__(self, key: str, problem: str, path: str | None = None):
        self.path = path
        super().__init__(key, problem)
        if path:
            self.args = (f"{path}: {self.args[0]}",)

    def __str__(self) -> str:
        if not self.path:
            return super().__str__()
        if not self.key:
            return tr("{path}: {problem}", path=self.path, problem=self.problem)
        return tr("{path}: {key}: {problem}", path=self.path, key=self.key, problem=self.problem)
