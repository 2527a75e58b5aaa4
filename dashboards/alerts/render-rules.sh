#!/usr/bin/env bash
# Renders zkwatch's alerting rules with every `for:` duration changed, and nothing else.
#
#   render-rules.sh --for-scale FACTOR [RULES_FILE]   multiply every `for:` by FACTOR (0 = fire at once)
#   render-rules.sh --for DURATION [RULES_FILE]       set every `for:` to DURATION (for example 2s)
#
# RULES_FILE defaults to zkwatch-alerts.yaml beside this script; the result goes to stdout. The shipped file is
# the one place where the rules' `for:` durations and severities live; this override exists for tests and
# demos that cannot wait ten minutes for an alert. Plain POSIX awk, so it runs wherever Prometheus does.
set -euo pipefail

usage() {
  sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//' >&2
  exit 2
}

mode=""
value=""
file="$(cd "$(dirname "$0")" && pwd)/zkwatch-alerts.yaml"
while [ $# -gt 0 ]; do
  case "$1" in
    --for-scale) [ $# -ge 2 ] || usage; mode=scale; value="$2"; shift 2 ;;
    --for) [ $# -ge 2 ] || usage; mode=set; value="$2"; shift 2 ;;
    -h|--help) usage ;;
    -*) echo "render-rules.sh: unknown option $1" >&2; usage ;;
    *) file="$1"; shift ;;
  esac
done
[ -n "$mode" ] || usage
[ -r "$file" ] || { echo "render-rules.sh: cannot read $file" >&2; exit 2; }
if [ "$mode" = scale ] && ! printf '%s' "$value" | grep -Eq '^[0-9]+(\.[0-9]+)?$'; then
  echo "render-rules.sh: --for-scale wants a non-negative number, got '$value'" >&2; exit 2
fi
if [ "$mode" = set ] && ! printf '%s' "$value" | grep -Eq '^([0-9]+(ms|s|m|h|d|w|y))+$'; then
  echo "render-rules.sh: --for wants a Prometheus duration such as 2s or 1m30s, got '$value'" >&2; exit 2
fi

awk -v mode="$mode" -v value="$value" '
function millis(d,    total, n, unit) {
  total = 0
  while (d != "") {
    if (!match(d, /^[0-9]+(ms|s|m|h|d|w|y)/)) { return -1 }
    n = substr(d, RSTART, RLENGTH)
    d = substr(d, RLENGTH + 1)
    unit = n; sub(/^[0-9]+/, "", unit); sub(/[a-z]+$/, "", n)
    if (unit == "ms") total += n
    else if (unit == "s") total += n * 1000
    else if (unit == "m") total += n * 60000
    else if (unit == "h") total += n * 3600000
    else if (unit == "d") total += n * 86400000
    else if (unit == "w") total += n * 604800000
    else total += n * 31536000000
  }
  return total
}
function format(ms) {
  ms = int(ms + 0.5)
  if (ms == 0) return "0s"
  if (ms % 1000 == 0) return (ms / 1000) "s"
  return ms "ms"
}
/^[ \t]*for:[ \t]*/ {
  line = $0
  match(line, /^[ \t]*for:[ \t]*/)
  prefix = substr(line, 1, RLENGTH)
  rest = substr(line, RLENGTH + 1)
  comment = ""
  if (match(rest, /[ \t]+#.*$/)) { comment = substr(rest, RSTART); rest = substr(rest, 1, RSTART - 1) }
  sub(/[ \t]+$/, "", rest)
  ms = millis(rest)
  if (ms < 0) { printf "render-rules.sh: line %d: cannot read the duration \"%s\"\n", NR, rest > "/dev/stderr"; bad = 1; exit 1 }
  print prefix (mode == "set" ? value : format(ms * value)) comment
  changed++
  next
}
{ print }
END {
  if (bad) exit 1
  if (changed == 0) { print "render-rules.sh: no for: line found" > "/dev/stderr"; exit 1 }
}
' "$file"
