#!/bin/bash
# Usage: examples/slurm/submit.sh EXPERIMENT_FILE [SHARDS]
# Checks the file, submits one array task per shard, then a merge that waits for all of them.
set -euo pipefail
EXPERIMENT=${1:?usage: submit.sh EXPERIMENT_FILE [SHARDS]}
SHARDS=${2:-8}
HERE=$(cd "$(dirname "$0")" && pwd)

node dist/src/cli/main.js validate "$EXPERIMENT"
NAME=$(node -e 'const y=require("yaml");const fs=require("fs");console.log(y.parse(fs.readFileSync(process.argv[1],"utf8")).name)' "$EXPERIMENT")

ARRAY_JOB=$(sbatch --parsable --array="1-${SHARDS}" "$HERE/sweep.sbatch" "$EXPERIMENT")
MERGE_JOB=$(sbatch --parsable --dependency="afterok:${ARRAY_JOB}" "$HERE/merge.sbatch" "$NAME")
echo "submitted shards: job ${ARRAY_JOB} (1..${SHARDS}); merge: job ${MERGE_JOB} → ${OUT:-results}/${NAME}/"
