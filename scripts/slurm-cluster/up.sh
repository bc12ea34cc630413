#!/usr/bin/env bash
# up.sh — bring up a throw-away, REAL multi-node Slurm cluster (Debian's own slurmctld,
# slurmd, slurm-client and munge) on this one machine, as root, from scratch; fractal's
# end-to-end test and its Slurm benchmark run on it. Adapted from the recipe in the
# project's Slurm lab notes. Idempotent: a healthy cluster of the same mode and size is
# reused (exit 0 at once); a half-built one is torn down (down.sh) and rebuilt.
# up.sh and down.sh serialise on one lock file, so two callers never build at once.
#
# Two modes (FRACTAL_SLURM_MODE):
#
#   netns (default)  one Linux network namespace per emulated node:
#                      fractal-head  slurmctld + a bridge br0 (10.199.0.1/24); the "login node"
#                      fractal-nI    slurmd for node nI, veth eth0 = 10.199.0.(10+I)/24
#                    10.199.0.0/24 exists only inside these namespaces (the root
#                    namespace gets no address on it, no route to it, and no
#                    forwarding), so all cluster traffic stays between them.
#                    Every daemon also gets its own UTS namespace (hostname head / nI) and
#                    its own mount namespace in which /etc/netns/<ns>/hosts is bind-mounted
#                    over /etc/hosts (see start_daemon), so `hostname`, SLURMD_NODENAME and
#                    `scontrol show hostnames` all say nI and "nI" resolves to that node's IP
#                    inside every job. (`ip netns exec` does the same bind mount for clients.)
#                    Slurm CLIENT commands must run inside a cluster namespace: use
#                      ip netns exec fractal-head sbatch ...        or
#                      PATH=/run/fractal-slurm/bin:$PATH sbatch ...  (wrappers made below).
#
#   loopback         several slurmd in the root network namespace, node nI at
#                    NodeAddr=127.0.1.(10+I) (all of 127/8 is loopback) listening on port 17000+I.
#                    Each slurmd still gets its own UTS + mount namespace (hostname nI, private
#                    /etc/hosts mapping nI -> 127.0.1.(10+I)). Clients work directly from the
#                    root namespace. All "nodes" share one network stack, so two ranks that
#                    listen on the same port collide. Use it where `ip netns add` is not allowed.
#
# Environment knobs:
#   FRACTAL_SLURM_MODE         netns | loopback            (default netns)
#   FRACTAL_SLURM_NODES        number of compute nodes     (default 4, max 200)
#   FRACTAL_SLURM_CPUS         CPUs declared per node      (default 2; not enforced: task/none)
#   FRACTAL_SLURM_MIN_JOB_AGE  slurm.conf MinJobAge        (default 300; <=5 makes `sbatch --wait`
#                              poll every 2 s instead of 2 s, 8 s, then 32 s)
#   FRACTAL_SLURM_INSTALL      1 = apt-get install the packages if missing (default 1)
#   FRACTAL_SLURM_TIMEOUT      seconds to wait for all nodes to be idle (default 60)
#   FRACTAL_SLURM_RATE         netns only: each node's link limited to this rate both ways, with
#                              the kernel's tbf on both ends of its veth (e.g. 100mbit; default none)
#   FRACTAL_SLURM_DELAY        netns only: round trip added between nodes that reach each other by
#                              name (e.g. 10ms; default none), through a delaying relay in the head
#                              namespace (delay-gateway.ts) for the ports FRACTAL_SLURM_DELAY_PORTS
#                              (default 20000-20999: the ports fractal derives from job ids 0-999)
#   Both are checked once set up (check-link.ts measures them) and recorded in
#   /run/fractal-slurm/network; label the runs with them (fractal submit --label rate=... --label delay=...).
#
# Files it creates (all removed again by down.sh, except the logs):
#   /run/fractal-slurm/          state: mode, node count, namespaces, pid files, wrappers in bin/
#   /etc/slurm/slurm.conf        generated (first line is the marker "# managed-by: fractal-slurm")
#   /etc/netns/fractal-*/hosts   per-namespace /etc/hosts (netns mode)
#   /var/spool/fractal-slurm/    slurmctld state + one slurmd spool dir per node
#   /var/log/fractal-slurm/      daemon logs (wiped at the next up.sh)
set -euo pipefail

