#!/usr/bin/env bash
# The demo in one command: with the app of `make run` serving on 127.0.0.1:3000, the simulator
# plays INPS and GePI through the platforms' API and moves a household along: assessment and
# acceptance, then (once the PAD nucleo is signed on SIISL; it waits for that) taking in charge,
# convocation, meeting and PaIS. Each step is on the citizen's pages as soon as it is printed.
#
#   scripts/demo-advance.sh [PROTOCOL]     (default INPS-ADI-2026-0000105, Giovanna Marino's)
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

PROTOCOL=${1:-INPS-ADI-2026-0000105}
SIISL=${SIISL_URL:-http://127.0.0.1:3000}
# Where cargo builds (as the Makefile: CI sets CARGO_TARGET_DIR).
TARGET=${CARGO_TARGET_DIR:-target}
BIN=${SIISL_BIN:-$TARGET/release/siisl}
SIMULATOR=$TARGET/release/siisl-simulator

[ -x "$BIN" ] || { echo "demo-advance: run \`make run\` (or \`make build\`) first" >&2; exit 2; }
curl -sf "$SIISL/readyz" >/dev/null || { echo "demo-advance: no SIISL answering at $SIISL (start it with \`make run\`)" >&2; exit 2; }
[ -x "$SIMULATOR" ] || cargo build --release -p server --bin siisl-simulator

# A client for each platform the simulator plays, registered as an administrator would.
credentials() { "$BIN" api-client "$1" "simulatore demo $1" | sed -n 's/^client_\(id\|secret\)=//p' | paste -sd: -; }
"$SIMULATOR" advance "$PROTOCOL" --siisl "$SIISL" --inps "$(credentials inps)" --gepi "$(credentials gepi)" --step-ms 1500
