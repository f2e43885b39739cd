"""Texts of /start and /settings: time zone, country and region, quiet hours."""

from __future__ import annotations

ASK_TZ = "Which time zone are you in? Tap one, or type it (for example <code>Europe/London</code>)."
BAD_TZ = (
    "I don't know the time zone “{text}”. Try a name like <code>Europe/London</code>, "
    "<code>America/Toronto</code> or a big city near you."
)
TZ_SET = "Time zone: <b>{tz}</b> (it's {local} there now)."
ASK_TZ_WHICH = "“{text}” could be one of these. Which is yours? Tap it, or type a city near you."
# A zone to choose between: its city and the time there now, e.g. "Toronto · 09:00".
ZONE_CHOICE = "{city} · {clock}"
ASK_COUNTRY = (
    "Which country are you in? I skip its public holidays when I count business days. "
    "Tap one, type it, or skip."
)
BAD_COUNTRY = "I don't know the country “{text}”. Try its name or a code like <code>GB</code>."
COUNTRY_SET = "Country: <b>{country}</b>."
COUNTRY_REGION_SET = "Country: <b>{country}</b> ({region})."
# Asked after the country where bank holidays differ within it (keyed by country code).
ASK_REGION = {
    "GB": "Which nation? Bank holidays differ (Easter Monday in England, St Andrew's Day in Scotland…). Tap it, or type it.",
    "CA": "Which province or territory? Holidays differ (Family Day, Civic Holiday…). Tap it, or type it.",
}
ASK_REGION_AGAIN = "One thing first: I now count your region's own holidays."
BAD_REGION = (
    "I don't know “{text}” as a region of {country}. Tap one of the buttons, or type its name."
)
BTN_WHOLE_COUNTRY = "Skip"
REGION_NONE = "I'll count the holidays of the whole country."
COUNTRY_NONE = "No country: I'll count only weekends as days off."
SETUP_DONE = (
    "All set! After your next interview, tap <b>Debrief</b>. You can change this in /settings."
)
SETUP_DONE_DEBRIEF = "All set! Now, your interview: tap <b>Debrief</b> while it's fresh."
BTN_NO_COUNTRY = "Skip"

SETTINGS_MENU = (
    "<b>Your settings</b>\nTime zone: {tz}\nCountry: {country}\n"
    "Quiet hours: {quiet}\nWhat would you like to change?"
)
BTN_CHANGE_TZ = "Time zone"
BTN_CHANGE_COUNTRY = "Country"
BTN_CHANGE_QUIET = "Quiet hours"
ASK_QUIET = (
    "When shouldn't I nudge you? Anything due then waits for the morning. Tap one, or type "
    "it like <code>22:00-07:30</code> (or <code>off</code>)."
)
BAD_QUIET = (
    "I couldn't read “{text}” as quiet hours. Try <code>22:00-07:30</code> or <code>off</code>."
)
ASK_QUIET_WHICH = (
    "Did you mean one of these? Tap it, or type the hours with am/pm (e.g. <code>10pm-7am</code>)."
)
QUIET_SET = "Quiet hours: <b>{quiet}</b>. Nudges due then wait for the morning."
QUIET_OFF_LABEL = "off"
# (button label, callback value); the value is read by bot.rules.nudges.parse_quiet_hours.
QUIET_CHOICES: tuple[tuple[str, str], ...] = (
    ("21:00–08:00", "21.00-08.00"),
    ("22:00–07:00", "22.00-07.00"),
    ("23:00–09:00", "23.00-09.00"),
    ("No quiet hours", "off"),
)
BTN_SETTINGS_DONE = "Done"
SETTINGS_SAVED = "Saved."
NOT_SET = "not set"

# Common zones shown as buttons (label, IANA name): phone-first, the seeds' UK and Canada first.
COMMON_ZONES: tuple[tuple[str, str], ...] = (
    ("🇬🇧 London", "Europe/London"),
    ("🇨🇦 Toronto", "America/Toronto"),
    ("🇮🇪 Dublin", "Europe/Dublin"),
    ("🇺🇸 New York", "America/New_York"),
    ("🇺🇸 Chicago", "America/Chicago"),
    ("🇺🇸 Los Angeles", "America/Los_Angeles"),
    ("🇩🇪 Berlin", "Europe/Berlin"),
    ("🇮🇳 India", "Asia/Kolkata"),
    ("🇦🇺 Sydney", "Australia/Sydney"),
)
COMMON_COUNTRIES: tuple[tuple[str, str], ...] = (
    ("🇬🇧 UK", "GB"),
    ("🇨🇦 Canada", "CA"),
    ("🇮🇪 Ireland", "IE"),
    ("🇺🇸 USA", "US"),
    ("🇦🇺 Australia", "AU"),
    ("🇮🇳 India", "IN"),
)
