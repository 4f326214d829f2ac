#!/usr/bin/env bash
# Installs what ISACTwin needs on a fresh Debian/Ubuntu machine: OpenBLAS (CBLAS) and LAPACKE
# with pkg-config. Does nothing when they are already there.
set -euo pipefail
if pkg-config --exists openblas lapacke 2>/dev/null; then
    exit 0
fi
echo "isactwin: installing libopenblas-dev, liblapacke-dev and pkg-config (Debian packages)..." >&2
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq libopenblas-dev liblapacke-dev pkg-config >/dev/null
pkg-config --exists openblas lapacke || { echo "isactwin: OpenBLAS/LAPACKE still missing after install" >&2; exit 1; }
