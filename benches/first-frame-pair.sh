#!/usr/bin/env bash
# Time to first frame of two (or more) manabi binaries, taken alternately so that the
# machine's moods fall on all of them alike: ttff.py, 15 runs each, two rounds, on the
# one-lesson course of benches/lesson-copies.sh. For a change that must not make the
# first frame slower (a new release profile, say).
# With COURSE=embedded, the course built into each binary instead (what `manabi` alone
# opens: for a change to how the binary carries its course).
# Usage: [COURSE=embedded] TTFF=path/to/ttff.py benches/first-frame-pair.sh BEFORE AFTER [MORE...]
set -euo pipefail
cd "$(dirname "$0")/.."
ttff=${TTFF:-../shared/tools/ttff.py}
. benches/lesson-copies.sh
export MANABI_DATA_DIR="$work/progress"
course=(--course "$work/course1")
if [ "${COURSE:-}" = embedded ]; then
  course=()
fi
for round in 1 2; do
  for binary in "$@"; do
    echo "$binary, round $round"
    python3 "$ttff" --cols 120 --rows 40 --runs 15 --marker 'ネットワーク' -- \
      "$binary" "${course[@]}" 2>&1 | grep -E '^  (ttff_ms|peak_rss_mib) '
  done
done
