#!/usr/bin/env python3
"""Rebuilds cue_verbs.tsv: the reporting-cue lexicon of claimex's attribution stage.

How it was produced: the word forms below are grouped by hand into classes (what kind of
content they introduce). For every form this script counts, over PolNeAR train
(../shared/eval/data/attribution_train.jsonl, research use), how often it occurs inside a
gold cue span and how often it occurs at all, and writes `form, class, cue count, total
count`. Only counts are stored: no sentence or content text leaves the corpus. Forms that
train never shows as a cue keep count 0 (they are kept for held-out text).

    python3 gazetteers/attribution/mine_cues.py [TRAIN.jsonl] > gazetteers/attribution/cue_verbs.tsv

Classes:
  speech     said, told, added: content is a clause, a quote, or comes before ("C, X said")
  belief     think, believe, fear: content is a clause
  intent     want, vow, plan: content is usually "to ..." or a clause
  finding    show, found, conclude: a poll/report/investigation as source
  describe   described, called: "X described Y as Q", "X called Y Q"
  evaluation criticized, praised, accused: content is the object
  according  "according to X"
"""
import json
import re
import sys
from collections import Counter

CLASSES = {
    "speech": """say says said saying tell tells told telling add adds added adding write writes
        wrote writing ask asks asked asking note notes noted noting announce announces announced
        announcing argue argues argued arguing tweets tweeted tweeting explain explains
        explained explaining stated stating acknowledge acknowledges acknowledged
        acknowledging declare declares declared declaring insist insists insisted insisting
        claim claims claimed claiming reply replies replied replying respond responds responded
        recall recalls recalled recalling warn warns warned warning suggest suggests suggested
        suggesting reports reported predict predicts predicted confirm confirms confirmed
        deny denies denied admit admits admitted complain complains complained concede concedes
        conceded testify testified stresses stressed emphasize emphasizes emphasized
        emphasised observe observes observed remarked commented joked joked
        boast boasted countered retort retorted quip quipped cautioned muse mused
        posted reiterate reiterates reiterated echo echoed disclose disclosed reveal reveals
        revealed contend contends contended maintain maintains maintained allege alleges alleged
        assure assured inform informed charged pointed mention mentioned
        continued continues wondered explain insisted added cited citing referring referred
        pointing repeated talked talking exclaimed confessed shouted yelled chanted
        screamed whispered interrupted reads""",
    "belief": """believe believes believed think thinks thought feel feels felt fear fears feared
        hope hopes hoped expect expects doubt doubts know knows knew worry worries worried
        suspect suspects suspected assume assumes agree agrees agreed hoping""",
    "intent": """want wants wanted plan plans planned vow vows vowed pledge pledges pledged
        promise promises promised seek seeks sought intend intends intended refuse refuses
        refused decline declines declined threaten threatens threatened urge urges urged
        promising ordered urging""",
    "finding": """show shows showed shown find finds found conclude concludes concluded
        indicate indicates indicated estimate estimates estimated""",
    "describe": """describe describes described describing call calls called calling dub dubbed
        labeled labelled branded termed""",
    "evaluation": """criticize criticizes criticized criticise criticised praise praises praised
        endorse endorses endorsed accuse accuses accused blame blames blamed defend defends
        defended attacked blast blasted slam slams slammed condemn condemns condemned
        denounce denounces denounced dismiss dismissed reject rejects rejected mock mocked
        expressed questioned questioning criticizing denouncing""",
    "according": "according",
}

WORD = re.compile(r"[A-Za-z][A-Za-z'\u2019-]*")


def main():
    path = sys.argv[1] if len(sys.argv) > 1 else "../shared/eval/data/attribution_train.jsonl"
    cue, total = Counter(), Counter()
    with open(path, encoding="utf-8") as f:
        for line in f:
            doc = json.loads(line)
            text = doc["text"]
            starts = set()
            for a in doc["attributions"]:
                spans = a.get("cue_fragments") or ([a["cue_span"]] if a.get("cue_span") else [])
                for s, e in spans:
                    starts.update(s + m.start() for m in WORD.finditer(text[s:e]))
            for m in WORD.finditer(text):
                w = m.group().lower()
                total[w] += 1
                cue[w] += m.start() in starts
    rows = {}
    for cls, forms in CLASSES.items():
        for form in forms.split():
            rows.setdefault(form, cls)
    print("# Reporting-cue word forms: form, class, count as a PolNeAR train cue, count in train.")
    print("# Generated by gazetteers/attribution/mine_cues.py (classes by hand, counts mined).")
    for form in sorted(rows):
        print("%s\t%s\t%d\t%d" % (form, rows[form], cue[form], total[form]))


if __name__ == "__main__":
    main()
