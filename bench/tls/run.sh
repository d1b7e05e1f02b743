#!/bin/sh
# Runs bydesign's TLS enumeration and sslscan on the same loopback OpenSSL
# fixture and prints wall times, their ratio and any difference in findings.
# Needs the Debian packages openssl and sslscan.
set -eu
cd "$(dirname "$0")/../.."
exec go run ./bench/tls "$@"
