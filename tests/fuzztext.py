"""What the fuzzer (tests/fuzzing.py) types and presses: commands, typical answers, random
text and forged button data, all drawn from a seeded `random.Random`."""

from __future__ import annotations

import html
import random
import string

COMMANDS = (
    "/start",
    "/help",
    "/debrief",
    "/next",
    "/status",
    "/interviews",
    "/notes",
    "/thanks",
    "/social",
    "/referees",
    "/followup",
    "/outcome",
    "/reminders",
    "/calendar",
    "/settings",
    "/export",
    "/forget",
    "/contact",
    "/adviser",
    "/stats",
    "/cancel",
    "/skip",
    "/skip",
    "/cancel",
    "/debrief@AfterviewTestBot",
    "/next@AfterviewTestBot",
    "/start deep-link-payload",
    "/debrief Acme",
    "/nosuchcommand",
)

# Answers a person would type at one question or another.
TYPICAL = (
    "Acme & Sons",
    "Globex",
    "Initech <Labs>",
    "Data Analyst",
    "Senior Product Manager",
    "tomorrow 10am",
    "yesterday 3pm",
    "Friday 14:30",
    "in 2 hours",
    "last Monday",
    "2026-11-20 09:00",
    "Priya Shah",
    "Tom Baker",
    "Dr. Li Wei",
    "priya@acme.example",
    "not-an-email@",
    "by Friday",
    "within 2 weeks",
    "They didn't say",
    "next week",
    "1",
    "4",
    "5",
    "7",
    "0",
    "yes",
    "no",
    "Yes, Tom Baker",
    "No",
    "that's everyone",
    "That's everyone",
    "nobody else",
    "what's next?",
    "next",
    "help",
    "Europe/London",
    "London",
    "America/Toronto",
    "UK",
    "GB",
    "Canada",
    "22:00-07:30",
    "off",
    "A case study with the team lead",
    "My answer about SQL window functions",
    "The salary question",
    "Sent it",
    "skip",
    "done",
    "cancel",
)

# Dates, times and ranges at the edges: impossible days, huge counts, other scripts' digits.
ODD_TIMES = (
    "31 Feb",
    "29 Feb",
    "2026-02-30",
    "2099-13-01",
    "25:00",
    "24:00",
    "13pm",
    "0am",
    "in 999 days",
    "in 0 days",
    "in 99999999999 days",
    "10000 years ago",
    "next sat",
    "friday 10",
    "1/1/1",
    "٢٢-٧",
    "२२:००-०७:००",
    "２２:００-０７:００",
    "0:0-0:0",
    "24:00-24:00",
    "13pm-25am",
    "12am-12pm",
    "9-5",
    "99-99",
    "² days",
    "tomorrow ²pm",
    "yesterday 99:99",
)

