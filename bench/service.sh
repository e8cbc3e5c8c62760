# Sourced by the benchmark scripts: starts the built service on the machine's PostgreSQL (database
# horae_bench, made when missing) on $PORT with bootstrap API key $KEY, and stops it on exit.
bash scripts/ensure-postgres.sh
psql -h 127.0.0.1 -U postgres -d postgres -Atc "select 1 from pg_database where datname = 'horae_bench'" | grep -q 1 \
  || psql -h 127.0.0.1 -U postgres -d postgres -qc "create database horae_bench"
./mvnw -B -q -DskipTests package
SPRING_DATASOURCE_URL=jdbc:postgresql://127.0.0.1:5432/horae_bench SPRING_DATASOURCE_USERNAME=postgres \
  HORAE_BOOTSTRAP_API_KEY=$KEY SERVER_PORT=$PORT java -jar target/horae-*.jar > target/bench-service.log 2>&1 &
SERVICE=$!
trap 'kill $SERVICE 2>/dev/null || true' EXIT
for _ in $(seq 1 60); do curl -fs "http://127.0.0.1:$PORT/actuator/health" >/dev/null && break; sleep 1; done
