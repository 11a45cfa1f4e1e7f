# Idempotent, quiet installers shared by build-site.sh and test.sh. Debian packages come from
# apt-get, Python packages from PyPI; nothing else is downloaded.

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

apt_updated=""
apt_install() {
  local missing=()
  for package in "$@"; do
    dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "installing ${missing[*]} (apt-get)…"
  if [ -z "$apt_updated" ]; then as_root apt-get update -qq >/dev/null; apt_updated=1; fi
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

install_cmark() {
  apt_install pkg-config zlib1g-dev libcmark-gfm-dev libcmark-gfm-extensions-dev
}

pip_install() {
  local missing=()
  for spec in "$@"; do
    python3 -m pip show "${spec%%[=<>]*}" >/dev/null 2>&1 || missing+=("$spec")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "installing ${missing[*]} (pip)…"
  python3 -m pip install --quiet --disable-pip-version-check "${missing[@]}"
}

# axe-core for accessibility tests: axe.min.js from the axe-playwright-python wheel on PyPI.
install_axe() {
  local target=.build-tools/axe.min.js
  [ -s "$target" ] && return 0
  mkdir -p .build-tools/wheel
  python3 -m pip download --quiet --disable-pip-version-check --no-deps -d .build-tools/wheel axe-playwright-python==0.1.8
  python3 - <<'PY'
import glob, zipfile
wheel = glob.glob(".build-tools/wheel/axe_playwright_python-*.whl")[0]
with zipfile.ZipFile(wheel) as z:
    name = next(n for n in z.namelist() if n.endswith("axe.min.js"))
    open(".build-tools/axe.min.js", "wb").write(z.read(name))
PY
}
