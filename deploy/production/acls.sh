#!/bin/sh
# One SCRAM principal per service, with exactly the ACLs it needs, and the operators' read-only principal
# (docs/security.md "ACLs"). Run once the brokers are up, and again after changing a password or the plan:
#
#   docker compose --profile tools run --rm kafka-admin
#
# It authenticates as kafka-admin (the super user created when the controllers were formatted, kafka/start.sh) over
# SASL_SSL, creates or updates the SCRAM credentials with kafka-configs.sh and adds the ACLs with kafka-acls.sh
# (adding an ACL that exists is harmless). The ACL lines between BEGIN and END are AccessPlan.shellLines() in
# service-kit; AccessPlanTest fails the build when they differ.
set -eu
: "${KAFKA_ADMIN_PASSWORD:?}" "${TLS_STORE_PASSWORD:?}"
: "${ELIGIBILITY_KAFKA_PASSWORD:?}" "${SETTLEMENT_KAFKA_PASSWORD:?}" "${OPERATOR_KAFKA_PASSWORD:?}"
: "${DASHBOARD_KAFKA_PASSWORD:?}"
BOOTSTRAP=${BOOTSTRAP:-broker-1:9092,broker-2:9092,broker-3:9092}
TRUST_STORE=${TRUST_STORE:-/etc/kafka/tls/truststore.p12}
KAFKA_BIN=${KAFKA_BIN:-/opt/kafka/bin}
# principals (SCRAM users), Streams application ids (medassist.kafka.application-id) and service names
# (micronaut.application.name, the prefix of the ingestion producers' transactional ids): as the services run
ELIGIBILITY_USER=${ELIGIBILITY_USER:-medassist-eligibility}
ELIGIBILITY_APP=${ELIGIBILITY_APP:-medassist-eligibility}
ELIGIBILITY_SERVICE=${ELIGIBILITY_SERVICE:-eligibility-service}
SETTLEMENT_USER=${SETTLEMENT_USER:-medassist-settlement}
SETTLEMENT_APP=${SETTLEMENT_APP:-medassist-settlement}
SETTLEMENT_SERVICE=${SETTLEMENT_SERVICE:-settlement-service}
DASHBOARD_USER=${DASHBOARD_USER:-medassist-dashboard}
OPERATOR_USER=${OPERATOR_USER:-medassist-operator}

umask 077
ADMIN_CONFIG=$(mktemp)
trap 'rm -f "$ADMIN_CONFIG"' EXIT
cat > "$ADMIN_CONFIG" <<CONFIG
security.protocol=SASL_SSL
sasl.mechanism=SCRAM-SHA-512
sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="kafka-admin" password="$KAFKA_ADMIN_PASSWORD";
ssl.truststore.type=PKCS12
ssl.truststore.location=$TRUST_STORE
ssl.truststore.password=$TLS_STORE_PASSWORD
CONFIG

scram() { # user password
    "$KAFKA_BIN/kafka-configs.sh" --bootstrap-server "$BOOTSTRAP" --command-config "$ADMIN_CONFIG" --alter \
        --entity-type users --entity-name "$1" --add-config "SCRAM-SHA-512=[iterations=8192,password=$2]"
}

allow() { # user operation resource-type name pattern-type
    case "$3" in
        TOPIC) resource="--topic" ;;
        GROUP) resource="--group" ;;
        TRANSACTIONAL_ID) resource="--transactional-id" ;;
        *) echo "unknown resource type $3" >&2; exit 1 ;;
    esac
    "$KAFKA_BIN/kafka-acls.sh" --bootstrap-server "$BOOTSTRAP" --command-config "$ADMIN_CONFIG" --add \
        --allow-principal "User:$1" --operation "$2" "$resource" "$4" --resource-pattern-type "$5" >/dev/null
    echo "User:$1 $2 $3 $4 ($5)"
}

scram "$ELIGIBILITY_USER" "$ELIGIBILITY_KAFKA_PASSWORD"
scram "$SETTLEMENT_USER" "$SETTLEMENT_KAFKA_PASSWORD"
scram "$DASHBOARD_USER" "$DASHBOARD_KAFKA_PASSWORD"
scram "$OPERATOR_USER" "$OPERATOR_KAFKA_PASSWORD"

