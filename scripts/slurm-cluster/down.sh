#!/usr/bin/env bash
# down.sh — tear down what up.sh (same folder) built, and only that. Idempotent: safe to run when
# nothing is up. Stops processes only by PID:
#   netns mode:    every PID inside the recorded namespaces (`ip netns pids NS`): slurmctld,
#                  the slurmd's, their slurmstepd's and any job processes. Nothing outside
#                  those namespaces can be in them, so nothing else is touched.
#   loopback mode: every process whose UTS namespace is one of the UTS namespaces up.sh
#                  made for slurmctld and the slurmd's (daemons, slurmstepd, job tasks),
#                  then the recorded slurmctld/slurmd PIDs if still there.
#   munged:        only if up.sh started it (PID recorded in /run/fractal-slurm/munged.pid).
# Then deletes the namespaces (which removes the bridge and the veth pairs), the generated
# /etc/slurm/slurm.conf (only if it carries up.sh's marker; a backed-up original is
# restored), /etc/netns/fractal-*, the spool dir and the state dir. Logs are kept in
# /var/log/fractal-slurm/ for post-mortems. Installed packages are left alone.
set -uo pipefail

STATE=/run/fractal-slurm
SPOOL=/var/spool/fractal-slurm
CONF=/etc/slurm/slurm.conf
MARKER='# managed-by: fractal-slurm'
GRACE=${FRACTAL_SLURM_GRACE:-10}     # seconds between SIGTERM and SIGKILL

log() { printf '[down.sh %s] %s\n' "$(date +%T)" "$*" >&2; }
[ "$(id -u)" = 0 ] || { log "must run as root"; exit 1; }
if [ -z "${FRACTAL_SLURM_LOCKED:-}" ]; then
  exec 9>/run/lock/fractal-slurm.lock
  flock -w 600 9 || { log "another up.sh/down.sh held /run/lock/fractal-slurm.lock for 600 s"; exit 1; }
  export FRACTAL_SLURM_LOCKED=1
fi

# alive PID: true if the process exists and is not a zombie. (On this VM, PID 1 reaps orphaned
# daemons only lazily, so a stopped daemon can linger as a zombie for a few seconds and
# `kill -0` alone would call it alive.)
alive() { local st; st=$(sed -E 's/^.*\) //' "/proc/$1/stat" 2>/dev/null | cut -c1); [ -n "$st" ] && [ "$st" != Z ]; }

# stop_pids PID... : SIGTERM, wait up to $GRACE s, then SIGKILL whatever is left
stop_pids() {
  local pids=() p
  for p in "$@"; do [[ $p =~ ^[0-9]+$ ]] && [ "$p" != "$$" ] && alive "$p" && pids+=("$p"); done
  [ ${#pids[@]} -gt 0 ] || return 0
  kill -TERM "${pids[@]}" 2>/dev/null
  for _ in $(seq 1 $((GRACE * 10))); do
    local still=0
    for p in "${pids[@]}"; do alive "$p" && still=1; done
    [ $still = 0 ] && return 0
    sleep 0.1
  done
  for p in "${pids[@]}"; do alive "$p" && { log "SIGKILL $p ($(cat /proc/$p/comm 2>/dev/null))"; kill -KILL "$p" 2>/dev/null; }; done
  sleep 0.2
}

# ---------------------------------------------------------------- cancel jobs first
# slurmstepd ignores SIGTERM, so without this a running job costs the full $GRACE and a
# SIGKILL. Cancel through Slurm while the controller is still there (bounded: 5 s + 8 s).
if [ -f "$STATE/up" ]; then
  if [ "$(cat "$STATE/mode" 2>/dev/null)" = netns ]; then cl=(ip netns exec fractal-head); else cl=(); fi
  jobs=$("${cl[@]}" timeout 5 squeue -h -o %i 2>/dev/null | tr '\n' ' ')
  if [ -n "${jobs// /}" ]; then
    log "cancelling jobs: $jobs"
    # shellcheck disable=SC2086
    "${cl[@]}" timeout 5 scancel $jobs 2>/dev/null
    for _ in $(seq 1 80); do
      [ -z "$("${cl[@]}" timeout 5 squeue -h -t running,completing,pending -o %i 2>/dev/null)" ] && break
      sleep 0.1
    done
  fi
fi

# ---------------------------------------------------------------- namespaces (netns mode)
# recorded names, plus any namespace that still follows up.sh's naming scheme
# (in case /run/fractal-slurm was lost)
namespaces=$( { cat "$STATE/namespaces" 2>/dev/null; ip netns list 2>/dev/null | awk '{print $1}' | grep -E '^fractal-(head|n[0-9]+)$'; } | sort -u)
if [ -n "$namespaces" ]; then
  # stop the slurmd's (and their jobs) before slurmctld, so the controller does not requeue anything
  for ns in $(echo "$namespaces" | grep -v '^fractal-head$') fractal-head; do
    ip netns list | awk '{print $1}' | grep -qx "$ns" || continue
    # shellcheck disable=SC2046
    stop_pids $(ip netns pids "$ns" 2>/dev/null)
  done
  for ns in $namespaces; do
    ip netns list | awk '{print $1}' | grep -qx "$ns" || continue
    left=$(ip netns pids "$ns" 2>/dev/null | tr '\n' ' ')
    [ -n "$left" ] && log "WARNING: processes still in $ns: $left"
    ip netns del "$ns" && log "deleted namespace $ns"
    rm -rf "/etc/netns/$ns"
  done
  rmdir /etc/netns 2>/dev/null || true
fi

# ---------------------------------------------------------------- loopback mode
if [ -d "$STATE" ]; then
  uts_list=$(cat "$STATE"/uts-* 2>/dev/null | sort -u)
  if [ "$(cat "$STATE/mode" 2>/dev/null)" = loopback ] && [ -n "$uts_list" ]; then
    in_uts=()
    for d in /proc/[0-9]*; do
      u=$(readlink "$d/ns/uts" 2>/dev/null) || continue
      echo "$uts_list" | grep -qxF "$u" && in_uts+=("${d#/proc/}")
    done
    [ ${#in_uts[@]} -gt 0 ] && stop_pids "${in_uts[@]}"
  fi
  # slurmctld / slurmd pid files (already gone in netns mode: the daemons remove them on exit)
  for f in "$STATE"/slurmd-n*.pid "$STATE"/slurmctld.pid; do
    [ -f "$f" ] || continue
    p=$(cat "$f"); c=$(cat "/proc/$p/comm" 2>/dev/null || true)
    case $c in slurmd|slurmctld) stop_pids "$p" ;; esac   # guard against PID reuse
  done
  if [ -f "$STATE/munged.pid" ]; then
    p=$(cat "$STATE/munged.pid")
    [ "$(cat "/proc/$p/comm" 2>/dev/null)" = munged ] && stop_pids "$p" && log "stopped munged $p"
  fi
fi

# ---------------------------------------------------------------- files
if [ -f "$CONF" ] && head -n1 "$CONF" | grep -qF "$MARKER"; then
  rm -f "$CONF"
  [ -f "$STATE/slurm.conf.orig" ] && cp -p "$STATE/slurm.conf.orig" "$CONF" && log "restored original $CONF"
fi
rm -rf "$SPOOL" "$STATE"
log "down"
