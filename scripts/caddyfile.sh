#!/usr/bin/env bash
# Prints the Caddyfile that puts Caddy in front of a LiveSession hub (used by scripts/install.sh and the HTTPS tests).
#   --address <IP>   a hall LAN: HTTPS with Caddy's internal CA ("tls internal"); its root certificate is served over
#                    plain HTTP at /ca.crt (and a page at /ca says how to trust it) so the hall PC can trust it once.
#   --domain <name>  a public name: an automatic certificate (ACME) and HSTS.
#   --upstream <host:port>  the hub (default 127.0.0.1:5080)
#   --storage <dir>  Caddy's data folder, where the internal CA lives (default: Debian's caddy user's)
#   --ca-page <dir>  folder with index.html for /ca (default /opt/livesession/ca)
#   --http-port, --https-port <port>, --admin-off  for a test instance beside others
set -euo pipefail

address="" domain="" upstream="127.0.0.1:5080" storage="/var/lib/caddy/.local/share/caddy" ca_page="/opt/livesession/ca"
http_port=80 https_port=443 admin="	# admin API on localhost:2019 (systemctl reload caddy)"
while [ $# -gt 0 ]; do
  case "$1" in
    --address) address=$2; shift 2 ;;
    --domain) domain=$2; shift 2 ;;
    --upstream) upstream=$2; shift 2 ;;
    --storage) storage=$2; shift 2 ;;
    --ca-page) ca_page=$2; shift 2 ;;
    --http-port) http_port=$2; shift 2 ;;
    --https-port) https_port=$2; shift 2 ;;
    --admin-off) admin="	admin off"; shift ;;
    *) echo "caddyfile.sh: unknown option $1" >&2; exit 2 ;;
  esac
done
if [ -n "$address" ] && [ -n "$domain" ] || [ -z "$address$domain" ]; then
  echo "caddyfile.sh: give exactly one of --address or --domain" >&2; exit 2
fi

host=${address:-$domain}
port_suffix=""; [ "$https_port" = 443 ] || port_suffix=":$https_port"
http_suffix=""; [ "$http_port" = 80 ] || http_suffix=":$http_port"

cat <<EOF
# Written by scripts/install.sh: Caddy in front of the LiveSession hub. Edit the options of install.sh, not this file.
{
	http_port $http_port
	https_port $https_port
	storage file_system $storage
	# The server itself needs not trust its CA: the hall PC and the phones do.
	skip_install_trust
$admin
}

(hub) {
	# WebSockets (SignalR) pass through; Caddy sets X-Forwarded-For/-Proto itself and drops a client's own.
	reverse_proxy $upstream
}
EOF

if [ -n "$address" ]; then
  cat <<EOF

(ca) {
	handle /ca.crt {
		root * $storage/pki/authorities/local
		rewrite * /root.crt
		header Content-Type application/x-x509-ca-cert
		file_server
	}
	handle /ca {
		root * $ca_page
		rewrite * /index.html
		file_server
	}
}

https://$address$port_suffix {
	tls internal
	import ca
	handle {
		import hub
	}
}

http://$address$http_suffix {
	import ca
	handle {
		redir https://$address$port_suffix{uri} 308
	}
}
EOF
else
  cat <<EOF

https://$domain$port_suffix {
	header Strict-Transport-Security "max-age=31536000"
	import hub
}

http://$domain$http_suffix {
	redir https://$domain$port_suffix{uri} 308
}
EOF
fi
