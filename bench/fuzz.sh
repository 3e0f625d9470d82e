#!/usr/bin/env bash
# Runs every fuzz target for a bounded time (seconds, default 60) on the nightly toolchain and
# prints one line per target: runs, coverage, corpus size. Needs `cargo install cargo-fuzz`.
set -euo pipefail
cd "$(dirname "$0")/../fuzz"
seconds="${1:-60}"
command -v cargo-fuzz >/dev/null || { echo "cargo-fuzz is not installed: cargo install cargo-fuzz" >&2; exit 2; }
cargo +nightly fuzz build -O >/dev/null
for target in $(cargo +nightly fuzz list); do
  log="$(mktemp)"
  # The committed seeds stay as they are: the run grows a copy.
  work="$(mktemp -d)"
  cp -r "corpus/$target/." "$work" 2>/dev/null || true
  if ! cargo +nightly fuzz run -O "$target" "$work" -- -max_total_time="$seconds" -max_len=65536 -rss_limit_mb=2048 >"$log" 2>&1; then
    echo "$target: FAILED (see $log)"; tail -30 "$log"; exit 1
  fi
  summary=$(grep -E "^#[0-9]+.*(DONE|pulse|NEW)" "$log" | tail -1)
  runs=$(sed -n 's/^#\([0-9]*\).*/\1/p' <<<"$summary")
  cov=$(sed -n 's/.*cov: \([0-9]*\).*/\1/p' <<<"$summary")
  corpus=$(sed -n 's/.*corp: \([0-9]*\).*/\1/p' <<<"$summary")
  echo "$target: ${runs:-?} runs in ${seconds}s, coverage ${cov:-?}, corpus ${corpus:-?}, no crash"
  rm -rf "$log" "$work"
done
