#!/usr/bin/env bash
# The TLS material of deploy/production (docs/security.md "Certificates"): a CA of your own, and one certificate
# per Kafka node, per service instance and for the registry's front, each naming its host, signed by the CA.
#
#   ./certs.sh                 # reads TLS_STORE_PASSWORD from .env, writes secrets/tls/ (kept out of git)
#   ./certs.sh gateway.example # also the gateway's certificate for that public name (else bring your own)
#
# Needs openssl and keytool (a JDK). Existing files are kept: delete secrets/tls/ to start over (new CA), or one
# node's files to renew that node's certificate. Private keys never leave secrets/tls/.
set -euo pipefail
cd "$(dirname "$0")"
if [[ -z "${TLS_STORE_PASSWORD:-}" && -f .env ]]; then
    TLS_STORE_PASSWORD=$(sed -n 's/^TLS_STORE_PASSWORD=//p' .env)
fi
: "${TLS_STORE_PASSWORD:?set TLS_STORE_PASSWORD in .env (letters and digits, at least 16)}"
DAYS=${DAYS:-825}
OUT=secrets/tls
mkdir -p "$OUT"
chmod 700 secrets "$OUT"
umask 077

if [[ ! -f "$OUT/ca.key" ]]; then
    openssl req -x509 -new -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -sha256 -days 3650 \
        -subj "/CN=medassist-ca" -addext "basicConstraints=critical,CA:TRUE" \
        -addext "keyUsage=critical,keyCertSign,cRLSign" -keyout "$OUT/ca.key" -out "$OUT/ca.crt"
fi
# the trust store every Java client and server uses (Kafka, the services, the registry client)
if [[ ! -f "$OUT/truststore.p12" ]]; then
    keytool -importcert -noprompt -alias medassist-ca -file "$OUT/ca.crt" -keystore "$OUT/truststore.p12" \
        -storetype PKCS12 -storepass "$TLS_STORE_PASSWORD"
fi

# leaf NAME [more DNS names...]: NAME.key, NAME.crt (PEM) and NAME.p12 (key, certificate and CA chain)
leaf() {
    local name=$1; shift
    [[ -f "$OUT/$name.p12" ]] && return
    local san="DNS:$name"
    for extra in "$@"; do san="$san,DNS:$extra"; done
    openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -subj "/CN=$name" \
        -keyout "$OUT/$name.key" -out "$OUT/$name.csr"
    openssl x509 -req -in "$OUT/$name.csr" -CA "$OUT/ca.crt" -CAkey "$OUT/ca.key" -CAcreateserial -sha256 \
        -days "$DAYS" -out "$OUT/$name.crt" -extfile <(printf '%s\n' "subjectAltName=$san" \
        "basicConstraints=critical,CA:FALSE" "keyUsage=critical,digitalSignature,keyAgreement" \
        "extendedKeyUsage=serverAuth,clientAuth")
    openssl pkcs12 -export -name "$name" -in "$OUT/$name.crt" -inkey "$OUT/$name.key" -certfile "$OUT/ca.crt" \
        -out "$OUT/$name.p12" -passout "pass:$TLS_STORE_PASSWORD"
    rm -f "$OUT/$name.csr"
    echo "$name: $san"
}

# Kafka nodes: each certificate is its principal (CN=broker-1 -> User:broker-1, a super user) on the mutual-TLS
# listeners, and names its host for the clients' host name check
for n in 1 2 3; do leaf "controller-$n"; leaf "broker-$n"; done
# service instances: their HTTPS (queries forwarded between instances, and from the gateway, which checks the
# upstream group's name)
for n in 1 2; do leaf "eligibility-$n" eligibility; leaf "settlement-$n" settlement; done
# the registry's authenticating TLS front (nginx reads the PEM files)
leaf registry-proxy
if [[ $# -ge 1 ]]; then
    leaf gateway "$1"
    cp "$OUT/gateway.crt" "$OUT/server.crt"
    cp "$OUT/gateway.key" "$OUT/server.key"
fi
# the PKCS12 stores (encrypted with TLS_STORE_PASSWORD) must be readable by the containers' own users (Kafka's
# appuser, the services' medassist); the PEM keys stay 600 (nginx reads them as root); the directory stays 700
chmod 644 "$OUT"/*.p12 "$OUT"/*.crt
echo "TLS material in $OUT (CA: $OUT/ca.crt)"
