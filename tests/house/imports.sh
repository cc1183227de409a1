#!/usr/bin/env bash
# Prints which rooms of bot/ import which (from `using StudyBot.X` directives and StudyBot.X-qualified names),
# and fails on any arrow the house below does not allow: a room may use the floors beneath its own, a few rooms on
# one floor use each other as listed, and a feature never uses another feature except as listed.
# Usage: tests/house/imports.sh [repository root]   (exit 0: the house stands; 1: an arrow is out of place)
set -euo pipefail
root=${1:-"$(cd "$(dirname "$0")/../.." && pwd)"}
cd "$root/bot"

# The floors, bottom first. "App" is the composition at the top (Program.cs, StudyBotApp.cs, Hosting.cs, Cli.cs).
floors='
ground    Resources Storage Telemetry Protocol Cards
agency    Agency
turn      Scheduling Conversations
services  Delivery Downloads Content
features  Help Members Themes Reminders Quiz Conduct Nominations Commitments Overview Manifest
app       App
'
# Arrows between rooms of one floor, each with its reason.
same_floor='
Telemetry Storage    the sampler counts rows of the store
Protocol  Telemetry  the connector client counts its sends
Cards     Protocol   a card goes out as an attachment of an activity
Cards     Resources  a card in each language is built from the texts
Conduct   Quiz       conduct answers draw on the scenario questions of the quiz bank
Commitments Themes   registration opens with the yearly theme, and the year is the agency calendar the themes keep
'

rooms=$(awk 'NF { for (i = 2; i <= NF; i++) print $i }' <<<"$floors" | grep -v '^App$' | paste -sd'|')

# Code without comments and string literals (regular, verbatim, interpolated, raw and char), so text in a string or a
# comment that looks like "Quiz.Title" is not read as an import. Interpolated holes are dropped with their string.
strip() {
  awk '
  BEGIN { state = "code" }
  {
    out = ""; n = length($0); i = 1
    while (i <= n) {
      c = substr($0, i, 1); c2 = substr($0, i, 2); c3 = substr($0, i, 3)
      if (state == "block") { if (c2 == "*/") { state = "code"; i += 2 } else i++; continue }
      if (state == "raw") { if (c3 == "\"\"\"") { state = "code"; i += 3 } else i++; continue }
      if (state == "verbatim") { if (c2 == "\"\"") i += 2; else if (c == "\"") { state = "code"; i++ } else i++; continue }
      if (state == "string") { if (c == "\\") i += 2; else if (c == "\"") { state = "code"; i++ } else i++; continue }
      if (state == "char") { if (c == "\\") i += 2; else if (c == "'\''") { state = "code"; i++ } else i++; continue }
      if (c2 == "//") break
      if (c2 == "/*") { state = "block"; i += 2; continue }
      if (c3 == "\"\"\"") { state = "raw"; i += 3; continue }
      if (c2 == "@\"" || c3 == "$@\"" || c3 == "@$\"") { state = "verbatim"; i += (c == "@" ? 2 : 3); continue }
      if (c == "\"") { state = "string"; i++; continue }
      if (c == "'\''") { state = "char"; i++; continue }
      out = out c; i++
    }
    # A regular string cannot span lines; a raw or verbatim one can.
    if (state == "string" || state == "char") state = "code"
    print out
  }' "$1"
}

room_of() { local dir=${1%%/*}; [ "$dir" = "$1" ] && echo App || echo "$dir"; }

arrows=$(
  find . -name '*.cs' -not -path './bin/*' -not -path './obj/*' -not -path './Storage/Migrations/*' | sed 's|^\./||' | sort |
  while read -r file; do
    from=$(room_of "$file")
    strip "$file" | grep -oE "(\busing +(static +)?([A-Za-z_]+ *= *)?(global::)?StudyBot\.($rooms)\b|\bStudyBot\.($rooms)\.|(^|[^.A-Za-z0-9_])($rooms)\.[A-Z])" |
      grep -oE "($rooms)(\.|\b)" | sed 's/\.$//' | sort -u |
      while read -r to; do [ "$to" != "$from" ] && echo "$from $to"; done || true
  done | sort | uniq -c
)

awk -v floors="$floors" -v same="$same_floor" '
BEGIN {
  n = split(floors, lines, "\n"); level = 0
  for (l = 1; l <= n; l++) { k = split(lines[l], w, " "); if (k < 2) continue; level++; for (i = 2; i <= k; i++) floor[w[i]] = level; name[level] = w[1] }
  features = floor["Help"]
  n = split(same, lines, "\n")
  for (l = 1; l <= n; l++) { if (split(lines[l], w, " ") >= 2) { allowed[w[1] " " w[2]] = 1 } }
}
{
  count = $1; from = $2; to = $3
  if (!(from in floor) || !(to in floor)) { verdict = "unknown room (add it to a floor)"; bad++ }
  else if (floor[to] < floor[from]) verdict = ""
  else if (allowed[from " " to]) verdict = "allowed on one floor"
  else if (floor[to] > floor[from]) { verdict = "UP from " name[floor[from]] " to " name[floor[to]]; bad++ }
  else if (floor[from] == features) { verdict = "FEATURE TO FEATURE"; bad++ }
  else { verdict = "SIDEWAYS on " name[floor[from]] " (not in the allowed list)"; bad++ }
  printf "%-14s -> %-14s %4d file%s%s\n", from, to, count, count == 1 ? " " : "s", verdict == "" ? "" : "   " verdict
}
END {
  if (bad) { printf "%d arrow%s out of place\n", bad, bad == 1 ? "" : "s"; exit 1 }
  print "the house stands: every arrow points down, or is allowed"
}' <<<"$arrows"
