"""Faster insides for spaCy's attribute ruler and rule lemmatizer, with exactly spaCy's output.

Profiled on PolNeAR articles (`bench/analyze_speed.py`), en_core_web_sm spends about 11% of
its time in the `attribute_ruler`, nearly all of it in a `Matcher` that walks each of its 179
patterns over every token, although the patterns are plain token tests (TAG 'NN'; LOWER 'ai'
and TAG 'VBP'; DEP 'expl' then LOWER 'is'). `IndexedMatcher` finds the same matches by lookup:
a pattern's first token's equality tests (a value, or IN a list) key a table over the
`Doc.to_array` columns, and the rest of the pattern (NOT_IN, REGEX, the following tokens) is
checked only where the table says it may start. A pattern with anything else (operators,
comparisons, POS or MORPH, extension attributes) stays with a spaCy `Matcher`. The ruler still
sorts and applies the matches itself, so what it sets is what it set before
(`tests/analyze/test_lookups.py` compares every token attribute of real parses).

The rule lemmatizer (2-4% of the parse) looks its lemmas up by (ORTH, POS, MORPH) from
arrays instead of per Token object (`_LemmaTable`).

`speed_up(nlp)` puts both in place; `nlp.load_model` calls it once per loaded model.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from itertools import product
from typing import Any

from spacy.attrs import IDS, LEMMA, MORPH, ORTH, POS
from spacy.lang.en.lemmatizer import EnglishLemmatizer
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.pipeline import AttributeRuler, Lemmatizer
from spacy.tokens import Doc
from spacy.vocab import Vocab

__all__ = ["IndexedMatcher", "speed_up"]

# Attributes whose Matcher value is the hash of the pattern's string (flags: 0 or 1), so that a
# test on them is a test on `Doc.to_array` values. POS, MORPH, ENT_IOB and the rest are stored
# otherwise and left to the Matcher.
_HASHED = frozenset({"ORTH", "LOWER", "NORM", "TAG", "DEP", "LEMMA", "SHAPE", "ENT_TYPE"})

Match = tuple[int, int, int]


@dataclass(frozen=True, slots=True)
class _Test:
    """One test of one token attribute: op is 'in', 'not_in' or 'regex'."""

    column: str
    op: str
    values: frozenset[int] = frozenset()
    regex: re.Pattern[str] | None = None


@dataclass(frozen=True, slots=True)
class _Pattern:
    match_id: int
    rest: tuple[tuple[_Test, ...], ...]
    """Per token of the pattern, the tests the anchor table does not already make."""

    single: bool
    """One token, which its table entry alone matches."""


class IndexedMatcher:
    """A stand-in for a `Matcher` called as `matcher(doc, allow_missing=True, as_spans=False)`
    that returns the same (match_id, start, end) triples, found by table lookup."""

    def __init__(self, vocab: Vocab, patterns: Mapping[str, Iterable[list[dict[str, Any]]]]):
        self.vocab = vocab
        self.fallback = Matcher(vocab, validate=False)
        # For each set of attributes a first token is compared on: their values -> patterns.
        self.tables: dict[tuple[str, ...], dict[Any, list[_Pattern]]] = {}
        self.unanchored: list[_Pattern] = []
        self._used: set[str] = set()  # the attributes the indexed patterns test
        # Per test of an unanchored pattern's first token: token value -> passes.
        self._verdicts: dict[_Test, dict[int, bool]] = defaultdict(dict)
        for key, alternatives in patterns.items():
            match_id = vocab.strings.add(key)
            for pattern in alternatives:
                if not self._add(match_id, pattern):
                    self.fallback.add(key, [pattern])
        self.columns = sorted(self._used)

    def _add(self, match_id: int, pattern: list[dict[str, Any]]) -> bool:
        """Index one pattern; False when it uses what only the Matcher does."""
        tokens = [self._tests(spec) for spec in pattern]
        if not tokens or any(tests is None for tests in tokens):
            return False
        first = [test for test in tokens[0] or () if test.op == "in"]
        rest = tuple(
            tuple(test for test in tests or () if i or test.op != "in")
            for i, tests in enumerate(tokens)
        )
        if not first and not rest[0]:
            return False  # a first token that is anything: no test to start from
        compiled = _Pattern(match_id, rest, single=len(rest) == 1 and not rest[0])
        self._used.update(test.column for tests in tokens for test in tests or ())
        if not first:
            self.unanchored.append(compiled)
            return True
        names = tuple(test.column for test in first)
        table = self.tables.setdefault(names, defaultdict(list))
        for values in product(*(sorted(test.values) for test in first)):
            table[values[0] if len(values) == 1 else values].append(compiled)
        return True

    def _tests(self, spec: dict[str, Any]) -> list[_Test] | None:
        """The tests of one pattern token, sorted by attribute; None if not all are tables'."""
        tests: list[_Test] = []
        for name in sorted(spec):
            if name not in _HASHED and not (name.startswith("IS_") and name in IDS):
                return None
            value = spec[name]
            if isinstance(value, dict):
                if len(value) != 1:
                    return None
                ((op, arg),) = value.items()
                if op in ("IN", "NOT_IN") and isinstance(arg, list):
                    hashes = [self._hash(item) for item in arg]
                    if any(h is None for h in hashes):
                        return None
                    found = frozenset(h for h in hashes if h is not None)
                    tests.append(_Test(name, op.lower(), found))
                elif op == "REGEX" and isinstance(arg, str) and name in _HASHED:
                    tests.append(_Test(name, "regex", regex=re.compile(arg)))
                else:
                    return None
            else:
                one = self._hash(value)
                if one is None:
                    return None
                tests.append(_Test(name, "in", frozenset({one})))
        return tests

    def _hash(self, value: Any) -> int | None:
        if isinstance(value, bool):
            return int(value)
        if isinstance(value, str):
            return int(self.vocab.strings.add(value))
        return None

    def __call__(self, doc: Doc, allow_missing: bool = True, as_spans: bool = False) -> list[Match]:
        if as_spans:
            raise ValueError("IndexedMatcher gives (match_id, start, end) triples only")
        matches: list[Match] = []
        if len(self.fallback):
            matches.extend(self.fallback(doc, allow_missing=allow_missing, as_spans=False))
        if not len(doc) or not self.columns:
            return matches
        array = doc.to_array([IDS[name] for name in self.columns]).reshape(len(doc), -1)
        columns = {name: array[:, i].tolist() for i, name in enumerate(self.columns)}
        for names, table in self.tables.items():
            keys = (
                columns[names[0]]
                if len(names) == 1
                else zip(*(columns[n] for n in names), strict=True)
            )
            for start, found in enumerate(map(table.get, keys)):
                if found:
                    for pattern in found:
                        if pattern.single:
                            matches.append((pattern.match_id, start, start + 1))
                        else:
                            self._extend(matches, pattern, columns, start, doc)
        for pattern in self.unanchored:
            # No table: the first test is made once per distinct value, then read per token.
            test = pattern.rest[0][0]
            column = columns[test.column]
            for value in set(column).difference(self._verdicts[test]):
                self._verdicts[test][value] = self._passes(test, value, doc)
            verdicts = self._verdicts[test]
            for start, value in enumerate(column):
                if verdicts[value]:
                    self._extend(matches, pattern, columns, start, doc)
        return matches

    def _extend(
        self,
        matches: list[Match],
        pattern: _Pattern,
        columns: dict[str, list[int]],
        start: int,
        doc: Doc,
    ) -> None:
        end = start + len(pattern.rest)
        if end > len(doc):
            return
        for i, tests in enumerate(pattern.rest, start):
            for test in tests:
                if not self._passes(test, columns[test.column][i], doc):
                    return
        matches.append((pattern.match_id, start, end))

    def _passes(self, test: _Test, value: int, doc: Doc) -> bool:
        if test.op == "in":
            return value in test.values
        if test.op == "not_in":
            return value not in test.values
        assert test.regex is not None
        return bool(test.regex.search(doc.vocab.strings[value]))

    def get(self, key: str) -> Any:
        """The patterns of `key` the fallback Matcher holds (the ruler's error message asks)."""
        return self.fallback.get(key)


