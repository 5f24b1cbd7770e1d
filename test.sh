#!/usr/bin/env bash
# Set up (first time only) and run the whole test suite. Needs tmux for the terminal tests.
source "$(dirname "$0")/venv.sh"
ensure_venv
cd "$(dirname "$0")"
export LANG="${LANG:-C.UTF-8}"
exec .venv/bin/python -m pytest "$@"
