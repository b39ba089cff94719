#!/usr/bin/env bash
# Drives airm serve's dashboard in a real browser (Selenium, Debian's chromium and chromedriver):
# loads it from `airm serve --simulate` (two providers, short breaker timings), starts
# automation, injects an `unavailable` fault on one provider through the form, and sees that
# provider's lane turn open, then half-open, then closed once the fault has ended. Saves a
# screenshot to ${OUT:-reports}/serve-dashboard.png.
#
#   scripts/test-serve-browser.sh        (AIRM=path/to/airm, default: the debug build)
#
# Installs chromium and chromium-driver (apt) and selenium (pip) when missing.
set -euo pipefail
cd "$(dirname "$0")/.."

fail() { echo "test-serve-browser: $*" >&2; exit 1; }

missing=()
command -v chromium >/dev/null || missing+=(chromium)
command -v chromedriver >/dev/null || missing+=(chromium-driver)
if ((${#missing[@]})); then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
python3 -c 'import selenium' 2>/dev/null || python3 -m pip install -q selenium
airm=${AIRM:-$(swift build --show-bin-path)/airm}
[ -x "$airm" ] || fail "no airm binary at $airm"
out=${OUT:-reports}
mkdir -p "$out"

work=$(mktemp -d)
server=""
cleanup() {
  if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

cat >"$work/serve.yaml" <<'YAML'
version: 1
name: browser-test
providers:
  gemini:
    type: gemini
    simulate: { latency: { median: 80ms, p99: 250ms } }
  cohere:
    type: cohere
    simulate: { latency: { median: 120ms, p99: 300ms } }
policy:
  route: [gemini, cohere]
  timeout: 2s
  retry: { max_attempts: 1 }
  breaker:
    consecutive_failures: 3
    open_for: 2s
    half_open: { probes: 1, close_after: 1 }
YAML

"$airm" serve --simulate --config "$work/serve.yaml" --port 0 --log-db "$work/requests.sqlite" \
  >"$work/serve.out" 2>"$work/serve.err" &
server=$!
for _ in $(seq 150); do grep -q "listening on" "$work/serve.out" && break; sleep 0.2; done
grep -q "listening on" "$work/serve.out" || { cat "$work/serve.err" >&2; fail "airm serve did not start"; }
base=$(sed -n 's/^airm serve listening on //p' "$work/serve.out")

python3 - "$base" "$out/serve-dashboard.png" <<'PY'
import sys, time
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

base, screenshot = sys.argv[1], sys.argv[2]
options = webdriver.ChromeOptions()
for argument in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1400,1500"]:
    options.add_argument(argument)
driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
try:
    wait = WebDriverWait(driver, 45, poll_frequency=0.1)
    driver.get(base + "/")
    wait.until(lambda d: d.find_element(By.ID, "conn").text == "live")
    wait.until(lambda d: d.find_element(By.ID, "lane-gemini").get_attribute("data-state") == "closed")
    print("dashboard live; gemini closed")

    rate = driver.find_element(By.CSS_SELECTOR, "#automation input[name=rate]")
    rate.clear()
    rate.send_keys("10/s")
    driver.find_element(By.ID, "automation-start").click()
    wait.until(lambda d: d.find_element(By.ID, "automation-status").text.startswith("running"))
    wait.until(lambda d: len(d.find_elements(By.CSS_SELECTOR, "#requests tbody tr")) >= 5)
    print("automation running:", driver.find_element(By.ID, "automation-status").text)

    Select(driver.find_element(By.ID, "fault-type")).select_by_value("unavailable")
    Select(driver.find_element(By.ID, "fault-target")).select_by_value("gemini")
    length = driver.find_element(By.CSS_SELECTOR, "#inject input[name=for]")
    length.clear()
    length.send_keys("6s")
    driver.find_element(By.ID, "inject-button").click()
    wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "#faults tr[data-fault]"))
    print("fault injected:", driver.find_element(By.CSS_SELECTOR, "#faults tr[data-fault]").text)

    seen = []
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        state = driver.find_element(By.ID, "lane-gemini").get_attribute("data-state")
        if not seen or seen[-1] != state:
            seen.append(state)
        faults_left = driver.find_elements(By.CSS_SELECTOR, "#faults tr[data-fault]")
        if "open" in seen and state == "closed" and not faults_left:
            break
        time.sleep(0.05)
    print("gemini lane states seen:", " -> ".join(seen))
    assert "open" in seen, "gemini's lane never turned open"
    assert seen[-1] == "closed", "gemini's lane did not close after the fault ended"
    assert "half_open" in seen[seen.index("open"):], "gemini's lane never showed half-open"
    lane = driver.find_element(By.CSS_SELECTOR, "#lane-gemini svg")
    drawn = {rect.get_attribute("class") for rect in lane.find_elements(By.TAG_NAME, "rect")}
    assert {"s-open", "s-half_open", "s-closed"} <= drawn, drawn
    cohere = driver.find_element(By.ID, "lane-cohere").get_attribute("data-state")
    assert cohere == "closed", cohere

    time.sleep(1.5)  # a few more requests and stats for the screenshot
    driver.save_screenshot(screenshot)
    print("screenshot:", screenshot)
    driver.find_element(By.ID, "automation-stop").click()
    wait.until(lambda d: d.find_element(By.ID, "automation-status").text == "stopped")
    errors = [entry for entry in driver.get_log("browser") if entry["level"] == "SEVERE"]
    assert not errors, errors
except Exception:
    driver.save_screenshot(screenshot.replace(".png", "-failed.png"))
    print("page text at the failure:\n" + driver.find_element(By.TAG_NAME, "body").text[:2000], file=sys.stderr)
    raise
finally:
    driver.quit()
PY
echo "browser test ok"
