"""Texts of /start and /settings: time zone and country."""

from __future__ import annotations

ASK_TZ = "Which time zone are you in? Tap one, or type it (for example <code>Europe/London</code>)."
BAD_TZ = (
    "I don't know the time zone “{text}”. Try a name like <code>Europe/London</code>, "
    "<code>America/Toronto</code> or a big city near you."
)
TZ_SET = "Time zone: <b>{tz}</b> (it's {local} there now)."
ASK_COUNTRY = (
    "Which country are you in? I skip its public holidays when I count business days. "
    "Tap one, type it, or skip."
)
BAD_COUNTRY = "I don't know the country “{text}”. Try its name or a code like <code>GB</code>."
COUNTRY_SET = "Country: <b>{country}</b>."
COUNTRY_NONE = "No country: I'll count only weekends as days off."
SETUP_DONE = (
    "All set! After your next interview, tap <b>Debrief</b>. You can change this in /settings."
)
BTN_OTHER_TZ = "Other…"
BTN_NO_COUNTRY = "Skip"

SETTINGS_MENU = (
    "<b>Your settings</b>\nTime zone: {tz}\nCountry: {country}\n"
    "Quiet hours: {quiet_start}–{quiet_end}\nWhat would you like to change?"
)
BTN_CHANGE_TZ = "Time zone"
BTN_CHANGE_COUNTRY = "Country"
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
