#!/bin/bash
# Prints the Kubernetes manifests that run a hasim experiment as an Indexed Job, one shard per
# completion index, and merge the shards: apply them all at once, the merge waits for the shards.
set -euo pipefail

usage() {
  cat <<'EOF'
Usage: examples/k8s/render.sh [options] EXPERIMENT_FILE [SHARDS] | kubectl apply -f -

Prints, as one YAML stream:
  ConfigMap              EXPERIMENT_FILE, mounted in the pods as /experiment/experiment.yaml
  PersistentVolumeClaim  the shared result volume, mounted as /results (ReadWriteMany)
  Job <job>-sweep        Indexed, SHARDS completions (default 8): pod with JOB_COMPLETION_INDEX
                         k runs `hasim run … --shard k+1/SHARDS` into /results/<name>/shards/
  Job <job>-merge        waits until every shard is complete, then writes /results/<name>/
Then: kubectl wait --for=condition=complete job/<job>-merge --timeout=24h

Options (environment variable, default):
  -c, --cpus N          CPUs requested per shard pod, also its --workers  (HASIM_CPUS, 1)
  -m, --mem SIZE        memory request and limit per pod, Kubernetes units: 512Mi, 2Gi  (HASIM_MEM, 1Gi)
  -i, --image IMAGE     image built from examples/k8s/Dockerfile  (HASIM_IMAGE, registry.example.com/hasim:0.1.0)
  -P, --parallelism N   shard pods at once  (HASIM_PARALLELISM, SHARDS)
  -s, --storage SIZE    size of the result volume  (HASIM_STORAGE, 5Gi)
  -j, --job NAME        prefix of the objects' names  (HASIM_JOB, hasim-<experiment name>)
  -n, --name NAME       the experiment's name, when its top-level `name:` line cannot be read
  -h, --help            this text
EOF
}

die() { echo "render.sh: $*" >&2; exit 2; }

CPUS=${HASIM_CPUS:-1}
MEM=${HASIM_MEM:-1Gi}
IMAGE=${HASIM_IMAGE:-registry.example.com/hasim:0.1.0}
PARALLELISM=${HASIM_PARALLELISM:-}
STORAGE=${HASIM_STORAGE:-5Gi}
JOB=${HASIM_JOB:-}
NAME=
POSITIONAL=()
while [ $# -gt 0 ]; do
  case "$1" in
    -c | --cpus | -m | --mem | -i | --image | -P | --parallelism | -s | --storage | -j | --job | -n | --name)
      [ $# -ge 2 ] || die "$1 needs a value"
      case "$1" in
        -c | --cpus) CPUS=$2 ;; -m | --mem) MEM=$2 ;; -i | --image) IMAGE=$2 ;;
        -P | --parallelism) PARALLELISM=$2 ;; -s | --storage) STORAGE=$2 ;;
        -j | --job) JOB=$2 ;; -n | --name) NAME=$2 ;;
      esac
      shift 2 ;;
    --*=*) set -- "${1%%=*}" "${1#*=}" "${@:2}" ;;
    -h | --help) usage; exit 0 ;;
    -*) die "unknown option $1 (see --help)" ;;
    *) POSITIONAL+=("$1"); shift ;;
  esac
