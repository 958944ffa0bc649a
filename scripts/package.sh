#!/usr/bin/env bash
# Rebuilds dist/ from src/ in a clean folder, then swaps it in: ncc never deletes what it no longer writes,
# so building over the old dist/ would keep stale files. dist/runtime/ (the packed onnxruntime, built by
# `npm run package:runtime`) is carried over as it is. Run through npm (`npm run package`) for ncc on PATH.
set -euo pipefail
cd "$(dirname "$0")/.."
staging=.dist-staging
rm -rf "$staging"
trap 'rm -rf "$staging"' EXIT
ncc build src/index.ts -o "$staging" --license licenses.txt -e onnxruntime-node
ncc build src/cli.ts -o "$staging/cli" -e onnxruntime-node
cp -R dist/runtime "$staging/runtime"
rm -rf dist
mv "$staging" dist
