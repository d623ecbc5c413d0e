/// The bridge page (`GET /`): the workstation in a browser, with each screen-pop
/// page as a real iframe. Everything it shows from the server goes in through
/// `textContent`, never as markup.
enum BridgePage {
    static let contentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'unsafe-inline'; connect-src 'self'; frame-src http: https:; "
        + "img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"

    static let html = """
    <!doctype html>
    <html lang="zh">
    <head>
    <meta charset="utf-8">
    <meta name="referrer" content="no-referrer">
    <title>agentdesk bridge</title>
    <style>
    body { font: 14px system-ui, sans-serif; margin: 0; display: grid; grid-template-columns: 22em 1fr; height: 100vh; }
    aside { border-right: 1px solid #ccc; padding: .6em; overflow: auto; background: #fafafa; }
    main { display: flex; flex-direction: column; min-width: 0; }
    h2 { font-size: 1em; margin: .8em 0 .3em; }
    #tabs button { margin-right: .3em; }
    #tabs button.active { font-weight: bold; }
    #frames { flex: 1; position: relative; }
    #frames iframe { position: absolute; inset: 0; width: 100%; height: 100%; border: 0; }
    .url { font: 12px monospace; word-break: break-all; padding: .3em; background: #eef; }
    .warn { color: #a60; }
    .session { border: 1px solid #ddd; padding: .3em; margin: .2em 0; }
    .s100 { border-left: 4px solid #d90; } .s200 { border-left: 4px solid #2a2; } .s400 { border-left: 4px solid #999; color: #777; }
    #status.down { color: #c00; }
    </style>
    </head>
    <body>
    <aside>
      <div>agentdesk · <span id="status">connecting…</span></div>
      <h2>坐席 Agent</h2><div id="agent"></div>
      <h2>会话 Sessions</h2>
      <div><button id="answer">接听 Answer</button> <button id="hangup">挂断 Hang up</button></div>
      <div id="sessions"></div>
      <h2>拨号盘 Dialpad</h2><div id="dialpad"></div>
      <h2>页面消息 Page messages</h2>
      <div>received <span id="received">0</span> · delivered <span id="delivered">0</span> · backlog <span id="backlog">0</span> · dropped <span id="dropped">0</span></div>
      <div id="outcome"></div>
    </aside>
    <main>
      <div id="tabs"></div>
      <div class="url" id="url"></div>
      <div id="frames"></div>
    </main>
    <script src="/bridge.js"></script>
    </body>
    </html>
    """

    static let script = #"""
    "use strict";
    // The bridge: mirrors the workstation and hosts its screen-pop pages.
    const $ = (id) => document.getElementById(id);
    const frames = new Map();   // tab name -> {iframe, origin, url}
    let chosen = null, state = null;

