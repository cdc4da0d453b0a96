#!/usr/bin/env python3
"""Counts claims whose pronoun source ("he", "she") links to a person of the other gender.

Runs the release binary over a corpus (default ../shared/corpus/bbc) and checks each claim
whose source is a gendered pronoun against the gender evidence of the entity it links to:
the curated list (gazetteers/gender/people.tsv), an honorific in a mention ("Mrs Smith"),
the first name (gazetteers/gender/first_names.tsv), and the other gendered pronouns linked to
the same entity. Evidence that disagrees with itself counts as unknown. Issue 12's target is 0.

    cargo build --release
    python3 tools/gender_audit.py [CORPUS] [--bin target/release/claimex] [--show N]

Python 3 standard library only.
"""

import argparse
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GENDER = {"he": "m", "him": "m", "his": "m", "himself": "m",
          "she": "f", "her": "f", "hers": "f", "herself": "f"}


def table(name, key=lambda k: k):
    out = {}
    for line in (ROOT / "gazetteers" / "gender" / name).read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            k, g = line.split("\t")[:2]
            out[key(k)] = g
    return out


def entity_gender(e, people, honorifics, first_names):
    """The gender the evidence gives, or None when there is none or it conflicts."""
    if e["name"] in people:
        return people[e["name"]]
    seen = set()
    for m in e.get("mentions", []):
        words = m["text"].split()
        if m.get("kind") == "pronoun":
            seen.add(GENDER.get(m["text"].lower()))
        elif words:
            seen.add(honorifics.get(words[0].rstrip(".")))
            seen.add(first_names.get(words[0]))
    seen.discard(None)
    return seen.pop() if len(seen) == 1 else None


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", nargs="?", default=str(ROOT.parent / "shared" / "corpus" / "bbc"))
    ap.add_argument("--bin", default=str(ROOT / "target" / "release" / "claimex"))
    ap.add_argument("--show", type=int, default=10, help="conflicts to print")
    a = ap.parse_args()
    people = table("people.tsv")
    honorifics = table("honorifics.tsv", lambda k: k.rstrip("."))
    first_names = table("first_names.tsv")
    files = sorted(p for p in Path(a.corpus).rglob("*.txt") if p.name != "README.TXT")
    records = "".join(json.dumps({"id": str(p), "text": p.read_text(encoding="utf-8", errors="replace")})
                      + "\n" for p in files)
    out = subprocess.run([a.bin, "--input-format", "jsonl", "--format", "jsonl"],
                         input=records.encode(), capture_output=True, check=True).stdout
    checked = linked = conflicts = 0
    shown = []
    for line in out.decode().splitlines():
        d = json.loads(line)
        ents = {e["id"]: e for e in d.get("entities", [])}
        for c in d.get("claims", []):
            s = c.get("source") or {}
            g = GENDER.get((s.get("text") or "").strip().lower())
            if not g:
                continue
            checked += 1
            e = ents.get(s.get("entity"))
            if not e or e["type"] != "person":
                continue
            linked += 1
            # Judge by the evidence other than this source itself.
            others = dict(e, mentions=[m for m in e["mentions"] if m["start"] != s["start"]])
            eg = entity_gender(others, people, honorifics, first_names)
            if eg and eg != g:
                conflicts += 1
                if len(shown) < a.show:
                    shown.append(f"  {d['id']}: {s['text']!r} -> {e['name']}")
    print(f"gendered pronoun sources: {checked}, linked to a person: {linked}, "
          f"gender conflicts: {conflicts}")
    print("\n".join(shown))
    return 0


if __name__ == "__main__":
    sys.exit(main())
