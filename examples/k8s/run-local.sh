#!/bin/sh
# Runs what the Indexed Job's pods run, one completion index after the other on this machine,
# then the merge: a way to try the commands of render.sh's manifests without a cluster.
#   examples/k8s/run-local.sh EXPERIMENT_FILE [SHARDS]
# Environment: OUT (result folder, default results), HASIM_CPUS (--workers, default 1),
# HASIM (the command that runs hasim, default `npx hasim`).
set -eu
EXPERIMENT=${1:?usage: run-local.sh EXPERIMENT_FILE [SHARDS]}
SHARDS=${2:-8}
OUT=${OUT:-results}
HASIM=${HASIM:-npx hasim}
JOB_COMPLETION_INDEX=0
while [ "$JOB_COMPLETION_INDEX" -lt "$SHARDS" ]; do
  $HASIM run "$EXPERIMENT" --out "$OUT" --workers "${HASIM_CPUS:-1}" --quiet \
    --shard "$((JOB_COMPLETION_INDEX + 1))/$SHARDS"
  JOB_COMPLETION_INDEX=$((JOB_COMPLETION_INDEX + 1))
done
NAME=$(sed -n -E "s/^name:[[:space:]]*[\"']?([A-Za-z0-9][A-Za-z0-9._-]*)[\"']?[[:space:]]*(#.*)?$/\1/p" "$EXPERIMENT" | head -n 1)
$HASIM merge "$OUT/$NAME/shards" --out "$OUT"
