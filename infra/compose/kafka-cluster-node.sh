#!/usr/bin/env bash
# Start command of the `cluster` profile's extra brokers (kafka-2, kafka-3). Without the
# profile's settings this node would not be a voter of the quorum and every topic would keep a
# single replica, so it refuses to start and says what to run instead.
set -euo pipefail

case ",${KAFKA_CONTROLLER_QUORUM_VOTERS}," in
  *",${KAFKA_NODE_ID}@"*) ;;
  *)
    echo "kafka node ${KAFKA_NODE_ID} belongs to the cluster profile, which needs its settings:" >&2
    echo "  docker compose --env-file infra/compose/cluster.env up demo" >&2
    exit 1
    ;;
esac

# The image's own start script: renders server.properties from KAFKA_* and starts the node.
exec /etc/kafka/docker/run