MODE=${FRACTAL_SLURM_MODE:-netns}
NODES=${FRACTAL_SLURM_NODES:-4}
CPUS=${FRACTAL_SLURM_CPUS:-2}
MIN_JOB_AGE=${FRACTAL_SLURM_MIN_JOB_AGE:-300}
INSTALL=${FRACTAL_SLURM_INSTALL:-1}
TIMEOUT=${FRACTAL_SLURM_TIMEOUT:-60}
RATE=${FRACTAL_SLURM_RATE:-}
DELAY=${FRACTAL_SLURM_DELAY:-}
DELAY_PORTS=${FRACTAL_SLURM_DELAY_PORTS:-20000-20999}
NETWORK="rate=${RATE:-none} delay=${DELAY:-none}"

STATE=/run/fractal-slurm
SPOOL=/var/spool/fractal-slurm
LOGDIR=/var/log/fractal-slurm
CONF=/etc/slurm/slurm.conf
MARKER='# managed-by: fractal-slurm'
HEAD_NS=fractal-head
SUBNET=10.199.0            # /24, lives only inside the namespaces created here
HEAD_IP=$SUBNET.1
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

log() { printf '[up.sh %s] %s\n' "$(date +%T)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

[ "$(id -u)" = 0 ] || die "must run as root"
# One cluster per machine: concurrent up.sh/down.sh calls wait for each other (bounded).
# down.sh, when called from here, inherits the lock (FRACTAL_SLURM_LOCKED).
if [ -z "${FRACTAL_SLURM_LOCKED:-}" ]; then
  exec 9>/run/lock/fractal-slurm.lock
  flock -w 600 9 || die "another up.sh/down.sh held /run/lock/fractal-slurm.lock for 600 s"
  export FRACTAL_SLURM_LOCKED=1
fi
case $MODE in netns|loopback) ;; *) die "FRACTAL_SLURM_MODE must be netns or loopback";; esac
[[ $NODES =~ ^[0-9]+$ ]] && [ "$NODES" -ge 1 ] && [ "$NODES" -le 200 ] || die "bad FRACTAL_SLURM_NODES=$NODES"
[ -z "$RATE" ] || [[ $RATE =~ ^[0-9]+(kbit|mbit|gbit)$ ]] || die "FRACTAL_SLURM_RATE must be a rate such as 100mbit (kbit, mbit or gbit), got '$RATE'"
[ -z "$DELAY" ] || [[ $DELAY =~ ^[0-9]+ms$ ]] || die "FRACTAL_SLURM_DELAY must be a round trip in whole ms such as 10ms, got '$DELAY'"
[[ $DELAY_PORTS =~ ^[0-9]+-[0-9]+$ ]] || die "FRACTAL_SLURM_DELAY_PORTS must be FIRST-LAST, got '$DELAY_PORTS'"
if [ "$MODE" = loopback ] && { [ -n "$RATE" ] || [ -n "$DELAY" ]; }; then
  die "FRACTAL_SLURM_RATE and FRACTAL_SLURM_DELAY need the netns mode: loopback nodes share one network stack"
fi

node_ip()   { if [ "$MODE" = netns ]; then echo "$SUBNET.$((10 + $1))"; else echo "127.0.1.$((10 + $1))"; fi; }
node_port() { if [ "$MODE" = netns ]; then echo 6818; else echo $((17000 + $1)); fi; }
# run a Slurm client command the way a user of this cluster would
client() { if [ "$MODE" = netns ]; then ip netns exec "$HEAD_NS" "$@"; else "$@"; fi; }
# alive and not a zombie (PID 1 on this VM reaps orphans only lazily, so kill -0 is not enough)
pid_alive() { local st; [ -n "${1:-}" ] || return 1; st=$(sed -E 's/^.*\) //' "/proc/$1/stat" 2>/dev/null | cut -c1); [ -n "$st" ] && [ "$st" != Z ]; }

