#!/usr/bin/env bash
# Production install of LiveSession on a Debian machine with the .NET SDK (run as root):
#   sudo scripts/install.sh --address 192.168.1.10        a hall LAN: HTTPS with Caddy's internal CA
#   sudo scripts/install.sh --domain hoinghi.example.vn   a public name: an automatic certificate and HSTS
# It creates the system user "livesession", publishes the hub and the worker into /opt/livesession, writes systemd
# units for redis-server (loopback, password, AOF everysec), the hub and the worker, and Caddy's /etc/caddy/Caddyfile,
# then enables and starts them. Secrets (admin key, worker key, Redis password, the certificate that encrypts the
# hub's Data Protection keys) live in /etc/livesession, mode 0600,
# and reach the services through their environment files only, never a command line.
# A daily timer backs up Redis, the records, recordings and attachments (scripts/backup.sh) into /var/backups/livesession.
# Run again on a newer checkout to upgrade in place: it republishes, then restarts the hub and then the worker.
# Options: --root <dir> writes everything into <dir> instead of the system (no user, no services; for tests),
#          --port <port> the hub's loopback port (5080), --redis-port <port> (6391).
# The worker's whisper models: set Transcription__Model and Transcription__VadModel when running it (see README).
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
. scripts/common.sh

address="" domain="" root="" port=5080 redis_port=6391
while [ $# -gt 0 ]; do
  case "$1" in
    --address) address=$2; shift 2 ;;
    --domain) domain=$2; shift 2 ;;
    --root) root=$(realpath -m "$2"); shift 2 ;;
    --port) port=$2; shift 2 ;;
    --redis-port) redis_port=$2; shift 2 ;;
    *) echo "install.sh: unknown option $1 (see the head of this script)" >&2; exit 2 ;;
  esac
done
if [ -n "$address" ] && [ -n "$domain" ] || [ -z "$address$domain" ]; then
  echo "usage: sudo scripts/install.sh --address <LAN IP> | --domain <name> [--root <dir>]" >&2; exit 2
fi
[ "$(id -u)" -eq 0 ] || [ -n "$root" ] || { echo "install.sh: run it as root (sudo)" >&2; exit 1; }

user=livesession
opt=/opt/livesession etc=/etc/livesession data=/var/lib/livesession units=/etc/systemd/system backups=/var/backups/livesession
public_url="https://${address:-$domain}"
dotnet=$(readlink -f "$(command -v dotnet)")
# Paths as the services see them are written into the files; the files themselves go under $root.
at() { echo "$root$1"; }

scripts/setup.sh
[ -n "$root" ] || command -v caddy >/dev/null ||
  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq caddy >/dev/null; }
if [ -z "$root" ] && ! id "$user" >/dev/null 2>&1; then
  echo "==> creating the system user $user"
  useradd --system --home-dir "$data" --shell /usr/sbin/nologin "$user"
fi
own() { [ -n "$root" ] || chown "$@"; }

mkdir -p "$(at $opt)" "$(at $etc)" "$(at $data)/redis" "$(at $units)" "$(at /etc/caddy)" "$(at $opt)/ca"
chmod 750 "$(at $etc)" "$(at $data)"; chmod 700 "$(at $data)/redis"
own root:"$user" "$(at $etc)"; own -R "$user:$user" "$(at $data)"

echo "==> publishing the hub and the worker (Release) into $(at $opt)"
# Into new folders, swapped in whole: a running service keeps its old files until it is restarted.
for app in hub:src/Hub worker:src/Transcription; do
  name=${app%%:*}
  rm -rf "$(at $opt)/$name.new"
  dotnet publish "${app#*:}" -c Release -o "$(at $opt)/$name.new" --nologo -v quiet
done
rm -rf "$(at $opt)/whisper.new" && cp -r "$(scripts/build-whisper.sh)" "$(at $opt)/whisper.new"
for name in hub worker whisper; do
  rm -rf "$(at $opt)/$name.old"
  [ ! -e "$(at $opt)/$name" ] || mv "$(at $opt)/$name" "$(at $opt)/$name.old"
  mv "$(at $opt)/$name.new" "$(at $opt)/$name"
done

echo "==> secrets in $(at $etc) (mode 0600)"
admin_key=$(secret_key "$(at $etc)/admin-key")
worker_key=$(secret_key "$(at $etc)/worker-key")
redis_password=$(secret_key "$(at $etc)/redis-password")
own "$user:$user" "$(at $etc)/admin-key"
# The certificate that encrypts the hub's Data Protection keys in Redis: reading Redis or its AOF is then not enough
# to forge a link. Made once and kept: a new one could not read the keys the old one encrypted.
if [ ! -f "$(at $etc)/data-protection.pfx" ]; then
  (umask 077 && openssl req -x509 -newkey rsa:3072 -nodes -days 36500 -subj "/CN=LiveSession data protection" \
     -keyout "$(at $etc)/data-protection.key" -out "$(at $etc)/data-protection.crt" 2>/dev/null &&
   openssl pkcs12 -export -inkey "$(at $etc)/data-protection.key" -in "$(at $etc)/data-protection.crt" \
     -out "$(at $etc)/data-protection.pfx" -passout pass: &&
   rm -f "$(at $etc)/data-protection.key" "$(at $etc)/data-protection.crt")
