#!/usr/bin/env bash
# bench/probe/run.sh [N]: start N lab devices on loopback (half with a
# 5-failure lockout), probe them with bydesign and with nmap (connect scan,
# -sV, banner and the telnet/ssh/ftp/http brute scripts with the same
# credential list), print both wall times, their ratio and where the
# findings differ. Needs Go, nmap and GNU time. Default N=256.
# BENCH_KEEP=DIR keeps both tools' outputs (bd.json, nmap.xml) in DIR.
set -euo pipefail
N=${1:-256}
HALF=$(( N / 2 ))
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
WORK=$(mktemp -d)
PORTS=2323,2222,2121,8080
LABS=()
cleanup() { for p in "${LABS[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$WORK"; }
trap cleanup EXIT

command -v nmap >/dev/null || { echo "nmap not found: apt-get install -y nmap" >&2; exit 2; }
go build -o "$WORK/bydesign" "$ROOT/cmd/bydesign"
go build -o "$WORK/compare" "$ROOT/bench/probe/compare"
"$WORK/compare" -credfile "$WORK/creds.txt"
"$WORK/compare" -base 127.0.100.1 -count "$HALF" > "$WORK/targets.txt"
"$WORK/compare" -base 127.0.104.1 -count $(( N - HALF )) >> "$WORK/targets.txt"

start_lab() { # profile base count
	"$WORK/bydesign" devicelab --profile "$ROOT/bench/probe/$1" --base "$2" --count "$3" > "$WORK/lab-$2.log" 2>&1 &
	LABS+=($!)
}
wait_lab() {
	for _ in $(seq 100); do grep -q running "$WORK/lab-$1.log" 2>/dev/null && return; sleep 0.1; done
	echo "devicelab did not start: $(cat "$WORK/lab-$1.log")" >&2; exit 1
}
fresh_labs() { # restart both fleets so lockouts from the previous tool do not carry over
	for p in "${LABS[@]}"; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done
	LABS=()
	start_lab fleet-open.yaml 127.0.100.1 "$HALF"
	start_lab fleet-lockout.yaml 127.0.104.1 $(( N - HALF ))
	wait_lab 127.0.100.1; wait_lab 127.0.104.1
}

fresh_labs
TARGETS=$(paste -sd, "$WORK/targets.txt")
/usr/bin/time -f "%e %M" -o "$WORK/bd.time" "$WORK/bydesign" probe "$TARGETS" --scope 127.0.96.0/20 \
	--ports "$PORTS" --udp-ports "" --allow-credentials --concurrency 256 --format json > "$WORK/bd.json" || true

fresh_labs
/usr/bin/time -f "%e %M" -o "$WORK/nmap.time" nmap -n -Pn -sT -sV -p "$PORTS" -iL "$WORK/targets.txt" \
	--script banner,telnet-brute,ssh-brute,ftp-brute,http-brute \
	--script-args "brute.mode=creds,brute.credfile=$WORK/creds.txt,brute.firstonly=true,http-brute.path=/" \
	-oX "$WORK/nmap.xml" > /dev/null

read -r BDT BDM < <(tail -n 1 "$WORK/bd.time")
read -r NMT NMM < <(tail -n 1 "$WORK/nmap.time")
echo "devices: $N ($HALF without lockout, $(( N - HALF )) with lockout after 5 failures)"
echo "bydesign: ${BDT} s wall, ${BDM} KB max RSS"
echo "nmap:     ${NMT} s wall, ${NMM} KB max RSS"
awk -v a="$NMT" -v b="$BDT" 'BEGIN { printf "ratio nmap/bydesign: %.1fx\n", a / b }'
"$WORK/compare" -nmap "$WORK/nmap.xml" -bydesign "$WORK/bd.json"
if [ -n "${BENCH_KEEP:-}" ]; then mkdir -p "$BENCH_KEEP" && cp "$WORK/bd.json" "$WORK/nmap.xml" "$BENCH_KEEP/"; fi
