# The two commands that matter:
#   make run    set up the tools, build in release mode, serve on 127.0.0.1:3000 (SQLite, demo)
#   make test   set up the tools, lint, run every test (unit, data layer on SQLite and
#               PostgreSQL, HTTP, browser) and check the page-weight budget
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c

export PATH := $(HOME)/.cargo/bin:$(CURDIR)/node_modules/.bin:$(PATH)
# cargo-leptos runs `sass FILE`; dart-sass resolves `bootstrap-italia/...` imports through this.
export SASS_PATH := $(CURDIR)/node_modules

CARGO_TARGET_DIR ?= $(CURDIR)/target
export CARGO_TARGET_DIR
SERVER_BIN := $(CARGO_TARGET_DIR)/release/siisl

# PostgreSQL for the data-layer tests (each test makes and drops its own database).
# Set it empty to run the SQLite tests only.
TEST_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/postgres
export TEST_DATABASE_URL

.PHONY: run test setup setup-test build lint unit e2e budget api-fuzz bench-catalog bench-caseload bench-interop bench-limiter bench-files bench-publishing clean

run: setup build
	$(SERVER_BIN) serve

test: setup-test lint unit build e2e budget api-fuzz

setup:
	scripts/setup.sh

setup-test:
	scripts/setup.sh --test

build:
	cargo leptos build --release --precompress

lint:
	cargo fmt --all --check
	cargo clippy --all-targets -- -D warnings
	cargo clippy -p frontend --target wasm32-unknown-unknown -- -D warnings
	@# The browser build cannot reach the data layer or the HTTP server (ARCHITECTURE.md, "Code map").
	cargo tree -p frontend --target wasm32-unknown-unknown -e normal --prefix none > $(CARGO_TARGET_DIR)/wasm-tree.txt
	if grep -E '^(store|sea-orm|sqlx[a-z-]*|axum|leptos_axum|tokio) ' $(CARGO_TARGET_DIR)/wasm-tree.txt; then \
	  echo "lint: the browser build depends on server-only crates (above)" >&2; exit 1; fi

unit:
	cargo test

e2e:
	E2E_SERVER_BIN=$(SERVER_BIN) npx playwright test --config end2end/playwright.config.ts

budget:
	E2E_SERVER_BIN=$(SERVER_BIN) node end2end/budget.mjs

# schemathesis (pinned, from PyPI) against the machine API's served OpenAPI document.
api-fuzz:
	E2E_SERVER_BIN=$(SERVER_BIN) end2end/api/fuzz.sh

# The catalogue benchmark: 100,000 opportunities per backend, p50/p95 of search, render and
# whole requests (see server/benches/catalog.rs). Not part of `make test`.
bench-catalog:
	cargo bench -p server --bench catalog -- --size 100000 --queries 2000

# The case managers' dashboard benchmark: 10,000 households assigned to one case manager, per
# backend (see server/benches/caseload.rs). Not part of `make test`.
bench-caseload:
	cargo bench -p server --bench caseload -- --households 10000 --requests 500

# The machine API under load: 10,000 events of ten types over 1,000 households, per backend,
# at ≥ 1,000 events/s on PostgreSQL (see server/benches/interop.rs). Not part of `make test`.
# PostgreSQL is reached over its Unix socket, as an app server on the database's own host
# would (TCP with TLS on the loopback cost about a third of the rate on 2 cores).
BENCH_DATABASE_URL ?= postgres://postgres@%2Fvar%2Frun%2Fpostgresql/postgres
bench-interop:
	TEST_DATABASE_URL='$(BENCH_DATABASE_URL)' SIISL_DATABASE_MAX_CONNECTIONS=8 \
	  cargo bench -p server --bench interop -- --households 1000 --concurrency 64

# The rate limiter's cost per check from 1,000 to 1,000,000 client addresses, and the memory it
# keeps (see server/benches/limiter.rs). Not part of `make test`.
bench-limiter:
	cargo bench -p server --bench limiter -- --checks 2000000

# Static files (the CSS, a font) on kept-alive connections against fresh ones, after
# `make build` (see server/benches/files.rs). Not part of `make test`.
bench-files:
	cargo bench -p server --bench files -- --seconds 3 --connections 4

# An organisation's candidacies received: 10,000 on 50 ads, listed, filtered and paged through
# the router on both backends (see server/benches/publishing.rs). Not part of `make test`.
bench-publishing:
	cargo bench -p server --bench publishing -- --candidacies 10000 --requests 300

clean:
	cargo clean
	rm -rf target/site siisl-data
