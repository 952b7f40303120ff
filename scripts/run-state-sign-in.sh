#!/usr/bin/env bash
# `make run-state-sign-in`: the demo app (as `make run`) with the two test OpenID Connect
# providers of tests/oidc, configured like FranceConnect (port 3001) and like ProConnect
# (port 3002), so that both sign-ins can be tried by hand. The providers' test accounts:
# FranceConnect alice, bob (citizens, created on first sign-in); ProConnect agent
# (camille.lefevre@interieur.gouv.fr) and agent2 (paul.durand@finances.gouv.fr), which open
# nothing until an administrator gives an account with that address the Agent role.
# Test providers only: never point a real deployment at them.
set -euo pipefail
cd "$(dirname "$0")/.."
app="http://127.0.0.1:3000"
secret="un-secret-de-demonstration-assez-long"
pids=()
trap 'kill "${pids[@]}" 2>/dev/null || true' EXIT
start_provider() { # profile port callback
  (cd tests/oidc && PORT="$2" PROFILE="$1" CLIENT_ID=accelerateur-demo CLIENT_SECRET="$secret" \
    REDIRECT_URIS="$app$3" POST_LOGOUT_REDIRECT_URIS="$app/deconnexion/retour" MIN_STATE_NONCE_LENGTH=32 \
    exec node provider.mjs 2>/dev/null) &
  pids+=($!)
}
start_provider fc 3001 /connexion/franceconnect/retour
start_provider pc 3002 /connexion/proconnect/retour
for port in 3001 3002; do
  for _ in $(seq 50); do curl -fs "http://127.0.0.1:$port/.well-known/openid-configuration" >/dev/null && break; sleep 0.2; done
done
mkdir -p data
APP_DEMO=1 DATABASE_URL="${DATABASE_URL:-sqlite:data/accelerateur.db?mode=rwc}" LEPTOS_SITE_ADDR=127.0.0.1:3000 LEPTOS_ENV=DEV \
  FRANCECONNECT_ISSUER=http://127.0.0.1:3001 FRANCECONNECT_CLIENT_ID=accelerateur-demo FRANCECONNECT_CLIENT_SECRET="$secret" \
  PROCONNECT_ISSUER=http://127.0.0.1:3002 PROCONNECT_CLIENT_ID=accelerateur-demo PROCONNECT_CLIENT_SECRET="$secret" \
  "$1"
