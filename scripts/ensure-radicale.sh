#!/usr/bin/env bash
# Installs (Debian's radicale) and starts a throwaway CalDAV server on 127.0.0.1 for the integration
# tests: users alice/alicepw and bob/bobpw, data in a fresh directory. Idempotent: a server already
# answering on the port is left alone.
# Usage: scripts/ensure-radicale.sh [PORT]        (default 5232)
set -euo pipefail
PORT=${1:-5232}
DIR=${RADICALE_DIR:-/tmp/horae-radicale-$PORT}
answering() {
  [ "$(curl -s -o /dev/null -w '%{http_code}' -u alice:alicepw -X PROPFIND -H 'Depth: 0' "http://127.0.0.1:$PORT/" || true)" = 207 ]
}
if answering; then
  echo "radicale already answering on 127.0.0.1:$PORT"; exit 0
fi
if [ ! -x /usr/bin/radicale ]; then
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends radicale >/dev/null
fi
rm -rf "$DIR" && mkdir -p "$DIR/collections"
cat > "$DIR/config" <<CFG
[server]
hosts = 127.0.0.1:$PORT
[auth]
type = htpasswd
htpasswd_filename = $DIR/users
htpasswd_encryption = plain
[storage]
filesystem_folder = $DIR/collections
[rights]
type = owner_only
[web]
type = none
[logging]
level = warning
CFG
printf 'alice:alicepw\nbob:bobpw\n' > "$DIR/users"
# /usr/bin/radicale runs on Debian's python3 (a pyenv python3 first on PATH has no radicale module)
nohup /usr/bin/radicale --config "$DIR/config" > "$DIR/server.log" 2>&1 &
for _ in $(seq 1 50); do
  answering && { echo "radicale ready on 127.0.0.1:$PORT"; exit 0; }
  sleep 0.2
done
echo "radicale did not start:"; cat "$DIR/server.log"; exit 1
