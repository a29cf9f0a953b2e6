#!/usr/bin/env bash
# Set up secordoc on a fresh Debian machine (Python 3.11+): tesseract from Debian's packages,
# a virtual environment in .venv with secordoc (editable, with test extras) and tox.
# Safe to run again: it installs only what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

need=()
command -v tesseract >/dev/null 2>&1 || need+=(tesseract-ocr)
[ -f /usr/share/tesseract-ocr/5/tessdata/eng.traineddata ] || [ -f /usr/share/tesseract-ocr/4.00/tessdata/eng.traineddata ] || need+=(tesseract-ocr-eng)
[ -f /usr/share/tesseract-ocr/5/tessdata/osd.traineddata ] || [ -f /usr/share/tesseract-ocr/4.00/tessdata/osd.traineddata ] || need+=(tesseract-ocr-osd)
python3 -c "import ensurepip, venv" >/dev/null 2>&1 || need+=(python3-venv)
# OpenCV (the layout model's line and ink detection) loads libGL and glib at import
ldconfig -p | grep -q 'libGL.so.1 ' || need+=(libgl1)
ldconfig -p | grep -q 'libglib-2.0.so.0 ' || need+=(libglib2.0-0)
# the browser test of `secordoc serve` drives Debian's Chromium with Playwright (nothing downloaded)
[ -x /usr/bin/chromium ] || need+=(chromium)
if [ ${#need[@]} -gt 0 ]; then
  echo "Installing from Debian: ${need[*]}" >&2
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >/dev/null
fi

if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -e ".[test]" tox
echo "secordoc is installed in .venv ($(.venv/bin/secordoc --version | head -1))." >&2