class _LemmaTable(Lemmatizer):
    """A rule lemmatizer that reads each token's (ORTH, POS, MORPH) from `Doc.to_array` and
    its lemma from a table of the ones it has made, writing them back in one `from_array`.
    spaCy's own rule lemmatizer keys its cache the same way, so the lemmas are its lemmas; it
    only stops building a Token and a MorphAnalysis per token to look them up."""

    def __call__(self, doc: Doc) -> Doc:
        if self.mode != "rule" or self.overwrite or not len(doc):
            return super().__call__(doc)
        table: dict[tuple[int, int, int], int] = self.__dict__.setdefault("_lemma_hashes", {})
        array = doc.to_array([ORTH, POS, MORPH, LEMMA])
        try:
            for i, (orth, pos, morph, lemma) in enumerate(array.tolist()):
                if lemma:  # set by the attribute ruler: kept, as spaCy keeps it
                    continue
                found = table.get((orth, pos, morph))
                if found is None:
                    made = self.lemmatize(doc[i])[0]
                    found = table[(orth, pos, morph)] = doc.vocab.strings.add(made)
                array[i, 3] = found
            lemmas: Any = array[:, 3:].copy()  # uint64, one column
            doc.from_array([LEMMA], lemmas)
        except Exception as exc:
            self.get_error_handler()(self.name, self, [doc], exc)
        return doc


def speed_up(nlp: Language) -> Language:
    """Give `nlp`'s attribute ruler an IndexedMatcher built from its own patterns, and its
    rule lemmatizer a table of the lemmas it has made; what either sets is unchanged."""
    if "attribute_ruler" in nlp.component_names:
        ruler = nlp.get_pipe("attribute_ruler")
        if isinstance(ruler, AttributeRuler) and isinstance(ruler.matcher, Matcher):
            patterns = {str(i): ruler.matcher.get(str(i))[1] for i in range(len(ruler.attrs))}
            ruler.matcher = IndexedMatcher(nlp.vocab, patterns)  # type: ignore[assignment]
    if "lemmatizer" in nlp.component_names:
        lemmatizer = nlp.get_pipe("lemmatizer")
        tabled = _TABLED.get(type(lemmatizer))
        if tabled is not None:
            # The model's own lemmatizer (its base forms, its cache) under the table's __call__.
            lemmatizer.__class__ = tabled
    return nlp


class _EnglishLemmaTable(_LemmaTable, EnglishLemmatizer):
    """English's lemmatizer (its base-form rule) with the table."""


# Module-level classes, so that a pipeline sent to spaCy's worker processes still pickles.
_TABLED: dict[type, type] = {Lemmatizer: _LemmaTable, EnglishLemmatizer: _EnglishLemmaTable}
