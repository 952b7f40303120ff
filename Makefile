# The two commands of the README:  `make run`  and  `make test`.
# Every target installs what it needs when it is missing (idempotent, fast when present).

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
# wasm-opt (release builds) comes from the npm package binaryen.
export PATH := $(CURDIR)/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)
# Builds are kept outside the clone so that a fresh clone (CI) reuses them.
export CARGO_TARGET_DIR ?= $(HOME)/.cache/accelerateur/target
export LEPTOS_OUTPUT_NAME := accelerateur
export LEPTOS_SITE_ROOT := $(CURDIR)/target/site
export LEPTOS_SITE_PKG_DIR := pkg

CARGO_LEPTOS_VERSION := 0.3.11
WASM_BINDGEN_VERSION := $(shell awk '/^name = "wasm-bindgen"$$/ { getline; gsub(/[^0-9.]/, ""); print; exit }' Cargo.lock)
SERVER_BIN = $(CARGO_TARGET_DIR)/$(1)/accelerateur

.PHONY: run run-state-sign-in test test-rust test-e2e e2e-deps oidc-deps bench build build-release tools assets system-packages lint clean-data

## run: build and serve the app on http://127.0.0.1:3000 with SQLite and demo data.
run: build
	mkdir -p data
	APP_DEMO=1 DATABASE_URL=$${DATABASE_URL:-sqlite:data/accelerateur.db?mode=rwc} \
	LEPTOS_SITE_ADDR=$${LEPTOS_SITE_ADDR:-127.0.0.1:3000} LEPTOS_ENV=DEV \
	$(call SERVER_BIN,debug)

## run-state-sign-in: `make run` with two test OpenID Connect providers (tests/oidc), like
## FranceConnect on :3001 and like ProConnect on :3002, to try both sign-ins by hand.
run-state-sign-in: build oidc-deps
	scripts/run-state-sign-in.sh $(call SERVER_BIN,debug)

## test: the whole suite (unit, integration on SQLite and PostgreSQL, end-to-end in Chromium).
test: lint test-rust test-e2e
	@echo "All test levels passed."

test-rust: tools system-packages oidc-deps
	scripts/ensure-postgres.sh
	@# Each clone (CI) builds its own artifacts into the shared target (the clone's path is part
	@# of their hash): prune the stale executables (over 10 minutes old) and incremental caches
	@# (over an hour) so that the disk never fills; a later build makes them again.
	@find $(CARGO_TARGET_DIR)/debug/deps $(CARGO_TARGET_DIR)/debug/examples -maxdepth 1 -type f -perm -u+x -size +100M ! -name '*.so' -mmin +10 -delete 2>/dev/null || true
	@find $(CARGO_TARGET_DIR)/debug/incremental -mindepth 1 -maxdepth 1 -mmin +60 -exec rm -rf {} + 2>/dev/null || true
	@# Two test executables: the library's unit tests and the integration tests (tests/api/).
	@# Examples (benchmarks) are checked by lint and built by `make bench`, not linked here.
	cargo test --features ssr --locked --lib --test api

test-e2e: build system-packages e2e-deps oidc-deps
	cd end2end && APP_BIN=$(call SERVER_BIN,debug) SITE_ROOT=$(LEPTOS_SITE_ROOT) npx playwright test

## bench: release build, then requests/s and p99 of the home page and of the showcase
## (100 initiatives) against raw axum, the bytes six pages transfer in Chromium (first and
## repeat visit) and the autosave's time to interactive on a throttled connection,
## autosaves per second with many concurrent drafts on SQLite and PostgreSQL, and the
## deliberation table's computing time for 10,000 candidatures.
bench: build-release system-packages e2e-deps
	scripts/ensure-postgres.sh
	scripts/bench.sh $(call SERVER_BIN,release)

# Playwright and axe for the end-to-end tests and the browser benchmark.
e2e-deps:
	cd end2end && { [ -d node_modules/@playwright/test ] && [ node_modules/.package-lock.json -nt package-lock.json ] || npm ci --no-audit --no-fund; }

# The real OpenID Connect provider the State sign-in tests start (tests/oidc, npm oidc-provider).
oidc-deps:
	cd tests/oidc && { [ -d node_modules/oidc-provider ] && [ node_modules/.package-lock.json -nt package-lock.json ] || npm ci --no-audit --no-fund; }

build: tools assets
	cargo leptos build

build-release: tools assets
	cargo leptos build --release --precompress

## tools: pinned Rust toolchain (rust-toolchain.toml) with the wasm target, cargo-leptos,
## and the wasm-bindgen CLI at exactly the Cargo.lock version.
tools:
	@rustup toolchain install >/dev/null 2>&1 || rustup show active-toolchain >/dev/null
	@if ! cargo leptos --version 2>/dev/null | grep -q "$(CARGO_LEPTOS_VERSION)"; then \
	  echo "Installing cargo-leptos $(CARGO_LEPTOS_VERSION) (about 25 minutes on 2 cores, once per machine)"; \
	  cargo install cargo-leptos --version $(CARGO_LEPTOS_VERSION) --locked; fi
	@if ! wasm-bindgen --version 2>/dev/null | grep -q "$(WASM_BINDGEN_VERSION)"; then \
	  echo "Installing wasm-bindgen-cli $(WASM_BINDGEN_VERSION) (about 4 minutes, once per machine)"; \
	  cargo install wasm-bindgen-cli --version $(WASM_BINDGEN_VERSION) --force; fi

## assets: the DSFR files the pages use, copied into public/dsfr (not committed), and wasm-opt.
assets:
	@[ -f node_modules/@gouvfr/dsfr/package.json ] && [ node_modules/.package-lock.json -nt package-lock.json ] \
	  || npm ci --ignore-scripts --no-audit --no-fund
	@scripts/copy-dsfr.sh

## system-packages: Debian's Chromium (end-to-end tests), aiosmtpd (the SMTP server the mail
## tests start), wrk and brotli (benchmarks).
system-packages:
	@missing=""; command -v chromium >/dev/null || missing="$$missing chromium"; \
	  /usr/bin/python3 -c "import aiosmtpd" 2>/dev/null || missing="$$missing python3-aiosmtpd"; \
	  command -v wrk >/dev/null || missing="$$missing wrk"; \
	  command -v brotli >/dev/null || missing="$$missing brotli"; \
	  if [ -n "$$missing" ]; then echo "Installing$$missing"; apt-get update -qq; \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; fi

lint: tools
	cargo clippy --features ssr --all-targets -- -D warnings
	cargo clippy --features hydrate --lib --target wasm32-unknown-unknown -- -D warnings

clean-data:
	rm -rf data
