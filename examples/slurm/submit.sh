#!/bin/bash
# Submits a hasim experiment to Slurm: one array task per shard, then a merge job that starts
# once every shard has succeeded. Prints the job ids and the commands to watch them.
set -euo pipefail

usage() {
  cat <<'EOF'
Usage: examples/slurm/submit.sh [options] EXPERIMENT_FILE [SHARDS] [-- SBATCH_ARGS...]

Queues SHARDS array tasks (default 8), task I running `hasim run EXPERIMENT_FILE --shard I/SHARDS`,
and a merge job that writes <out>/<name>/ once all of them have succeeded. Run it from the folder
the results go to, on a filesystem the nodes share.

Options (environment variable, default):
  -c, --cpus N          CPUs per shard, also its --workers  (HASIM_CPUS, 1)
  -m, --mem SIZE        memory per job, Slurm units: 512M, 2G  (HASIM_MEM, 1G)
  -t, --time LIMIT      time limit per job, Slurm format: 30, 2:00:00, 1-0  (HASIM_TIME, 01:00:00)
  -p, --partition NAME  partition of every job  (HASIM_PARTITION, the cluster's default)
  -o, --out DIR         result folder  (OUT, results)
  -n, --name NAME       the experiment's name, when its top-level `name:` line cannot be read
  -h, --help            this text
  -- SBATCH_ARGS        passed to every sbatch call, e.g. -- --account=lab --qos=short
                        (also HASIM_SBATCH_ARGS, split on spaces)
Inside the jobs hasim is run as $HASIM (default: npx hasim).
EOF
}

die() { echo "submit.sh: $*" >&2; exit 2; }

CPUS=${HASIM_CPUS:-1}
MEM=${HASIM_MEM:-1G}
TIME=${HASIM_TIME:-01:00:00}
PARTITION=${HASIM_PARTITION:-}
OUT=${OUT:-results}
NAME=
read -r -a EXTRA <<<"${HASIM_SBATCH_ARGS:-}"
POSITIONAL=()
while [ $# -gt 0 ]; do
  case "$1" in
    -c | --cpus) [ $# -ge 2 ] || die "$1 needs a value"; CPUS=$2; shift 2 ;;
    -m | --mem) [ $# -ge 2 ] || die "$1 needs a value"; MEM=$2; shift 2 ;;
    -t | --time) [ $# -ge 2 ] || die "$1 needs a value"; TIME=$2; shift 2 ;;
    -p | --partition) [ $# -ge 2 ] || die "$1 needs a value"; PARTITION=$2; shift 2 ;;
    -o | --out) [ $# -ge 2 ] || die "$1 needs a value"; OUT=$2; shift 2 ;;
    -n | --name) [ $# -ge 2 ] || die "$1 needs a value"; NAME=$2; shift 2 ;;
    --cpus=* | --mem=* | --time=* | --partition=* | --out=* | --name=*)
      set -- "${1%%=*}" "${1#*=}" "${@:2}" ;;
    -h | --help) usage; exit 0 ;;
    --) shift; EXTRA+=("$@"); break ;;
    -*) die "unknown option $1 (sbatch options go after --; see --help)" ;;
    *) POSITIONAL+=("$1"); shift ;;
  esac
done
[ ${#POSITIONAL[@]} -ge 1 ] && [ ${#POSITIONAL[@]} -le 2 ] || { usage >&2; exit 2; }
EXPERIMENT=${POSITIONAL[0]}
SHARDS=${POSITIONAL[1]:-8}
[[ "$SHARDS" =~ ^[1-9][0-9]*$ ]] || die "SHARDS must be a whole number ≥ 1, got '$SHARDS'"
[[ "$CPUS" =~ ^[1-9][0-9]*$ ]] || die "--cpus (HASIM_CPUS) must be a whole number ≥ 1, got '$CPUS'"
[ -f "$EXPERIMENT" ] || die "$EXPERIMENT: no such file"

HERE=$(cd "$(dirname "$0")" && pwd)
read -r -a HASIM_CMD <<<"${HASIM:-npx hasim}"
export OUT HASIM="${HASIM_CMD[*]}"

# Refuse a bad file here rather than in every array task.
"${HASIM_CMD[@]}" validate "$EXPERIMENT" >&2

if [ -z "$NAME" ]; then
  NAME=$(sed -n -E "s/^name:[[:space:]]*[\"']?([A-Za-z0-9][A-Za-z0-9._-]*)[\"']?[[:space:]]*(#.*)?$/\1/p" "$EXPERIMENT" | head -n 1)
  [ -n "$NAME" ] || die "$EXPERIMENT: no top-level 'name: …' line to read the result folder from; give it with --name"
fi

COMMON=(--parsable --mem="$MEM" --time="$TIME")
[ -n "$PARTITION" ] && COMMON+=(--partition="$PARTITION")
COMMON+=("${EXTRA[@]}")

ARRAY_JOB=$(sbatch "${COMMON[@]}" --cpus-per-task="$CPUS" --array="1-${SHARDS}" \
  "$HERE/sweep.sbatch" "$EXPERIMENT" "$SHARDS")
ARRAY_JOB=${ARRAY_JOB%%;*}
MERGE_JOB=$(sbatch "${COMMON[@]}" --cpus-per-task=1 --dependency="afterok:${ARRAY_JOB}" \
  "$HERE/merge.sbatch" "$NAME")
MERGE_JOB=${MERGE_JOB%%;*}

echo "shards: job ${ARRAY_JOB}, array tasks 1-${SHARDS} (${CPUS} CPU, ${MEM}, ${TIME} each) → ${OUT}/${NAME}/shards/"
echo "merge:  job ${MERGE_JOB}, starts when every shard has succeeded → ${OUT}/${NAME}/"
echo "watch:  squeue -j ${ARRAY_JOB},${MERGE_JOB}"
# sacct answers only where the cluster keeps accounting.
ACCOUNTING=$(scontrol show config 2>/dev/null | sed -n -E 's/^AccountingStorageType[[:space:]]*=[[:space:]]*//p' || true)
if command -v sacct >/dev/null 2>&1 && [ -n "$ACCOUNTING" ] && [ "$ACCOUNTING" != accounting_storage/none ]; then
  echo "        sacct -j ${ARRAY_JOB},${MERGE_JOB} --format=JobID,JobName,State,Elapsed,ExitCode"
fi
echo "logs:   slurm-hasim-shard-${ARRAY_JOB}_I.out, slurm-hasim-merge-${MERGE_JOB}.out"
echo "if shard I fails or is cancelled, run it again (it resumes its finished runs) and point the merge at it:"
echo "        scontrol requeue ${ARRAY_JOB}_I && scontrol update JobId=${MERGE_JOB} Dependency=afterok:${ARRAY_JOB}_I"

# A job that asks for more than the partition allows pends for ever; say so now.
NEVER=$(squeue -h -j "${ARRAY_JOB},${MERGE_JOB}" -o '%r' 2>/dev/null |
  grep -E '^(PartitionConfig|PartitionNodeLimit|PartitionTimeLimit|ReqNodeNotAvail|BadConstraints)' | sort -u | tr '\n' ' ' || true)
if [ -n "$NEVER" ]; then
  echo "submit.sh: warning: the jobs pend with reason ${NEVER% }: they ask for more CPUs, memory or time than the partition's nodes have; cancel them (scancel ${ARRAY_JOB} ${MERGE_JOB}) and submit with smaller --cpus/--mem/--time (see --help)" >&2
fi
