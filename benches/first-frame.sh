#!/usr/bin/env bash
# Time to first complete frame, exit time, bytes written and peak memory of the reader
# in a 120×40 pseudo-terminal (the shared ttff.py harness), on the lesson and on its body
# repeated ten times, and of the home screen of a two-lesson course; beside less, md-tui (mdt) and presenterm when they are on PATH
# (install them outside the project: cargo install --root "$PEERS_DIR" md-tui presenterm).
# Usage: [PEERS_DIR=DIR] benches/first-frame.sh [RUNS]   (after cargo build --release)
# PEERS_DIR, when set, is the install root of the peers: its bin/ goes first on PATH.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -n "${PEERS_DIR:-}" ] && PATH="$PEERS_DIR/bin:$PATH"

runs=${1:-11}
manabi=$PWD/target/release/manabi
ttff=${TTFF:-../shared/tools/ttff.py}
[ -x "$manabi" ] || { echo "build first: cargo build --release" >&2; exit 1; }

. benches/lesson-copies.sh

measure() {
  local label=$1; shift
  python3 "$ttff" --cols 120 --rows 40 --runs "$runs" --marker 'ネットワーク' --label "$label" "$@"
}
# Progress goes to a store of the benchmark's own (it fills up as the runs go by).
export MANABI_DATA_DIR="$work/progress"
measure "manabi 1x" -- "$manabi" --course "$work/course1"
measure "manabi 10x" -- "$manabi" --course "$work/course10"
measure "manabi 1x, silent terminal" --no-answer -- "$manabi" --course "$work/course1"
# A course of two lessons: the home screen first, against the reader on the same course.
measure "manabi home, 2 lessons" -- "$manabi" --course "$work/course2"
measure "manabi reader, 2 lessons" -- "$manabi" --course "$work/course2" open k8s-networking
# The same without a store (a folder that cannot be made): what the store costs the start.
MANABI_DATA_DIR=/proc/no-store measure "manabi 1x, no progress store" -- "$manabi" --course "$work/course1"
# A whole session: open, page through the lesson to its end, quit (peak memory).
measure "manabi scroll-through" --quit "$(printf ' %.0s' $(seq 80))q" -- "$manabi" --course "$work/course1"
measure "less 1x" -- less "$work/lesson1.md"
if command -v mdt >/dev/null; then
  measure "md-tui 1x" -- mdt "$work/lesson1.md"
  measure "md-tui 10x" -- mdt "$work/lesson10.md"
fi
if command -v presenterm >/dev/null; then
  measure "presenterm 1x" -- presenterm "$work/lesson1.md"
  measure "presenterm 10x" -- presenterm "$work/lesson10.md"
fi
