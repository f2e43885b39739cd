"""Countries and their regions as people type them, and the holiday calendar they decide.

The `holidays` package is the one source: its registry of countries (names and codes) and each
country's subdivisions with their aliases ("England" -> GB/ENG, "Ontario" -> CA/ON). A region
matters where its public holidays differ from the country's: the UK's nations and Canada's
provinces are asked with buttons (`REGION_COUNTRIES`); a region of any other country is read if
typed ("Bavaria" is not, "BY" is).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import holidays
from holidays.registry import COUNTRIES

# Countries whose region is asked after the country (buttons): where the organisations behind
# Afterview work, and where bank holidays differ by nation or province.
REGION_COUNTRIES = ("GB", "CA")

# How people name the UK and the US; the nations of the UK come from `holidays` (subdivision
# aliases) and map to GB with their region.
_COUNTRY_ALIASES = {
    "uk": "GB",
    "u.k.": "GB",
    "britain": "GB",
    "great britain": "GB",
    "usa": "US",
    "u.s.": "US",
    "us": "US",
    "america": "US",
    "united states of america": "US",
}


@dataclass(frozen=True)
class Place:
    """A country (ISO 3166-1 code) and, if known, its region (the `holidays` subdivision code,
    e.g. "ENG", "ON"); `name` is how the bot shows it ("England", "Canada")."""

    country: str
    region: str | None
    name: str


def _words(text: str) -> str:
    return " ".join(text.strip().replace("’", "'").split()).lower().strip(" .,!")


@lru_cache(maxsize=1)
def _countries() -> dict[str, tuple[str, str]]:
    """code or lower-cased name -> (code, display name), for the countries holidays knows."""
    supported = set(holidays.list_supported_countries())
    table: dict[str, tuple[str, str]] = {}
    for slug, (class_name, code, *_rest) in COUNTRIES.items():
        if code not in supported:
            continue
        display = re.sub(r"(?<!^)(?=[A-Z])", " ", class_name)
        table[code.lower()] = (code, display)
        table[slug.replace("_", " ")] = (code, display)
    for alias, code in _COUNTRY_ALIASES.items():
        table[alias] = table[code.lower()]
    return table


@lru_cache(maxsize=64)
def _regions(country: str) -> dict[str, tuple[str, str]]:
    """A country's regions: lower-cased code or name -> (code, display name)."""
    calendar = holidays.country_holidays(country).__class__
    codes: tuple[str, ...] = tuple(getattr(calendar, "subdivisions", ()))
    aliases: dict[str, str] = dict(getattr(calendar, "subdivisions_aliases", {}) or {})
    names = {code: code for code in codes}
    for alias, code in aliases.items():
        # The first alias is the English name ("Quebec" before "Québec").
        if names.get(code) == code:
            names[code] = alias
    table = {code.lower(): (code, names[code]) for code in codes}
    for alias, code in aliases.items():
        table.setdefault(_words(alias), (code, names[code]))
    return table


def parse_region(country: str, text: str) -> tuple[str, str] | None:
    """(region code, display name) of `text` ("Scotland", "ON", "ontario") in `country`."""
    return _regions(country).get(_words(text).removeprefix("the "))


def region_choices(country: str) -> list[tuple[str, str]]:
    """(code, display name) of a country's regions, for buttons: named ones, in the registry's
    order with Ontario first for Canada (most of the bot's Canadian users live there)."""
    if country not in REGION_COUNTRIES:
        return []
    found = sorted({code: name for code, name in _regions(country).values()}.items())
    found.sort(key=lambda item: item[0] != "ON")
    return found


def region_name(country: str | None, region: str | None) -> str | None:
    """How a stored region shows ("England"); None when there is none."""
    if not country or not region:
        return None
    found = _regions(country).get(region.lower())
    return found[1] if found else region


def parse_place(text: str) -> Place | None:
    """A typed country or region: "UK", "Canada", "England" (GB, ENG), "Ontario" or "ON"
    (CA, ON), "Ontario, Canada". None if neither."""
    cleaned = _words(text).removeprefix("the ")
    country = _countries().get(cleaned)
    if country is not None:
        return Place(country[0], None, country[1])
    head, _, tail = cleaned.rpartition(",")
    if head:
        inside = _countries().get(tail.strip())
        region = parse_region(inside[0], head) if inside else None
        return Place(inside[0], region[0], region[1]) if inside and region else None
    for code in REGION_COUNTRIES:
        region = parse_region(code, cleaned)
        if region is not None:
            return Place(code, region[0], region[1])
    return None


def parse_country(text: str) -> tuple[str, str] | None:
    """(ISO code, display name) for a code or a country name, if holidays supports it; a
    region ("England") gives its country."""
    place = parse_place(text)
    return (place.country, country_name(place.country) or place.country) if place else None


def country_name(code: str | None) -> str | None:
    """The display name of a stored country code ("GB" -> "United Kingdom")."""
    if not code:
        return None
    found = _countries().get(code.lower())
    return found[1] if found else code


def holiday_area(country: str | None, region: str | None) -> str | None:
    """The calendar business days count with: "GB", or with a region "GB-ENG" (ISO 3166-2
    style), as bot.rules.timing reads it; None without a country."""
    if not country:
        return None
    return f"{country}-{region}" if region else country


def warm_up() -> None:
    """Load the country table and the regions asked with buttons."""
    _countries()
    for code in REGION_COUNTRIES:
        _regions(code)