# Answers that fit the question pending (the conversation's state), to get deep into a step.
FITTING: dict[str, tuple[str, ...]] = {
    "setup.tz": ("Europe/London", "London", "America/Toronto", "Mars/Olympus"),
    "setup.country": ("UK", "GB", "Canada", "Narnia"),
    "setup.region": ("England", "Scotland", "Ontario", "QC", "Atlantis", "wales"),
    "adviser.writing": ("Could you look at my CV before Friday?",),
    "redo.enjoyed": ("the team's plans for next year", "how you use dbt", "make it shorter"),
    "social.pages": ("Acme on Instagram", "https://x.com/acme", "their blog"),
    "setup.quiet": ("22:00-07:30", "off", "25:00-26:00", *ODD_TIMES),
    "debrief.tz": ("Europe/London", "Toronto"),
    "debrief.company": ("Acme & Sons", "Globex", "Initech <Labs>", "Ünïcode GmbH"),
    "debrief.role": ("Data Analyst", "Senior Product Manager", "Dev & Ops"),
    "debrief.when": (
        "tomorrow 10am",
        "yesterday 3pm",
        "Friday 14:30",
        "in 2 hours",
        "soon",
        *ODD_TIMES,
    ),
    "debrief.interviewer": ("Priya Shah", "Tom Baker", "Dr. Li Wei", "the CTO"),
    "debrief.email": ("priya@acme.example", "not-an-email@", "tom@globex.example"),
    "debrief.more": ("Yes, Tom Baker", "no", "that's everyone", "Jane Doe", "yes"),
    "debrief.next_stage": ("A case study with the team lead", "a call with HR"),
    "debrief.reply_by": ("by Friday", "within 2 weeks", "next week", "no idea", *ODD_TIMES),
    "debrief.process": ("Three other candidates", "nothing"),
    "debrief.rating": ("4", "1", "5", "7", "0", "four"),
    "debrief.went_well": ("My answer about SQL window functions",),
    "debrief.not_landed": ("The salary question",),
    "notes.collect": ("They use dbt and Airflow", "The team is five people"),
    "notes.forgot": ("I forgot to ask about remote work", "nothing"),
    "thanks.name": ("Priya", "Tom Baker", "Alex"),
    "thanks.change": ("mention the case study", "make it shorter", "add that I loved the team"),
    "followup.reply_by": ("by Friday", "in two weeks", "2026-12-01", *ODD_TIMES),
    "outcome.when": ("next Tuesday 11am", "tomorrow", "2026-12-03 10:00", *ODD_TIMES),
    "referees.name": ("Alex Morgan", "Jamie Lee"),
    "referees.contact": ("alex@example.com", "+44 7700 900123"),
    "referees.relationship": ("my manager at Acme", "my course tutor"),
    "referees.permission": ("yes", "no"),
    "review.paste": (
        "Dear Priya, thank you for your time today. I enjoyed our talk about the role and "
        "I look forward to hearing from you. Best wishes, Sam",
    ),
    "forget.confirm": ("yes", "no"),
}

UNICODE = (
    "²",
    "٣",
    "४",
    "３",
    "①",
    "½",
    "Ⅻ",
    "𝟕",
    "é",
    "ñ",
    "日本語",
    "Привет",
    "שלום",
    "مرحبا",
    "🙂",
    "👩🏽‍💻",
    "🇬🇧",
    "\u200b",
    "\u202e",
    "z\u0301\u0302\u0303",
    "ㅤ",
    "\t",
    "\n",
    "&",
    "&amp;",
    "&lt;",
    "<b>",
    "</i>",
    "<script>",
    "<a href='x'>",
    '"',
    "'",
    "\\",
    "%s",
    "{name}",
    "{",
    "}",
)


def random_text(rng: random.Random) -> str:
    """Text of a random shape: empty-ish, short, huge (up to 5,000 characters), unicode,
    digits of other scripts, HTML-like, or a typical answer with noise."""
    shape = rng.choice(("empty", "short", "huge", "unicode", "html", "noisy", "number", "time"))
    if shape == "time":
        return rng.choice(ODD_TIMES)
    if shape == "empty":
        return rng.choice((" ", "  ", "\n", "\u200b", "ㅤ", ".", "-", "?", "…", "\t "))
    if shape == "huge":
        size = rng.choice((301, 600, 1025, 2000, 4000, 4096, 5000))
        return _words(rng, size)
    if shape == "unicode":
        return "".join(rng.choice(UNICODE) for _ in range(rng.randint(1, 12)))
    if shape == "html":
        return rng.choice(("<b>bold</b>", "<b>", "a & b", "x < y > z", "&amp;", "</i>"))
    if shape == "number":
        return rng.choice(("²", "٣", "४", "３", "-1", "99999999999999999999", "3.5", "1e9", "⁴"))
    if shape == "noisy":
        return rng.choice(TYPICAL) + rng.choice(UNICODE) * rng.randint(1, 3)
    return _words(rng, rng.randint(1, 60))


