#!/usr/bin/env bash
# Sourced by the scripts: put the project's pinned tools first on PATH.
# Trunk must find binaryen's wasm-opt 132 from npm, never Debian's 108 (which breaks the output).
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
export TRUNK_OFFLINE=true
export CHROMEDRIVER=/usr/bin/chromedriver
