#!/usr/bin/env bash
# Sets up and runs the whole LiveSession system on loopback: redis-server (AOF in .data/redis),
# the hub (web host) and the transcription worker; creates a demo meeting and prints its links.
# Ctrl+C stops everything this script started.
# The worker serves every running meeting (the demo one and those created at /new), up to WORKER_CAPACITY at once.
# Environment: PORT (default 5080), REDIS_PORT (default 6390), DEMO=0 to skip the demo meeting, WORKER_CAPACITY
# (default 2), and the worker's models: Transcription__Model and Transcription__VadModel (without them it stays idle).
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

. scripts/common.sh
# The admin key creates meetings and reads every role link; the worker key only lets a transcription worker
# claim running meetings and get their transcriber tokens.
admin_key=$(secret_key "$data/admin-key")
worker_key=$(secret_key "$data/worker-key")

echo "==> starting the hub on http://127.0.0.1:$PORT"
# The hub's settings go to the hub only: the worker never sees the admin key.
(cd "$data/build/hub" && ASPNETCORE_URLS="http://127.0.0.1:$PORT" LiveSession__Redis="127.0.0.1:$REDIS_PORT" LiveSession__AdminKey="$admin_key" \
  LiveSession__WorkerKey="$worker_key" LiveSession__DataDirectory="$data" exec dotnet LiveSession.Hub.dll) &
pids+=($!)
for _ in $(seq 100); do curl -fs "http://127.0.0.1:$PORT/health" >/dev/null 2>&1 && break; sleep 0.2; done
curl -fs "http://127.0.0.1:$PORT/health" >/dev/null || { echo "the hub did not start; see $data/logs"; exit 1; }

echo "==> starting the transcription worker (every running meeting, up to ${WORKER_CAPACITY:-2} at once)"
[ -n "${Transcription__Model:-}" ] || echo "    no whisper model: set Transcription__Model and Transcription__VadModel (see README) to transcribe"
(cd "$data/build/transcription" && Transcription__HubUrl="http://127.0.0.1:$PORT/hubs/meeting" Transcription__WorkerKey="$worker_key" \
  Transcription__Capacity="${WORKER_CAPACITY:-2}" exec dotnet LiveSession.Transcription.dll) &
pids+=($!)

if [ "${DEMO:-1}" = "1" ]; then
  links=$(curl -fs -X POST -H "X-Admin-Key: $admin_key" "http://127.0.0.1:$PORT/api/meetings/demo")
  cat <<MSG

LiveSession is running. Demo meeting links:
$(printf '%s\n' "$links" | grep -v '^transcriber-token' | sed 's/^chair:/  Chủ trì (chair):             /; s/^secretary:/  Thư ký (secretary):          /; s/^organizer:/  Ban tổ chức (organizer):     /; s/^screen:/  Màn hình hội trường (screen):/; s/^participant:/  Người tham dự (participants):/; s/^microphone:/  Micro hội trường (microphone):/')

Set up this meeting (agenda, officials, thôn/TDP, QR code): open the organizer link and click "Thiết lập".
MSG
fi
cat <<MSG
Create a meeting: http://127.0.0.1:$PORT/new (admin key: $admin_key, also in .data/admin-key)
The worker transcribes every meeting once its chair clicks "Bắt đầu hội nghị" (up to ${WORKER_CAPACITY:-2} at once).
Press Ctrl+C to stop.
MSG
wait -n "${pids[@]}"
