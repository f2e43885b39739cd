"""The words of everyday replies that bot/rules/intents.py reads (see its docstring for the
sources): the phrases of each intent (keyed by the intent's value), common typos of short
words, and ratings in words on the debrief's scale (1 = rough, 5 = great)."""

from __future__ import annotations

# Each intent's phrases, as `intents._normal` leaves them: lower case, no apostrophes.
PHRASES: dict[str, tuple[str, ...]] = {
    "next": (
        "next", "whats next", "what is next", "what next", "what now", "now what", "next step",
        "next steps", "whats the next step", "what are my next steps", "whats my next step",
        "what should i do", "what should i do next", "what should i do now", "what do i do",
        "what do i do now", "what do i do next", "what to do next", "what do i need to do",
        "what else", "whats left", "anything else to do", "what now then", "so what now",
        "ok what now", "ok whats next", "and now", "to do", "todo", "what should i do today",
        "whats next for me", "what comes next", "whats my next move",
    ),
    "help": (
        "help", "help me", "help please", "please help", "how does this work",
        "how do i use this", "what can you do", "what can i do", "what do you do", "commands",
        "menu", "options", "instructions", "im lost", "i am lost", "im confused",
        "i am confused", "confused", "what is this", "huh", "i need help", "can you help",
        "can you help me", "how does it work", "what are the commands", "show commands",
    ),
    "status": (
        "status", "my status", "show status", "show my status", "progress", "my progress",
        "where am i", "where am i at", "where are we", "where was i", "overview", "summary",
        "how am i doing", "what have i done", "whats done", "where do things stand",
        "show my progress", "my interviews", "show my interviews", "status please",
    ),
    "new_interview": (
        "new interview", "log an interview", "log interview", "log a new interview",
        "add an interview", "add interview", "add a new interview", "record an interview",
        "start a debrief", "start debrief", "debrief", "debrief me", "new debrief",
        "another interview", "i had an interview", "i had another interview",
        "i have an interview", "ive got an interview", "i got an interview",
        "i have a new interview", "interview done", "interview over", "just interviewed",
        "i just interviewed", "i was just interviewed", "i did an interview",
    ),
    "cancel": (
        "stop", "cancel", "cancel that", "cancel this", "stop this", "stop it", "stop please",
        "nevermind", "never mind", "nvm", "forget it", "forget about it", "quit", "exit",
        "abort", "leave it", "not now", "enough", "no stop", "stop asking", "i want to stop",
    ),
    "skip": (
        "skip", "skip it", "skip this", "skip that", "skip this one", "skip question",
        "next question", "pass", "move on", "lets move on", "no comment", "rather not say",
        "id rather not say", "prefer not to say", "id prefer not to say", "na", "n a", "n/a",
        "skip please", "please skip",
    ),
    "dont_know": (
        "dunno", "dont know", "i dont know", "idk", "no idea", "not sure", "im not sure",
        "i am not sure", "no clue", "cant remember", "i cant remember", "dont remember",
        "i dont remember", "i forgot", "forgot", "i dont have it", "dont have it",
        "dont have one", "i dont have one", "i havent got it", "havent got it",
        "i dont have their email", "i dont have the email", "dont have their email",
        "no email", "not known", "unknown", "i didnt get it", "didnt get it", "dunno sorry",
        "sorry dunno", "dunno yet", "not sure yet", "i dont know yet", "no idea sorry",
        "i didnt catch it", "didnt catch it",
    ),
    "yes": (
        "yes", "y", "yep", "yeah", "yea", "ya", "yup", "yes please", "sure", "of course",
        "definitely", "absolutely", "correct", "thats right", "right", "please do",
        "go ahead", "do it", "i did", "yes i did", "affirmative", "certainly", "yes sure",
        "yes thats right", "yeah thats right", "yep thats right", "yes correct", "yes exactly",
        "exactly", "spot on", "thats correct", "yes thats correct", "looks right",
        "yes looks right", "all correct",
    ),
    "no": (
        "no", "n", "nope", "nah", "no thanks", "no thank you", "not yet", "not really",
        "negative", "i didnt", "no i didnt", "no more", "nobody else", "no one else",
        "no way", "nah thanks", "no not yet",
    ),
    "undo": (
        "undo", "undo that", "undo last", "undo the last one", "undo please", "go back",
        "take that back", "oops", "revert", "revert that", "scratch that", "that was wrong",
        "thats wrong", "wrong", "delete that", "remove that", "i made a mistake",
    ),
}  # fmt: skip
# Common typos of short words (rapidfuzz mends only words of 5 letters or more).
TYPOS = {
    "nxt": "next", "nex": "next", "nexy": "next", "netx": "next", "nxet": "next",
    "wat": "what", "wht": "what", "waht": "what", "whta": "what", "wot": "what",
    "hepl": "help", "hlep": "help", "halp": "help", "hlp": "help", "pls": "please",
    "plz": "please", "u": "you", "r": "are", "im": "im", "wats": "whats", "wuts": "whats",
    "nw": "now", "noe": "now", "skp": "skip", "sikp": "skip", "stpo": "stop", "stp": "stop",
    "yse": "yes", "yss": "yes", "ys": "yes", "yeh": "yeah", "yah": "yeah", "nop": "nope",
    "shud": "should", "shld": "should", "shoud": "should", "undp": "undo",
    "cancle": "cancel", "cancell": "cancel", "stauts": "status",
}  # fmt: skip
FILLER = frozenset((
    "i", "id", "think", "say", "it", "was", "went", "its", "overall", "honestly", "maybe",
    "probably", "about", "around", "a", "an", "um", "hmm", "er", "guess", "would",
    "star", "stars",
))  # fmt: skip
# Words around a phrase that change nothing: "ok, what now?", "next please".
LEADING = frozenset((
    "ok", "okay", "so", "and", "hey", "hi", "hello", "um", "right", "well", "alright", "cool",
    "thanks",
))  # fmt: skip
TRAILING = frozenset(("please", "then", "thanks", "now", "again"))
# The rating scale is the debrief's: 1 = rough, 5 = great (conversations/debrief_questions.py).
RATING_PHRASES: dict[str, int] = {
    "terrible": 1, "awful": 1, "horrible": 1, "rough": 1, "disaster": 1, "a disaster": 1,
    "dreadful": 1, "very bad": 1, "really bad": 1, "very badly": 1, "really badly": 1,
    "bad": 2, "badly": 2, "poor": 2, "not great": 2, "not good": 2, "not well": 2,
    "not so good": 2, "not so well": 2, "could have been better": 2, "could be better": 2,
    "so so": 3, "ok": 3, "okay": 3, "okish": 3, "alright": 3, "fine": 3, "meh": 3,
    "average": 3, "mixed": 3, "not bad": 3, "ok i guess": 3, "decent": 3, "middling": 3,
    "good": 4, "well": 4, "pretty good": 4, "pretty well": 4, "quite good": 4,
    "quite well": 4, "very good": 4, "really good": 4, "very well": 4, "really well": 4,
    "great": 5, "excellent": 5, "amazing": 5, "brilliant": 5, "fantastic": 5,
    "perfect": 5, "awesome": 5, "superb": 5, "really great": 5, "very great": 5,
    "quite bad": 2, "pretty bad": 2, "pretty rough": 1, "kind of rough": 2,
    "not too bad": 3, "pretty ok": 3, "kind of ok": 3,
}  # fmt: skip