# ---------------------------------------------------------------- idempotency
healthy() {
  [ -f "$STATE/up" ] || return 1
  [ "$(cat "$STATE/mode" 2>/dev/null)" = "$MODE" ] || return 1
  [ "$(cat "$STATE/nodes" 2>/dev/null)" = "$NODES" ] || return 1
  [ "$(cat "$STATE/network" 2>/dev/null || echo 'rate=none delay=none')" = "$NETWORK" ] || return 1
  local f i
  for f in slurmctld $(for i in $(seq 1 "$NODES"); do echo "slurmd-n$i"; done); do
    # every expected pid file must exist (the daemons delete theirs when they exit)
    [ -f "$STATE/$f.pid" ] && pid_alive "$(cat "$STATE/$f.pid")" || return 1
  done
  local idle
  idle=$(client timeout 10 sinfo -h -N -t idle,mixed,allocated -o '%N' 2>/dev/null | sort -u | wc -l) || return 1
  [ "$idle" = "$NODES" ]
}
if healthy; then log "cluster already up ($MODE, $NODES nodes, $NETWORK)"; exit 0; fi
if [ -e "$STATE" ] || ip netns list 2>/dev/null | grep -qE '^fractal-(head|n[0-9]+)( |$)'; then
  log "leftovers of an earlier cluster found: tearing them down first"
  bash "$HERE/down.sh"
fi

T0=$(date +%s.%N)
# ---------------------------------------------------------------- packages
if ! command -v slurmctld >/dev/null || ! command -v slurmd >/dev/null || ! command -v sbatch >/dev/null || ! command -v munged >/dev/null; then
  [ "$INSTALL" = 1 ] || die "slurm/munge not installed and FRACTAL_SLURM_INSTALL=0"
  log "installing slurmctld slurmd slurm-client munge (apt)"
  export DEBIAN_FRONTEND=noninteractive
  timeout 300 apt-get update -q >/dev/null
  # --no-install-recommends: 8 packages instead of 42 (the recommends are hdf5/ipmi/rrd/... plugins)
  timeout 600 apt-get install -y -q --no-install-recommends slurmctld slurmd slurm-client munge >/dev/null
fi
command -v ip >/dev/null || die "iproute2 (ip) missing"
T1=$(date +%s.%N)

