"""A letter put together in the style the user asked for (issue 14, "Change something").

Each draft hands over its paragraphs as sentences, marked optional or not; the style decides
the greeting and sign-off (formal "Dear … / Yours sincerely", or "Hi … / Kind regards"), leaves
the optional sentences out of a shorter version, and spells out contractions in a more formal
one. The wording lives in `bot.texts.letters`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from bot.terms import Style
from bot.texts import letters as w

# A sentence of a paragraph, and whether a shorter version may leave it out.
Part = tuple[str, bool]

_CONTRACTIONS = {
    "I'd": "I would",
    "I'm": "I am",
    "I've": "I have",
    "I'll": "I will",
    "didn't": "did not",
    "don't": "do not",
    "you're": "you are",
    "It's": "It is",
    "it's": "it is",
    "that's": "that is",
    "wasn't": "was not",
    "isn't": "is not",
    "can't": "cannot",
    "won't": "will not",
    "There's": "There is",
    "there's": "there is",
}
_CONTRACTION = re.compile(r"\b(" + "|".join(re.escape(c) for c in _CONTRACTIONS) + r")\b")


@dataclass(frozen=True)
class Addressee:
    """How to greet someone: `formal` after "Dear" ("Ms Shah", "Tom O'Neill"; None: Sir or
    Madam), `informal` after "Hi" ("Priya"; None: "Hi there")."""

    formal: str | None
    informal: str | None
    warm: str | None = None  # the chosen address or the first name, for a warmer version


def uncontracted(text: str) -> str:
    """ "I'd be glad" -> "I would be glad": a more formal letter spells contractions out."""
    return _CONTRACTION.sub(lambda m: _CONTRACTIONS[m[0]], text)


def greeting(to: Addressee, informal: bool) -> tuple[str, str]:
    """The greeting and the sign-off that matches it (COACHING.md): "Yours sincerely" after
    a name, "Yours faithfully" after "Dear Sir or Madam", "Kind regards" after "Hi"."""
    if informal and (to.informal or to.formal):
        return w.GREETING_INFORMAL.format(name=to.informal or to.formal), w.SIGN_OFF_INFORMAL
    if to.formal:
        return w.GREETING_NAMED.format(name=to.formal), w.SIGN_OFF_NAMED
    return w.GREETING_UNKNOWN, w.SIGN_OFF_UNKNOWN


def compose(
    to: Addressee,
    paragraphs: Sequence[Sequence[Part]],
    sender: str,
    style: Style = Style.STANDARD,
    *,
    informal: bool = False,
) -> str:
    """The whole letter in `style`: greeting, the paragraphs (optional sentences left out of
    a shorter one, empty paragraphs dropped), sign-off and the sender's name. `informal`:
    the draft's usual register is "Hi …" (a referee); WARMER makes any draft informal,
    FORMAL any draft formal."""
    casual = (informal or style is Style.WARMER) and style is not Style.FORMAL
    if style is Style.WARMER and to.warm:
        to = Addressee(to.formal, to.warm)
    opening, sign_off = greeting(to, casual)
    kept = []
    for paragraph in paragraphs:
        text = " ".join(s for s, optional in paragraph if s and not (optional and _cut(style)))
        if text:
            kept.append(uncontracted(text) if style is Style.FORMAL else text)
    closing = f"{sign_off}\n{sender}" if sender.strip() else sign_off
    return "\n\n".join([opening, *kept, closing])


def _cut(style: Style) -> bool:
    return style is Style.SHORTER
