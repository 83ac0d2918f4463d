"""Which language a text is in — English or French — per text, or per paragraph of a long one.

py3langid (a maintained fork of langid.py: a naive Bayes model over byte n-grams, 4 MB, no network)
decides, restricted to the two languages phiguard checks. A text with no French letter and none of
the commonest French words is English without asking the model, so English-only users pay almost
nothing for the check and never load the French pipeline.
"""

from __future__ import annotations

import re
from typing import Any

LANGS = ("en", "fr")
AUTO = "auto"

# A letter or one of the commonest French words: without any, a text is not French.
_FRENCH_HINT = re.compile(
    r"[àâçéèêëîïôûùüÿœæÀÂÇÉÈÊËÎÏÔÛÙÜŸŒÆ«»]|\b(?:le|la|les|des|du|une|et|est|pour|avec|nous|vous|votre|vos|notre|nos|dans|pas|qui|que|au|aux|sur|mais|merci|bonjour)\b",
    re.IGNORECASE,
)
_PARAGRAPH = re.compile(r"\n[ \t]*\n\s*")
# a paragraph with fewer letters than this takes the language of its neighbours ("Merci!", a heading)
_MIN_LETTERS = 25

_identifier: Any = None


def _model() -> Any:
    global _identifier
    if _identifier is None:
        from py3langid.langid import MODEL_FILE, LanguageIdentifier

        ident = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
        ident.set_languages(list(LANGS))
        _identifier = ident
    return _identifier


def detect(text: str) -> str:
    """'en' or 'fr' for the whole text."""
    if not _FRENCH_HINT.search(text):
        return "en"
    lang, _ = _model().classify(text)
    return str(lang)


def _letters(s: str) -> int:
    return sum(c.isalpha() for c in s)


def segments(text: str) -> list[tuple[int, int, str]]:
    """(start, end, language) runs covering `text`: paragraphs (split at blank lines) of one
    language are merged; a short paragraph takes the language of the paragraph before it (or
    after it, at the start). A text in one language is one run."""
    if not _FRENCH_HINT.search(text):
        return [(0, len(text), "en")]
    bounds = []
    pos = 0
    for m in _PARAGRAPH.finditer(text):
        bounds.append((pos, m.start()))
        pos = m.start()
    bounds.append((pos, len(text)))
    if len(bounds) == 1:
        return [(0, len(text), detect(text))]
    langs: list[str | None] = [detect(text[a:b]) if _letters(text[a:b]) >= _MIN_LETTERS else None for a, b in bounds]
    if all(x is None for x in langs):
        return [(0, len(text), detect(text))]
    first = next(x for x in langs if x is not None)
    filled: list[str] = []
    for x in langs:
        filled.append(x if x is not None else (filled[-1] if filled else first))
    out: list[tuple[int, int, str]] = []
    for (a, b), lang in zip(bounds, filled):
        if out and out[-1][2] == lang:
            out[-1] = (out[-1][0], b, lang)
        else:
            out.append((a, b, lang))
    return out


def check_lang(value: str | None) -> str:
    """A `lang` setting: 'auto' (or None), 'en' or 'fr'."""
    if value is None or value == AUTO:
        return AUTO
    if value not in LANGS:
        from .errors import ConfigError

        raise ConfigError(f"unknown lang '{value}': use auto, {', '.join(LANGS)}")
    return value
