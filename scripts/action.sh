#!/usr/bin/env bash
# The GitHub Action's step (action.yml): writes the SARIF log, then prints the findings as
# workflow annotations; the step fails on a deny-level finding (exit 1) or an error (exit 2).
#   ROOTLINT_BIN    the rootlint binary (default: `rootlint` on PATH)
#   ROOTLINT_PATHS  folders or files to report on, separated by spaces or newlines (default: .)
#   ROOTLINT_ARGS   more arguments for `rootlint check`, separated by spaces or newlines
#   ROOTLINT_SARIF  where to write the SARIF log (default: rootlint.sarif)
#   ROOTLINT_DOCS_URL, or ROOTLINT_ACTION_REPOSITORY and ROOTLINT_ACTION_REF: where the lint
#                   docs are linked from (the binary's own copy when neither is set)
set -euo pipefail
bin="${ROOTLINT_BIN:-rootlint}"
# Every line of a block input (`paths: |`), not only the first: `read -d ''` reads to the end.
read -r -d '' -a paths <<<"${ROOTLINT_PATHS:-.}" || true
read -r -d '' -a args <<<"${ROOTLINT_ARGS:-}" || true
sarif="${ROOTLINT_SARIF:-rootlint.sarif}"
[[ ${#paths[@]} -gt 0 ]] || paths=(.)
if [[ -z "${ROOTLINT_DOCS_URL:-}" && -n "${ROOTLINT_ACTION_REPOSITORY:-}" && -n "${ROOTLINT_ACTION_REF:-}" ]]; then
  export ROOTLINT_DOCS_URL="https://github.com/$ROOTLINT_ACTION_REPOSITORY/blob/$ROOTLINT_ACTION_REF/docs/lints.md"
fi

errors="$(mktemp)"
trap 'rm -f "$errors"' EXIT
status=0
"$bin" check --format sarif -o "$sarif" "${args[@]}" -- "${paths[@]}" 2>"$errors" || status=$?
if [[ $status -gt 1 ]]; then
  # The cause, on one line (an annotation ends at a newline; `%0A` is GitHub's line break).
  cause="$(tr -d '\r' <"$errors" | sed -e 's/%/%25/g' | awk 'BEGIN{ORS="%0A"} {print}' | sed -e 's/%0A$//')"
  echo "::error title=rootlint::rootlint could not check ${paths[*]} (exit $status): ${cause:-no message}"
  cat "$errors" >&2
  exit "$status"
fi
cat "$errors" >&2
status=0
"$bin" check --format github "${args[@]}" -- "${paths[@]}" || status=$?
exit "$status"
