#!/bin/sh
# Checks that claimex's output on a corpus still matches a committed baseline (a CI step).
#
#   examples/ci-check.sh CORPUS BASELINE             exit 1 and a report when they differ
#   examples/ci-check.sh CORPUS BASELINE --update    write the current output as the baseline
#
# A missing baseline is created (commit it). Set CLAIMEX to the binary to run (default:
# `claimex` on PATH). Ids are relative to CORPUS, so any spelling of its path gives the same.
set -eu
if [ $# -lt 2 ]; then
    echo "usage: $0 CORPUS BASELINE [--update]" >&2
    exit 2
fi
corpus=$1
baseline=$2
mode=${3:-check}
claimex=${CLAIMEX:-claimex}

current=$(mktemp)
trap 'rm -f "$current"' EXIT
"$claimex" --quiet --format jsonl "$corpus" > "$current"

if [ ! -e "$baseline" ]; then
    cp "$current" "$baseline"
    echo "created $baseline: commit it" >&2
    exit 0
fi
status=0
if [ "$mode" = --update ]; then
    "$claimex" diff --update "$baseline" "$current" || status=$?
else
    "$claimex" diff "$baseline" "$current" || status=$?
fi
exit "$status"
