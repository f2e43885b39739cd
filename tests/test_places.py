"""Places as people in the UK and Canada type them (issue 13, cases U7-U10), as pure rules:
time zones by name, abbreviation, city or country; countries with their regions and the
holidays those decide; quiet hours read as a night."""

from __future__ import annotations

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest

from bot.rules.places import Place, holiday_area, parse_place, parse_region, region_choices
from bot.rules.quiet import QuietRead, parse_quiet_hours, read_quiet_hours
from bot.rules.timing import add_business_days, at_local, is_business_day
from bot.rules.zones import ZoneRead, parse_timezone, read_timezone

LONDON = ZoneInfo("Europe/London")
TORONTO = ZoneInfo("America/Toronto")
EASTERN = ("America/Toronto", "America/New_York")


# --- time zones ----------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "country", "expected"),
    [
        # U8: an abbreviation is a zone with daylight saving, asked where several fit.
        ("EST", None, ZoneRead(choices=EASTERN)),
        ("EDT", None, ZoneRead(choices=EASTERN)),
        ("est", "GB", ZoneRead(choices=EASTERN)),
        ("Eastern time", None, ZoneRead(choices=EASTERN)),
        ("EST", "CA", ZoneRead(zone="America/Toronto")),
        ("EST", "US", ZoneRead(zone="America/New_York")),
        ("GMT", "GB", ZoneRead(zone="Europe/London")),
        ("GMT", None, ZoneRead(zone="Europe/London")),
        ("GMT", "IE", ZoneRead(zone="Europe/Dublin")),
        ("BST", None, ZoneRead(zone="Europe/London")),
        ("PST", None, ZoneRead(choices=("America/Vancouver", "America/Los_Angeles"))),
        ("PST", "CA", ZoneRead(zone="America/Vancouver")),
        ("NST", None, ZoneRead(zone="America/St_Johns")),
        ("UTC", None, ZoneRead(zone="UTC")),
        # U9: cities, countries and regions.
        ("Manchester", None, ZoneRead(zone="Europe/London")),
        ("Toronto", None, ZoneRead(zone="America/Toronto")),
        ("Belleville", None, ZoneRead(zone="America/Toronto")),
        ("UK time", None, ZoneRead(zone="Europe/London")),
        ("uk", None, ZoneRead(zone="Europe/London")),
        ("Ottawa", None, ZoneRead(zone="America/Toronto")),
        ("Vancouver", None, ZoneRead(zone="America/Vancouver")),
        ("Stoke-on-Trent", None, ZoneRead(zone="Europe/London")),
        ("stoke on trent", None, ZoneRead(zone="Europe/London")),
        ("Stafford", None, ZoneRead(zone="Europe/London")),
        ("Newcastle", None, ZoneRead(zone="Europe/London")),  # upon Tyne, by its short name
        ("Halifax", None, ZoneRead(zone="America/Halifax")),
        ("Halifax", "GB", ZoneRead(zone="Europe/London")),  # the one in West Yorkshire
        ("Montréal", None, ZoneRead(zone="America/Toronto")),
        ("London", None, ZoneRead(zone="Europe/London")),
        ("London, Ontario", None, ZoneRead(zone="America/Toronto")),
        ("London ON", None, ZoneRead(zone="America/Toronto")),
        ("Cambridge", None, ZoneRead(choices=("Europe/London", "America/Toronto"))),
        ("Cambridge", "GB", ZoneRead(zone="Europe/London")),
        ("Cambridge, UK", None, ZoneRead(zone="Europe/London")),
        ("Perth", None, ZoneRead(zone="Australia/Perth")),
        ("England", None, ZoneRead(zone="Europe/London")),
        ("Scotland", None, ZoneRead(zone="Europe/London")),
        ("Ontario", None, ZoneRead(zone="America/Toronto")),  # not Ontario, California
        ("British Columbia", None, ZoneRead(zone="America/Vancouver")),
        ("Ireland", None, ZoneRead(zone="Europe/Dublin")),
        ("I'm in Manchester", None, ZoneRead(zone="Europe/London")),
        # IANA names and their cities, as before.
        ("Europe/London", None, ZoneRead(zone="Europe/London")),
        ("america/toronto", None, ZoneRead(zone="America/Toronto")),
        ("new york", None, ZoneRead(zone="America/New_York")),
        ("Europe/Nowhere", None, None),
        # Fixed offsets are no answer: they have no daylight saving.
        ("EST5EDT", None, None),
        ("Etc/GMT+5", None, None),
        ("Narnia", None, None),
        ("", None, None),
    ],
)
def test_zones_by_name_abbreviation_city_or_country(
    text: str, country: str | None, expected: ZoneRead | None
) -> None:
    assert read_timezone(text, country) == expected


def test_a_country_with_several_zones_offers_its_biggest() -> None:
    canada = read_timezone("Canada")
    assert canada is not None and canada.zone is None
    assert canada.choices[:2] == ("America/Toronto", "America/Vancouver")
    assert read_timezone("Nova Scotia") == ZoneRead(zone="America/Halifax")


def test_parse_timezone_gives_only_a_single_zone() -> None:
    assert parse_timezone("Belleville") == "America/Toronto"
    assert parse_timezone("EST") is None  # several fit: the caller asks with buttons
    assert parse_timezone("EST", "CA") == "America/Toronto"


def test_abbreviated_zones_keep_daylight_saving() -> None:
    # U8: "EST" in July is four hours behind UTC in Toronto, not five.
    zone = ZoneInfo(parse_timezone("EST", "CA") or "UTC")
    summer = datetime(2026, 7, 1, 12, 0, tzinfo=zone)
    assert summer.utcoffset() is not None and summer.utcoffset().total_seconds() == -4 * 3600


