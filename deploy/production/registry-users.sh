#!/usr/bin/env bash
# The schema registry's users (docs/security.md "Schema registry"): secrets/registry.htpasswd for registry-proxy,
# from the passwords in .env. Run again after changing one.
#   schema-admin          may register schemas (REGISTRY_ADMIN_PASSWORD)
#   eligibility-service   reads (ELIGIBILITY_REGISTRY_PASSWORD)
#   settlement-service    reads (SETTLEMENT_REGISTRY_PASSWORD)
#   operator              reads, for consoles and bin/run (OPERATOR_REGISTRY_PASSWORD)
set -euo pipefail
cd "$(dirname "$0")"
set -a
# shellcheck disable=SC1091
source .env
set +a
mkdir -p secrets
chmod 700 secrets
umask 077
out=secrets/registry.htpasswd
: > "$out.tmp"
for pair in "schema-admin:${REGISTRY_ADMIN_PASSWORD:?}" "eligibility-service:${ELIGIBILITY_REGISTRY_PASSWORD:?}" \
            "settlement-service:${SETTLEMENT_REGISTRY_PASSWORD:?}" "operator:${OPERATOR_REGISTRY_PASSWORD:?}"; do
    user=${pair%%:*}
    printf '%s:%s\n' "$user" "$(openssl passwd -apr1 -stdin <<< "${pair#*:}")" >> "$out.tmp"
done
mv "$out.tmp" "$out"
chmod 644 "$out"
echo "wrote $out"
