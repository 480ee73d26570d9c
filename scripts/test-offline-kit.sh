#!/usr/bin/env bash
# Tests the offline kit: builds it, then builds manabi from the kit's source in a clean
# folder with an empty CARGO_HOME and, where the system allows (unshare), no network at
# all; the binary built must run. Run by .ci/run.
set -euo pipefail
cd "$(dirname "$0")/.."
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

scripts/offline-kit.sh "$scratch/kit"
cp -r "$scratch/kit/source" "$scratch/clean"
mkdir "$scratch/cargo-home"
build='cd "$1" && CARGO_HOME="$2" CARGO_NET_OFFLINE=true CARGO_TARGET_DIR="$1/target" cargo build --release --offline --locked --quiet'
network="no network"
if unshare --net true 2>/dev/null; then
  echo "offline kit: building with no network (unshare --net)"
  unshare --net sh -c "$build" _ "$scratch/clean" "$scratch/cargo-home"
else
  echo "offline kit: unshare is not allowed here; building with CARGO_NET_OFFLINE and an empty CARGO_HOME (the network is not cut)"
  sh -c "$build" _ "$scratch/clean" "$scratch/cargo-home"
  network="cargo offline"
fi
"$scratch/clean/target/release/manabi" --version
"$scratch/clean/target/release/manabi" render --width 60 | grep -q 'Kubernetes'
for file in manabi README.md INSTALL.ja.md share/completions/manabi.bash share/completions/_manabi \
  share/completions/manabi.fish share/man/man1/manabi.1; do
  [ -s "$scratch/kit/$file" ] || { echo "offline kit: $file missing" >&2; exit 1; }
done
echo "offline kit: built and ran ($network)"
