#!/usr/bin/env bash
# down.sh — tear down what up.sh built: delete the jobs, stop every process in the cluster's
# namespaces (execds, their shepherds and jobs, then the qmaster), delete the namespaces and the
# cell's state. Leaves the packages and the logs in /var/log/fractal-sge. Safe to run twice.
set -uo pipefail

STATE=/run/fractal-sge
HEAD_NS=fractal-sge-head
GRACE=${FRACTAL_SGE_GRACE:-10}     # seconds between SIGTERM and SIGKILL
export SGE_ROOT=/var/lib/gridengine SGE_CELL=default

log() { printf '[sge down.sh %s] %s\n' "$(date +%T)" "$*" >&2; }
[ "$(id -u)" = 0 ] || { log "must run as root"; exit 1; }
if [ -z "${FRACTAL_SGE_LOCKED:-}" ]; then
  exec 9>/run/lock/fractal-sge.lock
  flock -w 600 9 || { log "another up.sh/down.sh held /run/lock/fractal-sge.lock for 600 s"; exit 1; }
  export FRACTAL_SGE_LOCKED=1
fi

alive() { local st; st=$(sed -E 's/^.*\) //' "/proc/$1/stat" 2>/dev/null | cut -c1); [ -n "$st" ] && [ "$st" != Z ]; }
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

if ip netns list 2>/dev/null | awk '{print $1}' | grep -qx "$HEAD_NS"; then
  ip netns exec "$HEAD_NS" timeout 5 qdel -u '*' >/dev/null 2>&1 || true
fi
namespaces=$( { cat "$STATE/namespaces" 2>/dev/null; ip netns list 2>/dev/null | awk '{print $1}' | grep -E '^fractal-sge-'; } | sort -u)
if [ -n "$namespaces" ]; then
  # the execution hosts (and their jobs) first, the qmaster last
  for ns in $(echo "$namespaces" | grep -vx "$HEAD_NS") "$HEAD_NS"; do
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
rm -rf /var/spool/gridengine/spooldb /var/spool/gridengine/qmaster /var/spool/gridengine/execd \
  "$SGE_ROOT/$SGE_CELL/common/act_qmaster" "$SGE_ROOT/$SGE_CELL/common/accounting" "$STATE"
log "down"