done
[ ${#POSITIONAL[@]} -ge 1 ] && [ ${#POSITIONAL[@]} -le 2 ] || { usage >&2; exit 2; }
EXPERIMENT=${POSITIONAL[0]}
SHARDS=${POSITIONAL[1]:-8}
PARALLELISM=${PARALLELISM:-$SHARDS}
whole='^[1-9][0-9]*$'
[[ "$SHARDS" =~ $whole ]] || die "SHARDS must be a whole number ≥ 1, got '$SHARDS'"
[[ "$CPUS" =~ $whole ]] || die "--cpus (HASIM_CPUS) must be a whole number ≥ 1, got '$CPUS'"
[[ "$PARALLELISM" =~ $whole ]] || die "--parallelism (HASIM_PARALLELISM) must be a whole number ≥ 1, got '$PARALLELISM'"
[[ "$MEM" =~ ^[0-9]+(\.[0-9]+)?([KMGTPE]i?)?$ ]] || die "--mem (HASIM_MEM) must be a Kubernetes quantity such as 512Mi or 2Gi, got '$MEM'"
[[ "$STORAGE" =~ ^[0-9]+(\.[0-9]+)?([KMGTPE]i?)?$ ]] || die "--storage (HASIM_STORAGE) must be a Kubernetes quantity such as 5Gi, got '$STORAGE'"
[ -f "$EXPERIMENT" ] || die "$EXPERIMENT: no such file"

if [ -z "$NAME" ]; then
  NAME=$(sed -n -E "s/^name:[[:space:]]*[\"']?([A-Za-z0-9][A-Za-z0-9._-]*)[\"']?[[:space:]]*(#.*)?$/\1/p" "$EXPERIMENT" | head -n 1)
  [ -n "$NAME" ] || die "$EXPERIMENT: no top-level 'name: …' line to read the result folder from; give it with --name"
fi
# Object names are DNS labels: lower case, digits and '-', at most 63 characters with the suffix.
JOB=${JOB:-hasim-$(printf '%s' "$NAME" | tr 'A-Z._' 'a-z--' | cut -c1-50)}
JOB=${JOB%-}
[[ "$JOB" =~ ^[a-z0-9]([a-z0-9-]{0,55}[a-z0-9])?$ ]] || die "--job must be lower-case letters, digits and '-' (at most 57), got '$JOB'"

cat <<EOF
# hasim experiment ${NAME}: ${SHARDS} shards, ${CPUS} CPU and ${MEM} per pod, image ${IMAGE}.
# Rendered by examples/k8s/render.sh from ${EXPERIMENT}.
apiVersion: v1
kind: ConfigMap
metadata:
  name: ${JOB}-experiment
data:
  experiment.yaml: |
$(sed 's/^/    /' "$EXPERIMENT")
---
# Shared storage for the shards and the merged result (every pod mounts it).
apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: ${JOB}-results
spec:
  accessModes: [ReadWriteMany]
  resources:
    requests:
      storage: ${STORAGE}
---
# One shard per completion index. Kubernetes numbers them 0..N-1 in JOB_COMPLETION_INDEX;
# hasim's shards are 1..N, hence the +1. A restarted pod (restartPolicy OnFailure, node drained)
# runs the same command and resumes from the runs its shard already finished.
apiVersion: batch/v1
kind: Job
metadata:
  name: ${JOB}-sweep
spec:
  completionMode: Indexed
  completions: ${SHARDS}
  parallelism: ${PARALLELISM}
  backoffLimit: $((SHARDS * 3)) # on Kubernetes ≥ 1.29 prefer backoffLimitPerIndex: 3
  template:
    spec:
      restartPolicy: OnFailure
      containers:
        - name: hasim
          image: ${IMAGE}
          env:
            - { name: EXPERIMENT, value: /experiment/experiment.yaml }
            - { name: RESULTS, value: /results }
            - { name: SHARDS, value: "${SHARDS}" }
            - { name: WORKERS, value: "${CPUS}" }
          command: ["sh", "-c"]
          args:
            - >-
              exec node /app/dist/src/cli/main.js run "\$EXPERIMENT"
              --out "\$RESULTS" --workers "\$WORKERS"
              --shard "\$((JOB_COMPLETION_INDEX + 1))/\$SHARDS"
          resources:
            requests: { cpu: "${CPUS}", memory: ${MEM} }
            limits: { memory: ${MEM} }
          volumeMounts:
            - { name: experiment, mountPath: /experiment, readOnly: true }
            - { name: results, mountPath: /results }
      volumes:
        - name: experiment
          configMap: { name: ${JOB}-experiment }
        - name: results
          persistentVolumeClaim: { claimName: ${JOB}-results }
---
# Merges the shards into /results/${NAME}/ (runs.csv, summary.csv, meta.json), the same bytes an
# unsharded run writes. Its init container waits until every shard 1..N is complete: a shard
# folder with meta.json and no .publish/ (hasim's commit point), so it can be applied with the sweep.
apiVersion: batch/v1
kind: Job
metadata:
  name: ${JOB}-merge
spec:
  backoffLimit: 2
  template:
    spec:
      restartPolicy: Never
      initContainers:
        - name: wait-for-shards
          image: ${IMAGE}
          env:
            - { name: SHARDS_DIR, value: /results/${NAME}/shards }
            - { name: SHARDS, value: "${SHARDS}" }
            - { name: POLL_SECONDS, value: "10" }
          command: ["sh", "-c"]
          args:
            - |
              i=1
              while [ "\$i" -le "\$SHARDS" ]; do
                d="\$SHARDS_DIR/\$i-of-\$SHARDS"
                if [ -f "\$d/meta.json" ] && [ ! -e "\$d/.publish" ]; then
                  i=\$((i + 1))
                else
                  sleep "\$POLL_SECONDS"
                fi
              done
          volumeMounts:
            - { name: results, mountPath: /results }
      containers:
        - name: merge
          image: ${IMAGE}
          args: ["merge", "/results/${NAME}/shards", "--out", "/results"]
          resources:
            requests: { cpu: "1", memory: ${MEM} }
            limits: { memory: ${MEM} }
          volumeMounts:
            - { name: results, mountPath: /results }
      volumes:
        - name: results
          persistentVolumeClaim: { claimName: ${JOB}-results }
EOF
