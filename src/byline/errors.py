"""byline's exceptions. The library raises them; the CLI turns each into one line and exit 2.

    BylineError
     └── InputError        a file or record that cannot be read or holds no article
"""

from __future__ import annotations


class BylineError(Exception):
    """Base class of every error byline raises on purpose."""


class InputError(BylineError):
    """An input that cannot be used; the message names the input and the problem."""

    def __init__(self, path: str, problem: str) -> None:
        super().__init__(f"{path}: {problem}")
        self.path = path
        self.problem = problem
