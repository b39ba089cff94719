#!/usr/bin/env bash
# Proves that the installed airm runs on a Debian with no Swift, as on a fresh CI runner:
#   1. debootstraps a minimal root (variant minbase) of this machine's Debian release, kept in
#      $AIRM_ROOTFS_CACHE (default /tmp/airm-rootfs) for the next run, and works on a copy of it;
#   2. installs airm into the copy's /usr/local with scripts/install.sh (the portable build);
#   3. checks that the root has no Swift and that the binary needs no Swift library;
#   4. runs `airm validate` and `airm run` on experiments/ inside it, with and without history;
#   5. runs `airm init` in an empty repository there and runs the shell steps of action.yml that
#      need neither GitHub nor a Swift toolchain against it, as the GitHub runner would.
#
#   scripts/test-portable.sh [swift build flags...]
#
# With AIRM_BINARY=FILE it installs that portable binary instead of building one.
# Needs root (debootstrap, chroot, mount). Nothing but Debian's mirror is contacted.
set -euo pipefail
cd "$(dirname "$0")/.."
repository=$PWD

step() { printf '\n==> %s\n' "$*"; }
fail() { echo "test-portable: $*" >&2; exit 1; }
[ "$(id -u)" -eq 0 ] || fail "needs root (debootstrap and chroot)"

. /etc/os-release
release=${VERSION_CODENAME:?/etc/os-release has no VERSION_CODENAME}
cache=${AIRM_ROOTFS_CACHE:-/tmp/airm-rootfs}
pristine="$cache/$release"

step "Debian $release root"
if ! command -v debootstrap >/dev/null; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq debootstrap >/dev/null
fi
if [ -f "$pristine/.airm-complete" ]; then
  echo "cached: $pristine"
else
  rm -rf "$pristine.partial"
  mkdir -p "$cache"
  start=$(date +%s)
  debootstrap --variant=minbase "$release" "$pristine.partial" >"$cache/debootstrap-$release.log" 2>&1 \
    || { tail -n 20 "$cache/debootstrap-$release.log" >&2; fail "debootstrap failed"; }
  touch "$pristine.partial/.airm-complete"
  rm -rf "$pristine"
  mv "$pristine.partial" "$pristine"
  echo "debootstrap --variant=minbase $release: $(( $(date +%s) - start )) s"
fi

