"""What the words around a name say it is, where spaCy's small model says "person" and is wrong.

`kinds.person_kind` reads the name alone ("Twitter", "Kyiv", "Daily News"). Many names that
are no person look like one ("Boko Haram", "Chosun Ilbo", "Gawker", "a Briton"); the sentence
around them tells, in ways a writer never uses for a person:

- an armed or organised group: the name before a group noun ("Boko Haram militants", "the
  Al Shabab group") or after one ("the militant group Al Shabab");
- a publication: the name beside a publication noun ("the newspaper Al Sabaah", "the Chosun
  Ilbo newspaper"), or with one in apposition ("Al Sabaah, an Iraqi newspaper"), or taking a
  relative "which" ("Gawker, which broke the story"): people take "who";
- a publication by its verbs: a one-word name that reports ("Quillby reported", "Quillby is
  reporting", "a report from Quillby"), in an article that never gives it a first name or a
  title ("Mr Quillby"): a reporter is named in full;
- a thing: a one-word name after "a"/"an" and heading its phrase ("a Briton from London",
  "an Oscar for"): names take no article, but "a Clinton presidency" (the name a modifier)
  still names Clinton; a name before an award noun ("Oscar winner", "Oscar-winning"); a
  name beside an animal noun ("the crossbreed Kai").

`name_cue` returns the label such a mention should have (ORG or MISC), or None. It reads the
parse only around the mention. `entities` applies a cue to every mention of the same text in
the article, unless the text is a word of a person's full name there ("the Trump movement"
beside "Donald Trump").
"""

from __future__ import annotations

from spacy.tokens import Doc, Token


def word_set(words: str) -> frozenset[str]:
    return frozenset(words.split())


# Words for groups that are organisations, never a person's following ("Trump supporters" is
# a person's following, so "supporters" is not here; nor "movement", "the Trump movement").
_GROUP_NOUNS = word_set(
    """
    militant militants insurgent insurgents fighter fighters rebel rebels extremist extremists
    jihadist jihadists terrorist terrorists gunman gunmen militia militias group faction
    """
)

# Publications: a person is never "the newspaper X" nor "X, a newspaper".
_PUBLICATION_NOUNS = word_set(
    """
    newspaper newspapers daily tabloid magazine paper website broadcaster agency journal
    weekly blog outlet
    """
)

# Awards and animals: "Oscar winner", "the dog Kai".
_AWARD_WORDS = word_set("winner winners winning nominee nominees nomination nominated award")
_ANIMAL_NOUNS = word_set("dog cat puppy pooch crossbreed cross-breed horse pony kitten pet")

_ORG_NOUNS = _GROUP_NOUNS | _PUBLICATION_NOUNS


def name_cue(tokens: list[Token]) -> str | None:
    """The label the words around the name `tokens` (one entity's tokens, titles stripped)
    give it: "ORG" (a group or publication), "MISC" (a thing), or None (nothing says)."""
    doc = tokens[0].doc
    first, last = tokens[0], tokens[-1]
    before = doc[first.i - 1] if first.i > 0 else None
    after = _next_word(doc, last.i + 1)
    if after is not None and after.lower_ in _AWARD_WORDS:
        return "MISC"
    if after is not None and after.lower_ in _ORG_NOUNS - {"daily", "weekly", "paper"}:
        return "ORG"
    if len(tokens) == 1 and _reports(doc, first.i, last.i + 1):
        return "ORG"
    if before is not None:
        word = before.lower_
        if word in _ORG_NOUNS and before.pos_ == "NOUN":
            return "ORG"
        if word in _ANIMAL_NOUNS:
            return "MISC"
        if word in {"a", "an"} and len(tokens) == 1 and _heads_its_phrase(last, after):
            return "MISC"
    for token in tokens:
        for child in token.children:
            if child.dep_ == "appos" and child.lower_ in _ORG_NOUNS:
                return "ORG"
            if child.dep_ == "appos" and child.lower_ in _ANIMAL_NOUNS:
                return "MISC"
            if child.dep_ == "relcl" and any(c.lower_ == "which" for c in child.children):
                return "ORG"
    head = last.head
    if last.dep_ == "appos" and head.lower_ in _ORG_NOUNS and head.i < first.i:
        return "ORG"
    return None


_REPORTS = word_set("reported reports reporting")


def _reports(doc: Doc, start: int, end: int) -> bool:
    """Whether the name at doc[start:end] is the one reporting: "X reported", "X is
    reporting", "a report from X", "reported by X"."""
    after = [t.lower_ for t in doc[end : end + 2]]
    # Not "Wilson reported the theft to the police": reporting a thing is anyone's.
    if after[:1] and after[0] in _REPORTS and doc[end].pos_ == "VERB":
        return not any(c.dep_ == "dobj" for c in doc[end].children)
    if len(after) == 2 and after[0] in {"is", "was", "has", "had"} and after[1] in _REPORTS:
        return True
    before = [t.lower_ for t in doc[max(start - 2, 0) : start]]
    return len(before) == 2 and before[1] in {"from", "by"} and before[0] in _REPORTS | {"report"}


def _next_word(doc: Doc, i: int) -> Token | None:
    """The token at `i`, past a hyphen ("Oscar-winning")."""
    while i < len(doc) and doc[i].text in {"-", "–"}:
        i += 1
    return doc[i] if i < len(doc) else None


def _heads_its_phrase(token: Token, after: Token | None) -> bool:
    """Whether the name is the noun its phrase is about ("a Briton from"), not a modifier of
    one ("a Clinton presidency", "an Obama appointee")."""
    if token.dep_ == "compound" or (token.head.i > token.i and token.head.pos_ == "NOUN"):
        return False
    return after is None or after.pos_ not in {"NOUN", "PROPN"}
