#!/usr/bin/env bash
# Sets up and runs the whole LiveSession system on loopback: redis-server (AOF in .data/redis),
# the hub (web host) and the transcription worker; creates a demo meeting and prints its links.
# Ctrl+C stops everything this script started.
# Environment: PORT (default 5080), REDIS_PORT (default 6390), DEMO=0 to skip the demo meeting.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
PORT=${PORT:-5080}
REDIS_PORT=${REDIS_PORT:-6390}
data="$root/.data"
mkdir -p "$data/redis" "$data/logs"

scripts/setup.sh

pids=()
cleanup() {
  echo; echo "==> stopping"
  # Newest first: the worker and the hub stop before the redis-server they use.
  for ((i=${#pids[@]}-1; i>=0; i--)); do kill "${pids[i]}" 2>/dev/null || true; wait "${pids[i]}" 2>/dev/null || true; done
}
trap cleanup EXIT
trap 'exit 130' INT TERM

if redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1; then
  echo "==> redis-server already answers on 127.0.0.1:$REDIS_PORT"
else
  echo "==> starting redis-server on 127.0.0.1:$REDIS_PORT (AOF in .data/redis)"
  # In its own session: Ctrl+C reaches the hub and the worker, and redis-server is stopped after them (cleanup).
  setsid redis-server --bind 127.0.0.1 --port "$REDIS_PORT" --dir "$data/redis" --appendonly yes --appendfsync everysec \
    --save "" --protected-mode yes --logfile "$data/logs/redis.log" &
  pids+=($!)
  for _ in $(seq 50); do redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1 && break; sleep 0.1; done
fi

echo "==> building (Release)"
dotnet publish src/Hub -c Release -o "$data/build/hub" --nologo -v quiet
dotnet publish src/Transcription -c Release -o "$data/build/transcription" --nologo -v quiet

# The admin key creates meetings and reads every role link: readable by this user only.
[ -f "$data/admin-key" ] || (umask 077 && head -c 24 /dev/urandom | base64 | tr -d '/+=' > "$data/admin-key")
chmod 600 "$data/admin-key"
admin_key=$(cat "$data/admin-key")
export LiveSession__Redis="127.0.0.1:$REDIS_PORT" LiveSession__AdminKey="$admin_key" LiveSession__DataDirectory="$data"

echo "==> starting the hub on http://127.0.0.1:$PORT"
(cd "$data/build/hub" && ASPNETCORE_URLS="http://127.0.0.1:$PORT" exec dotnet LiveSession.Hub.dll) &
pids+=($!)
for _ in $(seq 100); do curl -fs "http://127.0.0.1:$PORT/health" >/dev/null 2>&1 && break; sleep 0.2; done
curl -fs "http://127.0.0.1:$PORT/health" >/dev/null || { echo "the hub did not start; see $data/logs"; exit 1; }

if [ "${DEMO:-1}" = "1" ]; then
  links=$(curl -fs -X POST -H "X-Admin-Key: $admin_key" "http://127.0.0.1:$PORT/api/meetings/demo")
  token=$(printf '%s\n' "$links" | sed -n 's/^transcriber-token: //p')
  echo "==> starting the transcription worker"
  (cd "$data/build/transcription" && Transcription__HubUrl="http://127.0.0.1:$PORT/hubs/meeting" Transcription__Token="$token" \
    exec dotnet LiveSession.Transcription.dll) &
  pids+=($!)
  cat <<MSG

LiveSession is running. Demo meeting links:
$(printf '%s\n' "$links" | grep -v '^transcriber-token' | sed 's/^chair:/  Chủ trì (chair):             /; s/^secretary:/  Thư ký (secretary):          /; s/^organizer:/  Ban tổ chức (organizer):     /; s/^screen:/  Màn hình hội trường (screen):/; s/^participant:/  Người tham dự (participants):/; s/^microphone:/  Micro hội trường (microphone):/')

Set up this meeting (agenda, officials, thôn/TDP, QR code): open the organizer link and click "Thiết lập".
Create another meeting: http://127.0.0.1:$PORT/new (admin key: $admin_key, also in .data/admin-key)
Press Ctrl+C to stop.
MSG
fi
wait -n "${pids[@]}"