work=$(mktemp -d /tmp/airm-portable.XXXXXX)
root="$work/root"
cleanup() {
  umount "$root/proc" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
cp -a "$pristine" "$root"
mount -t proc proc "$root/proc"

# Commands inside the root see a runner's plain environment, not this machine's.
in_root() {
  chroot "$root" /usr/bin/env -i PATH=/usr/local/bin:/usr/bin:/bin HOME=/root LANG=C.UTF-8 "$@"
}

step "Install (scripts/install.sh --prefix ROOT/usr/local)"
start=$(date +%s)
if [ -n "${AIRM_BINARY:-}" ]; then
  scripts/install.sh --prefix "$root/usr/local" --binary "$AIRM_BINARY"
else
  scripts/install.sh --prefix "$root/usr/local" -- "$@"
fi
echo "build and install: $(( $(date +%s) - start )) s"
ls -l "$root/usr/local/bin/airm"
for completion in share/bash-completion/completions/airm share/zsh/site-functions/_airm \
  share/fish/vendor_completions.d/airm.fish; do
  [ -s "$root/usr/local/$completion" ] || fail "no completion at $completion"
done
if [ -z "${AIRM_BINARY:-}" ]; then
  [ -s "$root/usr/local/share/man/man1/airm.1" ] || fail "no man page"
fi

step "No Swift in the root"
if in_root sh -c 'ls /opt/swift' >/dev/null 2>&1; then fail "/opt/swift exists in the root"; fi
if in_root sh -c 'command -v swift' >/dev/null 2>&1; then fail "swift is on the root's PATH"; fi
libraries=$(in_root ldd /usr/local/bin/airm)
echo "$libraries"
if grep -qi 'swift' <<<"$libraries"; then fail "the binary loads a Swift library"; fi
if grep -q 'not found' <<<"$libraries"; then fail "the binary needs a library the root lacks"; fi
in_root airm --version

step "airm validate and airm run on experiments/"
mkdir -p "$root/project"
cp -a experiments "$root/project/"
in_root sh -c 'cd /project && airm validate experiments/' || fail "airm validate failed"
in_root sh -c 'cd /project && airm run --no-history experiments/' || fail "airm run --no-history failed"
for report in junit.xml gemini-outage.html gemini-outage.json; do
  [ -s "$root/project/reports/$report" ] || fail "no reports/$report"
done
in_root sh -c 'cd /project && airm run --quiet experiments/ && airm history' || fail "airm run with history failed"
[ -s "$root/project/.airm/history.sqlite" ] || fail "no .airm/history.sqlite"
set +e
in_root sh -c 'cd /project && airm run --no-history --quiet experiments/failing/'
code=$?
set -e
[ "$code" -eq 1 ] || fail "expected exit 1 from experiments/failing/, got $code"

step "airm init in an empty repository, then the action's shell steps"
mkdir -p "$root/runner/work/repo" "$root/runner/temp" "$root/runner/action"
cp -a Package.swift action.yml scripts "$root/runner/action/"
in_root sh -c 'cd /runner/work/repo && airm init' || fail "airm init failed"
grep -qx 'reports/' "$root/runner/work/repo/.gitignore" || fail ".gitignore lacks reports/"
grep -q 'uses: .*airm' "$root/runner/work/repo/.github/workflows/airm.yml" || fail "the workflow does not use the action"
head -n 1 "$root/runner/work/repo/experiments/provider-outage.yaml" | grep -q 'yaml-language-server: \$schema=../schema/' \
  || fail "the example has no schema line"

# Runs the `run:` steps of action.yml named in STEPS with INPUTS, as the runner would, in the root.
run_action() {
  local inputs=$1
  : >"$root/runner/temp/output" >"$root/runner/temp/summary" >"$root/runner/temp/path"
  python3 - "$repository/action.yml" "$root/runner/temp" "$inputs" <<'PY'
import json, re, shlex, sys, yaml

action = yaml.safe_load(open(sys.argv[1]))
temp, overrides = sys.argv[2], json.loads(sys.argv[3])
inputs = {name: spec.get("default", "") for name, spec in action["inputs"].items()}
inputs.update(overrides)
context = {"inputs": inputs, "github": {"action_path": "/runner/action", "action_repository": "",
           "server_url": "https://github.com", "workspace": "/runner/work/repo"}, "steps": {}}

def value(expression):
    for alternative in expression.split("||"):
        node = context
        for part in alternative.strip().split("."):
            if part not in node:
                sys.exit(f"action.yml: unknown expression {expression!r}")
            node = node[part]
        if node:
            return node
    return ""

def evaluate(text):
    return re.sub(r"\$\{\{\s*(.*?)\s*\}\}", lambda m: str(value(m.group(1))), str(text))

# The steps that need GitHub's services or a Swift toolchain: the cache, the build and the upload.
offline = [step for step in action["runs"]["steps"] if "run" in step and step.get("id") != "install"]
for index, step in enumerate(offline):
    assert step["shell"] == "bash", step
    exports = {"GITHUB_OUTPUT": "/runner/temp/output", "GITHUB_STEP_SUMMARY": "/runner/temp/summary",
               "GITHUB_PATH": "/runner/temp/path", "RUNNER_TEMP": "/runner/temp",
               "GITHUB_WORKSPACE": "/runner/work/repo"}
    exports.update({key: evaluate(text) for key, text in step.get("env", {}).items()})
    lines = [f"export {key}={shlex.quote(text)}" for key, text in exports.items()]
    lines += ["cd /runner/work/repo", evaluate(step["run"])]
    with open(f"{temp}/step-{index}.sh", "w") as script:
        script.write("\n".join(lines) + "\n")
    print(step["id"])
PY
}

# Runs the extracted steps in order; step outputs go to GITHUB_OUTPUT as on GitHub.
run_steps() {
  local index=0
  while [ -f "$root/runner/temp/step-$index.sh" ]; do
    in_root bash --noprofile --norc -eo pipefail "/runner/temp/step-$index.sh" || return $?
    index=$((index + 1))
  done
}

steps=$(run_action '{}')
echo "steps run here: $(echo $steps) (install is replaced by the airm installed above)"
run_steps || fail "the action's steps failed on the scaffolded repository"
grep -qx 'exit-code=0' "$root/runner/temp/output" || fail "no exit-code=0 in GITHUB_OUTPUT"
grep -q 'provider-outage' "$root/runner/temp/summary" || fail "no step summary"
[ -s "$root/runner/work/repo/reports/junit.xml" ] || fail "no reports/junit.xml after the action"
rm -f "$root"/runner/temp/step-*.sh

run_action '{"paths": "experiments/ /project/experiments/", "shard": "2/2", "args": "--no-history", "reports": "sharded"}' >/dev/null
run_steps || fail "the action's steps failed with a shard"
grep -qx 'exit-code=0' "$root/runner/temp/output" || fail "no exit-code=0 for the shard"
[ -s "$root/runner/work/repo/sharded/junit.xml" ] || fail "no sharded/junit.xml"
rm -f "$root"/runner/temp/step-*.sh

run_action '{"paths": "/project/experiments/failing/", "args": "--no-history"}' >/dev/null
if run_steps; then fail "the action's run step passed on a failing experiment"; fi
grep -qx 'exit-code=1' "$root/runner/temp/output" || fail "no exit-code=1 for the failing experiment"

step "Portable airm passed: $(wc -c <"$root/usr/local/bin/airm") bytes, no Swift in the root"
