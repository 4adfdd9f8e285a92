#!/usr/bin/env bash
# Builds whisper.cpp (C/C++ source from the npm package nodejs-whisper) and the project's shim
# (src/Transcription/Native) into a per-machine cache, once per package version and shim source.
# Installs cmake/g++/npm with apt when missing. Prints the folder holding the libraries.
# Usage: scripts/build-whisper.sh [--print-dir]
#   LIVESESSION_WHISPER_CACHE overrides the cache folder (default ~/.cache/livesession/whisper-<version>).
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD

package=nodejs-whisper@0.3.1
version=1.9.1
cache=${LIVESESSION_WHISPER_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/livesession/whisper-$version}
lib=$cache/lib
native=$repo/src/Transcription/Native

if [ "${1:-}" = "--print-dir" ]; then echo "$lib"; exit 0; fi

stamp_of() { (echo "$package"; cat "$native"/CMakeLists.txt "$native"/*.cpp) | sha256sum | cut -d' ' -f1; }
want=$(stamp_of)
if [ -f "$lib/.stamp" ] && [ "$(cat "$lib/.stamp")" = "$want" ]; then echo "$lib"; exit 0; fi

mkdir -p "$cache"
# One build at a time per machine (set-up, a test build and a bench build may race).
exec 9>"$cache/.lock"
flock 9
if [ -f "$lib/.stamp" ] && [ "$(cat "$lib/.stamp")" = "$want" ]; then echo "$lib"; exit 0; fi

need_apt=()
command -v cmake >/dev/null || need_apt+=(cmake)
command -v g++ >/dev/null || need_apt+=(g++)
command -v make >/dev/null || need_apt+=(make)
command -v npm >/dev/null || need_apt+=(nodejs npm)
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "==> apt-get install ${need_apt[*]}" >&2
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

src=$cache/src
if [ ! -f "$src/.unpacked" ]; then
  echo "==> npm pack $package (whisper.cpp $version source)" >&2
  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' EXIT
  (cd "$tmp" && npm pack "$package" --silent >/dev/null)
  tar -xzf "$tmp"/nodejs-whisper-*.tgz -C "$tmp" package/cpp/whisper.cpp
  grep -q "VERSION $version" "$tmp/package/cpp/whisper.cpp/CMakeLists.txt" \
    || { echo "expected whisper.cpp $version inside $package" >&2; exit 1; }
  rm -rf "$src" && mv "$tmp/package/cpp/whisper.cpp" "$src"
  touch "$src/.unpacked"
fi

jobs=$(nproc 2>/dev/null || echo 2)
echo "==> building whisper.cpp $version and the livesession_whisper shim in $cache/build (-j$jobs, a few minutes the first time)" >&2
cmake -S "$native" -B "$cache/build" -DCMAKE_BUILD_TYPE=Release -DWHISPER_SOURCE_DIR="$src" >"$cache/cmake.log" 2>&1 \
  || { tail -30 "$cache/cmake.log" >&2; exit 1; }
cmake --build "$cache/build" -j"$jobs" --target livesession_whisper >>"$cache/cmake.log" 2>&1 \
  || { tail -30 "$cache/cmake.log" >&2; exit 1; }

rm -rf "$lib.new" && mkdir -p "$lib.new"
cp -a "$cache/build/bin/"*.so* "$lib.new/"
echo "$want" >"$lib.new/.stamp"
rm -rf "$lib" && mv "$lib.new" "$lib"
echo "$lib"
