"""Which dated expressions of two outlets date the same event.

An event is what the verb governing a date expression says happened (`TimeRef.predicate`), to
what (`TimeRef.about`: its subject and object), and whether it happened or is to happen
(`TimeRef.tense`). Two outlets date the same event when the verbs mean the same thing ("went
down", "capsized", "overturned"; "sentenced", "handed a sentence"), they are about the same
thing, and both look the same way in time. A date that dates a statement ("police said on
Sunday") dates no event another outlet could contradict: outlets quote different statements.

Sentence embeddings are not used here: on events they score the verb's object, not the verb,
so "the fire broke out on Monday" and "crews contained the fire on Tuesday" look alike (0.83)
while "went down" and "capsized" in different sentences do not (0.42).
"""

from __future__ import annotations

from newsprism.model import TimeRef

# Verbs news uses for one kind of event, folded to one concept. Written for this project from
# general news vocabulary (disasters, courts, politics, business), not from one story.
_EVENT_CONCEPTS: dict[str, tuple[str, ...]] = {
    "sink": ("capsize", "sink", "go down", "overturn", "go over", "founder", "keel over"),
    "begin": ("begin", "start", "open", "launch", "kick off", "commence", "resume"),
    "end": ("end", "close", "finish", "conclude", "halt", "wrap up"),
    "sentence": ("sentence", "jail", "imprison", "hand sentence", "give sentence"),
    "convict": ("convict", "find guilty"),
    "die": ("die", "kill", "pass away", "perish"),
    "meet": ("meet", "hold talk", "talk", "sit down"),
    "resign": ("resign", "quit", "step down"),
    "arrest": ("arrest", "detain"),
    "break out": ("break out", "erupt", "ignite", "spark"),
    "strike": ("hit", "strike", "sweep", "batter", "lash", "make landfall"),
    "elect": ("elect", "hold election", "go to the polls"),
    "announce": ("announce", "unveil"),
    "collapse": ("collapse", "fail", "give way", "breach", "burst"),
}
_CONCEPT_OF = {phrase: concept for concept, ps in _EVENT_CONCEPTS.items() for phrase in ps}
# Verbs that date a statement, not the event it is about.
SPEECH_VERBS = frozenset(
    [
        "say",
        "tell",
        "add",
        "note",
        "state",
        "report",
        "confirm",
        "comment",
        "write",
        "claim",
        "insist",
        "warn",
        "reply",
        "respond",
        "explain",
        "ask",
        "acknowledge",
        "admit",
        "concede",
        "argue",
        "suggest",
        "predict",
        "promise",
        "pledge",
        "vow",
        "deny",
        "describe",
    ]
)
# Verbs too general to say which event they date ("holds a lead in Tuesday's primary" and
# "holds its primary Feb. 20"): no date conflict rests on them alone.
_GENERIC_VERBS = frozenset(
    {"be", "have", "hold", "get", "make", "take", "do", "give", "see", "come", "go", "put"}
    | {"set", "keep", "show", "find", "leave", "bring", "become", "seem", "let", "move"}
)


def event_concept(predicate: str) -> str:
    """The concept of an event's predicate: the whole phrase, its verb and particle, or its
    verb alone ("go down" -> "sink", "hand sentence" -> "sentence")."""
    words = predicate.casefold().split()
    for size in range(len(words), 0, -1):
        phrase = " ".join(words[:size])
        if phrase in _CONCEPT_OF:
            return _CONCEPT_OF[phrase]
    return words[0] if words else ""


def dates_a_statement(ref: TimeRef) -> bool:
    verb = ref.predicate.partition(" ")[0]
    return verb in SPEECH_VERBS


def _about(ref: TimeRef) -> set[str]:
    return {a.casefold() for a in ref.about if a.strip()}


def _overlap(a: set[str], b: set[str]) -> bool:
    return any(x == y or x in y.split() or y in x.split() for x in a for y in b)


def same_dated_event(a: TimeRef, b: TimeRef) -> bool | None:
    """Whether two dated expressions date the same event; None when either carries no event
    (an analysis made before events were kept) or no subject or object, so the caller decides
    by its words."""
    if not a.predicate or not b.predicate:
        return None
    if dates_a_statement(a) or dates_a_statement(b):
        return False
    if a.tense and b.tense and a.tense != b.tense:
        return False  # "the committee met last Wednesday" / "will meet again on Monday"
    concept = event_concept(a.predicate)
    if concept != event_concept(b.predicate) or concept in _GENERIC_VERBS:
        return False
    about_a, about_b = _about(a), _about(b)
    if not about_a or not about_b:
        return None  # the verb agrees; what it is about is for the caller's words to say
    return _overlap(about_a, about_b)
