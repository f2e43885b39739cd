"""User text made to fit the sentence it goes into (issue 14: slots that read as English).

A note about the addressee is written in the third person ("Tom cares a lot about safety"); in
a letter to Tom it must read "you care a lot about safety". The verbs are inflected with
`lemminflect` (a maintained inflection library), not by hand rules. A note that does not read
as a clause (a "Q: … - went ok" jotting, a note about oneself) is never quoted: the draft then
says something general instead. The forgotten point and the rough answer become one or two
first-person sentences (seed 000: "no longer than one or two sentences").
"""

from __future__ import annotations

import re

from bot.rules.inflection import getAllLemmas, getInflection
from bot.rules.names import name_parts

# Third-person words for the addressee, and what they become in a letter to them.
_PRONOUNS = {
    "he": "you",
    "she": "you",
    "him": "you",
    "his": "your",
    "her": "your",  # "her team" -> "your team"; "told her" -> "told your" is fixed below
    "hers": "yours",
    "himself": "yourself",
    "herself": "yourself",
}
_IRREGULAR = {
    "is": "are",
    "was": "were",
    "has": "have",
    "does": "do",
    "isn't": "aren't",
    "wasn't": "weren't",
    "hasn't": "haven't",
    "doesn't": "don't",
    "isnt": "aren't",
    "doesnt": "don't",
}
# Words that may stand between a subject and its verb ("you really care").
# fmt: off
_ADVERBS = frozenset({
    "really", "also", "always", "still", "often", "clearly", "genuinely", "obviously", "now",
    "already", "just", "usually",
})
# fmt: on
_CLAUSE_BREAKS = frozenset({"he", "she", "it", "they", "we", "i", "which", "who", "that"})
_SUBJECTS_PLURAL = frozenset({"you", "i", "we", "they"})
# Jottings, not sentences: questions and answers, arrows, dashes, self-notes.
_SCAFFOLD = re.compile(r"(^|\s)(q|a)\s*[:.]|->|→|\s[-–]\s|^[-–*•]|\?$", re.I)
_SELF = re.compile(r"^(i|i'm|i've|me|my|we|our)\b", re.I)
# The user's own words about themselves anywhere in a clause ("…; I should have mentioned the
# churn model"): never said to the interviewer or shown to a referee as what they cared about.
_FIRST_PERSON = re.compile(r"\b(i|i'm|i'd|i've|i'll|me|my|myself|mine)\b", re.I)


def first_clause(note: str) -> str:
    """The note up to its first semicolon (a note often adds a thought about oneself there)."""
    return " ".join(note.split(";")[0].split()).rstrip(" .;:,!")


_REPORTED = re.compile(
    r"^(?P<who>[\w'’. ]+?)\s+(said|mentioned|explained|told me|talked about how|says)"
    r"(\s+that)?\s+(?P<rest>.+)$",
    re.I,
)
# fmt: off
_OPENERS = frozenset({
    "the", "their", "they", "your", "its", "it", "our", "a", "an", "this", "that", "there",
    "team", "company", "role",
})
# fmt: on


def words_of(text: str) -> list[str]:
    """The words of `text` split on spaces, punctuation kept on the words."""
    return text.split()


def bare(word: str) -> str:
    """A word without its punctuation, in lower case."""
    return word.strip(".,;:!?\"'()“”").lower()


def base_form(word: str) -> str | None:
    """The plural-subject form of a third-person singular verb ("cares" -> "care", "is" ->
    "are"), or None when `word` isn't one."""
    plain = bare(word)
    if plain in _IRREGULAR:
        return _IRREGULAR[plain]
    if not plain.endswith("s") or len(plain) < 3:
        return None
    for lemma in getAllLemmas(plain, upos="VERB").get("VERB", ()):
        if plain in getInflection(lemma, tag="VBZ") and lemma != plain:
            return str(lemma)
    return None


def _keep_case(new: str, old: str) -> str:
    """`new` with the capital letter and trailing punctuation of `old`."""
    core = old.rstrip(".,;:!?")
    tail = old[len(core) :]
    return (new[0].upper() + new[1:] if core[:1].isupper() else new) + tail


def agree(text: str) -> str:
    """The verb after each "you" (adverbs skipped), and after "and"/"but" in the same
    clause ("you run the team and like data"), put into the form that agrees with it."""
    words = words_of(text)
    subject_you = False
    for i, word in enumerate(words):
        plain = bare(word)
        if plain in _CLAUSE_BREAKS or word.rstrip(".;:!?") != word:
            subject_you = False
        if plain == "you" and word.rstrip(".,;:!?") == word:
            subject_you = True
        elif not (subject_you and plain in {"and", "but", "or"}):
            continue
        j = i + 1
        while j < len(words) and bare(words[j]) in _ADVERBS:
            j += 1
        if j < len(words):
            fixed = base_form(words[j])
            if fixed is not None:
                words[j] = _keep_case(fixed, words[j])
    return " ".join(words)


def to_second_person(text: str, name: str, *, pronouns: bool = True) -> str:
    """A note about `name` rewritten to them: "Tom cares about safety" -> "you care about
    safety", "Priya's team" -> "your team"; he/she/his/her too when `pronouns`."""
    names = sorted({n for n in [name.strip(), *name_parts(name)] if len(n) > 1}, key=len)
    for known in reversed(names):
        text = re.sub(rf"\b{re.escape(known)}['’]s\b", "your", text, flags=re.I)
        text = re.sub(rf"\b{re.escape(known)}\b", "you", text, flags=re.I)
    if pronouns:
        words = words_of(text)
        for i, word in enumerate(words):
            new = _PRONOUNS.get(bare(word))
            if new == "your" and bare(word) == "her" and _object_position(words, i):
                new = "you"
            if new is not None:
                words[i] = _keep_case(new, word.strip("\"'()“”"))
        text = " ".join(words)
    return agree(text)


