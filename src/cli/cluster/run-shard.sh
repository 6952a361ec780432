#!/usr/bin/env bash
# Runs one shard of a sweep as one task of a scheduler's job array, then copies its file to OUTDIR.
#   run-shard.sh SWEEP.json SHARDS OUTDIR
# The shard index is the array task's: SLURM_ARRAY_TASK_ID (Slurm job arrays) or JOB_COMPLETION_INDEX
# (Kubernetes Indexed Jobs). The shard writes to local scratch ($TMPDIR) and the file is copied to
# OUTDIR/shard-INDEX.jsonl when the task ends, however it ends (done, failed, or stopped with SIGTERM at
# its time limit). Run again, the task resumes from that copy: finished points are skipped.
# SPINELAB_CLI: how to start the CLI (the container image sets it); SPINELAB_THREADS: worker threads.
set -euo pipefail

fail() { echo "run-shard.sh: $*" >&2; exit 2; }
[ $# -eq 3 ] || fail "usage: run-shard.sh SWEEP.json SHARDS OUTDIR (the shard index comes from SLURM_ARRAY_TASK_ID or JOB_COMPLETION_INDEX)"
index=${SLURM_ARRAY_TASK_ID:-${JOB_COMPLETION_INDEX:-}}
[ -n "$index" ] || fail "no shard index: run it as a Slurm array task (SLURM_ARRAY_TASK_ID) or a Kubernetes Indexed Job (JOB_COMPLETION_INDEX)"
shards=$2
[[ "$index" =~ ^[0-9]+$ && "$shards" =~ ^[1-9][0-9]*$ ]] || fail "shard index \"$index\" and count \"$shards\" must be whole numbers"
(( index < shards )) || fail "shard index $index is not below the shard count $shards (submit with --array=0-$((shards - 1)))"
[ -f "$1" ] || fail "no sweep file \"$1\""

sweep=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
mkdir -p "$3"
outdir=$(cd "$3" && pwd)
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)
name=shard-$index.jsonl
scratch=$(mktemp -d "${TMPDIR:-/tmp}/spinelab-shard-XXXXXX")
work=$scratch/$name
[ -f "$outdir/$name" ] && cp "$outdir/$name" "$work"

copy_out() {
  # Copy, then rename into place: OUTDIR never holds half a copy.
  if [ -f "$work" ]; then cp "$work" "$outdir/.$name.copy-$$" && mv -f "$outdir/.$name.copy-$$" "$outdir/$name"; fi
  rm -rf "$scratch"
}
trap copy_out EXIT
trap 'kill -TERM "$pid" 2>/dev/null; wait "$pid"; exit 143' TERM INT

read -r -a cli <<< "${SPINELAB_CLI:-node --import tsx src/cli/main.ts}"
threads=()
[ -n "${SPINELAB_THREADS:-}" ] && threads=(--threads "$SPINELAB_THREADS")
cd "$root"
"${cli[@]}" --sweep "$sweep" --shard "$index/$shards" --out "$work" "${threads[@]}" &
pid=$!
wait "$pid"
