#!/bin/sh
# Seeds the fuzz corpus with the repository's fixtures (texts written for the project; never
# the research corpora) plus a few short hostile strings. Run from anywhere; idempotent.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
corpus="$here/corpus/extract"
mkdir -p "$corpus"
for f in "$here"/../fixtures/*.txt; do
    [ -e "$f" ] && cp "$f" "$corpus/fixture-$(basename "$f")"
done
printf 'According to officials, at least 250 people fled.' > "$corpus/according-to"
printf '"We will not stop," he said, "until 1,000 are home."' > "$corpus/split-quote"
printf 'date 2021-08-27 A title\n\nIran said 3.5%% more.' > "$corpus/header"
printf '((((["\xe2\x80\x9c' > "$corpus/brackets"
echo "seeded $(ls "$corpus" | wc -l) inputs in $corpus"
# The records target: JSON Lines records, ids as numbers, separators, a non-object.
records="$here/corpus/records"
mkdir -p "$records"
printf '{"id": 1e2, "text": "The UN said 5 people died."}' > "$records/number-id"
printf '{"id": 12345678901234567890123, "text": "x"}' > "$records/long-id"
printf '{"id": "a\u2028b", "text": "He said\u2029 \u0085 \u001b[2J 7 left."}' > "$records/separators"
printf '[7, "text"]' > "$records/array"
echo "seeded $(ls "$records" | wc -l) inputs in $records"
