#!/usr/bin/env bash
# Installs the Debian packages ReelRights needs, only those that are missing.
#   scripts/ensure-deps.sh run    ffmpeg, CJK fonts and Chromium (certificate PDFs) — what `reelrights serve` uses
#   scripts/ensure-deps.sh test   also PostgreSQL and an SMTP server (what the tests use)
set -euo pipefail
mode=${1:-run}
need=()
command -v ffmpeg >/dev/null 2>&1 || need+=(ffmpeg)
command -v ffprobe >/dev/null 2>&1 || need+=(ffmpeg)
# No early-exit pipe here: under pipefail, `fc-list | grep -q` fails whenever grep exits at the
# first match and fc-list dies of SIGPIPE, which made installed fonts look missing at random.
fonts=""
command -v fc-list >/dev/null 2>&1 && fonts=$(fc-list : family 2>/dev/null || true)
if ! grep -qi "Noto Sans CJK" <<<"$fonts"; then
  need+=(fontconfig fonts-noto-cjk)
fi
[ -x /usr/bin/chromium ] || need+=(chromium)
if [ "$mode" = test ]; then
  ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
  # A real SMTP server for the e-mail tests (aiosmtpd, writing what it receives to a Maildir).
  /usr/bin/python3 -c 'import aiosmtpd' >/dev/null 2>&1 || need+=(python3-aiosmtpd)
fi
if [ ${#need[@]} -eq 0 ]; then
  exit 0
fi
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then sudo="sudo"; else
    echo "缺少软件包 / missing packages: ${need[*]} — install them as root (apt-get install ${need[*]})" >&2
    exit 1
  fi
fi
echo "安装依赖 / installing: ${need[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -q >&2
$sudo apt-get -o DPkg::Lock::Timeout=600 install -y -q --no-install-recommends $(printf '%s\n' "${need[@]}" | sort -u) >&2
