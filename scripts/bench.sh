#!/usr/bin/env bash
# Load figures for the quality bars (see bench/ChatOpsIR.Bench/Program.cs). Not part of the test run.
# Usage: scripts/bench.sh [--provider Sqlite|Postgres] [--seconds 10] [--concurrency 16] [--only load|report|rate] [--sqlite-pooling true|false]
# With --provider Postgres, set CHATOPSIR_TEST_POSTGRES to a server (as for the tests).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
dotnet run -c Release --project bench/ChatOpsIR.Bench -- "$@"
