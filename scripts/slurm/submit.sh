#!/usr/bin/env bash
# Submits a whole reproduction to Slurm: writes DIR/manifest.json for PLAN (quick, full or tiny;
# default full), then one array job per stage (data, simulate, train, learned), each after the
# stages its tasks need (--dependency=afterok: train after data, learned after train; data and
# simulate at once), and the merge after all of them. The last line printed is the merge job's id.
#
#   scripts/slurm/submit.sh DIR [PLAN]
#
# Environment:
#   ISACTWIN            the isactwin binary (default: .build/release/isactwin of this repository)
#   ISACTWIN_ARGS       extra flags for `reproduce --manifest-only` (e.g. "--seed 3 --figures 7,8")
#   SBATCH_ARGS         extra sbatch flags for every job (e.g. "--partition=short --account=x --time=2:00:00")
#   ISACTWIN_ARRAY_MAX  largest array per job (default 1000; the cluster's MaxArraySize − 1)
#   ISACTWIN_ARRAY_LIMIT  array elements running at once per job (default: no limit)
#   ISACTWIN_MERGE_ARGS extra flags for `merge` (e.g. --no-plots)
#   ISACTWIN_TRAIN_CPUS CPUs per training task (default 2: training uses two threads, same result)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
[ $# -ge 1 ] || { echo "usage: $0 DIR [quick|full|tiny]" >&2; exit 64; }
dir="$1"
plan="${2:-full}"
case "$plan" in quick|full|tiny) ;; *) echo "$0: plan '$plan' is invalid; valid: quick, full, tiny" >&2; exit 64;; esac
isactwin="${ISACTWIN:-$repo/.build/release/isactwin}"
[ -x "$isactwin" ] || { echo "$0: $isactwin not found; build it with 'swift build -c release' or set ISACTWIN" >&2; exit 66; }
command -v sbatch >/dev/null || { echo "$0: sbatch not found (is this a Slurm login node?)" >&2; exit 69; }

mkdir -p "$dir/slurm"
dir="$(cd "$dir" && pwd)"
isactwin="$(cd "$(dirname "$isactwin")" && pwd)/$(basename "$isactwin")"
# shellcheck disable=SC2086
"$isactwin" reproduce "--$plan" --manifest-only --out "$dir" ${ISACTWIN_ARGS:-} >&2
manifest="$dir/manifest.json"
max="${ISACTWIN_ARRAY_MAX:-1000}"
limit="${ISACTWIN_ARRAY_LIMIT:+%$ISACTWIN_ARRAY_LIMIT}"

declare -A jobs    # stage -> ":id:id..." of its array jobs
all=""
while read -r stage first last prerequisites; do
  after=""
  if [ "$prerequisites" != "-" ]; then
    for p in ${prerequisites//,/ }; do after="$after${jobs[$p]}"; done
  fi
  stage_jobs=""
  for ((start = first; start <= last; start += max)); do
    end=$((start + max - 1 < last ? start + max - 1 : last))
    # shellcheck disable=SC2086
    cpus=1
    [ "$stage" = train ] && cpus="${ISACTWIN_TRAIN_CPUS:-2}"
    id=$(sbatch --parsable ${SBATCH_ARGS:-} --job-name="isactwin-$stage" --array="0-$((end - start))$limit" --cpus-per-task="$cpus" \
      --output="$dir/slurm/$stage-%A_%a.out" ${after:+--dependency=afterok$after} \
      --export=ALL,ISACTWIN="$isactwin",MANIFEST="$manifest",OFFSET="$start" "$here/task.sbatch")
    id="${id%%;*}"
    echo "stage $stage: tasks $start...$end as array job $id${after:+ (afterok$after)}" >&2
    stage_jobs="$stage_jobs:$id"
  done
  jobs[$stage]="$stage_jobs"
  all="$all$stage_jobs"
done < <("$isactwin" run-task --manifest "$manifest" --stages)

# shellcheck disable=SC2086
merge=$(sbatch --parsable ${SBATCH_ARGS:-} --output="$dir/slurm/merge-%j.out" --dependency="afterok$all" \
  --export=ALL,ISACTWIN="$isactwin",RUN_DIR="$dir",ISACTWIN_MERGE_ARGS="${ISACTWIN_MERGE_ARGS:-}" "$here/merge.sbatch")
merge="${merge%%;*}"
echo "merge: job $merge (after$all); report: $dir/report.md" >&2
echo "$merge"
