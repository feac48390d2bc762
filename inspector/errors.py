"""The project's own errors.  Every message names the input and says what is wrong."""

from __future__ import annotations


class InspectorError(Exception):
    """Base class: anything the CLI reports as a clean one-line failure."""


class InputError(InspectorError):
    """An input that cannot be inspected (missing, empty, binary, undecodable…)."""

    def __init__(self, source: str, message: str, line: int | None = None) -> None:
        self.source = source
        self.line = line
        self.message = message
        where = f"{source}:{line}" if line is not None else source
        super().__init__(f"{where}: {message}")


class RuleError(InspectorError):
    """A rule file that cannot be used; the message names the file and the rule."""


class StoreError(InspectorError):
    """A result that cannot be saved or re-opened."""
