import AirmEngine
import AirmReports
import AirmSpec
import Foundation

/// The dashboard `GET /` serves (docs/serve.md "Dashboard"): one page with its stylesheet and
/// script inline and no external asset, so it works from a host with no internet access.
///
/// It takes the HTML report's stylesheet (`HTMLStyle.css`) and its lane and outcome colours.
/// Every URL it calls is relative, so it works against a remote gateway and behind a path
/// prefix; state-changing calls carry `Authorization: Bearer` when a token is entered.
enum DashboardPage {
    /// The page, with the fault types the inject form offers.
    static func html(faultTypes: FaultVocabulary = FaultTypes.all) -> String {
        let types = faultTypes.types.map { FaultTypeJSON(name: $0.name, keys: $0.keys) }
        let config = LiveMessage.encode(ConfigJSON(faultTypes: types)).replacingOccurrences(of: "</", with: "<\\/")
        return """
        <!doctype html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width,initial-scale=1">
        <title>airm serve</title>
        <style>\(HTMLStyle.css)
        \(css)</style>
        </head>
        <body>
        \(body)
        <script id="config" type="application/json">\(config)</script>
        <script>\(DashboardScript.source)</script>
        </body>
        </html>

        """
    }

    /// The Content-Security-Policy the page is served with: nothing from elsewhere.
    static let contentSecurityPolicy =
        "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; connect-src 'self'; img-src data:; "
        + "form-action 'none'; base-uri 'none'; frame-ancestors 'none'"

    struct FaultTypeJSON: Encodable {
        var name: String
        var keys: [String]
    }

    struct ConfigJSON: Encodable {
        var faultTypes: [FaultTypeJSON]
    }

    // MARK: - Markup

    static let body = #"""
    <header>
    <h1>airm serve <span id="conn" class="badge">connecting</span></h1>
    <dl class="meta"><div><dt>started</dt><dd id="started">–</dd></div><div><dt>automation</dt><dd id="automation-status">stopped</dd></div>
    <div><dt>token</dt><dd><input id="token" type="password" autocomplete="off" placeholder="bearer token, if the gateway has one" size="30"></dd></div></dl>
    <p id="message" class="note" role="status"></p>
    </header>
    <main>
    <section><h2>Traffic <small>last 10 s; latency over the last 60 s</small></h2>
    <ul class="cards" id="cards">
    <li><span>ok /s</span><strong id="rate-ok">0</strong></li><li><span>fallback /s</span><strong id="rate-fallback">0</strong></li>
    <li><span>degraded /s</span><strong id="rate-degraded">0</strong></li><li><span>failed /s</span><strong id="rate-failed">0</strong></li>
    <li><span>dropped /s</span><strong id="rate-dropped">0</strong></li>
    <li><span>p50</span><strong id="p50">–</strong></li><li><span>p95</span><strong id="p95">–</strong></li><li><span>p99</span><strong id="p99">–</strong></li>
    </ul>
    <figure class="chart"><svg id="rates-chart" viewBox="0 0 1200 140" role="img" aria-label="Requests per second by outcome"></svg></figure>
    <div class="legend"><span><i class="sw o-ok"></i>ok</span><span><i class="sw o-fallback"></i>fallback</span><span><i class="sw o-degraded"></i>degraded</span>
    <span><i class="sw o-failed"></i>failed</span><span><i class="sw o-dropped"></i>dropped</span>
    <span><i class="ln l-p50"></i>p50</span><span><i class="ln l-p95"></i>p95</span><span><i class="ln l-p99"></i>p99</span></div>
    <figure class="chart"><svg id="latency-chart" viewBox="0 0 1200 120" role="img" aria-label="Latency percentiles"></svg></figure>
    </section>
    <section><h2>Breakers <small>last 2 minutes</small></h2>
    <div id="lanes"></div>
    <div class="legend"><span><i class="sw s-closed"></i>closed</span><span><i class="sw s-half_open"></i>half-open</span>
    <span><i class="sw s-open"></i>open</span><span><i class="sw s-other"></i>forced open or disabled</span>
    <span><button type="button" data-breaker-all="reset">reset all</button></span></div>
    </section>
    <section><h2>Faults</h2>
    <table id="faults"><thead><tr><th>name</th><th>type</th><th>target</th><th>origin</th><th class="num">ends in</th><th></th></tr></thead><tbody></tbody></table>
    <form id="inject" class="form">
    <label>type <select name="type" id="fault-type"></select></label>
    <label>target <select name="target" id="fault-target"><option value="*">* (every provider)</option></select></label>
    <label>for <input name="for" value="30s" size="6"></label>
    <label>probability <input name="probability" placeholder="100%" size="6"></label>
    <label>name <input name="name" placeholder="optional" size="12"></label>
    <label class="wide">parameters <textarea name="parameters" rows="2" cols="34" placeholder="one key: value per line, e.g. delay: 2s"></textarea><span id="fault-keys" class="note"></span></label>
    <button type="submit" id="inject-button">inject</button> <button type="button" id="stop-all">stop all</button>
    </form>
    </section>
    <section><h2>Automation</h2>
    <form id="automation" class="form">
    <label>rate <input name="rate" value="2/s" size="8"></label>
    <button type="submit" id="automation-start">start</button> <button type="button" id="automation-stop">stop</button>
    </form>
    </section>
    <section><h2>Last requests</h2>
    <div class="scroll"><table id="requests"><thead><tr><th>time</th><th>source</th><th>provider</th><th>outcome</th><th class="num">attempts</th><th class="num">latency</th><th>fault</th></tr></thead><tbody></tbody></table></div>
    </section>
    </main>
    <footer>airm serve · live over server-sent events from <code>events</code> · metrics at <a href="metrics">metrics</a> · API in <a href="openapi.yaml">openapi.yaml</a></footer>
    """#

    static let css = #"""
    .form{display:flex;flex-wrap:wrap;gap:8px 14px;align-items:flex-end;margin:10px 0}.form label{display:flex;flex-direction:column;font-size:12px;color:var(--muted)}
    .form label.wide{flex-direction:column}input,select,textarea,button{font:inherit;font-size:13px;color:var(--fg);background:var(--bg);border:1px solid var(--border);border-radius:4px;padding:3px 6px}
    button{cursor:pointer;background:var(--panel)}button:hover{border-color:var(--fg)}
    .lane{display:grid;grid-template-columns:110px 1fr 96px auto;gap:10px;align-items:center;margin:6px 0}
    .lane .name{font-weight:600;text-align:right}.lane svg{height:22px}.lane .state{justify-self:start}
    .lane .state.t-forced_open,.lane .state.t-disabled{background:var(--other)}
    #conn.live{background:var(--pass)}#conn.down{background:var(--fail)}#message.error{color:var(--fail)}
    i.sw,i.ln{display:inline-block}
    """#
}
