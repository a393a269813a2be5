#!/usr/bin/env bash
# Build the engine for the browser: cargo (wasm32) -> wasm-bindgen (ES module) -> wasm-opt.
# --experimental-reset-state-function lets extension/engine-host.js start a clean instance
# after a trap instead of reusing the damaged one.
# Output: extension/engine/sendwise_wasm.js and sendwise_wasm_bg.wasm (not committed).
# wasm-opt comes from the npm package `binaryen` (Debian's wasm-opt 108 breaks
# wasm-bindgen output), so run `npm ci` first; ./dev does.
set -euo pipefail
cd "$(dirname "$0")/.."
out=extension/engine
cargo build -p sendwise-wasm --target wasm32-unknown-unknown --release --quiet
rm -rf "$out" && mkdir -p "$out"
wasm-bindgen --target web --no-typescript --experimental-reset-state-function --out-dir "$out" \
  target/wasm32-unknown-unknown/release/sendwise_wasm.wasm
node_modules/.bin/wasm-opt -Os --enable-bulk-memory --enable-nontrapping-float-to-int \
  --enable-sign-ext --enable-mutable-globals \
  "$out/sendwise_wasm_bg.wasm" -o "$out/sendwise_wasm_bg.wasm"
size=$(stat -c %s "$out/sendwise_wasm_bg.wasm")
gz=$(gzip -9 -c "$out/sendwise_wasm_bg.wasm" | wc -c)
echo "engine: $out/sendwise_wasm_bg.wasm ${size} bytes (${gz} gzipped)"
