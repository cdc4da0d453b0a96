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
