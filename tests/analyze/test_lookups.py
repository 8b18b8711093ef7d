"""The attribute ruler matching by lookup and the tabled lemmatizer set exactly what spaCy's
own Matcher and lemmatizer set."""

from __future__ import annotations

import pytest
from conftest import require_shared
from spacy.language import Language
from spacy.tokens import Doc

from newsprism.analyze.lookups import IndexedMatcher, _LemmaTable
from newsprism.analyze.nlp import load_model, load_spacy

# Written for this test: the model's exceptions (gonna, ain't, nothin', y'all, let's, there is,
# auxiliaries, determiners, spaces) among ordinary news sentences.
TEXTS = [
    "The council ain't gonna vote until Tuesday, Mayor Hana Petrovic said.",
    '"We got ta move," she told reporters. "Let\'s go. Y\'all know there is nothin\' left."',
    "There were 1,200 refugees at the border on 3 March, officials said  \n\n and more came.",
    "Which bridge? That one, which the ministry had been rebuilding since 2019, c'mon.",
    "She's been saying it'd cost $4.5 million; they'd rather wait, wouldn't they?",
]


@pytest.fixture(scope="module")
def plain() -> Language:
    """The model exactly as spaCy loads it, with its own Matcher."""
    return load_spacy("en_core_web_sm")


def _tokens(doc: Doc) -> list[tuple[str, ...]]:
    return [
        (t.text, t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_, str(t.head.i), t.ent_type_)
        for t in doc
    ]


def test_load_model_uses_the_indexed_matcher() -> None:
    ruler = load_model("en_core_web_sm").get_pipe("attribute_ruler")
    assert isinstance(ruler.matcher, IndexedMatcher)
    # Every pattern of the shipped model is answered by the tables, none by a slow Matcher.
    assert len(ruler.matcher.fallback) == 0
    lemmatizer = load_model("en_core_web_sm").get_pipe("lemmatizer")
    assert isinstance(lemmatizer, _LemmaTable)


@pytest.mark.parametrize("text", TEXTS)
def test_same_attributes_as_spacy(plain: Language, text: str) -> None:
    fast = load_model("en_core_web_sm")
    assert _tokens(fast(text)) == _tokens(plain(text))


def test_exceptions_still_apply() -> None:
    doc = load_model("en_core_web_sm")("We ain't gonna stop, y'all.")
    lemmas = {t.text.lower(): t.lemma_ for t in doc}
    assert lemmas["ai"] == "be"
    assert lemmas["gon"] == "go"
    assert lemmas["na"] == "to"


def test_patterns_it_cannot_index_go_to_a_matcher() -> None:
    vocab = load_model("en_core_web_sm").vocab
    matcher = IndexedMatcher(
        vocab,
        {
            "0": [[{"TAG": "NN"}]],
            "1": [[{"LOWER": "very", "OP": "+"}, {"POS": "ADJ"}]],
        },
    )
    assert len(matcher.fallback) == 1
    doc = load_model("en_core_web_sm")("A very very old house")
    keys = {(vocab.strings[m], s, e) for m, s, e in matcher(doc)}
    assert ("0", 4, 5) in keys  # house/NN, by table
    assert ("1", 2, 4) in keys  # very old, by the Matcher


@pytest.mark.slow
def test_same_attributes_on_real_articles(plain: Language) -> None:
    folder = require_shared("datasets", "polnear", "dev", "text")
    texts = [p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))[:40]]
    fast = load_model("en_core_web_sm")
    for ours, theirs in zip(fast.pipe(texts), plain.pipe(texts), strict=True):
        assert _tokens(ours) == _tokens(theirs)