mkdir -p "$STATE/bin" "$SPOOL/ctld" "$LOGDIR" /etc/slurm
rm -f "$LOGDIR"/*.log "$LOGDIR"/*.stdio
echo "$MODE" > "$STATE/mode"
echo "$NODES" > "$STATE/nodes"
echo "$NETWORK" > "$STATE/network"

# ---------------------------------------------------------------- munge
# One munged in the root namespace serves every namespace: it is reached through the
# unix socket /run/munge/munge.socket.2, and network namespaces do not hide files.
if [ ! -s /etc/munge/munge.key ]; then
  log "creating /etc/munge/munge.key"
  install -d -o munge -g munge -m 0700 /etc/munge
  runuser -u munge -- mungekey --create --keyfile=/etc/munge/munge.key
fi
if timeout 5 munge -n </dev/null 2>/dev/null | timeout 5 unmunge >/dev/null 2>&1; then
  log "munged already running: reusing it (down.sh will leave it alone)"
else
  install -d -o munge -g munge -m 0755 /run/munge
  # policy-rc.d / no systemd: start it by hand, as its own user, like munge.service does
  rm -f /run/munge/munged.pid   # never record a stale PID
  runuser -u munge -- /usr/sbin/munged </dev/null >>"$LOGDIR/munged.stdio" 2>&1 9>&- \
    || die "munged failed to start: $(tail -n 3 "$LOGDIR/munged.stdio")"
  for _ in $(seq 1 50); do [ -s /run/munge/munged.pid ] && break; sleep 0.1; done
  cp /run/munge/munged.pid "$STATE/munged.pid"   # recorded: down.sh stops exactly this PID
  timeout 5 munge -n </dev/null | timeout 5 unmunge >/dev/null || die "munge does not work"
fi

# ---------------------------------------------------------------- slurm.conf
if [ -f "$CONF" ] && ! head -n1 "$CONF" | grep -qF "$MARKER"; then
  log "backing up foreign $CONF to $STATE/slurm.conf.orig"
  cp -p "$CONF" "$STATE/slurm.conf.orig"
fi
if [ "$MODE" = netns ]; then CTLD_HOST=head; CTLD_ADDR=$HEAD_IP; else CTLD_HOST=$(hostname -s); CTLD_ADDR=127.0.0.1; fi
{
  echo "$MARKER (generated by up.sh, removed by down.sh; mode=$MODE nodes=$NODES)"
  cat <<EOF
ClusterName=fractal
SlurmctldHost=$CTLD_HOST($CTLD_ADDR)
SlurmUser=root
SlurmdUser=root
SlurmctldPort=6817
SlurmdPort=6818
AuthType=auth/munge
CredType=cred/munge
# no cgroups, no systemd: plain /proc based process tracking, no task binding, no accounting
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
SchedulerType=sched/backfill
# start batch jobs at submit time (default batch_sched_delay=3 lets a job wait up to 3 s)
SchedulerParameters=batch_sched_delay=0
MpiDefault=none
MailProg=/bin/true
ReturnToService=2
# reject (instead of leaving PENDING with Reason=PartitionConfig forever) jobs that ask for more
# nodes than the partition has
EnforcePartLimits=ALL
SlurmctldTimeout=30
SlurmdTimeout=30
InactiveLimit=0
MinJobAge=$MIN_JOB_AGE
KillWait=5
Waittime=0
StateSaveLocation=$SPOOL/ctld
SlurmdSpoolDir=$SPOOL/d-%n
SlurmctldPidFile=$STATE/slurmctld.pid
SlurmdPidFile=$STATE/slurmd-%n.pid
SlurmctldLogFile=$LOGDIR/slurmctld.log
SlurmdLogFile=$LOGDIR/slurmd-%n.log
SlurmctldDebug=info
SlurmdDebug=info
EOF
  for i in $(seq 1 "$NODES"); do
    echo "NodeName=n$i NodeHostname=n$i NodeAddr=$(node_ip "$i") Port=$(node_port "$i") CPUs=$CPUS RealMemory=1000 State=UNKNOWN"
  done
  echo "PartitionName=debug Nodes=ALL Default=YES MaxTime=INFINITE State=UP"
} > "$CONF.tmp"
mv "$CONF.tmp" "$CONF"
for i in $(seq 1 "$NODES"); do mkdir -p "$SPOOL/d-n$i"; done   # slurmd does not create it

# the address by which the other nodes reach node I when FRACTAL_SLURM_DELAY is set: the relay's
far_ip() { echo "10.199.1.$((10 + $1))"; }

# per-node /etc/hosts content: every node name -> its address (with a delay, the other nodes' far
# addresses: node SELF, the first argument, keeps its own real one)
hosts_file() {
  local self=${1:-0} i
  echo "127.0.0.1 localhost"
  [ "$MODE" = netns ] && echo "$HEAD_IP head"
  for i in $(seq 1 "$NODES"); do
    if [ -n "$DELAY" ] && [ "$i" != "$self" ]; then echo "$(far_ip "$i") n$i"; else echo "$(node_ip "$i") n$i"; fi
  done
}

# tbf needs a bucket of at least one timer tick of the rate: 10 ms of it, 16 kB at the least
rate_bits() { local n=${1%%[a-z]*}; case $1 in *kbit) echo $((n * 1000));; *mbit) echo $((n * 1000000));; *gbit) echo $((n * 1000000000));; esac; }
shape_link() {
  local ns=$1 dev=$2 burst
  burst=$(( $(rate_bits "$RATE") / 8 / 100 )); [ "$burst" -ge 16000 ] || burst=16000
  tc -n "$ns" qdisc replace dev "$dev" root tbf rate "$RATE" burst "$burst" latency 50ms
}

# ---------------------------------------------------------------- network + daemons
# start_daemon NETNS HOSTNAME HOSTSFILE LOGNAME CMD...
# Runs CMD (a daemon that forks into the background and writes its own pid file) with
#   - the network namespace NETNS ("" = the current one), entered with nsenter --net.
#     NOT `ip netns exec`: that also remounts /sys, which hides /sys/fs/cgroup, and
#     slurmd 22.05 then dies with "No filesystem mounted on /sys/fs/cgroup" /
#     "Unable to initialize cgroup plugin" / "slurmd initialization failed"
#     (it initialises the cgroup plugin even with proctrack/linuxproc + task/none);
#   - its own UTS namespace with hostname HOSTNAME;
#   - its own mount namespace in which HOSTSFILE is bind-mounted over /etc/hosts.
# Every child (slurmstepd, the job's processes) inherits all three. The lock's fd 9 is closed
# for the daemon, or it would hold the lock for as long as it lives.
start_daemon() {
  local ns=$1 hn=$2 hosts=$3 name=$4; shift 4
  local pre=()
  [ -n "$ns" ] && pre=(nsenter "--net=/run/netns/$ns")
  "${pre[@]}" unshare --uts --mount --propagation private \
    sh -c 'mount --bind "$1" /etc/hosts && hostname "$2" && shift 2 && exec "$@"' sh "$hosts" "$hn" "$@" \
    </dev/null >>"$LOGDIR/$name.stdio" 2>&1 9>&- \
    || die "$name failed to start (exit $?): $(tail -n 5 "$LOGDIR/$name.log" 2>/dev/null)"
}

if [ "$MODE" = netns ]; then
  echo "$HEAD_NS" > "$STATE/namespaces"
  ip netns add "$HEAD_NS"
  ip -n "$HEAD_NS" link set lo up
  ip -n "$HEAD_NS" link add br0 type bridge
  ip -n "$HEAD_NS" addr add "$HEAD_IP/24" dev br0
  ip -n "$HEAD_NS" link set br0 up
  mkdir -p "/etc/netns/$HEAD_NS"; hosts_file > "/etc/netns/$HEAD_NS/hosts"
  for i in $(seq 1 "$NODES"); do
    ns=fractal-n$i
    echo "$ns" >> "$STATE/namespaces"
    ip netns add "$ns"
    ip -n "$ns" link set lo up
    # veth pair: "vI" stays in the head namespace on the bridge, "eth0" goes to the node
    ip -n "$HEAD_NS" link add "v$i" type veth peer name eth0 netns "$ns"
    ip -n "$HEAD_NS" link set "v$i" master br0 up
    ip -n "$ns" addr add "$(node_ip "$i")/24" dev eth0
    ip -n "$ns" link set eth0 up
    # the far addresses live in the head namespace, one hop away
    [ -z "$DELAY" ] || ip -n "$ns" route add 10.199.1.0/24 via "$HEAD_IP"
    mkdir -p "/etc/netns/$ns"; hosts_file "$i" > "/etc/netns/$ns/hosts"
    # the node's link both ways: what it sends (eth0) and what the head's side sends it (vI)
    if [ -n "$RATE" ]; then shape_link "$ns" eth0; shape_link "$HEAD_NS" "v$i"; fi
  done
  if [ -n "$DELAY" ]; then
    pairs=()
    for i in $(seq 1 "$NODES"); do ip -n "$HEAD_NS" addr add "$(far_ip "$i")/32" dev lo; pairs+=("$(far_ip "$i")=$(node_ip "$i")"); done
    REPO=$(cd "$HERE/../.." && pwd)
    # in the head namespace, so down.sh stops it with everything else there
    (cd "$REPO" && exec nsenter "--net=/run/netns/$HEAD_NS" node --import tsx "$HERE/delay-gateway.ts" "${DELAY%ms}" "$DELAY_PORTS" "${pairs[@]}" \
      </dev/null >>"$LOGDIR/delay-gateway.stdio" 2>&1 9>&-) &
    for _ in $(seq 1 300); do grep -q '^delay-gateway:' "$LOGDIR/delay-gateway.stdio" 2>/dev/null && break; sleep 0.1; done
    grep -q '^delay-gateway:' "$LOGDIR/delay-gateway.stdio" || die "the delay gateway did not start: $(tail -n 5 "$LOGDIR/delay-gateway.stdio")"
  fi
  # slurmctld: head namespace, hostname "head" (must equal SlurmctldHost or it refuses to start)
  start_daemon "$HEAD_NS" head "/etc/netns/$HEAD_NS/hosts" slurmctld /usr/sbin/slurmctld
  for i in $(seq 1 "$NODES"); do
    start_daemon "fractal-n$i" "n$i" "/etc/netns/fractal-n$i/hosts" "slurmd-n$i" /usr/sbin/slurmd -N "n$i"
  done
  # client wrappers: from the root namespace, run the real command in the head namespace;
  # from inside a cluster namespace (i.e. inside a job), run it directly.
  for c in sbatch srun salloc squeue scancel scontrol sinfo sacct sstat sattach sbcast sprio sdiag; do
    cat > "$STATE/bin/$c" <<EOF
#!/bin/sh
case "\$(ip netns identify \$\$ 2>/dev/null)" in
  fractal-*) exec /usr/bin/$c "\$@" ;;
  *) exec ip netns exec $HEAD_NS /usr/bin/$c "\$@" ;;
esac
EOF
    chmod +x "$STATE/bin/$c"
  done
else
  hosts_file > "$STATE/hosts"
  start_daemon "" "$(hostname -s)" /etc/hosts slurmctld /usr/sbin/slurmctld
  for i in $(seq 1 "$NODES"); do
    # own UTS + mount namespace: hostname nI and a private /etc/hosts; same network as everyone
    start_daemon "" "n$i" "$STATE/hosts" "slurmd-n$i" /usr/sbin/slurmd -N "n$i"
  done
  for c in sbatch srun salloc squeue scancel scontrol sinfo sacct sstat sattach sbcast sprio sdiag; do
    ln -sf "/usr/bin/$c" "$STATE/bin/$c"
  done
fi

# ---------------------------------------------------------------- wait until ready
wait_file() { local f=$1 t=$2; for _ in $(seq 1 $((t * 10))); do [ -s "$f" ] && return 0; sleep 0.1; done; return 1; }
wait_file "$STATE/slurmctld.pid" 15 || die "slurmctld did not start: $(tail -n 5 "$LOGDIR/slurmctld.log" 2>/dev/null)"
readlink "/proc/$(cat "$STATE/slurmctld.pid")/ns/uts" > "$STATE/uts-slurmctld"
for i in $(seq 1 "$NODES"); do
  wait_file "$STATE/slurmd-n$i.pid" 15 || die "slurmd n$i did not start: $(tail -n 5 "$LOGDIR/slurmd-n$i.log" 2>/dev/null)"
  # remember each daemon's UTS namespace (made by start_daemon): in loopback mode down.sh
  # stops every process in them (daemons, slurmscriptd, slurmstepd, job tasks) and nothing else
  readlink "/proc/$(cat "$STATE/slurmd-n$i.pid")/ns/uts" > "$STATE/uts-n$i"
done
ready=0
for _ in $(seq 1 $((TIMEOUT * 4))); do
  n=$(client timeout 5 sinfo -h -N -t idle -o '%N' 2>/dev/null | sort -u | wc -l || true)
  [ "$n" = "$NODES" ] && { ready=1; break; }
  sleep 0.25
done
[ $ready = 1 ] || { client timeout 5 sinfo -N 2>&1 | sed 's/^/  /' >&2 || true; die "nodes not idle after ${TIMEOUT}s"; }
T2=$(date +%s.%N)
if [ -n "$RATE" ] || [ -n "$DELAY" ]; then
  # measured, not assumed: a shaping that is not in effect fails here
  (cd "$(cd "$HERE/../.." && pwd)" && nsenter "--net=/run/netns/$HEAD_NS" node --import tsx "$HERE/check-link.ts" "${RATE:-none}" "${DELAY:-none}" "${DELAY_PORTS%%-*}") >&2 \
    || die "the link shaping ($NETWORK) is not in effect"
fi
touch "$STATE/up"
log "cluster up: mode=$MODE nodes=$NODES $NETWORK packages=$(awk "BEGIN{printf \"%.1f\", $T1-$T0}")s daemons=$(awk "BEGIN{printf \"%.1f\", $T2-$T1}")s"
[ "$MODE" = netns ] && log "clients: ip netns exec $HEAD_NS sbatch ...   or   PATH=$STATE/bin:\$PATH sbatch ..."
client sinfo -N >&2
