#!/bin/sh
# Write everything cables makes of the shipped edition, the test fixture edition and the
# three third-party sample corpora into OUT, so that two checkouts can be compared byte for
# byte after a restructuring:
#   sh scripts/snapshot-outputs.sh /tmp/before          # in the old checkout
#   sh scripts/snapshot-outputs.sh /tmp/after           # in the new one
#   diff -r /tmp/before /tmp/after && echo identical
# Each project is copied to a scratch folder first, so the checkout's build/ is untouched.
# Dates come from a fixed SOURCE_DATE_EPOCH; findings are kept as JSON and as text, with the
# scratch folder's name taken out. Exit status 0 when every command ran (findings allowed).
set -u
out=${1:?usage: snapshot-outputs.sh OUT}
here=$(cd "$(dirname "$0")/.." && pwd)
cables=${CABLES:-$here/.venv/bin/cables}
export SOURCE_DATE_EPOCH=1764720000
rm -rf "$out" && mkdir -p "$out"
out=$(cd "$out" && pwd)
scratch=$(mktemp -d "${TMPDIR:-/tmp}/snapshot.XXXXXX")
trap 'rm -rf "$scratch"' EXIT

snapshot() {  # name, project folder to build; remaining arguments: the build commands
    name=$1 project=$2
    shift 2
    rm -rf "$scratch/p" && cp -r "$project" "$scratch/p" && rm -rf "$scratch/p/build"
    (cd "$scratch/p" && "$cables" check --format json >"$out/$name.check.json" 2>&1)
    (cd "$scratch/p" && "$cables" check >"$out/$name.check.txt" 2>&1)
    echo "check exit $?" >>"$out/$name.check.txt"
    for command in "$@"; do
        # shellcheck disable=SC2086
        (cd "$scratch/p" && "$cables" -q $command >>"$out/$name.log" 2>&1)
        echo "$command exit $?" >>"$out/$name.log"
    done
    sed -i "s#$scratch/p#PROJECT#g" "$out/$name".*
    [ -d "$scratch/p/build" ] && cp -r "$scratch/p/build" "$out/$name"
    rm -rf "$out/$name/.cache" "$out/$name/.lock"
}

snapshot edition "$here" build deposit
snapshot fixture "$here/tests/fixtures/edition" build
for corpus in schnitzler-briefe suriano rusdracor; do
    rm -rf "$scratch/c" && mkdir -p "$scratch/c"
    cp -r "$here/tests/data/corpora/$corpus" "$scratch/c/corpus"
    (cd "$scratch/c" && "$cables" init --from corpus . >/dev/null 2>&1)
    snapshot "$corpus" "$scratch/c" "build html"
done
