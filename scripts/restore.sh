#!/usr/bin/env bash
# Restores a backup written by scripts/backup.sh onto this install (a fresh one, or after a loss), run as root:
#   sudo scripts/restore.sh /var/backups/livesession/livesession-20261207T020000Z
# Stops the services, puts back Redis (its AOF rebuilt from the snapshot), the records database, the turn recordings
# and attachments, then starts the services again. Same environment as backup.sh, plus LIVESESSION_REDIS_DIR
# ($LIVESESSION_DATA/redis) and LIVESESSION_SERVICES=none when no systemd services are to be stopped and started.
set -euo pipefail
. "$(dirname "$0")/backup-settings.sh"
[ $# -eq 1 ] && [ -f "$1/redis.rdb" ] || { echo "usage: scripts/restore.sh <backup folder with redis.rdb>" >&2; exit 2; }
backup=$(realpath "$1")
redis_dir=${LIVESESSION_REDIS_DIR:-$data/redis}
systemd=$([ "${LIVESESSION_SERVICES:-systemd}" = systemd ] && echo yes || echo no)

[ "$systemd" = no ] || systemctl stop livesession-worker livesession-hub livesession-redis

echo "==> Redis"
mkdir -p "$redis_dir"
rm -rf "$redis_dir/appendonlydir" "$redis_dir/dump.rdb"
cp "$backup/redis.rdb" "$redis_dir/dump.rdb"
# Redis with AOF on would start empty beside a snapshot: a redis-server of our own (a socket, no port) loads the
# snapshot and writes the AOF from it.
socket="$redis_dir/restore.sock"
redis-server --port 0 --unixsocket "$socket" --unixsocketperm 700 --dir "$redis_dir" --dbfilename dump.rdb \
  --appendonly no --save "" --daemonize no --logfile "$redis_dir/restore.log" &
loader=$!
cli() { redis-cli -s "$socket" "$@"; }
for _ in $(seq 600); do [ "$(cli PING 2>/dev/null)" = PONG ] && break; sleep 0.1; done
cli CONFIG SET appendonly yes >/dev/null
for _ in $(seq 600); do
  cli INFO persistence | tr -d '\r' | grep -qx 'aof_rewrite_in_progress:0' &&
    cli INFO persistence | tr -d '\r' | grep -qx 'aof_rewrite_scheduled:0' && [ -d "$redis_dir/appendonlydir" ] && break
  sleep 0.1
done
cli INFO persistence | tr -d '\r' | grep -qx 'aof_last_bgrewrite_status:ok' || { echo "restore.sh: Redis could not write its AOF" >&2; exit 1; }
keys=$(cli DBSIZE)
cli SHUTDOWN NOSAVE >/dev/null 2>&1 || true
wait "$loader" || true
rm -f "$redis_dir/restore.log"

echo "==> records"
if [ -f "$backup/records.pgdump" ]; then
  pg_restore --clean --if-exists --no-owner --dbname "$postgres" "$backup/records.pgdump"
elif [ -f "$backup/records.db" ]; then
  rm -f "$sqlite" "$sqlite-wal" "$sqlite-shm"
  cp "$backup/records.db" "$sqlite"
fi

if [ -n "$certificate" ] && [ -f "$backup/data-protection.pfx" ]; then
  echo "==> the certificate of the link keys"
  (umask 077 && cp "$backup/data-protection.pfx" "$certificate")
  [ "$systemd" = no ] || chown livesession:livesession "$certificate"
fi

echo "==> recordings and attachments"
for folder in "${file_folders[@]}"; do rm -rf "${data:?}/$folder"; done
tar -C "$data" -xf "$backup/files.tar"

if [ "$systemd" = yes ]; then
  chown -R livesession:livesession "$data"
  systemctl start livesession-redis livesession-hub livesession-worker
fi
echo "restored $backup ($keys Redis keys)"
