#!/usr/bin/env bash
# Dependency upgrades are deliberate:
#   ./lock.sh refresh   re-resolve requirements.lock (exact versions + hashes) from pyproject.toml's ranges,
#                       newest allowed versions; then run ./test.sh and commit the lock only if it passes
#   ./lock.sh newest    run the whole suite in .venv-newest against the newest versions pyproject.toml
#                       allows, without touching the lock (to see what an upgrade would break)
set -euo pipefail
root="$(cd "$(dirname "$0")" && pwd)"
python="${PYTHON:-python3}"
UV_VERSION="0.13.9"

uv_bin() {
    local tools="$root/.venv-tools"
    if [ ! -x "$tools/bin/uv" ]; then
        "$python" -m venv "$tools"
        "$tools/bin/python" -m pip install --quiet "uv==$UV_VERSION" >&2
    fi
    echo "$tools/bin/uv"
}

case "${1:-}" in
    refresh)
        cd "$root"
        "$(uv_bin)" pip compile pyproject.toml --extra test --extra icu --generate-hashes --universal \
            --python-version 3.11 --upgrade --no-header -o requirements.lock
        echo "requirements.lock refreshed; now run ./test.sh (it reinstalls from the new lock) before committing it" >&2
        ;;
    newest)
        shift
        cd "$root"
        rm -rf .venv-newest
        "$python" -m venv .venv-newest
        .venv-newest/bin/python -m pip install --quiet --upgrade pip >&2
        .venv-newest/bin/python -m pip install --quiet --upgrade -e ".[test,icu]" >&2
        export LANG="${LANG:-C.UTF-8}"
        exec .venv-newest/bin/python -m pytest "$@"
        ;;
    *)
        echo "usage: ./lock.sh refresh | ./lock.sh newest [pytest arguments]" >&2
        exit 2
        ;;
esac
