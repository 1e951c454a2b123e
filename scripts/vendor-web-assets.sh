#!/usr/bin/env bash
# Re-vendors the web war room's third-party browser files from npm into src/ChatOpsIR.Web/wwwroot.
# The copied files are committed, so running the app needs neither npm nor a CDN; run this only to upgrade.
# After running it, update THIRD-PARTY-NOTICES.md if a version or license changed.
set -euo pipefail

ADAPTIVECARDS_VERSION="3.0.6"
MARKDOWN_IT_VERSION="14.1.0"
CHART_JS_VERSION="4.6.1"

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
target="$root/src/ChatOpsIR.Web/wwwroot"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

cd "$work"
npm init -y >/dev/null
npm install --no-audit --no-fund --ignore-scripts --save-exact \
  "adaptivecards@$ADAPTIVECARDS_VERSION" \
  "markdown-it@$MARKDOWN_IT_VERSION" \
  "chart.js@$CHART_JS_VERSION"

copy() {
  # copy <package> <file inside the package> <name in wwwroot>
  local source="$work/node_modules/$1/$2"
  if [[ ! -f "$source" ]]; then
    echo "missing $source" >&2
    exit 1
  fi
  # Drop the sourceMappingURL comment: the map files are not vendored, and browsers would ask for them.
  sed -e 's@^//# sourceMappingURL=.*$@@' "$source" > "$target/$3"
  echo "vendored $1 $(node -p "require('$work/node_modules/$1/package.json').version") -> wwwroot/$3"
}

copy adaptivecards dist/adaptivecards.min.js adaptivecards.min.js
copy adaptivecards LICENSE adaptivecards.LICENSE.txt
copy adaptivecards dist/adaptivecards.min.js.LICENSE.txt adaptivecards.min.js.LICENSE.txt
# adaptivecards.min.js bundles Swiper (its carousel); keep Swiper's license beside it.
copy swiper LICENSE swiper.LICENSE.txt
copy markdown-it dist/markdown-it.min.js markdown-it.min.js
copy markdown-it LICENSE markdown-it.LICENSE.txt
# markdown-it.min.js bundles entities (BSD-2-Clause), whose notice must travel with it.
copy entities LICENSE markdown-it.entities.LICENSE.txt
# The insights page draws its charts with Chart.js (its UMD build defines window.Chart; no module loader needed).
copy chart.js dist/chart.umd.min.js chart.umd.min.js
copy chart.js LICENSE.md chart.js.LICENSE.txt
