#!/usr/bin/env bash
# The virtual environment of the real LibreTranslate server the tests start (.venv-libretranslate).
#   tests/support/make_libretranslate_venv.sh        create it if missing (or if the lock changed),
#                                                    exactly libretranslate-requirements.lock (hashes checked)
#   tests/support/make_libretranslate_venv.sh lock   re-resolve the lock from libretranslate-requirements.in
# Set-up needs PyPI; the tests themselves reach nothing (see libretranslate_server.py).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
python="${PYTHON:-python3}"
venv="${WORKBENCH_TEST_LIBRETRANSLATE_VENV:-$root/.venv-libretranslate}"
lock="$here/libretranslate-requirements.lock"

if [ "${1:-}" = "lock" ]; then
    uv="$root/.venv-tools/bin/uv"
    [ -x "$uv" ] || { echo "uv not found at $uv: lock.sh installs it (./lock.sh refresh)" >&2; exit 1; }
    "$uv" pip compile "$here/libretranslate-requirements.in" --generate-hashes --python-version 3.11 \
        --python-platform x86_64-unknown-linux-gnu --no-header -o "$lock"
    exit 0
fi

stamp="$venv/.installed"
if [ -f "$stamp" ] && [ ! "$lock" -nt "$stamp" ]; then
    exit 0
fi
echo "Creating LibreTranslate's virtual environment in $venv ..." >&2
rm -rf "$venv"
"$python" -m venv "$venv"
"$venv/bin/python" -m pip install --quiet --require-hashes --no-deps -r "$lock" >&2
"$venv/bin/libretranslate" --help >/dev/null
touch "$stamp"
