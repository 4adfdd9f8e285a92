#!/usr/bin/env bash
# Writes a consistent, dated backup of everything a meeting needs into $LIVESESSION_BACKUPS/livesession-<UTC time>:
# Redis (a fresh BGSAVE snapshot: state, events, role-link keys), the records database (SQLite online backup, or
# pg_dump when LIVESESSION_RECORDS_POSTGRES is set), then the turn recordings and attachments of the data folder
# (copied after the snapshot, so they are at least as new as it). Keeps the newest $LIVESESSION_BACKUP_KEEP backups.
# Restore with scripts/restore.sh <backup>. The install runs it daily (livesession-backup.timer) with /etc/livesession/backup.env.
# Environment (defaults as scripts/install.sh sets up): LIVESESSION_DATA (/var/lib/livesession),
# LIVESESSION_BACKUPS (/var/backups/livesession), LIVESESSION_REDIS (127.0.0.1:6391), REDISCLI_AUTH (Redis password),
# LIVESESSION_RECORDS_SQLITE ($LIVESESSION_DATA/records.db), LIVESESSION_RECORDS_POSTGRES (a libpq URL), LIVESESSION_BACKUP_KEEP (14),
# LIVESESSION_DATA_PROTECTION_CERT (the certificate encrypting the link keys in Redis; copied too, as the backup is 0700).
set -euo pipefail
. "$(dirname "$0")/backup-settings.sh"
backups=${LIVESESSION_BACKUPS:-/var/backups/livesession}
keep=${LIVESESSION_BACKUP_KEEP:-14}
redis=${LIVESESSION_REDIS:-127.0.0.1:6391}
cli() { redis-cli -h "${redis%:*}" -p "${redis##*:}" --no-auth-warning "$@"; }

umask 077
target="$backups/livesession-$(date -u +%Y%m%dT%H%M%SZ)"
while [ -e "$target" ]; do sleep 1; target="$backups/livesession-$(date -u +%Y%m%dT%H%M%SZ)"; done
work="$target.partial"
mkdir -p "$work"
trap 'rm -rf "$work"' EXIT

# LASTSAVE counts seconds: a snapshot made in this very second could not be told from the one we ask for.
before=$(cli LASTSAVE)
[ "$before" -lt "$(date +%s)" ] || sleep 1
cli BGSAVE >/dev/null
for _ in $(seq 600); do [ "$(cli LASTSAVE)" -gt "$before" ] && break; sleep 0.1; done
cli INFO persistence | tr -d '\r' | grep -qx 'rdb_last_bgsave_status:ok' || { echo "backup.sh: Redis could not save its snapshot" >&2; exit 1; }
[ "$(cli LASTSAVE)" -gt "$before" ] || { echo "backup.sh: Redis did not finish its snapshot in time" >&2; exit 1; }
cp "$(cli CONFIG GET dir | sed -n 2p)/$(cli CONFIG GET dbfilename | sed -n 2p)" "$work/redis.rdb"

if [ -n "$postgres" ]; then
  pg_dump --format=custom --file "$work/records.pgdump" "$postgres"
elif [ -f "$sqlite" ]; then
  sqlite3 "$sqlite" ".backup '$work/records.db'"
fi

[ -z "$certificate" ] || cp "$certificate" "$work/data-protection.pfx"

present=()
for folder in "${file_folders[@]}"; do [ ! -d "$data/$folder" ] || present+=("$folder"); done
tar -C "$data" -cf "$work/files.tar" --files-from /dev/null "${present[@]}"

mv "$work" "$target"
trap - EXIT
# Prune: the newest $keep stay (the names sort by time).
ls -1d "$backups"/livesession-*Z 2>/dev/null | sort | head -n "-$keep" | while read -r old; do rm -rf "$old"; done
echo "$target"
