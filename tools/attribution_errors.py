#!/usr/bin/env python3
"""Lists claimex's false-positive attributions on a PolNeAR split, grouped by class.

    python3 tools/attribution_errors.py [--split dev|train] [--show N] [--cue WORD] [--via RULE]

Runs the binary with --explain, aligns predictions to gold with the shared scorer's rules
(>= 50% mutual content overlap, one-to-one by Jaccard) and prints, per rule (`via`) and cue
word, how many predictions are right, have a wrong source or match no gold content, then
examples of the wrong ones beside the gold content that overlaps them most.
"""
import argparse
import json
import os
import subprocess
import sys
from collections import Counter, defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))
EVAL = os.path.join(HERE, "..", "..", "shared", "eval")
sys.path.insert(0, EVAL)
import eval as ev  # noqa: E402
import score_attribution as sa  # noqa: E402


def run(binary, records):
    payload = "".join(json.dumps({"id": r["id"], "text": r["text"]}, ensure_ascii=False) + "\n"
                      for r in records)
    p = subprocess.run([binary, "--input-format", "jsonl", "--format", "jsonl", "--explain"],
                       input=payload.encode(), capture_output=True, check=True)
    return {d["id"]: d for d in map(json.loads, p.stdout.decode().splitlines())}


def classify(gold_doc, out_doc):
    """Yields (verdict, prediction, best gold) for every scored prediction of one document."""
    text = gold_doc["text"]
    stats = Counter()
    claims = [c for c in out_doc.get("claims", []) if c.get("source") or c.get("cue")]
    atts = ev.to_attributions(out_doc)
    P = [sa.prepare(a, text, None, stats) for a in atts]
    G = [x for x in (sa.prepare(a, text, None, stats) for a in gold_doc.get("attributions", [])) if x]
    cands = []
    for i, p in enumerate(P):
        for j, g in enumerate(G):
            inter = len(p["cset"] & g["cset"]) if p else 0
            if inter and inter >= 0.5 * len(g["cset"]) and inter >= 0.5 * len(p["cset"]):
                cands.append((inter / len(p["cset"] | g["cset"]), i, j))
    cands.sort(reverse=True)
    pair, used = {}, set()
    for _, i, j in cands:
        if i not in pair and j not in used:
            pair[i] = j
            used.add(j)
    for i, (c, p) in enumerate(zip(claims, P)):
        if p is None:
            continue
        best = max(G, key=lambda g: len(p["cset"] & g["cset"]), default=None)
        if best is not None and not p["cset"] & best["cset"]:
            best = None
        if i in pair:
            verdict = "ok" if sa.source_correct(p, G[pair[i]]) else "source"
            best = G[pair[i]]
        else:
            verdict = "content"
        yield verdict, c, best, text


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--split", default="dev")
    ap.add_argument("--bin", default="target/release/claimex")
    ap.add_argument("--show", type=int, default=0, help="examples per class")
    ap.add_argument("--cue", help="only this cue word (lower case)")
    ap.add_argument("--via", help="only rules whose name contains this")
    ap.add_argument("--verdict", default="content,source")
    a = ap.parse_args()
    gold = ev.load(os.path.join(EVAL, "data", "attribution_%s.jsonl" % a.split))
    out = run(a.bin, gold)
    counts = defaultdict(Counter)
    examples = defaultdict(list)
    for g in gold:
        for verdict, c, best, text in classify(g, out.get(g["id"], {})):
            cue = (c.get("cue") or {}).get("text", "-").lower()
            via = c.get("via", "?")
            if a.cue and cue != a.cue or a.via and a.via not in via:
                continue
            counts[(via, cue)][verdict] += 1
            if verdict in a.verdict.split(","):
                examples[(via, cue)].append((verdict, c, best, text))
    rows = sorted(counts.items(), key=lambda kv: -(kv[1]["content"] + kv[1]["source"]))
    print("%-44s %-14s %5s %6s %7s" % ("via", "cue", "ok", "source", "content"))
    for (via, cue), n in rows:
        print("%-44s %-14s %5d %6d %7d" % (via, cue[:14], n["ok"], n["source"], n["content"]))
    for key, _ in rows:
        for verdict, c, best, text in examples[key][:a.show]:
            src = (c.get("source") or {}).get("text")
            print("\n[%s] %s / %s  source=%r" % (verdict, key[0], key[1], src))
            print("  pred: %s" % c["text"][:300].replace("\n", " "))
            if best:
                print("  gold: %s  (source=%r, cue=%r)" % (best["ctext"][:300].replace("\n", " "),
                                                        best["src_text"], best["cue_text"]))


if __name__ == "__main__":
    main()
