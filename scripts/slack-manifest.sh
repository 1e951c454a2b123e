#!/usr/bin/env bash
# Prints the Slack app manifest with ChatOpsIR's public base URL filled in, ready to paste into
# "Create New App → From an app manifest" at api.slack.com/apps.
# Usage: scripts/slack-manifest.sh https://chatopsir.example.org > slack-manifest.json
set -euo pipefail
base=${1:?usage: scripts/slack-manifest.sh <public https base URL, e.g. https://chatopsir.example.org>}
case "$base" in
  https://*) ;;
  *) echo "The base URL must start with https:// (Slack only calls https request URLs)." >&2; exit 2 ;;
esac
host=${base#https://}
host=${host%/}
if [[ ! "$host" =~ ^[A-Za-z0-9.-]+(:[0-9]+)?(/[A-Za-z0-9._~/-]*)?$ ]]; then
  echo "'$base' does not look like a base URL." >&2
  exit 2
fi
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
sed "s#https://HOST#https://${host}#g" "$root/manifests/slack/manifest.json"
