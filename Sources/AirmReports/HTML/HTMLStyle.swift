/// The HTML report's inline stylesheet and script.
///
/// Colours are CSS variables, switched by `prefers-color-scheme`; print forces the light palette
/// and keeps chart colours. The script only adds hover values to the timeline and contains
/// no URLs. `airm serve`'s dashboard uses the same stylesheet, so its lanes and charts look
/// like the report's.
public enum HTMLStyle {
    // MARK: - Stylesheet

    public static let css = """
    :root{color-scheme:light dark;--bg:#ffffff;--fg:#1f2328;--muted:#59636e;--border:#d1d9e0;--panel:#f6f8fa;\
    --closed:#4ac26b;--open:#cf222e;--half:#d4a72c;--other:#8c959f;\
    --ok:#4ac26b;--fallback:#54aeff;--degraded:#d4a72c;--failed:#cf222e;--dropped:#8250df;\
    --p50:#0969da;--p95:#bc4c00;--p99:#bf3989;--band:rgba(99,110,123,.16);--band-edge:#6e7781;\
    --pass:#1a7f37;--fail:#cf222e;--fail-bg:#ffebe9;--pass-bg:#dafbe1;--grid:#e5e9ed}
    @media (prefers-color-scheme:dark){:root{--bg:#0d1117;--fg:#e6edf3;--muted:#9198a1;--border:#3d444d;--panel:#151b23;\
    --closed:#2f8f46;--open:#f85149;--half:#d29922;--other:#6e7681;\
    --ok:#2f8f46;--fallback:#388bfd;--degraded:#d29922;--failed:#f85149;--dropped:#a371f7;\
    --p50:#58a6ff;--p95:#f0883e;--p99:#db61a2;--band:rgba(200,210,230,.13);--band-edge:#9198a1;\
    --pass:#3fb950;--fail:#f85149;--fail-bg:#3c1618;--pass-bg:#12261e;--grid:#262c36}}
    *{box-sizing:border-box}
    body{margin:0;background:var(--bg);color:var(--fg);font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
    header,main,footer{max-width:1280px;margin:0 auto;padding:0 24px}
    header{padding-top:20px;padding-bottom:8px;border-bottom:1px solid var(--border)}
    h1{font-size:26px;margin:4px 0}h2{font-size:18px;margin:28px 0 10px}h2 small{font-weight:400;color:var(--muted);font-size:13px;margin-left:6px}
    .badge{display:inline-block;margin:0;padding:2px 10px;border-radius:4px;font-weight:700;letter-spacing:.06em;font-size:13px;color:#fff;background:var(--other)}
    .v-passed .badge{background:var(--pass)}.v-failed .badge,.v-error .badge{background:var(--fail)}.v-interrupted .badge{background:var(--half)}
    .description{margin:4px 0 10px;font-size:15px;max-width:900px}
    .meta{display:flex;flex-wrap:wrap;gap:4px 22px;margin:8px 0}.meta div{display:flex;gap:6px}.meta dt{color:var(--muted)}.meta dd{margin:0;font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:13px}
    .cards{display:flex;flex-wrap:wrap;gap:8px;list-style:none;padding:0;margin:10px 0}
    .cards li{background:var(--panel);border:1px solid var(--border);border-radius:6px;padding:6px 12px;min-width:120px}
    .cards span{display:block;color:var(--muted);font-size:12px}.cards strong{font-size:16px}.cards li.bad strong{color:var(--fail)}
    .cards a{text-decoration:none}.stopped{background:var(--panel);border-left:4px solid var(--half);padding:6px 12px;margin:8px 0}.status.skip{color:var(--muted)}.stop path{stroke:var(--half);stroke-width:2;stroke-dasharray:4 3}.stop text{font-size:11px;fill:var(--half)}.glossary dt{font-weight:600;margin-top:6px}.glossary dd{margin:0 0 0 16px;color:var(--muted)}
    table{border-collapse:collapse;width:100%;margin:4px 0}th,td{text-align:left;padding:5px 8px;border-bottom:1px solid var(--border);vertical-align:top}
    thead th{color:var(--muted);font-weight:600;font-size:12px;text-transform:uppercase;letter-spacing:.03em}
    table.numeric td,table.numeric thead th:not(:first-child),.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
    tr.fail{background:var(--fail-bg)}.status{white-space:nowrap;font-weight:600}.status.pass{color:var(--pass)}.status.fail{color:var(--fail)}
    .msg{white-space:pre-line}.kind{display:block;color:var(--muted);font-size:12px}.muted{color:var(--muted)}td.bad{color:var(--fail);font-weight:600}.note{color:var(--muted);font-size:12px}
    .scroll{overflow-x:auto}
    .state{padding:0 6px;border-radius:3px;color:#fff;font-size:12px}.t-closed{background:var(--closed)}.t-open{background:var(--open)}.t-half_open{background:var(--half)}.t-other{background:var(--other)}
    pre.source{background:var(--panel);border:1px solid var(--border);border-radius:6px;padding:12px;overflow-x:auto;font:12.5px/1.5 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}
    figure.chart{position:relative;margin:0}
    svg{display:block;width:100%;height:auto;font:11px system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
    svg text{fill:var(--fg)}.axis-x text{fill:var(--muted)}.axis-x>text:not([text-anchor]){text-anchor:middle}.axis-y text{text-anchor:end;fill:var(--muted)}
    .grid{stroke:var(--grid);stroke-width:1;fill:none}.axis{stroke:var(--muted);stroke-width:1}
    .lane-label{text-anchor:end;font-weight:600;font-size:12px}.lane-title{fill:var(--muted);font-weight:600;font-size:12px}
    .lane-text{text-anchor:middle;fill:#fff;font-size:11px;pointer-events:none}
    .s-closed{fill:var(--closed);background:var(--closed)}.s-open{fill:var(--open);background:var(--open)}.s-half_open{fill:var(--half);background:var(--half)}.s-other{fill:var(--other);background:var(--other)}
    .marker{stroke:var(--fg);stroke-width:1.2}
    .o-ok{fill:var(--ok);background:var(--ok)}.o-fallback{fill:var(--fallback);background:var(--fallback)}.o-degraded{fill:var(--degraded);background:var(--degraded)}.o-failed{fill:var(--failed);background:var(--failed)}.o-dropped{fill:var(--dropped);background:var(--dropped)}
    .l-p50,.l-p95,.l-p99{fill:none;stroke-width:1.5;stroke-linejoin:round}.l-p50{stroke:var(--p50);border-color:var(--p50)}.l-p95{stroke:var(--p95);border-color:var(--p95)}.l-p99{stroke:var(--p99);border-color:var(--p99);stroke-width:2}
    .band{fill:var(--band);pointer-events:none}.band-edge{stroke:var(--band-edge);stroke-dasharray:4 3;fill:none;pointer-events:none}.band-label{font-size:11px;font-weight:600}
    .cursor{stroke:var(--fg);stroke-width:1;stroke-dasharray:2 2;visibility:hidden;pointer-events:none}
    .empty{text-anchor:middle;fill:var(--muted)}
    .legend{display:flex;flex-wrap:wrap;gap:6px 14px;align-items:center;font-size:12px;margin-top:6px;color:var(--fg)}
    .legend span{display:inline-flex;align-items:center;gap:5px}.legend b{font-weight:600;color:var(--muted)}
    .sw{display:inline-block;width:14px;height:10px;border-radius:2px}.fault-sw{background:var(--band);border:1px dashed var(--band-edge)}
    .ln{display:inline-block;width:16px;border-top-width:2px;border-top-style:solid}
    .tip{position:absolute;pointer-events:none;background:var(--panel);border:1px solid var(--border);border-radius:6px;padding:6px 9px;font-size:12px;line-height:1.4;white-space:nowrap;box-shadow:0 2px 8px rgba(0,0,0,.15)}
    .trend{max-width:1200px}.panel-title{font-weight:600;fill:var(--muted)}.trend-line{fill:none;stroke:var(--p50);stroke-width:1.5}
    .dot.passed{fill:var(--pass)}.dot.failed{fill:var(--fail)}.dot.none{fill:none;stroke:var(--muted)}.dot.current{stroke:var(--fg);stroke-width:2}tr.current td{font-weight:600}.pt-p50{fill:var(--p50)}.pt-p95{fill:var(--p95)}.pt-p99{fill:var(--p99)}.deadline path{stroke:var(--fg);stroke-width:1.5}.deadline.missed path{stroke:var(--fail)}.half-count{font-size:10px;fill:var(--muted)}
    table.history{margin-top:10px}code{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:12px}
    footer{color:var(--muted);font-size:12px;padding-top:24px;padding-bottom:32px}
    @media print{:root{--bg:#fff;--fg:#000;--muted:#555;--border:#bbb;--panel:#fff;--grid:#e5e5e5;--fail-bg:#fff0f0;--pass-bg:#fff}
    body{font-size:11px}header,main,footer{max-width:none;padding:0}*{-webkit-print-color-adjust:exact;print-color-adjust:exact}
    .tip,.cursor{display:none}section{break-inside:avoid-page}#source{break-inside:auto}tr{break-inside:avoid}
    pre.source{white-space:pre-wrap;overflow:visible}.scroll{overflow:visible}}
    """

