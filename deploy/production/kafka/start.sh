#!/bin/sh
# Starts a Kafka node of deploy/production from its mounted template (kafka/controller.properties or
# kafka/broker.properties): fills in the node's id, host name and key store password, formats the log directory on
# first start (controllers with the operators' bootstrap SCRAM user, kafka-admin), then runs Kafka.
# See docs/security.md "Kafka: authentication and TLS".
set -eu
: "${KAFKA_ROLE:?controller or broker}" "${KAFKA_NODE_ID:?}" "${KAFKA_HOST:?}" "${CLUSTER_ID:?}" "${TLS_STORE_PASSWORD:?}"
conf=/tmp/server.properties
umask 077
sed -e "s|@NODE_ID@|$KAFKA_NODE_ID|g" -e "s|@HOST@|$KAFKA_HOST|g" -e "s|@TLS_STORE_PASSWORD@|$TLS_STORE_PASSWORD|g" \
    "/etc/kafka/medassist/$KAFKA_ROLE.properties" > "$conf"
if [ "$KAFKA_ROLE" = controller ]; then
    : "${KAFKA_ADMIN_PASSWORD:?}"
    # SCRAM credentials written at format time are in the cluster's first metadata (KIP-900): the super user
    # kafka-admin exists before any broker does, and creates the services' users and ACLs (acls.sh)
    /opt/kafka/bin/kafka-storage.sh format --ignore-formatted --cluster-id "$CLUSTER_ID" --config "$conf" \
        --add-scram "SCRAM-SHA-512=[name=kafka-admin,password=$KAFKA_ADMIN_PASSWORD]"
else
    /opt/kafka/bin/kafka-storage.sh format --ignore-formatted --cluster-id "$CLUSTER_ID" --config "$conf"
fi
exec /opt/kafka/bin/kafka-server-start.sh "$conf"
