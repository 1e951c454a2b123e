#!/usr/bin/env bash
# Adds a migration with the same name to each provider's migration set (SQLite, PostgreSQL, SQL Server)
# and refreshes the reviewed SQL Server script. Usage: scripts/add-migration.sh <Name>
set -euo pipefail
name=${1:?usage: scripts/add-migration.sh <MigrationName>}
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
dotnet tool restore >/dev/null
data=src/ChatOpsIR.Data
for provider in Sqlite Postgres SqlServer; do
  dotnet ef migrations add "$name" --project "$data" --startup-project "$data" \
    --context "${provider}ChatOpsDbContext" --output-dir "Migrations/$provider" --namespace "ChatOpsIR.Data.Migrations.$provider"
  # dotnet-ef 11 writes the model snapshot under a folder named after the namespace; keep it with its migrations.
  if [ -d "$data/ChatOpsIR/Data/Migrations/$provider" ]; then
    mv "$data/ChatOpsIR/Data/Migrations/$provider/"*.cs "$data/Migrations/$provider/"
  fi
done
rm -rf "$data/ChatOpsIR" "$data/design.db"
CHATOPSIR_UPDATE_SQL=1 dotnet test tests/ChatOpsIR.Data.Tests --filter "FullyQualifiedName~sql_server_script" -nologo -v:q
echo "Review src/ChatOpsIR.Data/Migrations/SqlServer/ChatOpsIR.SqlServer.sql and the three new migrations before committing."
