#!/usr/bin/env bash
# `make cluster-test`: a real single-node Slurm on this machine (Debian's slurm-wlm and munge;
# slurmctld + slurmd with a generated slurm.conf, proctrack/linuxproc, task/none; as root).
# Submits the tiny plan through scripts/slurm/submit.sh (array jobs per stage, merge afterok),
# waits, runs the same plan locally in one process, and compares every merged CSV with the
# timing columns (solve_time_s, decision_time_s, deadline_missed) emptied. Stops the daemons it
# started. Exit 0 only if the cluster's merge equals the local run.
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$repo"
plan="${PLAN:-tiny}"
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null && exec sudo -E "$0" "$@"
  echo "cluster-test: must run as root (it starts slurmctld, slurmd and munged)" >&2
  exit 77
fi

if ! command -v slurmctld >/dev/null || ! command -v slurmd >/dev/null || ! command -v munged >/dev/null; then
  echo "cluster-test: installing slurm-wlm and munge" >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends slurm-wlm munge >/dev/null
fi
[ -x .build/release/isactwin ] || swift build -c release

work="$(mktemp -d /tmp/isactwin-cluster.XXXXXX)"
chmod 755 "$work"
host="$(hostname -s)"
cpus="$(nproc)"
mem=$(( $(awk '/MemTotal/ {print $2}' /proc/meminfo) / 1024 / 2 ))
started_munge=""
pids=()

