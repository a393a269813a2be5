#!/usr/bin/env bash
# Fuzz every target in turn, one job at a time at the lowest priority (a shared 2-core
# machine), seeded from tests/attachments/files (bomb.zip left out: each run would inflate it).
#
#   bash fuzz/run.sh "attachment:780 zip:660 ole:660 pdf:600 text_formats:600"
#
# Needs the nightly toolchain and cargo-fuzz. Prints each target's libFuzzer summary; crashes
# land in fuzz/artifacts/<target>/.
set -euo pipefail
cd "$(dirname "$0")"
plan=${1:-"attachment:150 zip:150 ole:150 pdf:150 text_formats:150"}
nice -n 19 cargo +nightly fuzz build -O
for item in $plan; do
  target=${item%%:*} secs=${item##*:}
  mkdir -p "corpus/$target"
  find ../tests/attachments/files -type f ! -name bomb.zip -exec cp -n {} "corpus/$target/" \;
  echo "== $target ${secs}s $(date -u +%H:%M:%S)"
  nice -n 19 cargo +nightly fuzz run -O "$target" "corpus/$target" -- \
    -max_total_time="$secs" -max_len=65536 -rss_limit_mb=2048 -timeout=10 -print_final_stats=1 2>&1 \
    | grep -E '^(#[0-9]+.*DONE|Done|stat::number_of_executed_units|stat::peak_rss_mb|==|SUMMARY|.*(crash|leak|timeout|oom)-)' || true
  echo "== $target end $(date -u +%H:%M:%S)"
done