def _object_position(words: list[str], i: int) -> bool:
    """ "her" as an object (last word, or before a preposition or punctuation), not "her team"."""
    if words[i] != words[i].rstrip(".,;:!?") or i + 1 == len(words):
        return True
    return bare(words[i + 1]) in {"about", "that", "to", "for", "and", "how", "what", "with"}


def clause_for(note: str, name: str, alone: bool) -> str | None:
    """A sentence of the notes as a clause for "I enjoyed hearing that …" in a letter to
    `name`, in the second person; None for a jotting that doesn't read as a clause.

    `alone`: the addressee is the only interviewer, so "he"/"she" can only be them."""
    text = first_clause(note)
    if len(text.split()) < 3 or _SCAFFOLD.search(text) or _FIRST_PERSON.search(text):
        return None
    reported = _REPORTED.match(text)
    if reported and len(reported["who"].split()) <= 5:
        text = reported["rest"]
    first = bare(text.split()[0])
    about_them = any(
        re.match(rf"{re.escape(p)}\b", text, re.I) for p in name_parts(name) if len(p) > 1
    )
    if first in {"he", "she"} and not alone:
        return None
    if not (about_them or first in {"he", "she"} or first in _OPENERS):
        return None
    clause = to_second_person(text, name, pronouns=alone or about_them)
    clause = re.sub(r"^(They|they)\b", "your team", clause)
    if clause.startswith("your team "):
        clause = _third_singular(clause)
    lower = bare(clause.split()[0]) in _OPENERS | {"you"}
    return clause[0].lower() + clause[1:] if lower else clause


_ASKED = re.compile(r"^(?P<who>[\w'’. ]+?)\s+asked(\s+me)?(\s+about)?\s+(?P<rest>.+)$", re.I)


def question_topic(note: str, name: str, alone: bool) -> str | None:
    """What the addressee asked about, for "I enjoyed your question about …": "Priya asked
    how I'd rebuild their dashboard" -> "how I'd rebuild their dashboard"; None otherwise."""
    text = " ".join(note.split()).rstrip(" .;:,!?")
    found = _ASKED.match(text)
    if found is None or _SCAFFOLD.search(text):
        return None
    who = found["who"].lower()
    parts = [p.lower() for p in name_parts(name) if len(p) > 1]
    if not (who in parts or who == name.lower() or (alone and who in {"he", "she"})):
        return None
    # In notes about an interview, "their" is the employer's: in a letter to them, "your".
    rest = re.sub(r"\btheir\b", "your", found["rest"])
    return to_second_person(rest, name, pronouns=alone)


def reported(note: str, names: list[str]) -> str | None:
    """A sentence of the notes as a referee may read it, in the third person ("Tom cares a
    lot about safety walk-rounds."); None for a jotting or a note about oneself (one that
    speaks of "I" or "my", unless it reports their question: "Priya asked how I'd …")."""
    text = first_clause(note)
    if len(text.split()) < 3 or _SCAFFOLD.search(text):
        return None
    if _FIRST_PERSON.search(text) and not _ASKED.match(text):
        return None
    said = _REPORTED.match(text)
    if said and len(said["who"].split()) <= 5 and bare(said["rest"].split()[0]) in _OPENERS:
        text = said["rest"]  # "They said the team is growing" -> "the team is growing"
    first = bare(text.split()[0])
    named = any(
        re.match(rf"{re.escape(p)}\b", text, re.I)
        for name in names
        for p in name_parts(name)
        if len(p) > 1
    )
    if not (named or first in {"he", "she"} or first in _OPENERS):
        return None
    if first in {"he", "she", "they"}:
        text = re.sub(r"^\w+", "the interviewer" if first != "they" else "the team", text)
        text = _third_singular(text) if first == "they" else text
    return text[0].upper() + text[1:] + "."


def _third_singular(clause: str) -> str:
    """ "your team use" -> "your team uses" ("they" became a singular subject)."""
    words = clause.split()
    if len(words) > 2:
        verb = bare(words[2])
        swap = {"are": "is", "were": "was", "have": "has", "do": "does", "don't": "doesn't"}
        if verb in swap:
            words[2] = swap[verb]
        elif "VERB" in getAllLemmas(verb, upos="VERB") and getAllLemmas(verb)["VERB"][0] == verb:
            words[2] = str(getInflection(verb, tag="VBZ")[0])
    return " ".join(words)


def agreement_errors(text: str) -> list[str]:
    """Pieces of `text` where a plural subject (I, you, we, they) has a singular verb ("you
    cares"): for tests and checks; empty when there are none."""
    words = words_of(text)
    found = []
    for i, word in enumerate(words[:-1]):
        if bare(word) not in _SUBJECTS_PLURAL or word.rstrip(".,;:!?") != word:
            continue
        j = i + 1
        while j < len(words) - 1 and bare(words[j]) in _ADVERBS:
            j += 1
        nxt = bare(words[j])
        wrong = nxt in _IRREGULAR or (nxt not in {"this", "us", "as"} and base_form(nxt))
        if wrong and not (bare(word) == "i" and nxt == "was"):
            found.append(f"{word} {words[j]}")
    return found
