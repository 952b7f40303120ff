#!/usr/bin/env bash
# The integration tests need PostgreSQL at TEST_PG_URL (default: the machine's local server).
# Starts the local cluster when it is installed but stopped. In CI a missing PostgreSQL fails
# the run; elsewhere the tests say loudly that they skipped it.
set -uo pipefail
url=${TEST_PG_URL:-postgres://postgres@127.0.0.1:5432/postgres}
if pg_isready -d "$url" -q 2>/dev/null; then exit 0; fi
if command -v pg_ctlcluster >/dev/null && ls /etc/postgresql >/dev/null 2>&1; then
  for v in /etc/postgresql/*; do pg_ctlcluster --skip-systemctl-redirect "$(basename "$v")" main start 2>/dev/null || true; done
  for _ in $(seq 1 20); do pg_isready -d "$url" -q && exit 0; sleep 0.5; done
fi
if [ "${CI:-}" = "true" ]; then
  echo "PostgreSQL is not reachable at $url: CI requires it." >&2
  exit 1
fi
echo "WARNING: PostgreSQL is not reachable at $url: the PostgreSQL half of the integration tests will be SKIPPED." >&2
