#!/usr/bin/env bash
# Builds the Teams app package (manifest.json + icons) for one bot registration.
# Usage: deploy/teams/package.sh <MicrosoftAppId> [output.zip]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
app_id="${1:?usage: $0 <MicrosoftAppId> [output.zip]}"
out="${2:-$here/cnibot-teams.zip}"
if ! [[ "$app_id" =~ ^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$ ]]; then
  echo "error: '$app_id' is not a Microsoft app id (a GUID)" >&2
  exit 2
fi
command -v zip >/dev/null 2>&1 || { echo "error: 'zip' is needed (sudo apt-get install zip)" >&2; exit 2; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
sed "s/\${{MICROSOFT_APP_ID}}/$app_id/g" "$here/manifest.json" > "$work/manifest.json"
cp "$here/color.png" "$here/outline.png" "$work/"
rm -f "$out"
(cd "$work" && zip -q "$out" manifest.json color.png outline.png)
echo "$out"
