#!/usr/bin/env bash
# Set up (first time only) and open the workbench on the seed articles.
# Extra arguments go to the `workbench` command, e.g. ./run.sh articles
source "$(dirname "$0")/venv.sh"
ensure_venv
exec "$(dirname "$0")/.venv/bin/workbench" "$@"