fi
chmod 600 "$(at $etc)/data-protection.pfx"
own "$user:$user" "$(at $etc)/data-protection.pfx"
# Writes file $1 (mode 0600) from standard input.
secret_file() { (umask 077 && cat > "$1"); chmod 600 "$1"; }
secret_file "$(at $etc)/redis.env" <<EOF
REDIS_PASSWORD=$redis_password
EOF
secret_file "$(at $etc)/hub.env" <<EOF
ASPNETCORE_URLS=http://127.0.0.1:$port
LiveSession__Redis=127.0.0.1:$redis_port,password=$redis_password
LiveSession__AdminKey=$admin_key
LiveSession__WorkerKey=$worker_key
LiveSession__DataDirectory=$data
LiveSession__PublicBaseUrl=$public_url
LiveSession__TrustedProxies__0=127.0.0.1
LiveSession__DataProtectionCertificate=$etc/data-protection.pfx
EOF
secret_file "$(at $etc)/worker.env" <<EOF
Transcription__HubUrl=http://127.0.0.1:$port/hubs/meeting
Transcription__WorkerKey=$worker_key
Transcription__Capacity=${WORKER_CAPACITY:-2}
Transcription__WhisperLibraryPath=$opt/whisper
Transcription__Model=${Transcription__Model:-}
Transcription__VadModel=${Transcription__VadModel:-}
EOF

secret_file "$(at $etc)/backup.env" <<EOF
LIVESESSION_DATA=$data
LIVESESSION_BACKUPS=$backups
LIVESESSION_BACKUP_KEEP=${LIVESESSION_BACKUP_KEEP:-14}
LIVESESSION_REDIS=127.0.0.1:$redis_port
REDISCLI_AUTH=$redis_password
LIVESESSION_DATA_PROTECTION_CERT=$etc/data-protection.pfx
EOF

cat > "$(at $etc)/redis.conf" <<EOF
# LiveSession's own redis-server: loopback only, a password (read at start from $etc/redis.env), AOF every second.
bind 127.0.0.1
port $redis_port
protected-mode yes
supervised systemd
daemonize no
logfile ""
dir $data/redis
appendonly yes
appendfsync everysec
save ""
include /run/livesession-redis/auth.conf
EOF

echo "==> systemd units in $(at $units)"
# Settings every LiveSession service shares.
service_common="User=$user
Group=$user
Restart=on-failure
RestartSec=2
NoNewPrivileges=yes
PrivateTmp=yes
ProtectSystem=full"
cat > "$(at $units)/livesession-redis.service" <<EOF
[Unit]
Description=LiveSession Redis (meeting state, loopback only)
After=network.target

[Service]
Type=notify
$service_common
EnvironmentFile=$etc/redis.env
RuntimeDirectory=livesession-redis
RuntimeDirectoryMode=0700
# The password goes into a file only redis can read (echo is the shell's own: no process shows it in its arguments).
ExecStartPre=/bin/sh -c 'umask 077 && echo "requirepass \$\$REDIS_PASSWORD" > /run/livesession-redis/auth.conf'
ExecStart=/usr/bin/redis-server $etc/redis.conf
ReadWritePaths=$data/redis

[Install]
WantedBy=multi-user.target
EOF
cat > "$(at $units)/livesession-hub.service" <<EOF
[Unit]
Description=LiveSession hub (web pages, SignalR, API)
After=network-online.target livesession-redis.service
Wants=network-online.target
Requires=livesession-redis.service

[Service]
Type=simple
$service_common
WorkingDirectory=$opt/hub
EnvironmentFile=$etc/hub.env
Environment=HOME=$data DOTNET_NOLOGO=1 ASPNETCORE_ENVIRONMENT=Production
ExecStart=$dotnet $opt/hub/LiveSession.Hub.dll
ReadWritePaths=$data
TimeoutStopSec=30

[Install]
WantedBy=multi-user.target
EOF
cat > "$(at $units)/livesession-worker.service" <<EOF
[Unit]
Description=LiveSession transcription worker
After=network-online.target livesession-redis.service livesession-hub.service
Wants=network-online.target livesession-hub.service
Requires=livesession-redis.service

[Service]
Type=simple
$service_common
WorkingDirectory=$opt/worker
EnvironmentFile=$etc/worker.env
Environment=HOME=$data DOTNET_NOLOGO=1 DOTNET_ENVIRONMENT=Production
ExecStart=$dotnet $opt/worker/LiveSession.Transcription.dll
ReadWritePaths=$data