    // MARK: - Script

    /// Shows bucket values under the pointer: time, requests per second by outcome, latency, breaker states.
    static let script = """
    (function(){var svg=document.getElementById("timeline"),el=document.getElementById("timeline-data");if(!svg||!el)return;
    var d=JSON.parse(el.textContent),tip=document.getElementById("timeline-tip"),cur=document.getElementById("timeline-cursor");
    var names={c:"closed",o:"open",h:"half-open",x:"other"},keys=["ok","fallback","degraded","failed","dropped"];
    function dur(ms){if(ms<1000)return Math.round(ms)+"ms";if(ms<60000)return (ms/1000).toFixed(ms<10000?2:1).replace(/\\.?0+$/,"")+"s";
    var s=Math.round(ms/1000),m=Math.floor(s/60);return (m>=60?Math.floor(m/60)+"h":"")+(m%60?m%60+"m":"")+(s%60?s%60+"s":"");}
    function at(t){var lo=0,hi=d.t.length-1;if(hi<0)return -1;while(lo<hi){var mid=(lo+hi+1)>>1;if(d.t[mid]<=t)lo=mid;else hi=mid-1;}return lo;}
    function esc(s){return String(s).replace(/[&<>"]/g,function(c){return {"&":"&amp;","<":"&lt;",">":"&gt;","\\"":"&quot;"}[c];});}
    function hide(){tip.hidden=true;cur.style.visibility="hidden";}
    svg.addEventListener("mouseleave",hide);
    svg.addEventListener("mousemove",function(e){var r=svg.getBoundingClientRect(),k=d.width/r.width,sx=(e.clientX-r.left)*k;
    var t=(sx-d.left)/d.plot*d.end;if(t<0||t>d.end){hide();return;}var i=at(t);if(i<0){hide();return;}
    var per=1000/d.w,rows=[];rows.push("<b>"+dur(d.t[i])+" – "+dur(d.t[i]+d.w)+"</b>");
    var parts=[];keys.forEach(function(key){if(d[key][i]>0)parts.push(key+" "+(+(d[key][i]*per).toFixed(1))+"/s");});
    rows.push(parts.length?parts.join(" · "):"no requests");
    if(d.p99[i]>0)rows.push("p50 "+dur(d.p50[i])+" · p95 "+dur(d.p95[i])+" · p99 "+dur(d.p99[i]));
    if(d.states.length)rows.push(d.states.map(function(s){return esc(s[0])+" "+names[s[1].charAt(i)];}).join(" · "));
    tip.innerHTML=rows.join("<br>");tip.hidden=false;
    var x=d.left+((d.t[i]+d.w/2)/d.end)*d.plot;cur.setAttribute("x1",x);cur.setAttribute("x2",x);cur.style.visibility="visible";
    var fr=svg.parentNode.getBoundingClientRect(),px=e.clientX-fr.left+14,py=e.clientY-fr.top+14;
    if(px+tip.offsetWidth>fr.width)px=e.clientX-fr.left-tip.offsetWidth-14;tip.style.left=px+"px";tip.style.top=py+"px";});})();
    """
}
