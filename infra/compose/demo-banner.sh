#!/bin/sh
# The `demo` service: compose starts it once every part is healthy and traffic is flowing.
# It says where everything is (the logins are alerts-api's DEMO_USERS), then waits, so that
# Ctrl-C on `docker compose up demo` stops the whole project.
cat <<BANNER

fraud pipeline: up, traffic at ${TRAFFIC_RATE} payments/s with injected fraud patterns

  alerts dashboard  http://127.0.0.1:8081/       (analyst / analyst-pass, or viewer / viewer-pass)
  payments API      http://127.0.0.1:8080/docs   (GET /payments/:id shows the score)
  Grafana           http://127.0.0.1:3000/       (anonymous read; admin / ${GRAFANA_ADMIN_PASSWORD})
  Prometheus        http://127.0.0.1:9090/
  fraud topology    http://127.0.0.1:8090/metrics
  Kafka             127.0.0.1:19092
  PostgreSQL        postgres://fraud:fraud@127.0.0.1:15432/fraud
  schema registry   http://127.0.0.1:18081/apis/ccompat/v7
  Kafka Connect     http://127.0.0.1:18083

  load test         npm run loadtest -- steady   (k6 against the payments API above)
  logs              docker compose logs -f streams payments-api traffic

Ctrl-C stops everything; docker compose down -v also deletes the data.
BANNER

trap 'exit 0' INT TERM
while :; do
  sleep 3600 &
  wait $!
done
