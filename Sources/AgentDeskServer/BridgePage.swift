import AgentDeskCore
import AgentDeskUI

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
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>agentdesk bridge</title>
    <style>
    * { box-sizing: border-box; }
    body { font: 14px system-ui, sans-serif; margin: 0; display: grid; grid-template-columns: 24em minmax(0, 1fr); height: 100vh; }
    aside { border-right: 1px solid #ccc; padding: .6em; overflow: auto; background: #fafafa; }
    main { display: grid; grid-template-rows: auto auto minmax(12em, 1fr) minmax(8em, 40%); min-width: 0; min-height: 0; }
    h2 { font-size: 1em; margin: .9em 0 .3em; }
    button, input, select { font: inherit; margin: .1em 0; }
    button:disabled { opacity: .45; }
    :focus-visible { outline: 3px solid #1a73e8; outline-offset: 1px; }
    .row { display: flex; flex-wrap: wrap; gap: .3em; align-items: center; margin: .2em 0; }
    .row input { min-width: 0; flex: 1 1 6em; }
    label.f { display: grid; grid-template-columns: 6em minmax(0, 1fr); gap: .3em; align-items: center; margin: .15em 0; }
    #problem { background: #fde8e8; color: #900; border: 2px solid #c00; padding: .5em; margin: .3em 0; font-weight: bold; }
    #tabs { display: flex; flex-wrap: wrap; gap: .2em; padding: .3em .3em 0; border-bottom: 3px solid #1a73e8; }
    #tabs button { border: 1px solid #bbb; border-bottom: 0; background: #eee; padding: .3em .8em; border-radius: .3em .3em 0 0; }
    #tabs button[aria-selected="true"] { background: #1a73e8; color: #fff; font-weight: bold; border-color: #1a73e8; }
    #frames { position: relative; min-height: 12em; }
    #frames iframe { position: absolute; inset: 0; width: 100%; height: 100%; border: 0; }
    .url { font: 12px monospace; word-break: break-all; padding: .3em; background: #eef; }
    .warn { color: #a60; }
    .session { border: 1px solid #ddd; padding: .3em; margin: .2em 0; display: block; width: 100%; text-align: left; background: #fff; }
    .session.selected { outline: 2px solid #1a73e8; }
    .s100 { border-left: 4px solid #d90; } .s200 { border-left: 4px solid #2a2; } .s400 { border-left: 4px solid #999; color: #777; }
    .timer { font-variant-numeric: tabular-nums; color: #333; }
    #status.down { color: #c00; }
    #inspect { border-top: 1px solid #ccc; overflow: auto; padding: .3em .6em; display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); gap: .8em; }
    table { border-collapse: collapse; width: 100%; font-size: 12px; }
    td, th { border: 1px solid #ddd; padding: .15em .3em; text-align: left; vertical-align: top; word-break: break-all; }
    ol { padding-left: 1.6em; margin: .2em 0; font-size: 12px; }
    #log { list-style: none; padding-left: 0; }
    #log li { border-bottom: 1px solid #eee; padding: .15em 0; }
    #log pre { margin: .2em 0; white-space: pre-wrap; word-break: break-all; background: #f4f4f4; padding: .3em; }
    #log summary { cursor: pointer; font-family: monospace; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
    .outcome { font-weight: bold; padding: 0 .3em; border-radius: .2em; }
    .o-accepted { background: #d8f5d8; } .o-relayed { background: #e0e8ff; } .o-ignored { background: #eee; }
    .o-refused, .o-unsupported { background: #ffe3c4; } .o-dropped { background: #fdd; }
    .muted { color: #666; }
    #thread { list-style: none; padding: .2em; margin: .2em 0; max-height: 18em; overflow: auto; background: #fff; border: 1px solid #ddd; }
    #thread li { margin: .2em 0; padding: .2em .4em; border-radius: .3em; white-space: pre-wrap; overflow-wrap: anywhere; }
    #thread li.customer { background: #eef3ff; margin-right: 2em; } #thread li.agent { background: #e6f6e6; margin-left: 2em; }
    #thread .card { border: 1px solid #b6b; border-radius: .3em; padding: .2em .4em; background: #fff; }
    @media (max-width: 760px) {
      body { display: block; height: auto; }
      aside { border-right: 0; border-bottom: 1px solid #ccc; }
      main { display: block; }
      #frames { height: 60vh; }
      #inspect { grid-template-columns: minmax(0, 1fr); }
    }
    </style>
    </head>
    <body>
    <aside>
      <div>agentdesk · <span id="status" role="status" aria-live="polite">connecting…</span></div>
      <div id="problem" role="alert" hidden></div>
      <h2 id="h-agent">坐席 Agent</h2>
      <div id="agent"></div>
      <div class="timer" id="agent-timer"></div>
      <form id="status-form" class="row" aria-labelledby="h-agent">
        <label>状态 Status <select id="status-choice"><option value="free">free 空闲</option><option value="notReady">notReady 示忙</option><option value="rest">rest 小休</option><option value="offline">offline 离线</option></select></label>
        <input id="status-reason" list="rest-reasons" aria-label="reason (rest needs one)" placeholder="reason 午休"><datalist id="rest-reasons"></datalist>
        <button id="set-status" type="submit">Set</button>
      </form>
      <div class="row"><button id="wrapup-done">话后完成 Wrap-up done</button><button id="wrapup-keep">Keep wrapping up</button></div>
      <h2>会话 Sessions</h2>
      <div id="sessions" aria-label="sessions; choose one to select it"></div>
      <div id="queue" aria-label="callers waiting in the queue"><span id="queue-summary">排队 Queue: 0</span><ol id="queue-list"></ol></div>
      <div class="row"><button id="answer">接听 Answer</button><button id="hold">Hold</button><button id="resume">Resume</button><button id="mute">Mute</button><button id="unmute">Unmute</button></div>
      <div class="row"><label>closeBy <select id="closeby"><option>seat</option><option>client</option><option>admin</option><option>timer</option></select></label><button id="hangup">挂断 Hang up</button></div>
      <form class="row" id="transfer-form"><input id="transfer-to" list="transfer-targets" aria-label="transfer to: a skill group or an agent" placeholder="skill group or agent"><datalist id="transfer-targets"></datalist><button id="transfer" type="submit">Transfer</button></form>
      <form class="row" id="dtmf-form"><input id="dtmf-digits" aria-label="DTMF tones" placeholder="tones 0-9 * #"><button id="dtmf" type="submit">Send DTMF</button></form>
      <div id="action-outcome" role="status" aria-live="polite"></div>
      <h2 id="h-chat">对话 Chat <span class="muted" id="chat-session"></span></h2>
      <ol id="thread" aria-labelledby="h-chat"></ol>
      <form class="row" id="reply-form"><input id="reply-text" aria-label="the agent's reply" placeholder="reply 回复"><button id="reply" type="submit">Reply</button></form>
      <form class="row" id="says-form"><input id="says-text" aria-label="what the customer writes" placeholder="the customer writes 客户说"><button id="says" type="submit">Customer says</button></form>
      <h2 id="h-call">来电 Ring a call</h2>
      <form id="call-form" aria-labelledby="h-call">
        <label class="f">sample <select id="sample"><option value="">—</option></select></label>
        <label class="f">type <select id="call-type"><option>phone</option><option>im</option><option>om</option><option>oim</option></select></label>
        <label class="f">mobile <input id="call-mobile"></label>
        <label class="f">userId <input id="call-userId"></label>
        <label class="f">nickName <input id="call-nickName"></label>
        <label class="f">avatar <input id="call-avatar"></label>
        <label class="f">timeout <input id="call-timeout" type="number" min="0" max="86400" placeholder="0 (none)"></label>
        <button id="ring" type="submit">Ring</button>
      </form>
      <h2>拨号盘 Dialpad</h2><div id="dialpad"></div>
      <form class="row" id="keys-form"><input id="dial-keys" aria-label="dialpad keys" placeholder="keys 0-9 * # +"><button id="type-keys" type="submit">Type</button><button id="dial" type="button">拨打 Dial</button><button id="callee-answer" type="button">Callee picks up</button><button id="callback" type="button">回拨 Call back</button></form>
      <h2>页面消息 Page messages</h2>
      <div>received <span id="received">0</span> · delivered <span id="delivered">0</span> · backlog <span id="backlog">0</span> · dropped <span id="dropped">0</span></div>
      <div id="outcome" aria-live="polite"></div>
    </aside>
    <main>
      <div id="tabs" role="tablist" aria-label="screen-pop pages"></div>
      <div class="url" id="url"></div>
      <div id="frames"></div>
      <div id="inspect">
        <section>
          <h2 id="h-params">参数 Parameters of <span id="params-tab"></span></h2>
          <table id="params" aria-labelledby="h-params"><thead><tr><th>in</th><th>name</th><th>value</th></tr></thead><tbody></tbody></table>
          <h2>hashchange history</h2>
          <ol id="history"></ol>
        </section>
        <section>
          <h2>Message log <span class="muted" id="log-count"></span> <button id="clear-log" type="button">Clear</button></h2>
          <ol id="log"></ol>
        </section>
      </div>
    </main>
    <script src="/bridge.js"></script>
    </body>
    </html>
    """

    /// The sample callers of the terminal's `i`, for the ring form.
    static let sampleCallers: String = OrderedJSON.encode(.array(SampleCallers.all.map { call in
        var fields: [(String, OrderedJSON.Value)] = [("type", .string(call.type.rawValue))]
        for (key, value) in [("mobile", call.caller.mobile), ("userId", call.caller.userId),
                             ("nickName", call.caller.nickName), ("avatar", call.caller.avatar)] {
            if let value { fields.append((key, .string(value))) }
        }
        if call.ringTimeout > 0 { fields.append(("timeout", .number(call.ringTimeout))) }
        return .object(fields)
    }))

    static let script = scriptBody.replacing("/*SAMPLES*/[]", with: sampleCallers)

    static let scriptBody = #"""
    "use strict";
    const SAMPLE_CALLERS = /*SAMPLES*/[];
    // The bridge: mirrors the workstation, hosts its screen-pop pages, and shows a
    // page's developer everything the page receives (URL, parameters, hashchanges)
    // and sends (every postMessage, with what became of it).
    const $ = (id) => document.getElementById(id);
    const frames = new Map();   // tab name -> {iframe, origin, url, insecure, history}
    let chosen = null, state = null, stateAt = 0;

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
    function make(tag, cls, value) { const el = document.createElement(tag); if (cls) el.className = cls; if (value != null) text(el, value); return el; }
    function originOf(url) { try { return new URL(url).origin; } catch (e) { return null; } }
    function setStatus(what, down) { text($("status"), what); $("status").className = down ? "down" : ""; }
    function clockText(d) { const p = (n, w) => String(n).padStart(w, "0"); return p(d.getHours(), 2) + ":" + p(d.getMinutes(), 2) + ":" + p(d.getSeconds(), 2) + "." + p(d.getMilliseconds(), 3); }
    function duration(s) { s = Math.max(0, Math.floor(s)); const m = Math.floor(s / 60); return m + ":" + String(s % 60).padStart(2, "0"); }

    // The token no longer works: the workstation restarted (each start makes a new
    // token unless one is given) or was given another. Nothing will get better by
    // retrying, so say what to do and stop.
    let locked = false;
    function lockedOut(reason) {
      if (locked) return;
      locked = true;
      const p = $("problem");
      text(p, "The workstation refused this page's token" + (reason ? " (" + reason + ")" : "") +
        ". It was probably restarted with a new token. Open the bridge again from the address the workstation shows now: " +
        "its help screen (?) or `agentdesk send bridge`.");
      p.hidden = false;
      setStatus("refused: the token is no longer valid", true);
      drawControls();
    }

    // MARK: the tabs, their URLs, parameters and hashchange history

    function paramsOf(url) {
      const rows = [];
      try {
        const u = new URL(url);
        for (const [k, v] of u.searchParams) rows.push(["query", k, v]);
        const h = u.hash.replace(/^#\??/, "");
        if (h) for (const [k, v] of new URLSearchParams(h)) rows.push(["hash", k, v]);
      } catch (e) { /* not a URL: no parameters */ }
      return rows;
    }
    function diffOf(before, after) {
      if (before == null) return "first URL";
      const a = new Map(paramsOf(before).map((r) => [r[0] + ":" + r[1], r[2]]));
      const b = new Map(paramsOf(after).map((r) => [r[0] + ":" + r[1], r[2]]));
      const out = [];
      for (const [k, v] of b) {
        const name = k.replace(/^hash:/, "");
        if (!a.has(k)) out.push("+" + name + "=" + v);
        else if (a.get(k) !== v) out.push(name + ": " + a.get(k) + " → " + v);
      }
      for (const k of a.keys()) if (!b.has(k)) out.push("−" + k.replace(/^hash:/, ""));
      return out.length ? out.join(", ") : "no parameter changed";
    }
    function statusOf(url) { const r = paramsOf(url).find((x) => x[1] === "status"); return r ? r[2] : "—"; }

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
        f = { iframe, origin: originOf(url), url, insecure, history: [] };
        frames.set(name, f);
        f.history.push({ time: new Date(), url, status: statusOf(url), diff: "loaded" });
      } else if (f.url !== url) {
        f.history.push({ time: new Date(), url, status: statusOf(url), diff: diffOf(f.url, url) });
        if (f.history.length > 200) f.history.shift();
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

    function choose(name, focus) {
      chosen = name;
      drawTabs();
      if (focus) { const b = [...$("tabs").children].find((x) => x.dataset.tab === name); if (b) b.focus(); }
    }

    // Redrawing replaces the buttons: the one that had the keyboard's focus gets it back.
    function keepFocus(attribute, draw) {
      const el = document.activeElement;
      const had = el && el.tagName === "BUTTON" ? el.dataset[attribute] : undefined;
      draw();
      if (had === undefined) return;
      const again = document.querySelector("[data-" + attribute + '="' + CSS.escape(had) + '"]:is(button)');
      if (again) again.focus();
    }

    function drawTabs() { keepFocus("tab", drawTabBar); }
    function drawTabBar() {
      const bar = $("tabs");
      bar.replaceChildren();
      if (chosen === null || !frames.has(chosen)) chosen = frames.keys().next().value ?? null;
      const names = [...frames.keys()];
      for (const [name, f] of frames) {
        const b = make("button", null, (name === chosen ? "▶ " : "") + (f.insecure ? "⚠ " : "") + name);
        b.type = "button";
        b.setAttribute("role", "tab");
        b.dataset.tab = name;
        b.setAttribute("aria-selected", name === chosen ? "true" : "false");
        b.tabIndex = name === chosen ? 0 : -1;
        if (f.insecure) b.title = "insecure local http page (allowInsecureLocalhost)";
        if (name === chosen) b.className = "active";
        b.onclick = () => choose(name, false);
        b.onkeydown = (e) => {
          const i = names.indexOf(name);
          if (e.key === "ArrowRight") choose(names[(i + 1) % names.length], true);
          else if (e.key === "ArrowLeft") choose(names[(i + names.length - 1) % names.length], true);
          else return;
          e.preventDefault();
        };
        bar.appendChild(b);
        f.iframe.style.visibility = name === chosen ? "visible" : "hidden";
      }
      const f = chosen && frames.get(chosen);
      text($("url"), f ? f.url + (f.insecure ? "   ⚠ insecure local http, allowed by allowInsecureLocalhost" : "") : "no screen-pop page is showing");
      $("url").className = "url" + (f && f.insecure ? " warn" : "");
      drawInspector();
    }

    function drawInspector() {
      const f = chosen && frames.get(chosen);
      text($("params-tab"), chosen || "no tab");
      const body = $("params").tBodies[0];
      body.replaceChildren();
      for (const [where, k, v] of f ? paramsOf(f.url) : []) {
        const tr = make("tr");
        tr.dataset.name = k;
        tr.append(make("td", null, where), make("th", null, k), make("td", null, v));
        body.appendChild(tr);
      }
      const list = $("history");
      list.replaceChildren();
      for (const h of f ? f.history : []) {
        const li = make("li");
        li.dataset.status = h.status;
        li.append(make("span", "muted", clockText(h.time) + " "), make("strong", null, "status " + h.status), document.createTextNode(" · " + h.diff));
        li.title = h.url;
        list.appendChild(li);
      }
    }

    // MARK: the workstation's state, its controls and timers

    function drawSessions(s) {
      const list = $("sessions");
      list.replaceChildren();
      for (const x of s.sessions.slice().reverse()) {
        const d = make("button", "session s" + x.status + (s.selected === x.id ? " selected" : ""));
        d.type = "button";
        d.dataset.session = x.id;
        d.setAttribute("aria-pressed", s.selected === x.id ? "true" : "false");
        d.append(document.createTextNode(x.id + " " + x.type + " " + x.direction + " " + x.status + " · " + x.display +
             (x.mobile && x.mobile !== x.display ? " · " + x.mobile : "") + (x.onHold ? " · hold" : "") + (x.muted ? " · muted" : "") +
             (x.closeBy ? " · closeBy " + x.closeBy : "") + (x.missed ? " · missed" : "") + (x.dtmf ? " · DTMF " + x.dtmf : "") +
             (x.unread ? " · ● " + x.unread + " unread" : "") + " "));
        const t = make("span", "timer");
        t.dataset.timer = x.id;
        d.appendChild(t);
        d.onclick = () => act({ action: "select", session: x.id });
        list.appendChild(d);
      }
    }

    // The queue: callers waiting for the agent, in the order they will ring; the
    // directory and rest reasons as suggestions for their inputs. Text only.
    function drawQueue(s) {
      const list = $("queue-list");
      list.replaceChildren();
      for (const q of s.queue || []) {
        const li = make("li", null, q.id + " " + q.type + " · " + (q.nickName || q.mobile || q.userId || q.id) + " ");
        const t = make("span", "timer");
        t.dataset.queued = q.id;
        li.appendChild(t);
        list.appendChild(li);
      }
      function options(id, values) {
        const el = $(id);
        el.replaceChildren(...values.map((v) => { const o = document.createElement("option"); o.value = v.value; o.label = v.label; return o; }));
      }
      options("transfer-targets", (s.transferTargets || []).map((t) => ({ value: t.id, label: t.name + " (" + t.kind + ")" })));
      options("rest-reasons", (s.restReasons || []).map((r) => ({ value: r, label: r })));
    }

    function drawState(s) {
      state = s;
      stateAt = performance.now();
      const a = s.agent;
      text($("agent"), a.nickName + " · " + a.status + (a.reason ? " (" + a.reason + ")" : ""));
      keepFocus("session", () => drawSessions(s));
      drawQueue(s);
      const dp = s.dialpad;
      text($("dialpad"), dp.display ? dp.display + (dp.desc ? " (" + dp.number + ")" : "") : "—");
      const names = new Set(s.tabs.map((t) => t.name));
      for (const name of [...frames.keys()]) if (!names.has(name)) removeTab(name);
      for (const t of s.tabs) if (!frames.has(t.name) && t.url) showURL(t.name, t.url, t.insecureLocal);
      for (const t of s.tabs) { const f = frames.get(t.name); if (f) f.insecure = t.insecureLocal; }
      drawTabs();
      drawControls();
      drawTimers();
      drawThread(s);
    }

    // The selected chat's thread, every message as text (textContent only).
    function drawThread(s) {
      const list = $("thread");
      const x = s.sessions.find((y) => y.id === s.selected && y.messages);
      text($("chat-session"), x ? x.id + " · " + x.display : "—");
      const atBottom = list.scrollTop + list.clientHeight >= list.scrollHeight - 4;
      list.replaceChildren();
      if (!x) return;
      for (const m of x.messages) {
        const li = make("li", m.from);
        li.appendChild(make("div", "muted", (m.from === "customer" ? x.display : "me 我") + " · " + duration(m.t)));
        if (m.text != null) li.appendChild(make("div", "msg", m.text));
        const c = m.card || m.order;
        if (c) {
          const box = make("div", "card");
          box.appendChild(make("strong", null, (m.card ? "card 卡片 · " + c.title : "order 订单 · " + c.name)));
          for (const k of ["guide", "description", "picture", "link"]) if (c[k]) box.appendChild(make("div", null, k + ": " + c[k]));
          for (const f of c.fields || []) box.appendChild(make("div", null, f.name + ": " + f.value));
          li.appendChild(box);
        }
        list.appendChild(li);
      }
      if (atBottom) list.scrollTop = list.scrollHeight;
    }

    // Each control is enabled exactly when the workstation would take its action
    // now: the state lists, for each, whether the reducer accepts it (`possible`)
    // and if not why (`refusals`, shown as the control's tooltip).
    const controls = {
      answer: "answer", hangup: "hangup", hold: "hold", resume: "resume", mute: "mute", unmute: "unmute",
      transfer: "transfer", dtmf: "dtmf", dial: "dial", "callee-answer": "calleeAnswer",
      "wrapup-done": "wrapUp.done", "wrapup-keep": "wrapUp.keepGoing",
      reply: "reply", says: "customerSays",
      callback: "callBack",
    };
    function possible(name) { return !locked && state != null && state.possible != null && state.possible[name] === true; }
    function why(name) { return locked ? "the token is no longer valid" : state && state.refusals && state.refusals[name] || ""; }
    function drawControls() {
      for (const [id, name] of Object.entries(controls)) { $(id).disabled = !possible(name); $(id).title = why(name); }
      const status = "status." + $("status-choice").value;
      $("set-status").disabled = !possible(status);
      $("set-status").title = why(status);
      const call = "call." + $("call-type").value;
      $("ring").disabled = !possible(call);
      $("ring").title = why(call);
      $("type-keys").disabled = locked || state == null;
    }
    $("status-choice").onchange = drawControls;
    $("call-type").onchange = drawControls;

    // The workstation's clock now, from the state's `now` and the time since it came.
    function now() { return state ? state.now + (performance.now() - stateAt) / 1000 : 0; }
    function drawTimers() {
      if (!state || locked) return;
      const t = now(), a = state.agent;
      let agentLine = "since " + duration(t - a.since);
      if (a.status === "arrange") agentLine += a.afterCallWorkUntil != null
        ? " · after-call work ends in " + Math.max(0, Math.ceil(a.afterCallWorkUntil - t)) + " s"
        : " · after-call work, no countdown";
      text($("agent-timer"), agentLine);
      const queue = state.queue || [];
      text($("queue-summary"), "排队 Queue: " + queue.length + (queue.length ? " · longest " + duration(t - queue[0].queuedAt) : ""));
      for (const q of queue) {
        const el = document.querySelector('[data-queued="' + CSS.escape(q.id) + '"]');
        if (el) text(el, "waited " + duration(t - q.queuedAt) + " · gives up in " + Math.max(0, Math.ceil(q.abandonsAt - t)) + " s");
      }
      for (const x of state.sessions) {
        const el = document.querySelector('[data-timer="' + CSS.escape(x.id) + '"]');
        if (!el) continue;
        let line = "";
        if (x.status === 100) line = "ringing " + duration(t - x.startedAt) + (x.ringDeadline != null ? " · times out in " + Math.max(0, Math.ceil(x.ringDeadline - t)) + " s" : "");
        else if (x.status === 200) line = "talk " + duration(t - x.connectedAt) + (x.heldAt != null ? " · hold " + duration(t - x.heldAt) : "")
          + (x.timers && x.timers.holdTotal ? " · held in all " + duration(x.timers.holdTotal + (x.heldAt != null ? t - x.heldAt - (x.timers.hold || 0) : 0)) : "");
        else if (x.abandoned) line = "abandoned after " + duration(x.timers ? x.timers.queueWait : 0) + " in the queue";
        else if (x.connectedAt != null && x.endedAt != null) line = "talked " + duration(x.endedAt - x.connectedAt);
        text(el, line);
      }
    }
    setInterval(drawTimers, 250);

    // At most one state request at a time, and at most one every 300 ms: each one
    // is answered on the workstation's loop, between the page messages of a burst.
    let fetching = false, again = false, lastFetch = -1e9, later = false;
    async function refresh() {
      if (fetching) { again = true; return; }
      const wait = lastFetch + 300 - performance.now();
      if (wait > 0) {
        if (!later) { later = true; setTimeout(() => { later = false; refresh(); }, wait); }
        return;
      }
      fetching = true;
      lastFetch = performance.now();
      try {
        const r = await fetch("/api/state", { headers: authHeaders(), credentials: "omit", cache: "no-store" });
        if (r.status === 401) lockedOut((await r.json().catch(() => ({}))).error);
        else if (r.ok) drawState(await r.json());
      } catch (e) { /* the stream's reconnect will try again */ }
      fetching = false;
      if (again) { again = false; refresh(); }
    }

    async function post(path, body) {
      const r = await fetch(path, { method: "POST", credentials: "omit", cache: "no-store",
        headers: authHeaders({ "Content-Type": "application/json" }), body: JSON.stringify(body) ?? "" });
      const answer = { status: r.status, body: await r.json().catch(() => ({})) };
      if (r.status === 401) lockedOut(answer.body.error);
      return answer;
    }

    // An action from a control: the answer (or the refusal and its reason) is shown
    // under the controls (the page messages' outcomes have their own line).
    async function act(body) {
      let done = false;
      try {
        const r = await post("/api/" + (body.action === "call" ? "calls" : "actions"), body.action === "call" ? body.call : body);
        text($("action-outcome"), (body.action === "call" ? "call" : body.action) + ": " +
          (r.status < 400 ? "done" + (r.body.session ? " · " + r.body.session : "") : "refused (" + r.status + "): " + (r.body.error || "")));
        done = r.status < 400;
      } catch (e) {
        text($("action-outcome"), body.action + ": not sent (" + e + ")");
      }
      refresh();
      return done;
    }
    const submit = (id, what) => { $(id).onsubmit = (e) => { e.preventDefault(); what(); }; };
    for (const [id, name] of Object.entries({ answer: "answer", hold: "hold", resume: "resume", mute: "mute", unmute: "unmute", dial: "dial", "callee-answer": "calleeAnswer", callback: "callBack" })) {
      $(id).onclick = () => act({ action: name });
    }
    $("hangup").onclick = () => act({ action: "hangup", closeBy: $("closeby").value });
    $("wrapup-done").onclick = () => act({ action: "wrapUp", choice: "done" });
    $("wrapup-keep").onclick = () => act({ action: "wrapUp", choice: "keepGoing" });
    submit("transfer-form", () => act({ action: "transfer", to: $("transfer-to").value }));
    submit("dtmf-form", () => act({ action: "dtmf", digits: $("dtmf-digits").value }));
    // The text stays in its field when refused, so nothing typed is lost.
    submit("reply-form", async () => { if (await act({ action: "reply", text: $("reply-text").value })) $("reply-text").value = ""; });
    submit("says-form", async () => { if (await act({ action: "customerSays", text: $("says-text").value })) $("says-text").value = ""; });
    submit("keys-form", () => act({ action: "dialpad", keys: $("dial-keys").value }));
    submit("status-form", () => {
      const body = { action: "status", status: $("status-choice").value };
      if ($("status-reason").value.trim()) body.reason = $("status-reason").value.trim();
      act(body);
    });
    for (const [i, c] of SAMPLE_CALLERS.entries()) {
      const o = make("option", null, c.type + " · " + (c.nickName || c.mobile || c.userId));
      o.value = String(i);
      $("sample").appendChild(o);
    }
    $("sample").onchange = () => {
      const c = SAMPLE_CALLERS[Number($("sample").value)];
      if (!c) return;
      for (const k of ["mobile", "userId", "nickName", "avatar"]) $("call-" + k).value = c[k] || "";
      $("call-type").value = c.type;
      $("call-timeout").value = c.timeout ? String(c.timeout) : "";
      drawControls();
    };
    submit("call-form", () => {
      const call = { type: $("call-type").value };
      for (const k of ["mobile", "userId", "nickName", "avatar"]) if ($("call-" + k).value !== "") call[k] = $("call-" + k).value;
      if ($("call-timeout").value !== "") call.timeout = Number($("call-timeout").value);
      act({ action: "call", call });
    });

    // MARK: page messages

    // Every postMessage that reaches the bridge, from any frame, is logged with what
    // became of it. The newest `logLimit` stay on the page; the counters count all.
    const logLimit = 300;
    let logged = 0;
    function pretty(data) {
      try { const s = JSON.stringify(data, null, 2); if (s !== undefined) return s; } catch (e) { /* below */ }
      // A cycle (structured clone keeps them): each object once, then "[seen above]".
      try {
        const seen = new WeakSet();
        return JSON.stringify(data, (k, v) => {
          if (typeof v === "object" && v !== null) { if (seen.has(v)) return "[seen above]"; seen.add(v); }
          return v;
        }, 2) ?? String(data);
      } catch (e) { return "(cannot be shown: " + e.message + ")"; }
    }
    function logMessage(tab, data, outcome, reason) {
      logged++;
      const li = make("li", "msg");
      const when = make("span", "muted", "#" + logged + " " + clockText(new Date()) + " ");
      const where = make("span", "tab", tab == null ? "(no tab)" : tab);
      const badge = make("span", "outcome");
      const reasonEl = make("span", "reason");
      const details = make("details");
      const body = pretty(data);
      const summary = make("summary", null, body.replace(/\s+/g, " ").slice(0, 160));
      details.append(summary, make("pre", null, body));
      li.append(when, where, document.createTextNode(" "), badge, document.createTextNode(" "), reasonEl, details);
      const entry = { li, set(o, r) {
        li.dataset.outcome = o;
        badge.className = "outcome o-" + o;
        text(badge, o);
        text(reasonEl, r || "");
      } };
      entry.set(outcome, reason);
      const log = $("log");
      log.insertBefore(li, log.firstChild);
      while (log.children.length > logLimit) log.lastChild.remove();
      text($("log-count"), "(" + logged + (logged > logLimit ? ", the newest " + logLimit + " shown" : "") + ")");
      return entry;
    }
    $("clear-log").onclick = () => { $("log").replaceChildren(); logged = 0; text($("log-count"), ""); };

    // Which tab a window belongs to: the tab's page itself, or a frame inside it.
    function tabOf(source) {
      for (const [name, f] of frames) if (f.iframe.contentWindow === source) return { name, f, nested: false };
      try {
        for (let w = source, depth = 0; w && depth < 20; depth++) {
          const up = w.parent;
          if (!up || up === w) break;
          for (const [name, f] of frames) if (f.iframe.contentWindow === up) return { name, f, nested: true };
          w = up;
        }
      } catch (e) { /* a window we cannot look at */ }
      return null;
    }

    // Page messages: relayed only from our own iframes, with that iframe's own origin,
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
      const from = tabOf(event.source);
      let reason = null;
      if (event.source === window) reason = "posted by the bridge itself, not by a page";
      else if (!from) reason = "not from one of the bridge's tabs";
      else if (from.nested) reason = "from a frame inside the page, not the tab's page itself (the SDK takes only the page's own messages)";
      else if (event.origin === "null") reason = "from an opaque origin (sandboxed or data: page)";
      else if (event.origin !== from.f.origin) reason = "origin " + event.origin + " is not the tab's origin " + from.f.origin + " (the page navigated away?)";
      let body;
      if (!reason) {
        try { body = JSON.stringify(event.data); } catch (e) { reason = "cannot be sent as JSON: " + e.message; }
        if (!reason && body === undefined) reason = "cannot be sent as JSON (" + typeof event.data + ")";
      }
      if (reason) {
        dropped++;
        logMessage(from ? from.name : null, event.data, "dropped", reason);
        drawRelay();
        return;
      }
      received++;
      queue.push({ tab: from.name, data: event.data, entry: logMessage(from.name, event.data, "relayed", "waiting for the workstation") });
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
        if (problem && locked) {
          // The token is gone for good: keep the backlog on show, stop sending.
          item.entry.set("relayed", "not delivered (" + problem + "); the workstation no longer takes this page's token");
          break;
        }
        if (problem) {
          item.entry.set("relayed", "not delivered yet (" + problem + "), trying again");
          text($("outcome"), item.tab + ": not delivered yet (" + problem + "); " + queue.length + " waiting, trying again");
          await sleep(wait);
          wait = Math.min(wait * 2, 5000);
          continue;
        }
        wait = 100;
        queue.shift();
        delivered++;
        const o = r.body;
        const verdict = o.outcome || "refused";
        item.entry.set(verdict, [o.display, o.error, (o.notes || []).join("; ")].filter((x) => x).join(" · ") || (o.outcome ? "" : "HTTP " + r.status));
        text($("outcome"), item.tab + ": " + (o.outcome || "error") + (o.display ? " · " + o.display : "") + (o.error ? " · " + o.error : ""));
        drawRelay();
      }
      sending = false;
    }

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
      drawControls();
      if (!token) {
        setStatus("no token: open the address shown by the workstation's help screen (?) or `agentdesk send bridge`", true);
        return;
      }
      let wait = 250;
      for (;;) {
        try {
          const r = await fetch("/api/events", { headers: authHeaders(), credentials: "omit", cache: "no-store" });
          if (r.status === 401) {
            lockedOut((await r.json().catch(() => ({}))).error);
            return;
          }
          if (r.status === 403) {
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
        setStatus("disconnected; retrying (if the workstation restarted on another port, open its new address)", true);
        await sleep(wait);
        wait = Math.min(wait * 2, 5000);
      }
    }
    stream();
    """#
}
