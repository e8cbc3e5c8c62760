# Sourced by the benchmark scripts: starts the built service on the machine's PostgreSQL, database
# $BENCH_DB (default horae_bench; made when missing, or made anew when BENCH_FRESH=1), on $PORT with
# bootstrap API key $KEY, logging to $BENCH_LOG; stops it on exit. Export any other setting
# (HORAE_OUTBOUND_ALLOW_PRIVATE=true, …) before sourcing; BENCH_JAVA_OPTS are the JVM's options (e.g. -Xmx256m). BENCH_JAR runs another jar (an earlier build, to compare).
BENCH_DB=${BENCH_DB:-horae_bench}
BENCH_LOG=${BENCH_LOG:-target/bench-service.log}
bash scripts/ensure-postgres.sh >/dev/null
if [ "${BENCH_FRESH:-0}" = 1 ]; then
  psql -h 127.0.0.1 -U postgres -d postgres -qc "drop database if exists $BENCH_DB" -c "create database $BENCH_DB"
else
  psql -h 127.0.0.1 -U postgres -d postgres -Atc "select 1 from pg_database where datname = '$BENCH_DB'" | grep -q 1 \
    || psql -h 127.0.0.1 -U postgres -d postgres -qc "create database $BENCH_DB"
fi
./mvnw -B -q -DskipTests package
SPRING_DATASOURCE_URL=jdbc:postgresql://127.0.0.1:5432/$BENCH_DB SPRING_DATASOURCE_USERNAME=postgres \
  HORAE_BOOTSTRAP_API_KEY=$KEY SERVER_PORT=$PORT java ${BENCH_JAVA_OPTS:-} -jar ${BENCH_JAR:-$(ls target/horae-*.jar)} > "$BENCH_LOG" 2>&1 &
SERVICE=$!
# on exit: the service's resident size now and at its peak (issue 22's memory figures), then it stops
trap 'grep -E "^Vm(RSS|HWM)" /proc/$SERVICE/status 2>/dev/null | tr -s " \t" " " | sed "s/^/service memory: /" >&2 || true; kill $SERVICE 2>/dev/null || true' EXIT
for _ in $(seq 1 60); do curl -fs "http://127.0.0.1:$PORT/actuator/health" >/dev/null && break; sleep 1; done
