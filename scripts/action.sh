#!/usr/bin/env bash
# The GitHub Action's step (action.yml): writes the SARIF log, then prints the findings as
# workflow annotations; the step fails on a deny-level finding (exit 1) or an error (exit 2).
#   ROOTLINT_BIN    the rootlint binary (default: `rootlint` on PATH)
#   ROOTLINT_PATHS  folders or files to report on, separated by spaces (default: .)
#   ROOTLINT_ARGS   more arguments for `rootlint check`, separated by spaces
#   ROOTLINT_SARIF  where to write the SARIF log (default: rootlint.sarif)
set -euo pipefail
bin="${ROOTLINT_BIN:-rootlint}"
read -ra paths <<<"${ROOTLINT_PATHS:-.}"
read -ra args <<<"${ROOTLINT_ARGS:-}"
sarif="${ROOTLINT_SARIF:-rootlint.sarif}"
[[ ${#paths[@]} -gt 0 ]] || paths=(.)

status=0
"$bin" check --format sarif -o "$sarif" "${args[@]}" -- "${paths[@]}" || status=$?
if [[ $status -gt 1 ]]; then
  echo "::error title=rootlint::rootlint could not check ${paths[*]} (exit $status)"
  exit "$status"
fi
status=0
"$bin" check --format github "${args[@]}" -- "${paths[@]}" || status=$?
exit "$status"