def long_answer(rng: random.Random) -> str:
    """An answer at or past a limit: a few hundred to 5,000 characters, maybe over many
    lines, maybe with HTML-like text."""
    if rng.random() < 0.5:
        size = rng.randint(1900, 2000)  # at the longest answer most questions take (MAX_TEXT)
    else:
        size = rng.choice((100, 101, 200, 201, 300, 301, 320, 321, 2001, 4096, 5000))
    text = _words(rng, size)
    if rng.random() < 0.5:
        words = text.split(" ")
        text = "\n".join(" ".join(words[i : i + 6]) for i in range(0, len(words), 6))
    if rng.random() < 0.3:
        text = "<b>" + text[6:-4] + "</b>" if len(text) > 10 else text
    return text[:size]


def _words(rng: random.Random, size: int) -> str:
    """About `size` characters of words (with the odd unicode one), cut to exactly `size`."""
    parts: list[str] = []
    total = 0
    while total < size:
        word = (
            rng.choice(UNICODE)
            if rng.random() < 0.1
            else "".join(rng.choices(string.ascii_letters, k=rng.randint(1, 9)))
        )
        parts.append(word)
        total += len(word) + 1
    return " ".join(parts)[:size].strip() or "x"


def other_bot_command(rng: random.Random) -> str:
    """A command addressed to another bot, maybe with arguments."""
    command = rng.choice(("debrief", "start", "help", "skip", "cancel", "next", "ban"))
    bot = rng.choice(("OtherBot", "some_bot", "Afterview_bot", "X" * 32))
    return f"/{command}@{bot}" + rng.choice(("", " now", " 12"))


NAMESPACES = (
    "open",
    "setup",
    "debrief",
    "notes",
    "thanks",
    "social",
    "referees",
    "followup",
    "outcome",
    "forget",
    "review",
    "nudge",
    "next",
    "pick",
    "tips",
    "done",
    "skipstep",
    "settings",
    "cal",
    "zzz",
    "",
)
ODD_PARTS = (
    "99999999999999999999",
    "0",
    "-1",
    "²",
    "٣",
    "1",
    "2",
    "",
    "x",
    "yes",
    "no",
    "now",
    "skip",
    "done",
    "🙂",
    "９",
)


def forged_data(rng: random.Random, seen: list[str]) -> str:
    """Button data nobody sent: a real one mutated, random namespaces and parts, odd numbers,
    exactly 64 bytes. Never over 64 bytes (Telegram doesn't deliver such data)."""
    shape = rng.random()
    if seen and shape < 0.5:
        parts = rng.choice(seen).split(":")
        parts[rng.randrange(len(parts))] = rng.choice(ODD_PARTS)
        if rng.random() < 0.2:
            parts.append(rng.choice(ODD_PARTS))
        data = ":".join(parts)
    elif shape < 0.6:
        data = rng.choice(NAMESPACES) + ":" + "9" * 64
    else:
        parts = [rng.choice(NAMESPACES)]
        parts += [rng.choice(ODD_PARTS) for _ in range(rng.randint(0, 4))]
        data = ":".join(parts)
    while len(data.encode()) > 64:
        data = data[:-1]
    return data or "x"


def random_html(rng: random.Random, depth: int = 0) -> str:
    """Telegram HTML of a random shape: nested tags (a link among them), line breaks,
    paragraphs and escaped text full of `&`, `<` and `>`."""
    text = ""
    for _ in range(rng.randint(1, 6)):
        shape = rng.random()
        if shape < 0.25 and depth < 3:
            tag = rng.choice(("b", "i", "u", "code", 'a href="https://example.com/?q=1&amp;p=2"'))
            text += f"<{tag}>{random_html(rng, depth + 1)}</{tag.split()[0]}>"
        elif shape < 0.4:
            text += rng.choice(("\n", "\n\n", " ", "\n \n"))
        else:
            words = ("".join(rng.choices("abc&<>é ", k=rng.randint(1, 12))) for _ in range(40))
            text += html.escape(" ".join(words)[: rng.randint(1, 400)], quote=False)
    return text
