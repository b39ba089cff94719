/// The dashboard's script: applies the `GET /events` stream to the page and sends the forms.
///
/// It keeps the state of the last snapshot plus the events after it, redraws the lanes and
/// countdowns twice a second, and never loads anything but the gateway's own relative URLs.
enum DashboardScript {
    static let source = #"""
    (function(){"use strict";
    var config=JSON.parse(document.getElementById("config").textContent);
    var laneSpan=120000,chartSpan=120000;
    var st={breakers:[],transitions:[],faults:{},requests:[],stats:[],skew:0,automation:null};
    function $(id){return document.getElementById(id);}
    function now(){return Date.now()+st.skew;}
    function t(s){return Date.parse(s);}
    function esc(s){return String(s==null?"":s).replace(/[&<>"]/g,function(c){return {"&":"&amp;","<":"&lt;",">":"&gt;","\"":"&quot;"}[c];});}
    function dur(ms){if(ms==null)return "–";if(ms<1)return ms.toFixed(2)+"ms";if(ms<1000)return Math.round(ms)+"ms";if(ms<60000)return (ms/1000).toFixed(1)+"s";var s=Math.round(ms/1000);return Math.floor(s/60)+"m"+(s%60?s%60+"s":"");}
    function cls(state){return state==="forced_open"||state==="disabled"?"other":state;}
    function say(text,error){var m=$("message");m.textContent=text||"";m.className=error?"note error":"note";}
    var tokenInput=$("token");tokenInput.value=localStorage.getItem("airm-token")||"";
    tokenInput.addEventListener("change",function(){localStorage.setItem("airm-token",tokenInput.value);});
    function send(path,body,contentType){
      var headers={"Content-Type":contentType||"application/json"};
      if(tokenInput.value)headers.Authorization="Bearer "+tokenInput.value;
      return fetch(path,{method:"POST",headers:headers,body:body==null?"{}":body}).then(function(r){
        return r.text().then(function(text){var data={};try{data=JSON.parse(text);}catch(e){}
          if(!r.ok){var e=data.error||{},extra=(e.diagnostics||[]).map(function(d){return d.message;}).join("; ");
            throw new Error((e.message||("HTTP "+r.status))+(extra?": "+extra:""));}
          return data;});});
    }
    function act(promise,done){promise.then(function(){say(done);}).catch(function(e){say(e.message,true);});}

    // Stream
    function connect(){
      var source=new EventSource("events");
      source.addEventListener("open",function(){$("conn").textContent="live";$("conn").className="badge live";});
      source.addEventListener("error",function(){$("conn").textContent="reconnecting";$("conn").className="badge down";});
      source.addEventListener("snapshot",function(e){var d=JSON.parse(e.data);
        st.skew=t(d.now)-Date.now();st.started=d.started;st.breakers=d.breakers;st.transitions=d.transitions;
        st.faults={};d.faults.forEach(function(f){st.faults[f.name]=f;});st.requests=d.requests;st.automation=d.automation;
        st.stats=[d.stats];$("started").textContent=new Date(t(d.started)).toLocaleString();
        targets();lanes();faults();requests();automation();stats(d.stats);});
      source.addEventListener("transition",function(e){var d=JSON.parse(e.data);st.transitions.push(d);
        st.breakers.forEach(function(b){if(b.provider===d.provider){b.state=d.to;b.since=d.at;}});lanes();});
      source.addEventListener("request",function(e){st.requests.push(JSON.parse(e.data));if(st.requests.length>50)st.requests.shift();requests();});
      source.addEventListener("fault_started",function(e){var d=JSON.parse(e.data);st.faults[d.name]=d;faults();});
      source.addEventListener("fault_stopped",function(e){var d=JSON.parse(e.data);delete st.faults[d.name];faults();
        say("fault "+d.name+(d.early?" stopped":" ended"));});
      source.addEventListener("automation",function(e){var d=JSON.parse(e.data);st.automation=d.running?d:null;automation();});
      source.addEventListener("stats",function(e){var d=JSON.parse(e.data);st.skew=t(d.at)-Date.now();st.stats.push(d);
        while(st.stats.length&&t(st.stats[0].at)<now()-chartSpan)st.stats.shift();stats(d);});
    }

    // Breakers
    function lanes(){
      var box=$("lanes"),end=now(),start=end-laneSpan;
      st.breakers.forEach(function(b){
        var row=document.getElementById("lane-"+b.provider);
        if(!row){row=document.createElement("div");row.className="lane";row.id="lane-"+b.provider;
          row.innerHTML='<span class="name">'+esc(b.provider)+'</span><svg viewBox="0 0 1000 22" preserveAspectRatio="none"></svg><span class="state"></span>'+
            '<span><button type="button" data-action="reset">reset</button> <button type="button" data-action="force-open">force open</button></span>';
          row.querySelectorAll("button").forEach(function(btn){btn.addEventListener("click",function(){
            act(send("circuit-breaker/"+btn.dataset.action,JSON.stringify({provider:b.provider})),btn.dataset.action+" "+b.provider);});});
          box.appendChild(row);}
        row.dataset.state=b.state;
        var badge=row.querySelector(".state");badge.textContent=b.state.replace("_","-");badge.className="state t-"+b.state;
        var own=st.transitions.filter(function(x){return x.provider===b.provider;}),state="closed",since=start,parts=[];
        own.forEach(function(x){var at=t(x.at);if(at<=start){state=x.to;return;}parts.push([state,since,at]);state=x.to;since=at;});
        parts.push([state,since,end]);
        // Half-open often lasts one probe: drawn last and at least 5 units wide, so it stays visible.
        function rect(p){var x=(Math.max(p[1],start)-start)/laneSpan*1000,w=Math.max((p[2]-Math.max(p[1],start))/laneSpan*1000,p[0]==="closed"?0:5);
          return '<rect class="s-'+cls(p[0])+'" x="'+Math.min(x,1000-w).toFixed(1)+'" y="0" width="'+w.toFixed(1)+'" height="22"><title>'+esc(p[0])+'</title></rect>';}
        row.querySelector("svg").innerHTML=parts.filter(function(p){return p[0]!=="half_open";}).map(rect).join("")+
          parts.filter(function(p){return p[0]==="half_open";}).map(rect).join("");
      });
    }
    function targets(){var select=$("fault-target"),have={};Array.prototype.forEach.call(select.options,function(o){have[o.value]=1;});
      st.breakers.forEach(function(b){if(!have[b.provider]){var o=document.createElement("option");o.value=o.textContent=b.provider;select.appendChild(o);}});}

    // Faults
    function faults(){var body=$("faults").tBodies[0],list=Object.keys(st.faults).map(function(k){return st.faults[k];});
      body.innerHTML=list.length?list.map(function(f){return '<tr data-fault="'+esc(f.name)+'"><td>'+esc(f.name)+'</td><td>'+esc(f.type)+'</td><td>'+esc(f.target)+'</td><td>'+esc(f.origin)+
        '</td><td class="num countdown" data-ends="'+esc(f.ends)+'">'+dur(Math.max(0,t(f.ends)-now()))+'</td><td><button type="button" data-stop="'+esc(f.name)+'">stop</button></td></tr>';}).join("")
        :'<tr><td colspan="6" class="muted">no active fault</td></tr>';
      body.querySelectorAll("button[data-stop]").forEach(function(btn){btn.addEventListener("click",function(){
        act(send("chaos/stop",JSON.stringify({name:btn.dataset.stop})),"stopping "+btn.dataset.stop);});});}
    function countdowns(){document.querySelectorAll(".countdown").forEach(function(cell){cell.textContent=dur(Math.max(0,t(cell.dataset.ends)-now()));});}
    var typeSelect=$("fault-type");
    config.fault_types.forEach(function(ft){var o=document.createElement("option");o.value=o.textContent=ft.name;if(ft.name==="unavailable")o.selected=true;typeSelect.appendChild(o);});
    function keys(){var ft=config.fault_types.filter(function(x){return x.name===typeSelect.value;})[0];$("fault-keys").textContent=ft&&ft.keys.length?"keys: "+ft.keys.join(", "):"no parameters";}
    typeSelect.addEventListener("change",keys);keys();
    $("inject").addEventListener("submit",function(e){e.preventDefault();var f=e.target,lines=[];
      lines.push("type: "+JSON.stringify(f.type.value));lines.push("target: "+JSON.stringify(f.target.value));
      if(f.elements["for"].value)lines.push("for: "+f.elements["for"].value.trim());
      if(f.probability.value)lines.push("probability: "+f.probability.value.trim());
      if(f.elements["name"].value)lines.push("name: "+JSON.stringify(f.elements["name"].value));
      f.parameters.value.split(/\n/).forEach(function(l){if(l.trim())lines.push(l.trim());});
      act(send("chaos/inject",lines.join("\n")+"\n","application/yaml"),"injected "+f.type.value+" on "+f.target.value);});
    $("stop-all").addEventListener("click",function(){act(send("chaos/stop","{}"),"stopping every fault");});
    document.querySelector("[data-breaker-all]").addEventListener("click",function(){act(send("circuit-breaker/reset","{}"),"reset every breaker");});

    // Automation
    function automation(){$("automation-status").textContent=st.automation?"running"+(st.automation.rate?" at "+st.automation.rate:""):"stopped";}
    $("automation").addEventListener("submit",function(e){e.preventDefault();
      act(send("automation/start",JSON.stringify({rate:e.target.rate.value})),"automation started");});
    $("automation-stop").addEventListener("click",function(){act(send("automation/stop","{}"),"automation stopped");});

    // Requests and stats
    function requests(){var rows=st.requests.slice(-20).reverse();$("requests").tBodies[0].innerHTML=rows.map(function(r){
      return '<tr><td>'+esc(new Date(t(r.at)).toLocaleTimeString())+'</td><td>'+esc(r.source)+'</td><td>'+esc(r.provider||"–")+'</td><td><span class="state o-'+esc(r.outcome)+'">'+esc(r.outcome)+
        '</span></td><td class="num">'+r.attempts+'</td><td class="num">'+dur(r.latency_ms)+'</td><td>'+esc(r.fault||"")+'</td></tr>';}).join("");}
    var outcomes=["ok","fallback","degraded","failed","dropped"];
    function stats(d){outcomes.forEach(function(o){$("rate-"+o).textContent=(d.rates[o]||0).toFixed(d.rates[o]>=10?0:1);});
      $("p50").textContent=dur(d.p50_ms);$("p95").textContent=dur(d.p95_ms);$("p99").textContent=dur(d.p99_ms);charts();}
    function charts(){var end=now(),start=end-chartSpan,w=1200,left=44,plot=w-left-8;
      function x(s){return left+(t(s.at)-start)/chartSpan*plot;}
      var top=1;st.stats.forEach(function(s){var sum=0;outcomes.forEach(function(o){sum+=s.rates[o]||0;});top=Math.max(top,sum);});
      var bars=st.stats.map(function(s){var y=130,out="";outcomes.forEach(function(o){var h=(s.rates[o]||0)/top*120;if(h>0){y-=h;
        out+='<rect class="o-'+o+'" x="'+(x(s)-3).toFixed(1)+'" y="'+y.toFixed(1)+'" width="6" height="'+h.toFixed(1)+'"></rect>';}});return out;}).join("");
      $("rates-chart").innerHTML='<line class="axis" x1="'+left+'" y1="130" x2="'+w+'" y2="130"></line><g class="axis-y"><text x="'+(left-4)+'" y="14">'+top.toFixed(1)+'/s</text><text x="'+(left-4)+'" y="130">0</text></g>'+bars;
      var peak=1;st.stats.forEach(function(s){peak=Math.max(peak,s.p99_ms||0);});
      var lines=["p50","p95","p99"].map(function(p){var pts=st.stats.filter(function(s){return s[p+"_ms"]!=null;}).map(function(s){return x(s).toFixed(1)+","+(110-s[p+"_ms"]/peak*100).toFixed(1);});
        return pts.length?'<polyline class="l-'+p+'" points="'+pts.join(" ")+'"></polyline>':"";}).join("");
      $("latency-chart").innerHTML='<line class="axis" x1="'+left+'" y1="110" x2="'+w+'" y2="110"></line><g class="axis-y"><text x="'+(left-4)+'" y="14">'+dur(peak)+'</text><text x="'+(left-4)+'" y="110">0</text></g>'+lines;}

    setInterval(function(){lanes();countdowns();},500);
    connect();
    })();
    """#
}
