#!/bin/sh
# TEMPORARY: builds a scratch action bundle with the stubs above into $1 (default /tmp/lg-scratch/dist).
set -e
OUT=${1:-/tmp/lg-scratch/dist}
SCRATCH=$(dirname "$OUT")
rm -rf "$SCRATCH/src" && mkdir -p "$SCRATCH"
cp -r src "$SCRATCH/src" && rm -rf "$SCRATCH/src/cli" "$SCRATCH/src/cli.ts"
[ -f src/pipeline.ts ] && [ -f src/analyze/index.ts ] || cp __tests__/helpers/stubs/pipeline.ts "$SCRATCH/src/pipeline.ts"
[ -f src/report/index.ts ] || cp __tests__/helpers/stubs/report-index.ts "$SCRATCH/src/report/index.ts"
sed -i "s#'../../../src/#'./#; s#'./model.js'#'./model.js'#" "$SCRATCH/src/pipeline.ts"
sed -i "s#'../../../src/model.js'#'../model.js'#; s#'../../../src/report/types.js'#'./types.js'#" "$SCRATCH/src/report/index.ts"
ln -sfn "$PWD/node_modules" "$SCRATCH/node_modules"
cp package.json "$SCRATCH/" && sed "s/\"__tests__\/\*\*\/\*.ts\"//; s/\"src\/\*\*\/\*.ts\", /\"src\/index.ts\"/" tsconfig.json > "$SCRATCH/tsconfig.json"
cd "$SCRATCH" && npx ncc build src/index.ts -o dist -q --target es2022