stop() {
  local status=$?
  for pidfile in "$work/slurmd.pid" "$work/slurmctld.pid"; do
    if [ -s "$pidfile" ]; then
      pid="$(cat "$pidfile")"
      kill "$pid" 2>/dev/null || true
      for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    fi
  done
  if [ -n "$started_munge" ] && [ -s "$work/munged.pid" ]; then kill "$(cat "$work/munged.pid")" 2>/dev/null || true; fi
  if [ $status -ne 0 ]; then
    echo "cluster-test: FAILED (logs in $work)" >&2
    tail -n 20 "$work"/*.log 2>/dev/null >&2 || true
  else
    rm -rf "$work"
  fi
  exit $status
}
trap stop EXIT

# munge: the packaged key, our own daemon unless one already answers.
if ! munge -n </dev/null >/dev/null 2>&1; then
  [ -s /etc/munge/munge.key ] || { mungekey --create --keyfile /etc/munge/munge.key 2>/dev/null || dd if=/dev/urandom bs=1 count=1024 of=/etc/munge/munge.key 2>/dev/null; }
  chown munge:munge /etc/munge/munge.key 2>/dev/null || true
  chmod 400 /etc/munge/munge.key
  mkdir -p /run/munge /var/log/munge /var/lib/munge
  chown munge:munge /run/munge /var/log/munge /var/lib/munge 2>/dev/null || true
  runuser -u munge -- /usr/sbin/munged 2>"$work/munged.log" || /usr/sbin/munged --force 2>>"$work/munged.log"
  started_munge=yes
  for _ in $(seq 50); do munge -n </dev/null >/dev/null 2>&1 && break; sleep 0.1; done
  cat /run/munge/munged.pid >"$work/munged.pid" 2>/dev/null || true
fi

mkdir -p "$work/state" "$work/spool"
cat >"$work/slurm.conf" <<CONF
ClusterName=isactwin-test
SlurmctldHost=$host
SlurmUser=root
SlurmdUser=root
SlurmctldPort=${SLURMCTLD_PORT:-6817}
SlurmdPort=${SLURMD_PORT:-6818}
AuthType=auth/munge
StateSaveLocation=$work/state
SlurmdSpoolDir=$work/spool
SlurmctldPidFile=$work/slurmctld.pid
SlurmdPidFile=$work/slurmd.pid
SlurmctldLogFile=$work/slurmctld.log
SlurmdLogFile=$work/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
MpiDefault=none
ReturnToService=2
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
MinJobAge=600
SlurmdTimeout=60
NodeName=$host CPUs=$cpus RealMemory=$mem State=UNKNOWN
PartitionName=test Nodes=$host Default=YES MaxTime=INFINITE State=UP
CONF
export SLURM_CONF="$work/slurm.conf"

t0=$(date +%s)
slurmctld -f "$SLURM_CONF"
slurmd -f "$SLURM_CONF"
for _ in $(seq 100); do
  sinfo -h -o %T 2>/dev/null | grep -qE '^idle' && break
  sleep 0.2
done
sinfo -h -o %T | grep -qE '^idle' || { echo "cluster-test: the node never became idle" >&2; sinfo >&2 || true; exit 1; }
echo "cluster-test: slurmctld + slurmd up on $host ($cpus CPUs) in $(( $(date +%s) - t0 )) s" >&2

run="$work/slurm-run"
merge_job=$(ISACTWIN_MERGE_ARGS=--no-plots scripts/slurm/submit.sh "$run" "$plan" | tail -n 1)
# Wait for every job of ours to leave the queue, then check the merge ran and succeeded.
for _ in $(seq 1800); do
  [ -z "$(squeue -h -o %i 2>/dev/null)" ] && break
  sleep 1
done
[ -z "$(squeue -h -o %i)" ] || { echo "cluster-test: jobs still queued after 30 min" >&2; squeue >&2; exit 1; }
state="$(scontrol show job "$merge_job" | sed -n 's/.*JobState=\([A-Z_]*\).*/\1/p')"
[ "$state" = COMPLETED ] || { echo "cluster-test: merge job $merge_job ended $state" >&2; cat "$run"/slurm/*.out >&2 || true; exit 1; }
arrays=$(ls "$run"/slurm/*-*_*.out | wc -l)
echo "cluster-test: $arrays array tasks and the merge finished on Slurm in $(( $(date +%s) - t0 )) s" >&2

local_run="$work/local-run"
.build/release/isactwin reproduce "--$plan" --no-plots --out "$local_run" >/dev/null 2>"$work/local.log"

# Compare: the same CSVs, equal after emptying the timing columns.
python3 - "$run" "$local_run" <<'PY'
import csv, io, os, sys
a, b = sys.argv[1], sys.argv[2]
timing = {"solve_time_s", "decision_time_s", "deadline_missed", "slot_time_s", "decision_p99_s"}
def figures(d):
    return sorted(f for f in os.listdir(d) if f.endswith(".csv") and f != "task_times.csv")
def rows(path):
    text = open(path).read().splitlines()
    header = text[0].split(",")
    keep = [i for i, h in enumerate(header) if h not in timing]
    return [[r.split(",")[i] for i in keep] for r in text]
fa, fb = figures(a), figures(b)
if fa != fb:
    sys.exit(f"cluster-test: different CSV files: slurm {fa}, local {fb}")
for f in fa:
    ra, rb = rows(os.path.join(a, f)), rows(os.path.join(b, f))
    if ra != rb:
        diff = next(i for i, (x, y) in enumerate(zip(ra, rb)) if x != y) if len(ra) == len(rb) else "length"
        sys.exit(f"cluster-test: {f} differs (first difference at row {diff})")
print(f"cluster-test: {len(fa)} CSVs identical between the Slurm arrays and the local run (timing columns aside): {' '.join(fa)}")
PY
# The reports differ only in the "plots not rendered" line, which names the run directory.
diff <(grep -v '^> Plots not rendered' "$run/report.md") <(grep -v '^> Plots not rendered' "$local_run/report.md") >/dev/null ||
  { echo "cluster-test: report.md differs" >&2; diff "$run/report.md" "$local_run/report.md" | head -20 >&2; exit 1; }
echo "cluster-test: report.md identical" >&2
echo "cluster-test: passed in $(( $(date +%s) - t0 )) s" >&2
