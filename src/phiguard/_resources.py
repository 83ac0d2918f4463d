"""Locates the data files (rules, lexicons) whether phiguard runs from a wheel or a checkout."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any

from .errors import RuleError


@lru_cache(maxsize=1)
def rules_dir() -> Path:
    # In a wheel the top-level rules/ folder is packaged as phiguard/data/rules; in an
    # editable install or a source checkout it sits two levels above this file.
    here = Path(__file__).resolve().parent
    for candidate in (here / "data" / "rules", here.parent.parent / "rules"):
        if (candidate / "phi.yaml").is_file():
            return candidate
    raise RuleError("phiguard's rules folder is missing; reinstall phiguard")


def lexicon(name: str) -> list[str]:
    """Lines of rules/lexicons/NAME.txt, without comments and blanks."""
    path = rules_dir() / "lexicons" / f"{name}.txt"
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError:
        raise RuleError(f"lexicon {name} is missing; reinstall phiguard") from None
    return [ln.strip() for ln in lines if ln.strip() and not ln.lstrip().startswith("#")]


def _join(value: Any, where: str) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return "|".join(f"(?:{v})" for v in value)
    raise RuleError(f"{where}: must be a pattern or a list of patterns")


class LazyPattern:
    """A `regex` pattern compiled the first time it is used, then as fast as the compiled one
    (its methods become attributes of this object).

    Start-up time: the `regex` module compiles in Python, and compiling phiguard's patterns took
    over a second of every `phiguard check`. Two things cut it by half:
    - a pattern is compiled when a text first reaches it;
    - phiguard's case-insensitive patterns use `regex`'s VERSION0 (simple case folding) instead of
      VERSION1, whose full case folding doubled the compile time of the large alternations. The
      cost: a ligature or "ß" in the text no longer matches its spelled-out letters ("ﬁlling" is
      not "filling"); phiguard's patterns use no VERSION1 syntax (nested sets, set operations).
    Tried and dropped: compiling with the standard library's `re`, six times faster, because
    its \\w and \\b leave out combining marks, so "➡️" or a decomposed "é" end a word differently.
    """

    _METHODS = ("search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split", "splititer", "scanner")
    created: list[LazyPattern] = []  # every one, so that the tests can compile them all

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self.pattern = pattern
        self.flags = flags
        LazyPattern.created.append(self)

    def compiled(self) -> Any:
        import regex

        compiled = regex.compile(self.pattern, self.flags)
        for name in self._METHODS:
            setattr(self, name, getattr(compiled, name))
        return compiled

    def __getattr__(self, name: str) -> Any:  # only for what is not set yet: the methods, before the first use
        if name in LazyPattern._METHODS:
            return getattr(self.compiled(), name)
        raise AttributeError(name)


def compile(pattern: str, flags: int = 0) -> Any:  # noqa: A001 - the regex module's name for it
    """A pattern compiled by `regex` on first use (see LazyPattern)."""
    return LazyPattern(pattern, flags)


class Patterns(Mapping[str, Any]):
    """The patterns of one rules file, each compiled the first time it is used.

    The `regex` module compiles in Python, and the cue files hold large alternations: compiling
    them all took about a second of every `phiguard check`, though a short text reaches only
    some of them (a pattern gated by `needs` is never reached on a text without its words).
    `compile_all()` compiles every pattern, to report a broken one (the tests call it)."""

    def __init__(self, path: Path, sources: dict[str, Any], flags_for: Callable[[str], int]) -> None:
        self._path = path
        self._sources = sources
        self._flags_for = flags_for
        self._compiled: dict[str, Any] = {}

    def __getitem__(self, key: str) -> Any:
        try:
            return self._compiled[key]
        except KeyError:
            pass
        value = self._sources[key]
        if not isinstance(value, dict):  # a table of data, not a pattern
            import regex

            try:
                value = regex.compile(_join(value, f"{self._path.name}: '{key}'"), self._flags_for(key))
            except regex.error as err:
                raise RuleError(f"{self._path}: pattern '{key}' does not compile ({err})") from None
        self._compiled[key] = value
        return value

    def __iter__(self) -> Iterator[str]:
        return iter(self._sources)

    def __len__(self) -> int:
        return len(self._sources)

    def compile_all(self) -> None:
        for key in self._sources:
            self[key]


def pattern_file(name: str, flags_for: Callable[[str], int], lang: str = "en") -> Patterns:
    """The patterns of rules/NAME, a YAML mapping of `regex` patterns (a list is joined with "|");
    `flags_for(key)` gives each pattern's flags. A mapping value is returned as it is.

    For another language, rules/LANG/NAME (if it exists) overlays the English file: each key it
    gives replaces the English pattern, and drops the English `needs` entry of that key (its own
    `needs` entry, if any, gates it instead); keys it leaves out keep the English pattern."""
    path = rules_dir() / name
    data = _pattern_data(path, name)
    if lang != "en":
        local = rules_dir() / lang / name
        if local.is_file():
            over = _pattern_data(local, f"{lang}/{name}")
            needs = {k: v for k, v in data.get("needs", {}).items() if k not in over}
            needs.update(over.get("needs", {}))
            data = {**data, **over, "needs": needs}
            path = local
    return Patterns(path, data, flags_for)


def _pattern_data(path: Path, name: str) -> dict[str, Any]:
    data = load_yaml(path)
    if not isinstance(data, dict):
        raise RuleError(f"{path}: expected a mapping of patterns")
    for key, value in data.items():
        if not isinstance(value, dict):
            _join(value, f"{name}: '{key}'")  # a pattern or a list of them
    return data


def load_yaml(path: Path) -> Any:
    """A YAML file of phiguard's rules, read with libyaml's parser when PyYAML has it (several
    times faster than the pure-Python one)."""
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=loader)  # noqa: S506 - a safe loader
    except (OSError, yaml.YAMLError) as err:
        raise RuleError(f"{path}: cannot read ({err.__class__.__name__})") from None


class Gated:
    """Compiled cues seen from one text: a pattern with a `needs` list (the file's `needs`
    table) finds nothing in a text that holds none of its words. A plain substring test is much
    cheaper than trying a large alternation at every position."""

    def __init__(self, compiled: Mapping[str, Any], text: str) -> None:
        self._all = compiled
        low = text.lower()
        self._off = {k for k, words in compiled.get("needs", {}).items() if not any(w in low for w in words)}

    _never: Any = None  # a pattern that matches nothing, compiled on first use

    def __getitem__(self, key: str) -> Any:
        if key not in self._off:
            return self._all[key]
        if Gated._never is None:
            import regex

            Gated._never = regex.compile(r"(?!)")
        return Gated._never

    def __contains__(self, key: str) -> bool:
        return key not in self._off


def bilingual(english: Mapping[str, Any], local: Mapping[str, str], lang: str, flags: int) -> Any:
    """The patterns `english` (by name) as a text of language `lang` reads them: for another
    language each is widened with that language's alternative in `local`, so that its words match
    and the English ones still do (a franglais text is read in both)."""
    from types import SimpleNamespace

    out = {}
    for key, pattern in english.items():
        if lang != "en" and key in local:
            pattern = compile(rf"(?:{pattern.pattern})|(?:{local[key]})", flags)
        out[key] = pattern
    return SimpleNamespace(**out)

