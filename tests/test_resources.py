"""The rule files' patterns compile, when first used and all at once for the tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from phiguard import _resources
from phiguard.errors import RuleError


def test_every_pattern_compiles() -> None:
    """Patterns compile on first use (start-up time, see _resources.LazyPattern): a broken one
    in a module or a cue file must still fail here rather than in a user's run."""
    from phiguard import claims, context, detect, testimonial  # noqa: F401 - their patterns are created on import

    claims.cues().compile_all()
    testimonial.cues().compile_all()
    context.load_cues()
    assert len(_resources.LazyPattern.created) > 100
    for pattern in _resources.LazyPattern.created:
        pattern.compiled()


def test_a_lazy_pattern_is_the_compiled_one_once_used() -> None:
    import regex

    lazy = _resources.compile(r"\bflu\s+shots?\b", regex.IGNORECASE | regex.VERSION1)
    assert "search" not in vars(lazy)  # not compiled yet
    assert lazy.search("Flu shots are here").span() == (0, 9)
    assert "search" in vars(lazy)  # now the compiled pattern's own method
    assert [m.span() for m in lazy.finditer("flu shot, FLU SHOTS")] == [(0, 8), (10, 19)]
    assert lazy.search("ﬂu shot")  # full case folding, as regex's VERSION1 does
    with pytest.raises(AttributeError):
        lazy.no_such_method  # noqa: B018


def test_a_broken_pattern_in_a_cue_file_is_a_rule_error(tmp_path: Path) -> None:
    patterns = _resources.Patterns(tmp_path / "bad.yaml", {"fine": "dogs?", "broken": "(unclosed"}, lambda key: 0)
    assert patterns["fine"].search("two dogs")
    with pytest.raises(RuleError, match="pattern 'broken' does not compile"):
        patterns.compile_all()
