#!/usr/bin/env bash
# bench/probe/device.sh [RUNS]: whole-device profile. Starts one acme-cam lab
# device (telnet, SSH, FTP, HTTP, MQTT, RTSP, SSDP, mDNS; admin/admin; lockout
# after 5 failures), probes every service with --allow-credentials, and prints
# wall time and max RSS per run plus the medians. The device is restarted
# before each run so every run starts unlocked. Needs Go and GNU time.
set -euo pipefail
RUNS=${1:-5}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
WORK=$(mktemp -d)
LAB=""
cleanup() { [ -n "$LAB" ] && kill "$LAB" 2>/dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT
go build -o "$WORK/bydesign" "$ROOT/cmd/bydesign"
for i in $(seq "$RUNS"); do
	"$WORK/bydesign" devicelab --profile acme-cam --base 127.0.110.1 > "$WORK/lab.log" 2>&1 &
	LAB=$!
	for _ in $(seq 100); do grep -q running "$WORK/lab.log" && break; sleep 0.1; done
	/usr/bin/time -f "%e %M" -o "$WORK/t" "$WORK/bydesign" probe 127.0.110.1 --scope 127.0.110.1 \
		--ports 2323,2222,2121,8080,1883,8554 --allow-credentials --format json > "$WORK/out.json" || true
	read -r wall rss < <(tail -n 1 "$WORK/t")
	fails=$(grep -c '"status": "fail"' "$WORK/out.json" || true)
	echo "run $i: ${wall} s, ${rss} KB max RSS, ${fails} failed findings"
	echo "$wall $rss" >> "$WORK/all"
	kill "$LAB"; wait "$LAB" 2>/dev/null || true; LAB=""
done
sort -n "$WORK/all" | awk '{w[NR]=$1} END {printf "median wall: %s s\n", w[int((NR+1)/2)]}'
sort -n -k2 "$WORK/all" | awk '{m[NR]=$2} END {printf "median max RSS: %.1f MB\n", m[int((NR+1)/2)]/1024}'
