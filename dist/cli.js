#!/usr/bin/env node
// The `leak-gate` command: the CLI bundle lives in dist/cli/.
import './cli/index.js'
