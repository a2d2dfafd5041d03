#!/usr/bin/env bash
# Executes the notebooks headless on a generated fleet and fails if any cell errors.
# Needs: a built jobs/target/stella.jar (./mvnw -DskipTests install) and Debian's
# jupyter-nbconvert python3-nbclient python3-ipykernel python3-pandas python3-matplotlib.
# Executed notebooks go to a temporary folder (or $1); they are not committed.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
jar="$root/jobs/target/stella.jar"
[ -f "$jar" ] || { echo "error: $jar is missing: run ./mvnw -B -DskipTests install first" >&2; exit 1; }
work="$(mktemp -d)"
out="${1:-$work/executed}"
trap 'rm -rf "$work/home" "$work/corpus-"*' EXIT
stella() { java -jar "$jar" "$@" --home "$work/home"; }

# Two snapshots of a generated fleet: the second after more advisories and images arrive.
java -jar "$jar" bench corpus --images 12 --components-per-image 40 --advisories 3000 --seed 5 --out "$work/corpus-1" >/dev/null
java -jar "$jar" bench corpus --images 18 --components-per-image 40 --advisories 4000 --seed 6 --out "$work/corpus-2" >/dev/null
for n in 1 2; do
  stella ingest advisories "$work/corpus-$n/advisories" >/dev/null 2>&1
  stella ingest sboms "$work/corpus-$n/sboms" >/dev/null 2>&1
  stella reevaluate --all >/dev/null 2>&1
  stella warehouse snapshot --date "2026-01-0$n" --warehouse "$work/warehouse"
done

export STELLA_CMD="java -jar $jar"
export STELLA_HOME="$work/home"
export STELLA_WAREHOUSE="$work/warehouse"
mkdir -p "$out"
cd "$root/notebooks"
for notebook in *.ipynb; do
  echo "executing $notebook"
  /usr/bin/python3 -m nbconvert --to notebook --execute --ExecutePreprocessor.timeout=300 --ExecutePreprocessor.kernel_name=python3 \
    --output-dir "$out" "$notebook"
done
echo "notebooks executed without errors; outputs in $out"
