#!/bin/sh
# Runs what the Indexed Job's pods run, one index after the other on this machine, then the
# merge: a way to check the manifests' commands without a cluster (from the project root).
set -eu
N=${N:-8}
OUT=${OUT:-results}
EXPERIMENT=${1:-experiments/flagship.yaml}
JOB_COMPLETION_INDEX=0
while [ "$JOB_COMPLETION_INDEX" -lt "$N" ]; do
  node dist/src/cli/main.js run "$EXPERIMENT" --out "$OUT" --workers 2 --quiet --shard "$((JOB_COMPLETION_INDEX + 1))/$N"
  JOB_COMPLETION_INDEX=$((JOB_COMPLETION_INDEX + 1))
done
NAME=$(node -e 'const y=require("yaml");const fs=require("fs");console.log(y.parse(fs.readFileSync(process.argv[1],"utf8")).name)' "$EXPERIMENT")
node dist/src/cli/main.js merge "$OUT/$NAME/shards" --out "$OUT"
