#!/usr/bin/env bash
# schemathesis against the machine API of the release build, on a fresh SQLite database with the
# demo data: it reads the OpenAPI document the server serves and sends generated events (valid
# and invalid) to every operation with a token of the right platform. It fails on any 5xx, and
# on any status, content type, header or body the document does not describe.
set -euo pipefail
cd "$(dirname "$0")/../.."

BIN=${E2E_SERVER_BIN:-$PWD/target/release/siisl}
ST=${SCHEMATHESIS:-$PWD/.venv-api/bin/st}
PORT=${API_FUZZ_PORT:-3400}
BASE="http://127.0.0.1:$PORT"
DATA="$PWD/target/api-fuzz-data"
EXAMPLES=${API_FUZZ_EXAMPLES:-60}

rm -rf "$DATA"
export SIISL_DATA_DIR="$DATA" LEPTOS_SITE_ADDR="127.0.0.1:$PORT" LEPTOS_SITE_ROOT="$PWD/target/site"
export SIISL_HTTP_PUBLIC_URL="$BASE" SIISL_LOG_FILTER=warn SIISL_DEMO_CATALOG_SIZE=50
# Long enough for the whole run.
export SIISL_API_TOKEN_LIFETIME_SECS=3600

credentials() {
  "$BIN" api-client "$1" "schemathesis $1" | sed -n 's/^client_\(id\|secret\)=//p'
}
token() {
  local id secret
  { read -r id; read -r secret; } < <(credentials "$1")
  curl -sf -X POST "$BASE/api/v1/oauth/token" \
    -d grant_type=client_credentials --data-urlencode "client_id=$id" --data-urlencode "client_secret=$secret" |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])'
}

"$BIN" migrate >/dev/null
"$BIN" serve &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true; wait $SERVER 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do
  curl -sf "$BASE/readyz" >/dev/null && break
  sleep 0.5
done
curl -sf "$BASE/readyz" >/dev/null

# end2end/api/hooks.py adds bodies holding control characters, bidirectional overrides and
# absurd dates to what schemathesis draws, and the check that none of them is ever accepted.
export PYTHONPATH="$PWD/end2end/api${PYTHONPATH:+:$PYTHONPATH}" SCHEMATHESIS_HOOKS=hooks
CHECKS=not_a_server_error,status_code_conformance,content_type_conformance,response_headers_conformance,response_schema_conformance,poisoned_bodies_are_refused
run() {
  "$ST" run "$BASE/api/v1/openapi.json" --checks "$CHECKS" --max-examples "$EXAMPLES" --seed 20261127 \
    --workers 2 --no-color "$@"
}
for platform in inps gepi siu; do
  echo "api-fuzz: $platform events"
  run --include-path-regex "^/api/v1/$platform/" -H "Authorization: Bearer $(token "$platform")"
done
echo "api-fuzz: token endpoint"
run --include-path /api/v1/oauth/token
echo "api-fuzz: no 5xx, no response outside the document, no poisoned body accepted"
