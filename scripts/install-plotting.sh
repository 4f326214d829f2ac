#!/usr/bin/env bash
# Makes matplotlib available to scripts/plot_figures.py in a local virtual environment (.venv),
# installing python3 and python3-venv from Debian first if they are missing. Does nothing when
# .venv already has matplotlib. Never fatal: without matplotlib `isactwin reproduce` still writes
# the CSVs and the report, and the plotting test is reported as skipped.
set -uo pipefail
cd "$(dirname "$0")/.."
if [ -x .venv/bin/python ] && .venv/bin/python -c "import matplotlib" 2>/dev/null; then
    exit 0
fi
warn() { echo "isactwin: $*" >&2; }
if ! command -v python3 >/dev/null || ! python3 -c "import venv, ensurepip" 2>/dev/null; then
    warn "installing python3 and python3-venv (Debian packages) for the plots..."
    SUDO=""
    if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
    export DEBIAN_FRONTEND=noninteractive
    { $SUDO apt-get update -qq && $SUDO apt-get install -y -qq python3 python3-venv >/dev/null; } \
        || { warn "could not install python3-venv; plots will be skipped"; exit 0; }
fi
warn "creating .venv with matplotlib for the plots..."
rm -rf .venv
python3 -m venv .venv && .venv/bin/pip install -q --disable-pip-version-check matplotlib \
    || { warn "could not install matplotlib into .venv; plots will be skipped"; rm -rf .venv; exit 0; }
