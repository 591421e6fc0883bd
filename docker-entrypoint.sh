#!/bin/sh
# terpadu serve | migrate [--revert]   (APP names the app)
set -eu
: "${APP:?APP must name the app to run, e.g. gateway or population}"
case "${1:-serve}" in
  serve) exec node --enable-source-maps "dist/apps/${APP}/main.js" ;;
  migrate) shift; exec node --enable-source-maps "dist/apps/${APP}/migrate.js" "$@" ;;
  *) echo "usage: terpadu serve | migrate [--revert]" >&2; exit 64 ;;
esac
