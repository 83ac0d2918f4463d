"""phiguard: checks what a healthcare practice is about to publish for PHI, testimonials and claims.

`import phiguard` is cheap: spaCy and Presidio load when the first Linter is built.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from ._version import __version__
from .config import Config
from .errors import ConfigError, InputError, ModelError, PhiguardError, RuleError
from .models import ENTITIES, Finding, Report

if TYPE_CHECKING:
    from .consent import ConsentRecord, Registry, load_registry
    from .engine import Linter

__all__ = [
    "__version__",
    "check",
    "Linter",
    "ConsentRecord",
    "Registry",
    "load_registry",
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


def check(
    text: str,
    kind: str = "post",
    *,
    reviewer: str | None = None,
    consents: Sequence[Any] | None = None,
    channel: str | None = None,
) -> Report:
    """Check one text with the default configuration. Reuses one Linter per process.

    `consents` are the consent records the text's testimonials rely on, given as records
    (phiguard.ConsentRecord or mappings); to refer to records by id, build a Linter with a
    registry: ``phiguard.Linter(consents="consents.yaml").check(text, consents=["C-2024-017"])``.
    """
    return _default_linter().check(text, kind=kind, reviewer=reviewer, consents=consents, channel=channel)


def __getattr__(name: str) -> object:
    if name == "Linter":
        from .engine import Linter

        return Linter
    if name in {"ConsentRecord", "Registry", "load_registry"}:
        from . import consent

        return getattr(consent, name)
    raise AttributeError(f"module 'phiguard' has no attribute {name!r}")
