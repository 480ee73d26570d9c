#!/usr/bin/env bash
# Whole-process timing of `manabi render --color always` on the lesson and on its body
# repeated ten times, beside `mdcat --ansi` on the same Markdown when mdcat is on PATH
# (install it outside the project: cargo install --root "$PEERS_DIR" mdcat).
# Usage: [PEERS_DIR=DIR] benches/whole-process.sh   (after cargo build --release)
# PEERS_DIR, when set, is the install root of the peers: its bin/ goes first on PATH.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -n "${PEERS_DIR:-}" ] && PATH="$PEERS_DIR/bin:$PATH"

manabi=target/release/manabi
[ -x "$manabi" ] || { echo "build first: cargo build --release" >&2; exit 1; }
command -v hyperfine >/dev/null || {
  echo "needs hyperfine: cargo install hyperfine (or with --root \"\$PEERS_DIR\"), or apt-get install hyperfine" >&2
  exit 1
}

. benches/lesson-copies.sh

commands=(
  -n "manabi 1x" "$manabi render --color always --width 120 --course $work/course1"
  -n "manabi 10x" "$manabi render --color always --width 120 --course $work/course10"
)
if command -v mdcat >/dev/null; then
  commands+=(
    -n "mdcat 1x" "mdcat --ansi --columns 120 $work/lesson1.md"
    -n "mdcat 10x" "mdcat --ansi --columns 120 $work/lesson10.md"
  )
fi
hyperfine --warmup 5 --runs 50 -N "${commands[@]}"
