"""What a person waits for in Chromium: a visit, a sidebar click, a rerun and a community change, each
timed to "everything painted", with the bytes and messages the server sent meanwhile.

"Everything painted" (the done signal), checked in the page every 20 ms after the action:
- the script ran since the action (`stApp`'s `data-test-script-state` left `notRunning`, or else a websocket
  message arrived: `ran_by` says which) and is now `notRunning`, with no running icon
  (`stStatusWidgetRunningIcon`);
- no stale element (`data-stale="true"`) and no skeleton (`stSkeleton`) is left;
- every `stPlotlyChart` holds a drawn `.js-plotly-plot .main-svg`;
- and all of that (with the number of charts and elements) stayed the same for 300 ms.
The time reported is when that final state began, not the end of the 300 ms: the quiet wait is not
counted. Times are from the action (a cold visit: from navigation start, `performance.timeOrigin`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

STABLE_MS = 300
TIMEOUT_MS = 120_000

# Installed before any page script: records websocket timing and each script-state change.
INIT_JS = """(() => {
  const b = window.__bench = {states: [], wsOpen: null, firstMsg: null, lastMsg: null, msgs: 0};
  const Orig = window.WebSocket;
  window.WebSocket = class extends Orig {
    constructor(...args) {
      super(...args);
      this.addEventListener('open', () => { if (b.wsOpen === null) b.wsOpen = performance.now(); });
      this.addEventListener('message', () => {
        const t = performance.now(); if (b.firstMsg === null) b.firstMsg = t; b.lastMsg = t; b.msgs++; });
    }
  };
  const watch = () => {
    const app = document.querySelector('[data-testid="stApp"]');
    if (!app) { setTimeout(watch, 5); return; }
    const rec = () => b.states.push([performance.now(), app.getAttribute('data-test-script-state')]);
    rec();
    new MutationObserver(rec).observe(app, {attributes: true, attributeFilter: ['data-test-script-state']});
  };
  watch();
})();"""

WAIT_JS = """async ([arm, stableMs, timeoutMs]) => {
  const b = window.__bench;
  const main = () => document.querySelector('[data-testid="stMain"]') || document.body || document.documentElement;
  const look = () => {
    const app = document.querySelector('[data-testid="stApp"]');
    const charts = [...document.querySelectorAll('[data-testid="stPlotlyChart"]')];
    const elems = [...main().querySelectorAll('[data-testid="stElementContainer"]')];
    return {state: app ? app.getAttribute('data-test-script-state') : 'none', charts: charts.length,
            drawn: charts.filter(c => c.querySelector('.js-plotly-plot .main-svg')).length,
            elements: elems.length,
            stale: document.querySelectorAll('[data-testid="stElementContainer"][data-stale="true"]').length,
            running: !!document.querySelector('[data-testid="stStatusWidgetRunningIcon"]'),
            skeletons: document.querySelectorAll('[data-testid="stSkeleton"]').length};
  };
  const beforeFirstChart = () => {
    const elems = [...main().querySelectorAll('[data-testid="stElementContainer"]')];
    const i = elems.findIndex(e => e.querySelector('[data-testid="stPlotlyChart"]'));
    return i < 0 ? null : i;
  };
  return await new Promise(resolve => {
    let last = null, since = performance.now();
    const changes = [];
    const end = since + timeoutMs;
    const tick = () => {
      const now = performance.now(), s = look(), key = JSON.stringify(s);
      if (key !== last) {
        last = key; since = now;
        changes.push([Math.round(now - arm), s.state, s.charts, s.drawn, s.elements, s.stale, s.skeletons, s.running]);
      }
      const byState = b.states.some(([t, st]) => t >= arm && st !== 'notRunning');
      const ran = byState || (b.lastMsg || -1) >= arm;
      const done = ran && s.state === 'notRunning' && !s.running && !s.stale && !s.skeletons
                   && s.drawn === s.charts && s.elements > 0;
      const scriptDone = b.states.filter(([t, st]) => t >= arm && st === 'notRunning').map(([t]) => t);
      if ((done && now - since >= stableMs) || now > end) {
        resolve({...s, done_ms: since - arm, changes: changes.slice(-12),
                 ran_by: byState ? 'state' : 'messages', timed_out: !done, before_first_chart: beforeFirstChart(),
                 ws_open_ms: b.wsOpen === null ? null : b.wsOpen - arm,
                 first_message_ms: b.firstMsg === null || b.firstMsg < arm ? null : b.firstMsg - arm,
                 script_done_ms: scriptDone.length ? scriptDone[scriptDone.length - 1] - arm : null});
        return;
      }
      setTimeout(tick, 20);
    };
    tick();
  });
}"""


@dataclass
class Traffic:
    """Bytes and websocket messages the browser received since `reset()`."""

    ws_bytes: int = 0
    ws_messages: int = 0
    http_bytes: int = 0
    largest_message: int = 0
    _sockets: list = field(default_factory=list)

    def reset(self) -> None:
        self.ws_bytes = self.ws_messages = self.http_bytes = self.largest_message = 0

    def frame(self, payload) -> None:
        size = len(payload)
        self.ws_bytes += size
        self.ws_messages += 1
        self.largest_message = max(self.largest_message, size)

    def http(self, event: dict) -> None:
        self.http_bytes += int(event.get("encodedDataLength") or 0)

    def figures(self) -> dict:
        return {
            "ws_bytes": self.ws_bytes,
            "ws_messages": self.ws_messages,
            "http_bytes": self.http_bytes,
            "largest_message_bytes": self.largest_message,
            "bytes": self.ws_bytes + self.http_bytes,
        }


def open_page(context):
    """A new tab with its traffic counted: websocket frames (Playwright) and HTTP bodies (CDP)."""
    page, traffic = context.new_page(), Traffic()
    page.on("websocket", lambda ws: ws.on("framereceived", traffic.frame))
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.on("Network.loadingFinished", traffic.http)
    page.set_default_timeout(TIMEOUT_MS)
    return page, traffic


def _wait(page, arm: float) -> dict:
    return page.evaluate(WAIT_JS, [arm, STABLE_MS, TIMEOUT_MS])


def _now(page) -> float:
    return page.evaluate("performance.now()")


def _result(page, traffic: Traffic, arm: float) -> dict:
    out = _wait(page, arm)
    out.update(traffic.figures())
    return out


def visit(page, traffic: Traffic, url: str) -> dict:
    """Open `url` in `page`: navigation start to everything painted."""
    traffic.reset()
    page.goto(url, wait_until="commit")
    return _result(page, traffic, 0.0)


def sidebar_click(page, traffic: Traffic, title: str) -> dict:
    """Click the sidebar's link to the page titled `title`."""
    link = page.locator('[data-testid="stSidebarNav"]').get_by_role("link", name=title, exact=True)
    link.hover()
    traffic.reset()
    arm = _now(page)
    link.click()
    return _result(page, traffic, arm)


def rerun(page, traffic: Traffic) -> dict:
    """Press R (Streamlit's rerun shortcut), with the focus out of any input."""
    page.evaluate("document.activeElement && document.activeElement.blur()")
    traffic.reset()
    arm = _now(page)
    page.keyboard.press("r")
    return _result(page, traffic, arm)


def community_change(page, traffic: Traffic, community: str) -> dict:
    """Choose `community` in the sidebar's combobox: from the option's click to everything painted."""
    box = page.get_by_role("combobox", name="Community")
    box.click()
    box.press_sequentially(community[-5:])  # the list is long: filter it first, untimed
    option = page.get_by_role("option", name=community, exact=True)
    option.wait_for()
    traffic.reset()
    arm = _now(page)
    option.click()
    out = _result(page, traffic, arm)
    out["chosen"] = "community=" in page.url  # the filter is bound to the address: did the choice take?
    return out
