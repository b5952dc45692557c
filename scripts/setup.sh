#!/usr/bin/env bash
# Set up everything the site needs, from scratch or again (it is safe to re-run):
# a virtualenv in .venv with the pinned Python packages, the engine installed editable,
# and the npm packages from package-lock.json.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=${PYTHON:-python3.11}
command -v "$PYTHON" >/dev/null || PYTHON=python3
if [ ! -x .venv/bin/python ]; then
  echo "setup: creating .venv with $("$PYTHON" --version)"
  "$PYTHON" -m venv .venv
fi
# pip is quiet but for warnings about local package folders this machine's pip.conf may name.
pip_install() {
  .venv/bin/python -m pip install --quiet --disable-pip-version-check "$@" 2>&1 \
    | { grep -v "^WARNING: Location '" || true; }
}
echo "setup: installing pinned Python packages (requirements.txt)"
pip_install -r requirements.txt
pip_install --no-build-isolation --no-deps -e .
echo "setup: installing npm packages (package-lock.json)"
npm ci --no-audit --no-fund --loglevel=error
echo "setup: done"