# BEGIN AccessPlan
# User:$ELIGIBILITY_USER
allow "$ELIGIBILITY_USER" Create TOPIC "identity-events" LITERAL
allow "$ELIGIBILITY_USER" Create TOPIC "person-eligibility" LITERAL
allow "$ELIGIBILITY_USER" Create TOPIC "dead-letters" LITERAL
allow "$ELIGIBILITY_USER" Create TOPIC "identity-ownership-requests" LITERAL
allow "$ELIGIBILITY_USER" Create TOPIC "identity-ownership-answers" LITERAL
allow "$ELIGIBILITY_USER" Read TOPIC "identity-events" LITERAL
allow "$ELIGIBILITY_USER" Read TOPIC "identity-ownership-requests" LITERAL
allow "$ELIGIBILITY_USER" Read TOPIC "identity-ownership-answers" LITERAL
allow "$ELIGIBILITY_USER" Write TOPIC "identity-events" LITERAL
allow "$ELIGIBILITY_USER" Write TOPIC "person-eligibility" LITERAL
allow "$ELIGIBILITY_USER" Write TOPIC "dead-letters" LITERAL
allow "$ELIGIBILITY_USER" Write TOPIC "identity-ownership-requests" LITERAL
allow "$ELIGIBILITY_USER" Write TOPIC "identity-ownership-answers" LITERAL
allow "$ELIGIBILITY_USER" Create TOPIC "$ELIGIBILITY_APP-" PREFIXED
allow "$ELIGIBILITY_USER" Read TOPIC "$ELIGIBILITY_APP-" PREFIXED
allow "$ELIGIBILITY_USER" Write TOPIC "$ELIGIBILITY_APP-" PREFIXED
allow "$ELIGIBILITY_USER" Delete TOPIC "$ELIGIBILITY_APP-" PREFIXED
allow "$ELIGIBILITY_USER" DescribeConfigs TOPIC "$ELIGIBILITY_APP-" PREFIXED
allow "$ELIGIBILITY_USER" Read GROUP "$ELIGIBILITY_APP" LITERAL
allow "$ELIGIBILITY_USER" Write TRANSACTIONAL_ID "$ELIGIBILITY_APP-" PREFIXED
allow "$ELIGIBILITY_USER" Write TRANSACTIONAL_ID "$ELIGIBILITY_SERVICE-identity-ingest-" PREFIXED
# User:$SETTLEMENT_USER
allow "$SETTLEMENT_USER" Create TOPIC "person-eligibility" LITERAL
allow "$SETTLEMENT_USER" Create TOPIC "hospital-events" LITERAL
allow "$SETTLEMENT_USER" Create TOPIC "applications" LITERAL
allow "$SETTLEMENT_USER" Create TOPIC "year-closes" LITERAL
allow "$SETTLEMENT_USER" Create TOPIC "policy-parameters" LITERAL
allow "$SETTLEMENT_USER" Create TOPIC "settlements" LITERAL
allow "$SETTLEMENT_USER" Create TOPIC "alerts" LITERAL
allow "$SETTLEMENT_USER" Create TOPIC "dead-letters" LITERAL
allow "$SETTLEMENT_USER" Create TOPIC "claim-ownership-requests" LITERAL
allow "$SETTLEMENT_USER" Create TOPIC "claim-ownership-answers" LITERAL
allow "$SETTLEMENT_USER" Read TOPIC "hospital-events" LITERAL
allow "$SETTLEMENT_USER" Read TOPIC "applications" LITERAL
allow "$SETTLEMENT_USER" Read TOPIC "year-closes" LITERAL
allow "$SETTLEMENT_USER" Read TOPIC "person-eligibility" LITERAL
allow "$SETTLEMENT_USER" Read TOPIC "policy-parameters" LITERAL
allow "$SETTLEMENT_USER" Read TOPIC "claim-ownership-requests" LITERAL
allow "$SETTLEMENT_USER" Read TOPIC "claim-ownership-answers" LITERAL
allow "$SETTLEMENT_USER" Write TOPIC "hospital-events" LITERAL
allow "$SETTLEMENT_USER" Write TOPIC "applications" LITERAL
allow "$SETTLEMENT_USER" Write TOPIC "year-closes" LITERAL
allow "$SETTLEMENT_USER" Write TOPIC "policy-parameters" LITERAL
allow "$SETTLEMENT_USER" Write TOPIC "settlements" LITERAL
allow "$SETTLEMENT_USER" Write TOPIC "alerts" LITERAL
allow "$SETTLEMENT_USER" Write TOPIC "dead-letters" LITERAL
allow "$SETTLEMENT_USER" Write TOPIC "claim-ownership-requests" LITERAL
allow "$SETTLEMENT_USER" Write TOPIC "claim-ownership-answers" LITERAL
allow "$SETTLEMENT_USER" Create TOPIC "$SETTLEMENT_APP-" PREFIXED
allow "$SETTLEMENT_USER" Read TOPIC "$SETTLEMENT_APP-" PREFIXED
allow "$SETTLEMENT_USER" Write TOPIC "$SETTLEMENT_APP-" PREFIXED
allow "$SETTLEMENT_USER" Delete TOPIC "$SETTLEMENT_APP-" PREFIXED
allow "$SETTLEMENT_USER" DescribeConfigs TOPIC "$SETTLEMENT_APP-" PREFIXED
allow "$SETTLEMENT_USER" Read GROUP "$SETTLEMENT_APP" LITERAL
allow "$SETTLEMENT_USER" Write TRANSACTIONAL_ID "$SETTLEMENT_APP-" PREFIXED
allow "$SETTLEMENT_USER" Write TRANSACTIONAL_ID "$SETTLEMENT_SERVICE-ingest-" PREFIXED
# User:$DASHBOARD_USER
allow "$DASHBOARD_USER" Read TOPIC "policy-parameters" LITERAL
allow "$DASHBOARD_USER" Read TOPIC "settlements" LITERAL
allow "$DASHBOARD_USER" Read TOPIC "alerts" LITERAL
# User:$OPERATOR_USER
allow "$OPERATOR_USER" Read TOPIC "settlements" LITERAL
allow "$OPERATOR_USER" Read TOPIC "alerts" LITERAL
allow "$OPERATOR_USER" Read TOPIC "dead-letters" LITERAL
allow "$OPERATOR_USER" Read GROUP "$OPERATOR_USER" PREFIXED
# END AccessPlan

echo "ACLs now:"
"$KAFKA_BIN/kafka-acls.sh" --bootstrap-server "$BOOTSTRAP" --command-config "$ADMIN_CONFIG" --list
