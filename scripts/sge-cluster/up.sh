#!/usr/bin/env bash
# up.sh — bring up a throw-away, REAL multi-node Grid Engine cluster (Debian's gridengine-master,
# gridengine-exec and gridengine-client, Son of Grid Engine 8.1.9) on this one machine, as root,
# from scratch; fractal's Grid Engine end-to-end test runs on it. Built like ../slurm-cluster/up.sh:
# one Linux network namespace per emulated node, each daemon with its own hostname and /etc/hosts.
#
#   fractal-sge-head   sge_qmaster + a bridge br0 (10.198.0.1/24), hostname "head": the login node
#   fractal-sge-nI     sge_execd for node nI, veth eth0 = 10.198.0.(10+I)/24, hostname "nI"
#
# 10.198.0.0/24 exists only inside these namespaces. Every namespace shares this machine's
# filesystem, so $SGE_ROOT/default/common (act_qmaster, bootstrap) and the run directories are
# "shared" as on a real cluster. One queue, all.q (2 slots per node), and one parallel environment,
# mpi ($round_robin, control_slaves TRUE: tightly integrated, so Open MPI's mpirun starts its
# daemons with `qrsh -inherit` and Grid Engine tracks and stops every task).
#
# Idempotent: a healthy cluster of the same size is reused; leftovers are torn down first.
# Client commands must run inside the head namespace: ip netns exec fractal-sge-head qsub ...,
# or PATH=/run/fractal-sge/bin:$PATH qsub ... (wrappers made below).
#
#   FRACTAL_SGE_NODES     number of execution hosts (default 4, max 50)
#   FRACTAL_SGE_INSTALL   1 = apt-get install the packages if missing (default 1)
#   FRACTAL_SGE_TIMEOUT   seconds to wait for every host to report (default 90)
set -euo pipefail

NODES=${FRACTAL_SGE_NODES:-4}
INSTALL=${FRACTAL_SGE_INSTALL:-1}
TIMEOUT=${FRACTAL_SGE_TIMEOUT:-90}
STATE=/run/fractal-sge
LOGDIR=/var/log/fractal-sge
HEAD_NS=fractal-sge-head
SUBNET=10.198.0
HEAD_IP=$SUBNET.1
export SGE_ROOT=/var/lib/gridengine SGE_CELL=default
SPOOL=/var/spool/gridengine
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