# An outcome typed after /outcome ("/outcome rejected"), by the value of bot.terms.Outcome.
OUTCOMES: dict[str, tuple[str, ...]] = {
    "offer": (
        "offer", "offered", "an offer", "got an offer", "got the offer", "got the job",
        "got it", "hired", "accepted", "job offer", "i got it", "they offered",
    ),
    "rejected": (
        "rejected", "rejection", "reject", "no", "not this time", "turned down",
        "didnt get it", "i didnt get it", "unsuccessful", "not selected", "declined",
        "they said no", "no offer", "failed",
    ),
    "next_round": (
        "next round", "next_round", "another round", "second round", "next stage",
        "through", "got through", "invited back", "final round", "round 2", "2nd round",
    ),
    "withdrawn": (
        "withdrawn", "withdrew", "withdraw", "i withdrew", "pulled out", "i pulled out",
        "not interested", "dropped out",
    ),
    "waiting": (
        "waiting", "still waiting", "nothing yet", "no news", "no news yet", "pending",
        "not heard", "havent heard", "havent heard back", "no answer yet",
    ),
}  # fmt: skip
# An outcome told in a sentence ("they offered me the job!", "they rejected me"): a word only
# one outcome uses, with no negation anywhere ("I didn't get an offer" is left unread).
OUTCOME_WORDS: dict[str, frozenset[str]] = {
    "offer": frozenset(("offer", "offered", "offering", "hired", "hiring")),
    "rejected": frozenset((
        "rejected", "rejection", "rejecting", "unsuccessful", "declined", "turned",
    )),
    "withdrawn": frozenset(("withdrew", "withdrawn", "withdrawing")),
}  # fmt: skip
NEGATIONS = frozenset((
    "not", "no", "didnt", "dont", "wasnt", "werent", "havent", "hasnt", "never", "without",
    "isnt", "arent", "wont", "yet", "if", "maybe", "hope", "hoping",
))  # fmt: skip
# Words that read as an action but are names too ("Next", "Progress" and "Status" are
# companies): typed alone at a name question, the user is asked which they meant.
NAME_WORDS = frozenset((
    "next", "help", "status", "stop", "cancel", "quit", "exit", "abort", "progress", "overview",
    "summary", "menu", "options",
))  # fmt: skip
