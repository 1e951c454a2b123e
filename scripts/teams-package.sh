#!/usr/bin/env bash
# Builds the Teams app package: manifests/teams/manifest.json with the placeholders filled in, plus color.png and
# outline.png, zipped with all three files at the root of the zip (Teams refuses a package with a folder inside).
# The template's placeholders are Teams Toolkit's (${{TEAMS_APP_ID}}, ${{BOT_ID}}, ${{BOT_DOMAIN}}), so the same
# template also works with Teams Toolkit / the teamsapp CLI and their environment files.
#
#   scripts/teams-package.sh --app-id <Microsoft App ID> --host <public host name> [--teams-app-id <GUID>] [--out <file.zip>]
#
# --app-id        the bot's Microsoft App ID (Teams:AppId); used for the bot, the message action and webApplicationInfo
# --host          the host Teams reaches the bot at, without scheme or path (e.g. chatopsir.example.com)
# --teams-app-id  the Teams app's own id (manifest "id"); defaults to the app id
# --out           where to write the zip; defaults to artifacts/teams/chatopsir-teams.zip
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
app_id=""
host=""
teams_app_id=""
out="$root/artifacts/teams/chatopsir-teams.zip"

usage() { sed -n '2,11p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2; exit 2; }

while [ $# -gt 0 ]; do
  case "$1" in
    --app-id) app_id="${2:-}"; shift 2 ;;
    --host) host="${2:-}"; shift 2 ;;
    --teams-app-id) teams_app_id="${2:-}"; shift 2 ;;
    --out) out="${2:-}"; shift 2 ;;
    -h|--help) usage ;;
    *) echo "teams-package: unknown argument '$1'" >&2; usage ;;
  esac
done

guid='^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$'
[ -n "$app_id" ] && [ -n "$host" ] || { echo "teams-package: --app-id and --host are required." >&2; usage; }
teams_app_id="${teams_app_id:-$app_id}"
[[ "$app_id" =~ $guid ]] || { echo "teams-package: --app-id must be a GUID (the bot's Microsoft App ID)." >&2; exit 2; }
[[ "$teams_app_id" =~ $guid ]] || { echo "teams-package: --teams-app-id must be a GUID." >&2; exit 2; }
[[ "$host" =~ ^[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?(:[0-9]+)?$ ]] || { echo "teams-package: --host is a host name such as chatopsir.example.com (no scheme, no path)." >&2; exit 2; }

src="$root/manifests/teams"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

sed -e "s|\${{BOT_ID}}|$app_id|g" -e "s|\${{TEAMS_APP_ID}}|$teams_app_id|g" -e "s|\${{BOT_DOMAIN}}|$host|g" "$src/manifest.json" > "$work/manifest.json"
if grep -q '{{' "$work/manifest.json"; then
  echo "teams-package: manifest.json still has an unfilled placeholder." >&2
  exit 1
fi
cp "$src/color.png" "$src/outline.png" "$work/"

mkdir -p "$(dirname "$out")"
out=$(cd "$(dirname "$out")" && pwd)/$(basename "$out")
rm -f "$out"
if command -v zip >/dev/null 2>&1; then
  (cd "$work" && zip -q -X "$out" manifest.json color.png outline.png)
else
  python3 - "$work" "$out" <<'PY'
import sys, zipfile, os
work, out = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
    for name in ("manifest.json", "color.png", "outline.png"):
        z.write(os.path.join(work, name), arcname=name)
PY
fi
echo "$out"
