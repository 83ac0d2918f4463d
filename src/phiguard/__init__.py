"""phiguard: checks what a healthcare practice is about to publish for PHI, testimonials and claims.

`import phiguard` is cheap: spaCy and Presidio load when the first Linter is built.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

from ._version import __version__
from .config import Config
from .errors import ConfigError, InputError, ModelError, PhiguardError, RuleError
from .models import ENTITIES, Finding, Report

if TYPE_CHECKING:
    from .engine import Linter

__all__ = [
    "__version__",
    "check",
    "Linter",
    "Config",
    "Finding",
    "Report",
    "ENTITIES",
    "PhiguardError",
    "ConfigError",
    "InputError",
    "ModelError",
    "RuleError",
]

_default: Linter | None = None
_lock = threading.Lock()


def _default_linter() -> Linter:
    global _default
    with _lock:
        if _default is None:
            from .engine import Linter

            _default = Linter()
        return _default


def check(text: str, kind: str = "post") -> Report:
    """Check one text with the default configuration. Reuses one Linter per process."""
    return _default_linter().check(text, kind=kind)


def __getattr__(name: str) -> object:
    if name == "Linter":
        from .engine import Linter

        return Linter
    raise AttributeError(f"module 'phiguard' has no attribute {name!r}")