    // The token comes in the address's fragment (/#token=T): a browser sends a fragment
    // to no server, nor in a Referer. It is kept here, in memory only, and taken out of
    // the address bar at once; every request carries it as Authorization. No cookie
    // is ever used, so no page on this host (whatever its port) can see or shadow it.
    let token = null;
    {
      const m = /(?:^#|&)token=([^&]*)/.exec(location.hash);
      if (m) { try { token = decodeURIComponent(m[1]); } catch (e) { token = null; } }
      if (location.hash) history.replaceState(null, "", location.pathname + location.search);
    }
    function authHeaders(extra) {
      const h = Object.assign({}, extra || {});
      if (token) h["Authorization"] = "Bearer " + token;
      return h;
    }
    const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

    function text(el, value) { el.textContent = value == null ? "" : String(value); }
    function originOf(url) { try { return new URL(url).origin; } catch (e) { return null; } }
    function setStatus(what, down) { text($("status"), what); $("status").className = down ? "down" : ""; }

    // A tab's URL changed: a new iframe, or a change of fragment only, which the page
    // sees as `hashchange` (no reload), as in TCCC.
    function showURL(name, url, insecure) {
      let f = frames.get(name);
      if (!f) {
        const iframe = document.createElement("iframe");
        iframe.title = name;
        iframe.dataset.tab = name;
        iframe.src = url;
        $("frames").appendChild(iframe);
        f = { iframe, origin: originOf(url), url, insecure };
        frames.set(name, f);
      } else if (f.url !== url) {
        f.url = url;
        f.iframe.src = url;
      }
      if (insecure !== undefined) f.insecure = insecure;
      drawTabs();
    }

    function removeTab(name) {
      const f = frames.get(name);
      if (f) { f.iframe.remove(); frames.delete(name); }
      if (chosen === name) chosen = null;
    }

    function drawTabs() {
      const bar = $("tabs");
      bar.replaceChildren();
      if (chosen === null || !frames.has(chosen)) chosen = frames.keys().next().value ?? null;
      for (const [name, f] of frames) {
        const b = document.createElement("button");
        text(b, (f.insecure ? "⚠ " : "") + name);
        if (f.insecure) b.title = "insecure local http page (allowInsecureLocalhost)";
        if (name === chosen) b.className = "active";
        b.onclick = () => { chosen = name; drawTabs(); };
        bar.appendChild(b);
        f.iframe.style.visibility = name === chosen ? "visible" : "hidden";
      }
      const f = chosen && frames.get(chosen);
      text($("url"), f ? f.url + (f.insecure ? "   ⚠ insecure local http, allowed by allowInsecureLocalhost" : "") : "no screen-pop page is showing");
      $("url").className = "url" + (f && f.insecure ? " warn" : "");
    }

    function drawState(s) {
      state = s;
      const a = s.agent;
      text($("agent"), a.nickName + " · " + a.status + (a.reason ? " (" + a.reason + ")" : "") +
           (a.afterCallWorkLeft != null ? " · " + a.afterCallWorkLeft + " s" : ""));
      const list = $("sessions");
      list.replaceChildren();
      for (const x of s.sessions.slice().reverse()) {
        const d = document.createElement("div");
        d.className = "session s" + x.status;
        d.dataset.session = x.id;
        text(d, x.id + " " + x.type + " " + x.direction + " " + x.status + " · " + x.display +
             (x.mobile && x.mobile !== x.display ? " · " + x.mobile : "") + (x.onHold ? " · hold" : "") + (x.muted ? " · muted" : ""));
        list.appendChild(d);
      }
      const dp = s.dialpad;
      text($("dialpad"), dp.display ? dp.display + (dp.desc ? " (" + dp.number + ")" : "") : "—");
      const names = new Set(s.tabs.map((t) => t.name));
      for (const name of [...frames.keys()]) if (!names.has(name)) removeTab(name);
      for (const t of s.tabs) if (!frames.has(t.name) && t.url) showURL(t.name, t.url, t.insecureLocal);
      for (const t of s.tabs) { const f = frames.get(t.name); if (f) f.insecure = t.insecureLocal; }
      drawTabs();
    }

    let fetching = false, again = false;
    async function refresh() {
      if (fetching) { again = true; return; }
      fetching = true;
      try {
        const r = await fetch("/api/state", { headers: authHeaders(), credentials: "omit", cache: "no-store" });
        if (r.ok) drawState(await r.json());
      } catch (e) { /* the stream's reconnect will try again */ }
      fetching = false;
      if (again) { again = false; refresh(); }
    }

    async function post(path, body) {
      const r = await fetch(path, { method: "POST", credentials: "omit", cache: "no-store",
        headers: authHeaders({ "Content-Type": "application/json" }), body: JSON.stringify(body) ?? "" });
      return { status: r.status, body: await r.json().catch(() => ({})) };
    }

    // Page messages: taken only from our own iframes, with that iframe's own origin,
    // queued and sent one at a time in arrival order, so the workstation sees them
    // in the order the pages posted them and the last call-out wins. A message the
    // server did not answer (network error, 503 while it is busy, 429) stays at the
    // head of the queue and is sent again; "delivered" counts what the server answered.
    const queue = [];
    let received = 0, delivered = 0, dropped = 0, sending = false;
    function drawRelay() {
      text($("received"), received);
      text($("delivered"), delivered);
      text($("backlog"), queue.length);
      text($("dropped"), dropped);
    }

    window.addEventListener("message", (event) => {
      let from = null;
      for (const [name, f] of frames) if (f.iframe.contentWindow === event.source) from = [name, f];
      if (!from || event.origin !== from[1].origin || event.origin === "null") {
        dropped++;
        drawRelay();
        return;
      }
      received++;
      queue.push({ tab: from[0], data: event.data });
      drawRelay();
      pump();
    });

    async function pump() {
      if (sending) return;
      sending = true;
      let wait = 100;
      while (queue.length > 0) {
        const item = queue[0];
        let r = null, problem = null;
        try {
          r = await post("/api/messages?page=" + encodeURIComponent(item.tab), item.data);
          if (r.status === 401 || r.status === 403 || r.status === 429 || r.status >= 500) problem = "HTTP " + r.status + (r.body.error ? ": " + r.body.error : "");
        } catch (e) {
          problem = String(e);
        }
        if (problem) {
          text($("outcome"), item.tab + ": not delivered yet (" + problem + "); " + queue.length + " waiting, trying again");
          await sleep(wait);
          wait = Math.min(wait * 2, 5000);
          continue;
        }
        wait = 100;
        queue.shift();
        delivered++;
        const o = r.body;
        text($("outcome"), item.tab + ": " + (o.outcome || "error") + (o.display ? " · " + o.display : "") + (o.error ? " · " + o.error : ""));
        drawRelay();
      }
      sending = false;
    }

    $("answer").onclick = () => post("/api/actions", { action: "answer" }).then(showRefusal);
    $("hangup").onclick = () => post("/api/actions", { action: "hangup" }).then(showRefusal);
    function showRefusal(r) { if (r.status >= 400) text($("outcome"), r.body.error || "refused"); }

    function onEvent(data) {
      let e;
      try { e = JSON.parse(data); } catch (x) { return; }
      if (e.event === "hashchange") {
        const known = state && state.tabs.find((t) => t.name === e.tab);
        showURL(e.tab, e.url, known ? known.insecureLocal : undefined);
      }
      if (e.event !== "tick") refresh();
    }

    // The transcript as server-sent events, read through fetch so the request
    // carries the token in Authorization (EventSource and WebSocket cannot).
    async function stream() {
      if (!token) {
        setStatus("no token: open the address shown by the workstation's help screen (?) or `agentdesk send bridge`", true);
        return;
      }
      let wait = 250;
      for (;;) {
        try {
          const r = await fetch("/api/events", { headers: authHeaders(), credentials: "omit", cache: "no-store" });
          if (r.status === 401 || r.status === 403) {
            const body = await r.json().catch(() => ({}));
            setStatus("refused: " + (body.error || r.status), true);
            return;
          }
          if (!r.ok || !r.body) throw new Error("HTTP " + r.status);
          wait = 250;
          setStatus("connected");
          refresh();
          const reader = r.body.pipeThrough(new TextDecoderStream()).getReader();
          let buffer = "";
          for (;;) {
            const { value, done } = await reader.read();
            if (done) break;
            buffer += value;
            let end;
            while ((end = buffer.indexOf("\n\n")) >= 0) {
              const block = buffer.slice(0, end);
              buffer = buffer.slice(end + 2);
              for (const line of block.split("\n")) if (line.startsWith("data: ")) onEvent(line.slice(6));
            }
          }
        } catch (e) { /* reconnect below */ }
        setStatus("disconnected; retrying", true);
        await sleep(wait);
        wait = Math.min(wait * 2, 5000);
      }
    }
    stream();
    """#
}
