"""The one error hierarchy; each error carries the CLI exit code and a one-line message."""

from __future__ import annotations


class PhiguardError(Exception):
    """Base class. The message is one line, says what to do next and never quotes PHI."""

    exit_code = 2


class ConfigError(PhiguardError):
    """The configuration file or an option is invalid."""


class ModelError(PhiguardError):
    """No usable spaCy pipeline is installed."""


class RuleError(PhiguardError):
    """A rule file is malformed."""


class InputError(PhiguardError):
    """An input cannot be read as text (missing, binary, not UTF-8, too large)."""
