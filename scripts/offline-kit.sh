#!/usr/bin/env bash
# Builds the offline install kit for classroom laptops without internet:
#   KIT/manabi                 the release binary (Linux x86_64, as built here)
#   KIT/source/                the project's tracked files, its crates vendored in
#                              source/vendor and source/.cargo/config.toml set to use them
#   KIT/share/                 shell completions and the man page
#   KIT/README.md, KIT/INSTALL.ja.md
# so that `cargo build --release --offline` in KIT/source works with only a Rust
# toolchain, and a laptop like this one just copies KIT/manabi.
# Usage: scripts/offline-kit.sh [KIT]   (default target/offline-kit; needs crates.io once,
# to vendor the crates of every platform)
set -euo pipefail
cd "$(dirname "$0")/.."
kit=${1:-target/offline-kit}
case "$kit" in /*) ;; *) kit="$PWD/$kit" ;; esac

# Only a folder that is empty, missing or an earlier kit is replaced.
if [ -e "$kit" ] && [ ! -e "$kit/.manabi-offline-kit" ] && [ -n "$(ls -A "$kit")" ]; then
  echo "offline kit: $kit exists and is not an earlier kit; give another folder" >&2
  exit 1
fi
rm -rf "$kit"
mkdir -p "$kit/source" "$kit/share/completions" "$kit/share/man/man1"

cargo build --release --locked
cp target/release/manabi "$kit/manabi"

# The tracked files as they are in this checkout (the fuzz crate is its own workspace
# and not needed to build manabi).
git ls-files -z -- . ':!:fuzz' | tar --null -T - -cf - | tar -xf - -C "$kit/source"

# Every crate of Cargo.lock, for every platform, and the configuration that uses them
# in place of crates.io.
(cd "$kit/source" && cargo vendor --locked vendor > "$kit/vendor.toml")
{
  printf '\n# Written by scripts/offline-kit.sh: crates from vendor/, never crates.io.\n'
  cat "$kit/vendor.toml"
  printf '\n[net]\noffline = true\n'
} >> "$kit/source/.cargo/config.toml"
rm "$kit/vendor.toml"

"$kit/manabi" completions bash > "$kit/share/completions/manabi.bash"
"$kit/manabi" completions zsh > "$kit/share/completions/_manabi"
"$kit/manabi" completions fish > "$kit/share/completions/manabi.fish"
"$kit/manabi" man > "$kit/share/man/man1/manabi.1"

touch "$kit/.manabi-offline-kit"
cp README.md "$kit/README.md"
cp scripts/INSTALL.ja.md "$kit/INSTALL.ja.md"
echo "offline kit: $kit ($(du -sh "$kit" | cut -f1))"