# --- countries and regions -----------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("UK", Place("GB", None, "United Kingdom")),
        ("United Kingdom", Place("GB", None, "United Kingdom")),
        ("England", Place("GB", "ENG", "England")),
        ("scotland", Place("GB", "SCT", "Scotland")),
        ("Wales", Place("GB", "WLS", "Wales")),
        ("Northern Ireland", Place("GB", "NIR", "Northern Ireland")),
        ("Canada", Place("CA", None, "Canada")),
        ("Ontario", Place("CA", "ON", "Ontario")),
        ("ON", Place("CA", "ON", "Ontario")),
        ("Ontario, Canada", Place("CA", "ON", "Ontario")),
        ("Quebec", Place("CA", "QC", "Quebec")),
        ("NL", Place("NL", None, "Netherlands")),  # a country code before a province's
        ("Ireland", Place("IE", None, "Ireland")),
        ("Atlantis", None),
    ],
)
def test_countries_and_regions(text: str, expected: Place | None) -> None:
    assert parse_place(text) == expected


def test_region_buttons_and_typed_regions() -> None:
    assert [code for code, _ in region_choices("GB")] == ["ENG", "NIR", "SCT", "WLS"]
    canada = region_choices("CA")
    assert canada[0] == ("ON", "Ontario") and len(canada) == 13
    assert region_choices("FR") == []
    assert parse_region("CA", "on") == ("ON", "Ontario")
    assert parse_region("GB", " scotland. ") == ("SCT", "Scotland")
    assert parse_region("GB", "Ontario") is None
    assert holiday_area("GB", "ENG") == "GB-ENG"
    assert holiday_area("GB", None) == "GB"
    assert holiday_area(None, "ENG") is None


# --- holidays by region (U7) ---------------------------------------------------------------
def test_u7_england_counts_easter_monday_and_the_august_bank_holiday() -> None:
    reply_by = at_local(date(2026, 4, 2), time(10), LONDON)  # Thu 2 Apr 2026
    due = add_business_days(reply_by, 2, LONDON, "GB-ENG")
    assert due == at_local(date(2026, 4, 8), time(10), LONDON)  # Wed 8 Apr 10:00
    # The whole UK has no Easter Monday (Scotland works it): one day earlier.
    assert add_business_days(reply_by, 2, LONDON, "GB") == at_local(
        date(2026, 4, 7), time(10), LONDON
    )
    assert not is_business_day(date(2026, 8, 31), "GB-ENG")  # late-August bank holiday
    assert is_business_day(date(2026, 8, 31), "GB-SCT")  # Scotland's is on 3 August
    assert not is_business_day(date(2026, 8, 3), "GB-SCT")


def test_u7_scotland_st_andrews_day() -> None:
    assert not is_business_day(date(2026, 11, 30), "GB-SCT")
    assert is_business_day(date(2026, 11, 30), "GB-ENG")
    assert is_business_day(date(2026, 11, 30), "GB")


def test_u7_ontario_family_day_and_civic_holiday() -> None:
    assert not is_business_day(date(2026, 2, 16), "CA-ON")  # Family Day
    assert is_business_day(date(2026, 2, 16), "CA")
    assert not is_business_day(date(2026, 8, 3), "CA-ON")  # Civic Holiday (optional, closed)
    assert is_business_day(date(2026, 8, 3), "CA-QC")  # not in Quebec
    assert is_business_day(date(2026, 4, 6), "CA-ON")  # Easter Monday: most offices open
    friday = at_local(date(2026, 7, 31), time(10), TORONTO)
    assert add_business_days(friday, 2, TORONTO, "CA-ON") == at_local(
        date(2026, 8, 5), time(10), TORONTO
    )


# --- quiet hours (U10) ---------------------------------------------------------------------
NIGHT = (time(22), time(7))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("10-7", NIGHT),
        ("from 10pm till 7", NIGHT),
        ("22:00 to 07:00", NIGHT),
        ("10pm-7am", NIGHT),
        ("10 pm - 7 am", NIGHT),
        ("10 p.m. to 7 a.m.", NIGHT),
        ("between 10pm and 7am", NIGHT),
        ("10 till 7", NIGHT),
        ("10 to 7am", NIGHT),
        ("22-7", NIGHT),
        ("10:00-07:00", NIGHT),
        ("2200-0700", NIGHT),
        ("10:30-6:30", (time(22, 30), time(6, 30))),
        ("11-6", (time(23), time(6))),
        ("9-5", (time(21), time(5))),
        ("12-7", (time(0), time(7))),
        ("midnight to 7", (time(0), time(7))),
        ("1-9", (time(1), time(9))),
        ("21.00–08.00", (time(21), time(8))),
        ("23:30 until 6:15", (time(23, 30), time(6, 15))),
        ("9am-5pm", (time(9), time(17))),  # both explicit: as typed
        ("off", (time(0), time(0))),
        ("7-10", None),  # unclear: asked (see below)
        ("25:00-07:00", None),
        ("13pm-7am", None),
        ("sometime at night", None),
    ],
)
def test_quiet_hour_phrasings(text: str, expected: tuple[time, time] | None) -> None:
    assert parse_quiet_hours(text) == expected


def test_unclear_quiet_hours_offer_the_readings() -> None:
    found = read_quiet_hours("7-10")
    assert found is not None and found.hours is None
    assert (time(19), time(22)) in found.choices and (time(7), time(10)) in found.choices
    assert read_quiet_hours("10-7") == QuietRead(hours=NIGHT)
