#!/usr/bin/env bash
# Installs what LiveSession needs on a Debian machine with the .NET SDK, and builds it.
# Idempotent: each step is skipped when already done. Usage: scripts/setup.sh [--with-browser]
# (--with-browser adds what the tests need besides: Debian's Chromium and PostgreSQL).
set -euo pipefail
cd "$(dirname "$0")/.."

need_apt=()
command -v redis-server >/dev/null || need_apt+=(redis-server)
command -v npm >/dev/null || need_apt+=(nodejs npm)
command -v curl >/dev/null || need_apt+=(curl)
if [[ " $* " == *" --with-browser "* ]]; then
  [ -x /usr/bin/chromium ] || need_apt+=(chromium)
  ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need_apt+=(postgresql)
fi
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "==> apt-get install ${need_apt[*]}"
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

# Front-end assets from npm into wwwroot/lib (not committed).
lib=src/Hub/wwwroot/lib
if [ ! -f "$lib/.installed" ] || [ src/Hub/package-lock.json -nt "$lib/.installed" ]; then
  echo "==> npm ci (bootstrap, bootstrap-icons, @microsoft/signalr, sortablejs)"
  (cd src/Hub && npm ci --no-audit --no-fund --loglevel=error)
  rm -rf "$lib" && mkdir -p "$lib/bootstrap" "$lib/bootstrap-icons" "$lib/signalr" "$lib/sortablejs"
  cp -r src/Hub/node_modules/bootstrap/dist/css src/Hub/node_modules/bootstrap/dist/js "$lib/bootstrap/"
  cp -r src/Hub/node_modules/bootstrap-icons/font/* "$lib/bootstrap-icons/"
  cp src/Hub/node_modules/@microsoft/signalr/dist/browser/signalr.min.js "$lib/signalr/"
  cp src/Hub/node_modules/sortablejs/modular/sortable.esm.js "$lib/sortablejs/"
  touch "$lib/.installed"
fi
scripts/build-whisper.sh >/dev/null  # whisper.cpp + shim for src/Transcription, cached per machine
