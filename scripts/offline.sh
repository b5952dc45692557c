#!/usr/bin/env bash
# Build the offline download: dist/offline/ (open dist/offline/index.html from disk, no server or
# network needed; navigation, math, figures and search work) and the same folder as dist/offline.zip.
set -euo pipefail
cd "$(dirname "$0")/.."

rm -rf dist/offline dist/offline.zip
OFFLINE=true DIRECTORY_URLS=false .venv/bin/mkdocs build --quiet --site-dir dist/offline
(cd dist && ../.venv/bin/python -m zipfile -c offline.zip offline/)
echo "offline: dist/offline/index.html and dist/offline.zip ($(du -h dist/offline.zip | cut -f1))"
