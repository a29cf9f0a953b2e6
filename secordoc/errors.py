"""Exceptions that carry their exit code; only the CLI turns them into output and an exit.

The library raises, the CLI converts (one place), so a partner embedding secordoc gets
exceptions, never ``sys.exit``.
"""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    """Documented exit codes; each keeps its meaning in every mode."""

    READY = 0
    NOT_READY = 1
    USAGE = 2
    MISSING_DEPENDENCY = 3
    INVALID_PROFILE = 4
    PLUGIN_ERROR = 5
    INTERNAL_ERROR = 6


class SecordocError(Exception):
    """Base class. ``hint`` tells the user what to do next."""

    exit_code: ExitCode = ExitCode.INTERNAL_ERROR

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return self.message if not self.hint else f"{self.message}\n{self.hint}"


class UsageError(SecordocError):
    exit_code = ExitCode.USAGE


class MissingDependencyError(SecordocError):
    exit_code = ExitCode.MISSING_DEPENDENCY


class InvalidProfileError(SecordocError):
    """An invalid or unknown profile, or an invalid manifest."""

    exit_code = ExitCode.INVALID_PROFILE


class PluginError(SecordocError):
    exit_code = ExitCode.PLUGIN_ERROR


class DocumentError(Exception):
    """A file cannot be read. Never leaves the pipeline: it becomes the file's status."""

    def __init__(self, reason: str, kind: str = "unreadable") -> None:
        super().__init__(reason)
        self.reason = reason
        self.kind = kind
