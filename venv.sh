# Sourced by run.sh and test.sh: create or refresh the project's virtual environment.
# It installs exactly requirements.lock (versions and hashes the suite passed with); see lock.sh to change it.
set -euo pipefail
ensure_venv() {
    local root; root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
    local python="${PYTHON:-python3}"
    if ! "$python" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
        echo "workbench needs Python 3.11 or newer as '$python' (set PYTHON=/path/to/python3.11)" >&2
        exit 1
    fi
    if [ ! -x "$root/.venv/bin/python" ]; then
        echo "Creating the virtual environment in $root/.venv ..." >&2
        "$python" -m venv "$root/.venv"
    fi
    local stamp="$root/.venv/.installed"
    if [ ! -f "$stamp" ] || [ "$root/pyproject.toml" -nt "$stamp" ] || [ "$root/requirements.lock" -nt "$stamp" ]; then
        echo "Installing the workbench and its locked dependencies ..." >&2
        "$root/.venv/bin/python" -m pip install --quiet --require-hashes --no-deps -r "$root/requirements.lock" >&2
        "$root/.venv/bin/python" -m pip install --quiet --no-deps -e "$root" >&2
        touch "$stamp"
    fi
}