log() { printf '[sge up.sh %s] %s\n' "$(date +%T)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

[ "$(id -u)" = 0 ] || die "must run as root"
if [ -z "${FRACTAL_SGE_LOCKED:-}" ]; then
  exec 9>/run/lock/fractal-sge.lock
  flock -w 600 9 || die "another up.sh/down.sh held /run/lock/fractal-sge.lock for 600 s"
  export FRACTAL_SGE_LOCKED=1
fi
[[ $NODES =~ ^[0-9]+$ ]] && [ "$NODES" -ge 1 ] && [ "$NODES" -le 50 ] || die "bad FRACTAL_SGE_NODES=$NODES"
node_ip() { echo "$SUBNET.$((10 + $1))"; }
# a client on the login node: its namespace, its /etc/hosts (ip netns exec binds it) and its name,
# which every Grid Engine command resolves before it talks to the qmaster
client() { ip netns exec "$HEAD_NS" unshare --uts sh -c 'hostname head && exec "$@"' sh "$@"; }
pid_alive() { local st; [ -n "${1:-}" ] || return 1; st=$(sed -E 's/^.*\) //' "/proc/$1/stat" 2>/dev/null | cut -c1); [ -n "$st" ] && [ "$st" != Z ]; }
reporting_hosts() { client timeout 10 qhost 2>/dev/null | awk 'NR > 3 && $4 != "-" { n++ } END { print n + 0 }'; }

healthy() {
  [ -f "$STATE/up" ] && [ "$(cat "$STATE/nodes" 2>/dev/null)" = "$NODES" ] || return 1
  local f
  for f in qmaster $(seq -f 'execd-n%g' 1 "$NODES"); do pid_alive "$(cat "$STATE/$f.pid" 2>/dev/null)" || return 1; done
  [ "$(reporting_hosts)" = "$NODES" ]
}
if healthy; then log "cluster already up ($NODES nodes)"; exit 0; fi
if [ -e "$STATE" ] || ip netns list 2>/dev/null | grep -qE '^fractal-sge-'; then
  log "leftovers of an earlier cluster found: tearing them down first"
  bash "$HERE/down.sh"
fi

T0=$(date +%s.%N)
if [ ! -x /usr/sbin/sge_qmaster ] || [ ! -x /usr/sbin/sge_execd ] || ! command -v qsub >/dev/null; then
  [ "$INSTALL" = 1 ] || die "gridengine not installed and FRACTAL_SGE_INSTALL=0"
  log "installing gridengine-master gridengine-exec gridengine-client (apt)"
  export DEBIAN_FRONTEND=noninteractive
  # the packages ask whether to configure a cell and for the master's name: no (this script
  # does it, for the master "head" of the namespaces), and the answers are given beforehand
  debconf-set-selections <<'EOF'
gridengine-common shared/gridengineconfig boolean false
gridengine-common shared/gridenginecell string default
gridengine-common shared/gridenginemaster string head
EOF
  timeout 300 apt-get update -q >/dev/null
  timeout 600 apt-get install -y -q --no-install-recommends gridengine-master gridengine-exec gridengine-client >/dev/null
fi
command -v ip >/dev/null || die "iproute2 (ip) missing"
T1=$(date +%s.%N)

mkdir -p "$STATE/bin" "$LOGDIR"
rm -f "$LOGDIR"/*
echo "$NODES" > "$STATE/nodes"

# ---------------------------------------------------------------- the cell, from scratch
# the accounting file too: job ids start at 1 again, and qacct -j 1 must not find an earlier cell's job 1
rm -rf "$SPOOL/spooldb" "$SPOOL/qmaster" "$SPOOL/execd" "$SGE_ROOT/$SGE_CELL/common/act_qmaster" "$SGE_ROOT/$SGE_CELL/common/accounting"
install -d -o sgeadmin -g sgeadmin "$SPOOL/spooldb" "$SPOOL/qmaster" "$SPOOL/qmaster/job_scripts" "$SPOOL/execd"
runuser -u sgeadmin -- /usr/share/gridengine/scripts/init_cluster "$SGE_ROOT" "$SGE_CELL" "$SPOOL/spooldb" sgeadmin \
  >"$LOGDIR/init_cluster.log" 2>&1 || die "init_cluster failed: $(tail -n 5 "$LOGDIR/init_cluster.log")"
# root manages the cell from the login node "head", an administrative host from the start
# (everything else is configured with qconf once the qmaster runs)
mkdir -p "$STATE/adminhosts"; echo 'hostname head' > "$STATE/adminhosts/head"
runuser -u sgeadmin -- env SGE_ROOT="$SGE_ROOT" SGE_CELL="$SGE_CELL" sh -c \
  "/usr/lib/gridengine/spooldefaults managers root && /usr/lib/gridengine/spooldefaults adminhosts $STATE/adminhosts" \
  >>"$LOGDIR/init_cluster.log" 2>&1 || die "spooldefaults failed: $(tail -n 5 "$LOGDIR/init_cluster.log")"
echo head > "$SGE_ROOT/$SGE_CELL/common/act_qmaster"
chown sgeadmin:sgeadmin "$SGE_ROOT/$SGE_CELL/common/act_qmaster"

hosts_file() {
  echo "127.0.0.1 localhost"
  echo "$HEAD_IP head"
  for i in $(seq 1 "$NODES"); do echo "$(node_ip "$i") n$i"; done
}
# start_daemon NETNS HOSTNAME NAME CMD...: as ../slurm-cluster/up.sh does, with the network
# namespace entered by nsenter, its own UTS namespace (hostname) and a private /etc/hosts.
start_daemon() {
  local ns=$1 hn=$2 name=$3; shift 3
  nsenter "--net=/run/netns/$ns" unshare --uts --mount --propagation private \
    sh -c 'mount --bind "$1" /etc/hosts && hostname "$2" && shift 2 && exec "$@"' sh "/etc/netns/$ns/hosts" "$hn" "$@" \
    </dev/null >>"$LOGDIR/$name.stdio" 2>&1 9>&- || die "$name failed to start (exit $?): $(tail -n 5 "$LOGDIR/$name.stdio")"
}

echo "$HEAD_NS" > "$STATE/namespaces"
ip netns add "$HEAD_NS"
ip -n "$HEAD_NS" link set lo up
ip -n "$HEAD_NS" link add br0 type bridge
ip -n "$HEAD_NS" addr add "$HEAD_IP/24" dev br0
ip -n "$HEAD_NS" link set br0 up
mkdir -p "/etc/netns/$HEAD_NS"; hosts_file > "/etc/netns/$HEAD_NS/hosts"
for i in $(seq 1 "$NODES"); do
  ns=fractal-sge-n$i
  echo "$ns" >> "$STATE/namespaces"
  ip netns add "$ns"
  ip -n "$ns" link set lo up
  ip -n "$HEAD_NS" link add "v$i" type veth peer name eth0 netns "$ns"
  ip -n "$HEAD_NS" link set "v$i" master br0 up
  ip -n "$ns" addr add "$(node_ip "$i")/24" dev eth0
  ip -n "$ns" link set eth0 up
  mkdir -p "/etc/netns/$ns"; hosts_file > "/etc/netns/$ns/hosts"
done

# client wrappers: from the root namespace, run the real command in the head namespace (with the
# head's /etc/hosts, which ip netns exec binds); from inside a cluster namespace, run it directly
for c in qsub qstat qacct qdel qhost qconf qrsh qalter qmod; do
  cat > "$STATE/bin/$c" <<EOF
#!/bin/sh
export SGE_ROOT=$SGE_ROOT SGE_CELL=$SGE_CELL
case "\$(ip netns identify \$\$ 2>/dev/null)" in
  fractal-sge-*) exec /usr/bin/$c "\$@" ;;
  *) exec ip netns exec $HEAD_NS unshare --uts sh -c 'hostname head && exec "\$@"' sh /usr/bin/$c "\$@" ;;
esac
EOF
  chmod +x "$STATE/bin/$c"
done

wait_for() { local what=$1 t=$2; shift 2; for _ in $(seq 1 $((t * 4))); do "$@" && return 0; sleep 0.25; done; die "$what after ${t}s"; }
qmaster_pid() { pgrep -n -f '^/usr/lib/gridengine/sge_qmaster' || pgrep -n -x sge_qmaster; }

start_daemon "$HEAD_NS" head qmaster /usr/sbin/sge_qmaster
wait_for "qmaster does not answer ($(tail -n 3 "$SPOOL/qmaster/messages" 2>/dev/null))" 30 sh -c "$STATE/bin/qconf -sh >/dev/null 2>&1"
cp "$SPOOL/qmaster/qmaster.pid" "$STATE/qmaster.pid"

# ---------------------------------------------------------------- configuration
conf() { local f; f=$(mktemp); cat > "$f"; client qconf "$@" "$f" >>"$LOGDIR/qconf.log" 2>&1 || die "qconf $* failed: $(tail -n 3 "$LOGDIR/qconf.log")"; rm -f "$f"; }
# jobs run as root here (min_uid/min_gid 0); accounting is written at once, so qacct knows a job
# the moment it ends; the execds report (and check their jobs' s_rt/h_rt) every 5 s, not 40 s,
# so a short test job's time limit is enforced when it passes; and a job is stopped by the extra
# group id Grid Engine gives all its processes (ENABLE_ADDGRP_KILL), not by its process group alone,
# which the tasks mpirun starts have left
# -Mconf reads configurations from files named after them
mkdir -p "$STATE/conf"
client qconf -sconf global | sed -E -e 's/^(min_uid|min_gid) .*/\1 0/' \
  -e 's/^reporting_params .*/reporting_params accounting=true reporting=false flush_time=00:00:01 joblog=false sharelog=00:00:00 accounting_flush_time=00:00:00/' \
  -e 's/^load_report_time .*/load_report_time 00:00:05/' \
  -e 's/^execd_params .*/execd_params ENABLE_ADDGRP_KILL=TRUE/' \
  > "$STATE/conf/global"
client qconf -Mconf "$STATE/conf/global" >>"$LOGDIR/qconf.log" 2>&1 || die "qconf -Mconf failed: $(tail -n 3 "$LOGDIR/qconf.log")"
client qconf -as head >>"$LOGDIR/qconf.log" 2>&1
for i in $(seq 1 "$NODES"); do client qconf -ah "n$i" >>"$LOGDIR/qconf.log" 2>&1; client qconf -as "n$i" >>"$LOGDIR/qconf.log" 2>&1; done
# scheduling at once instead of every 15 s
client qconf -ssconf | sed -E -e 's/^schedule_interval .*/schedule_interval 0:0:1/' -e 's/^flush_submit_sec .*/flush_submit_sec 1/' \
  -e 's/^flush_finish_sec .*/flush_finish_sec 1/' | conf -Msconf
for i in $(seq 1 "$NODES"); do
  printf 'hostname n%s\nload_scaling NONE\ncomplex_values NONE\nuser_lists NONE\nxuser_lists NONE\nprojects NONE\nxprojects NONE\nusage_scaling NONE\nreport_variables NONE\n' "$i" | conf -Ae
done
printf 'group_name @allhosts\nhostlist %s\n' "$(seq -f 'n%g' -s ' ' 1 "$NODES")" | conf -Ahgrp
conf -Ap <<'EOF'
pe_name            mpi
slots              9999
user_lists         NONE
xuser_lists        NONE
start_proc_args    NONE
stop_proc_args     NONE
allocation_rule    $round_robin
control_slaves     TRUE
job_is_first_task  FALSE
urgency_slots      min
accounting_summary FALSE
qsort_args         NONE
EOF
client qconf -sq all.q 2>/dev/null >/dev/null && client qconf -dq all.q >>"$LOGDIR/qconf.log" 2>&1
# the template queue Grid Engine prints, with our hosts, slots, PE and bash
client qconf -sq | sed -E -e 's/^qname .*/qname all.q/' -e 's/^hostlist .*/hostlist @allhosts/' -e 's/^slots .*/slots 2/' \
  -e 's/^pe_list .*/pe_list mpi/' -e 's/^shell .*/shell \/bin\/bash/' -e 's/^shell_start_mode .*/shell_start_mode unix_behavior/' \
  -e 's/^rerun .*/rerun FALSE/' -e 's/^load_thresholds .*/load_thresholds NONE/' | conf -Aq

for i in $(seq 1 "$NODES"); do
  install -d -o sgeadmin -g sgeadmin "$SPOOL/execd/n$i"
  start_daemon "fractal-sge-n$i" "n$i" "execd-n$i" /usr/sbin/sge_execd
done
for i in $(seq 1 "$NODES"); do
  wait_for "execd n$i did not start ($(tail -n 3 "$SPOOL/execd/n$i/messages" 2>/dev/null))" 30 test -s "$SPOOL/execd/n$i/execd.pid"
  cp "$SPOOL/execd/n$i/execd.pid" "$STATE/execd-n$i.pid"
done
wait_for "not every host reports a load ($(client qhost 2>&1 | tail -n +4 | tr '\n' ';'))" "$TIMEOUT" sh -c "[ \"\$($STATE/bin/qhost 2>/dev/null | awk 'NR > 3 && \$4 != \"-\" { n++ } END { print n + 0 }')\" = $NODES ]"
T2=$(date +%s.%N)
touch "$STATE/up"
log "cluster up: nodes=$NODES packages=$(awk "BEGIN{printf \"%.1f\", $T1-$T0}")s daemons=$(awk "BEGIN{printf \"%.1f\", $T2-$T1}")s"
log "clients: ip netns exec $HEAD_NS qsub ...   or   PATH=$STATE/bin:\$PATH qsub ..."
client qhost >&2
