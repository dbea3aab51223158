#!/usr/bin/env bash
# Installs what building and testing SIISL needs, each at its pinned version, skipping what is
# already there. Everything comes from crates.io, the npm registry, Debian or rustup's channel
# server: no tool downloads anything of its own.
#
#   scripts/setup.sh          build tools (toolchain, cargo-leptos, wasm-bindgen, npm packages, fonts)
#   scripts/setup.sh --test   the same, plus Debian's Chromium for the browser tests and
#                             schemathesis (PyPI) for the API fuzzing
set -euo pipefail
cd "$(dirname "$0")/.."

CARGO_LEPTOS_VERSION=0.3.11
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"

say() { printf '\033[1msetup:\033[0m %s\n' "$*"; }

# 1. Rust toolchain and wasm target named in rust-toolchain.toml (rustup 1.29 does not install
#    them on first use).
channel=$(sed -n 's/^channel *= *"\(.*\)"/\1/p' rust-toolchain.toml)
if ! rustup target list --installed --toolchain "$channel" 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  say "installing Rust $channel with the wasm32 target"
  rustup toolchain install
fi

# 2. cargo-leptos, built without its downloader (it would fetch tools from GitHub).
if [ "$(cargo leptos --version 2>/dev/null)" != "cargo-leptos $CARGO_LEPTOS_VERSION" ]; then
  say "installing cargo-leptos $CARGO_LEPTOS_VERSION (takes about 12 minutes on 2 cores)"
  cargo install --locked cargo-leptos --version "$CARGO_LEPTOS_VERSION" --features no_downloads
fi

# 3. wasm-bindgen CLI at exactly the version of the wasm-bindgen crate in Cargo.lock.
wbg=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $wbg" ]; then
  say "installing wasm-bindgen-cli $wbg"
  cargo install wasm-bindgen-cli --version "$wbg"
fi

# 4. npm packages from the committed lockfile: Sass, wasm-opt (binaryen), Bootstrap Italia
#    sources, the Titillium Web font, Playwright and axe-core.
lock_sum=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ "$(cat node_modules/.siisl-lock 2>/dev/null)" != "$lock_sum" ]; then
  say "installing npm packages"
  npm ci --no-audit --no-fund
  echo "$lock_sum" > node_modules/.siisl-lock
fi

# 5. Self-hosted fonts (SIL OFL 1.1, licence copied alongside).
mkdir -p public/fonts
for weight in 400 600 700; do
  cp -u "node_modules/@fontsource/titillium-web/files/titillium-web-latin-$weight-normal.woff2" public/fonts/
done
cp -u node_modules/@fontsource/titillium-web/LICENSE public/fonts/OFL-Titillium-Web.txt

# 6. Browser tests only: Debian's Chromium (Playwright's own browser download cannot work here).
if [ "${1:-}" = "--test" ] && ! command -v chromium >/dev/null; then
  say "installing Debian's chromium"
  if [ "$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi
  $SUDO apt-get update -q
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q chromium
fi
# 7. Tests only: schemathesis and its dependencies, pinned, from PyPI, in a virtualenv of the
#    project's own (the API fuzzing run of `make test`).
if [ "${1:-}" = "--test" ]; then
  req_sum=$(sha256sum end2end/api/requirements.txt | cut -d' ' -f1)
  if [ "$(cat .venv-api/.siisl-req 2>/dev/null)" != "$req_sum" ]; then
    say "installing schemathesis (pinned) into .venv-api"
    rm -rf .venv-api
    python3 -m venv .venv-api
    .venv-api/bin/pip install -q --disable-pip-version-check -r end2end/api/requirements.txt
    echo "$req_sum" > .venv-api/.siisl-req
  fi
fi
say "tools ready"
