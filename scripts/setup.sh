#!/usr/bin/env bash
# Installs what LiveSession needs on a Debian machine with the .NET SDK, and builds it.
# Idempotent: each step is skipped when already done. Usage: scripts/setup.sh [--with-browser]
# (--with-browser adds what the tests need besides: Debian's Chromium, PostgreSQL, poppler-utils, caddy and certutil).
# PDF of the biên bản and the thông báo needs LibreOffice Writer and fonts with Vietnamese: the documents are set
# in Times New Roman, which LibreOffice replaces with the metric-compatible Liberation Serif (fonts-liberation2),
# DejaVu as the fallback. A host that must not make PDF sets Paperwork:PdfConverter to "none" (see README).
set -euo pipefail
cd "$(dirname "$0")/.."

installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q '^install ok installed$'; }

need_apt=()
need_apt_bare=()  # installed with --no-install-recommends (LibreOffice would bring Java, a desktop's worth of fonts, etc.)
command -v redis-server >/dev/null || need_apt+=(redis-server)
command -v npm >/dev/null || need_apt+=(nodejs npm)
command -v curl >/dev/null || need_apt+=(curl)
command -v openssl >/dev/null || need_apt+=(openssl)  # the install's data-protection certificate
installed libreoffice-writer || need_apt_bare+=(libreoffice-writer)  # soffice
installed fonts-liberation2 || need_apt_bare+=(fonts-liberation2)
installed fonts-dejavu-core || need_apt_bare+=(fonts-dejavu-core)
if [[ " $* " == *" --with-browser "* ]]; then
  [ -x /usr/bin/chromium ] || need_apt+=(chromium)
  ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need_apt+=(postgresql)
  # pdftotext, pdfinfo, pdffonts and pdftoppm read the PDFs in the tests.
  installed poppler-utils || need_apt_bare+=(poppler-utils)
  # The HTTPS tests put Caddy in front of a host and make Chromium trust its root with certutil.
  command -v caddy >/dev/null || need_apt+=(caddy)
  command -v certutil >/dev/null || need_apt_bare+=(libnss3-tools)
fi
if [ $((${#need_apt[@]} + ${#need_apt_bare[@]})) -gt 0 ]; then
  all=("${need_apt[@]}" "${need_apt_bare[@]}")
  echo "==> apt-get install ${all[*]}"
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  [ ${#need_apt[@]} -eq 0 ] ||
    $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}" >/dev/null
  [ ${#need_apt_bare[@]} -eq 0 ] ||
    $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need_apt_bare[@]}" >/dev/null
fi

# Front-end assets from npm into wwwroot/lib (not committed).
lib=src/Hub/wwwroot/lib
if [ ! -f "$lib/.installed" ] || [ src/Hub/package-lock.json -nt "$lib/.installed" ]; then
  echo "==> npm ci (bootstrap, bootstrap-icons, @microsoft/signalr, sortablejs, opus-decoder)"
  (cd src/Hub && npm ci --no-audit --no-fund --loglevel=error)
  rm -rf "$lib" && mkdir -p "$lib/bootstrap" "$lib/bootstrap-icons" "$lib/signalr" "$lib/sortablejs" "$lib/opus-decoder"
  cp -r src/Hub/node_modules/bootstrap/dist/css src/Hub/node_modules/bootstrap/dist/js "$lib/bootstrap/"
  cp -r src/Hub/node_modules/bootstrap-icons/font/* "$lib/bootstrap-icons/"
  cp src/Hub/node_modules/@microsoft/signalr/dist/browser/signalr.min.js "$lib/signalr/"
  cp src/Hub/node_modules/sortablejs/modular/sortable.esm.js "$lib/sortablejs/"
  # The participant page's Opus decoder where the browser has no WebCodecs one (served from here, never fetched elsewhere).
  cp src/Hub/node_modules/opus-decoder/dist/opus-decoder.min.js "$lib/opus-decoder/"
  touch "$lib/.installed"
fi
scripts/build-whisper.sh >/dev/null  # whisper.cpp + shim for src/Transcription, cached per machine
