"""Exceptions raised by arabic_events.

Every error derives from :class:`ArabicEventsError`; most also inherit the
builtin that matches their meaning so ``except ValueError`` keeps working.
"""

from __future__ import annotations

__all__ = [
    "ArabicEventsError",
    "ConfigError",
    "DataError",
    "InputError",
    "ModelNotFoundError",
    "OffsetError",
    "FrameError",
    "ModelError",
]


class ArabicEventsError(Exception):
    """Base class of every error raised by arabic_events."""


class ConfigError(ArabicEventsError, ValueError):
    """A pipeline configuration or component argument is invalid.

    ``problems`` lists every problem found, so all of them can be fixed at once.
    """

    def __init__(self, message: str, problems: list[str] | None = None) -> None:
        self.problems = list(problems or [])
        if self.problems:
            message = message + "\n" + "\n".join(f"  - {p}" for p in self.problems)
        super().__init__(message)


class DataError(ArabicEventsError, ValueError):
    """A lexicon or data file is malformed (schema, Unicode form, ...)."""


class InputError(ArabicEventsError, ValueError):
    """The input given to the pipeline cannot be processed (wrong type, bad date, ...)."""


class ModelNotFoundError(ArabicEventsError, FileNotFoundError):
    """A model directory or file is missing."""


class OffsetError(ArabicEventsError, AssertionError):
    """A component produced a span whose offsets do not match the document text."""


class FrameError(ArabicEventsError, ValueError):
    """An event frame specification is invalid."""


class ModelError(ArabicEventsError, ValueError):
    """A model file exists but is not usable (truncated, corrupt, wrong checksum, or its
    contents do not match its config); the message names the file."""