[Install]
WantedBy=multi-user.target
EOF

cat > "$(at $units)/livesession-backup.service" <<EOF
[Unit]
Description=LiveSession backup (Redis snapshot, records, recordings and attachments)
After=livesession-redis.service
Requires=livesession-redis.service

[Service]
Type=oneshot
User=$user
Group=$user
EnvironmentFile=$etc/backup.env
ExecStart=/bin/bash $opt/scripts/backup.sh
NoNewPrivileges=yes
PrivateTmp=yes
ProtectSystem=full
ReadWritePaths=$backups
EOF
cat > "$(at $units)/livesession-backup.timer" <<EOF
[Unit]
Description=Daily LiveSession backup

[Timer]
OnCalendar=daily
RandomizedDelaySec=15min
Persistent=true

[Install]
WantedBy=timers.target
EOF
rm -rf "$(at $opt)/scripts" && mkdir -p "$(at $opt)/scripts" "$(at $backups)"
cp scripts/backup.sh scripts/restore.sh scripts/backup-settings.sh "$(at $opt)/scripts/"
chmod 700 "$(at $backups)"; own "$user:$user" "$(at $backups)"

echo "==> Caddy: $(at /etc/caddy/Caddyfile)"
scripts/caddyfile.sh ${address:+--address "$address"} ${domain:+--domain "$domain"} --upstream "127.0.0.1:$port" \
  --ca-page "$opt/ca" > "$(at /etc/caddy/Caddyfile)"
cat > "$(at $opt)/ca/index.html" <<EOF
<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Tin cậy chứng chỉ của hội trường</title></head>
<body style="font-family: sans-serif; max-width: 40rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.5">
<h1>Tin cậy chứng chỉ của hội trường</h1>
<p>Máy chủ hội nghị dùng HTTPS với chứng chỉ gốc riêng của hội trường. Mỗi máy tính, máy chiếu hoặc điện thoại chỉ cần tin cậy chứng chỉ này một lần.</p>
<p><a href="/ca.crt" download="livesession-hoi-truong.crt"><strong>Tải chứng chỉ gốc (livesession-hoi-truong.crt)</strong></a></p>
<ul>
<li><strong>Windows:</strong> mở tệp, chọn “Cài đặt chứng chỉ”, chọn “Máy cục bộ”, đặt vào “Tổ chức chứng nhận gốc đáng tin cậy”.</li>
<li><strong>Android:</strong> Cài đặt → Bảo mật → Mã hóa và thông tin xác thực → Cài đặt chứng chỉ → Chứng chỉ CA.</li>
<li><strong>iPhone:</strong> mở tệp, vào Cài đặt → Đã tải về hồ sơ → Cài đặt; rồi Cài đặt chung → Giới thiệu → Cài đặt tin cậy chứng nhận, bật chứng chỉ này.</li>
<li><strong>Debian/Ubuntu (Chromium):</strong> <code>certutil -d sql:\$HOME/.pki/nssdb -A -t C,, -n livesession -i livesession-hoi-truong.crt</code></li>
</ul>
<p>Sau đó mở <a href="$public_url/">$public_url</a>.</p>
</body></html>
EOF

if [ -n "$root" ]; then
  echo "==> written into $root (nothing installed on this system)"
  exit 0
fi

echo "==> starting the services"
own -R "$user:$user" "$data"
systemctl daemon-reload
systemctl enable livesession-redis livesession-hub livesession-worker livesession-backup.timer caddy >/dev/null
systemctl start livesession-redis
# One at a time: the hub first (the meeting's pages reconnect and resync), then the worker.
systemctl restart livesession-hub
for _ in $(seq 150); do curl -fs "http://127.0.0.1:$port/health" >/dev/null 2>&1 && break; sleep 0.2; done
curl -fs "http://127.0.0.1:$port/health" >/dev/null || { echo "the hub did not start: journalctl -u livesession-hub"; exit 1; }
systemctl restart livesession-worker
systemctl reload-or-restart caddy
systemctl start livesession-backup.timer
rm -rf "$opt"/hub.old "$opt"/worker.old "$opt"/whisper.old

cat <<MSG

LiveSession is running at $public_url
  Create a meeting:  $public_url/new   (admin key: sudo cat $etc/admin-key)
MSG
[ -z "$address" ] || cat <<MSG
  Trust the hall's certificate once on each PC and phone: open http://$address/ca
MSG
cat <<MSG
  Backups: daily into $backups (sudo systemctl start livesession-backup to make one now;
           restore with sudo $opt/scripts/restore.sh <backup>)
  Logs: journalctl -u livesession-hub -u livesession-worker -u livesession-redis -u caddy
MSG
