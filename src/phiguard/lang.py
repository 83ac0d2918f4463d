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


def _cased(text: str) -> str:
    """A text written in capitals, in lower case: the model knows French in capitals badly."""
    upper = sum(c.isupper() for c in text)
    return text.lower() if upper > 0.6 * max(1, _letters(text)) else text


def detect(text: str) -> str:
    """'en' or 'fr' for the whole text."""
    if not _FRENCH_HINT.search(text):
        return "en"
    lang, _ = _model().classify(_cased(text))
    return str(lang)


def _letters(s: str) -> int:
    return sum(c.isalpha() for c in s)


# Inside one paragraph, a bilingual post changes language by sentence or at " / " ("Merci Jordan!
# … / Glad you're back…"). A sentence counts only when it is long enough and the model is sure.
_SENTENCE = re.compile(r"(?<=[.!?…])(?<!\bMr\.)(?<!\bMrs\.)(?<!\bMs\.)(?<!\bDr\.)(?<!\bDre\.)(?<!\bSt\.)(?<!\b[A-Z]\.)\s+|\s+/\s+|\n")
_MIN_SENTENCE_LETTERS = 20
_SURE = 0.95


# a French sentence has French words, not only a French street name ("29 Rue de la Briqueterie")
_FRENCH_WORDS = re.compile(
    r"\b(?:le|la|les|des|du|une|et|est|sont|pour|avec|nous|vous|votre|vos|notre|nos|dans|pas|qui|que|au|aux|sur|mais|merci|je|tu|il|elle|on|ce|cette|ton|ta|tes|son|sa|ses|très|bien|a|en|ou|sans|contre|plus|moins)\b",
    re.IGNORECASE,
)


_ENGLISH_WORDS = re.compile(
    r"\b(?:the|and|is|are|to|of|for|with|you|your|we|our|in|on|it|this|that|be|was|have|has|will|so|please|thank|thanks|glad|back|after)\b",
    re.IGNORECASE,
)


def _sure(piece: str) -> str | None:
    """The language of one sentence of a paragraph, when it is long enough, the model is sure and
    the sentence has three of that language's common words; else None."""
    if _letters(piece) < _MIN_SENTENCE_LETTERS:
        return None
    if _FRENCH_HINT.search(piece):
        lang, prob = _model().classify(_cased(piece))
        if prob < _SURE:
            return None
    else:
        lang = "en"
    words = _FRENCH_WORDS if lang == "fr" else _ENGLISH_WORDS
    return str(lang) if len({w.lower() for w in words.findall(piece)}) >= 3 else None


def _runs(bounds: list[tuple[int, int]], langs: list[str | None], default: str) -> list[tuple[int, int, str]]:
    """Merge consecutive pieces of one language; a piece of unknown language takes the one before it
    (or after it, at the start)."""
    first = next((x for x in langs if x is not None), default)
    out: list[tuple[int, int, str]] = []
    for (a, b), x in zip(bounds, langs):
        lang = x if x is not None else (out[-1][2] if out else first)
        if out and out[-1][2] == lang:
            out[-1] = (out[-1][0], b, lang)
        else:
            out.append((a, b, lang))
    return out


def _by_sentence(text: str, a: int, b: int, lang: str) -> list[tuple[int, int, str]]:
    """The paragraph text[a:b] as runs of one language: itself, unless two of its sentences are
    surely in different languages."""
    if not _FRENCH_HINT.search(text, a, b):
        return [(a, b, lang)]
    pieces = []
    pos = a
    for m in _SENTENCE.finditer(text, a, b):
        pieces.append((pos, m.start()))
        pos = m.start()
    pieces.append((pos, b))
    if len(pieces) < 2:
        return [(a, b, lang)]
    langs = [_sure(text[x:y]) for x, y in pieces]
    if len({x for x in langs if x is not None}) < 2:
        return [(a, b, lang)]
    return _runs(pieces, langs, lang)


def segments(text: str) -> list[tuple[int, int, str]]:
    """(start, end, language) runs covering `text`: paragraphs (split at blank lines) of one
    language are merged; a short paragraph takes the language of the paragraph before it (or
    after it, at the start); a paragraph whose sentences are surely in both languages is split
    by sentence. A text in one language is one run."""
    if not _FRENCH_HINT.search(text):
        return [(0, len(text), "en")]
    bounds = []
    pos = 0
    for m in _PARAGRAPH.finditer(text):
        bounds.append((pos, m.start()))
        pos = m.start()
    bounds.append((pos, len(text)))
    if len(bounds) == 1:
        return _by_sentence(text, 0, len(text), detect(text))
    langs: list[str | None] = [detect(text[a:b]) if _letters(text[a:b]) >= _MIN_LETTERS else None for a, b in bounds]
    if all(x is None for x in langs):
        return _by_sentence(text, 0, len(text), detect(text))
    paragraphs = _runs(bounds, langs, "en")
    pieces = [p for a, b, lang in paragraphs for p in _by_sentence(text, a, b, lang)]
    return _runs([(a, b) for a, b, _ in pieces], [lang for _, _, lang in pieces], "en")


def check_lang(value: str | None) -> str:
    """A `lang` setting: 'auto' (or None), 'en' or 'fr'."""
    if value is None or value == AUTO:
        return AUTO
    if value not in LANGS:
        from .errors import ConfigError

        raise ConfigError(f"unknown lang '{value}': use auto, {', '.join(LANGS)}")
    return value
