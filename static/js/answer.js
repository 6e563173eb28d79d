// Autosave of the candidate's answer: nothing typed is ever lost.
//
// - Every keystroke is kept in localStorage at once (a reload, a closed tab or a crash loses
//   nothing); the server gets it after a short pause, on blur, when leaving the page, and again
//   every few seconds while it is not saved ("not saved, retrying").
// - Each page load is its own client with its own save counter; the server's revision comes
//   back with every save and goes out as "base" with the next one. The server ignores this
//   page's own older saves arriving late, and tells the page when another tab saved newer text:
//   then the candidate chooses, nothing is overwritten silently.
// - When the interviewer moves on, the question is swapped out; its unsaved text is still sent.
(function () {
  "use strict";
  var DELAY = 800, RETRY = 4000;
  // One id per browser tab, kept across reloads (sessionStorage), with its save counter, so a
  // reloaded tab is still the same writer. A duplicated tab copies sessionStorage: the tabs
  // notice each other on a BroadcastChannel and the newcomer takes a new id.
  function newId() {
    return (window.crypto && crypto.randomUUID) ? crypto.randomUUID() : String(Math.random()).slice(2) + Date.now();
  }
  function stored(key) { try { return sessionStorage.getItem(key); } catch (e) { return null; } }
  function store(key, value) { try { sessionStorage.setItem(key, value); } catch (e) { /* private mode */ } }
  var clientId = stored("answer-client") || newId();
  store("answer-client", clientId);
  var seq = parseInt(stored("answer-seq") || "0", 10);
  var handshake = new Promise(function (resolve) {
    if (!window.BroadcastChannel) { resolve(); return; }
    var channel = new BroadcastChannel("answer-clients");
    channel.onmessage = function (event) {
      if (event.data.id !== clientId) return;
      if (event.data.type === "hello") channel.postMessage({type: "taken", id: clientId});
      else if (event.data.type === "taken") { clientId = newId(); seq = 0; store("answer-client", clientId); store("answer-seq", "0"); }
    };
    channel.postMessage({type: "hello", id: clientId});
    setTimeout(resolve, 200);
  });
  var pending = {};  // item id -> {text, base, url, form, inFlight, timer}

  function csrf() {
    var headers = document.body.getAttribute("hx-headers");
    try { return JSON.parse(headers)["X-CSRFToken"]; } catch (e) { return ""; }
  }

  function draftKey(form) { return "answer-draft:" + form.dataset.interview + ":" + form.dataset.item; }

  function keepDraft(form, text, base) {
    try { localStorage.setItem(draftKey(form), JSON.stringify({text: text, base: base, at: Date.now()})); } catch (e) { /* full or private */ }
  }
  // A saved draft is not deleted but marked with the revision that holds it: a reload can race
  // its own last save (the page is rendered before the save lands), and then the draft is the
  // only copy the page can show. Marked drafts are pruned after a day.
  function markDraftSaved(form, text, revision) {
    try {
      var draft = JSON.parse(localStorage.getItem(draftKey(form)) || "null");
      if (draft && draft.text === text) {
        localStorage.setItem(draftKey(form), JSON.stringify({text: text, base: revision, saved: true, at: Date.now()}));
      }
    } catch (e) { /* ignore */ }
  }
  function pruneDrafts() {
    try {
      for (var i = localStorage.length - 1; i >= 0; i--) {
        var key = localStorage.key(i);
        if (key.indexOf("answer-draft:") !== 0) continue;
        var draft = JSON.parse(localStorage.getItem(key) || "null");
        if (!draft || (draft.saved && Date.now() - draft.at > 86400000)) localStorage.removeItem(key);
      }
    } catch (e) { /* ignore */ }
  }

  function status(form, kind, extra) {
    var el = form.querySelector("[data-save-status]");
    if (!el) return;
    var text = el.dataset[kind] || "";
    el.textContent = extra ? text + " " + extra : text;
    el.dataset.state = kind;
  }

  function send(item) {
    var entry = pending[item];
    if (!entry || entry.inFlight) return entry ? entry.promise : null;
    if (entry.timer) { clearTimeout(entry.timer); entry.timer = null; }
    var form = entry.form;
    var text = entry.text;
    entry.inFlight = true;
    seq += 1;
    store("answer-seq", String(seq));
    // The server refuses NUL characters (no database text can hold one); a paste may carry them.
    var body = new URLSearchParams({item: item, text: text.replace(/\u0000/g, ""), base: String(entry.base), client: clientId, seq: String(seq)});
    if (entry.force) body.set("force", "1");  // the candidate chose to overwrite newer text
    if (document.body.contains(form)) status(form, "saving");
    entry.promise = fetch(entry.url, {
      method: "POST", body: body, credentials: "same-origin",
      // Browsers refuse a keepalive body over 64 KiB; encoded Chinese is up to 9 bytes a character.
      keepalive: new Blob([body.toString()]).size < 60000,
      headers: {"X-CSRFToken": csrf(), "Content-Type": "application/x-www-form-urlencoded"},
    }).then(function (response) {
      // Refused as too large: by the view (JSON) or by the server's body limit (an HTML 413/400).
      if (response.status === 413 || response.status === 400) {
        return response.json().catch(function () { return {status: response.status === 413 ? "too_long" : "refused"}; })
          .then(function (data) { return {ok: false, code: response.status, data: data}; });
      }
      return response.json().then(function (data) { return {ok: response.ok, code: response.status, data: data}; });
    }).then(function (result) {
      entry.inFlight = false;
      if (pending[item] !== entry) return;  // dropped meanwhile ("use the newer text")
      var data = result.data;
      if (data.status === "saved" || data.status === "stale") {
        // Only a save that went in makes this page current: after a conflict it stays behind
        // until the candidate chooses, or its next keystroke would overwrite the other tab.
        entry.base = data.revision;
        entry.force = false;
        form.dataset.revision = String(data.revision);
        form.dataset.saved = text;
        if (entry.text === text) {
          delete pending[item];
          markDraftSaved(form, text, entry.base);
          status(form, "saved", data.saved_at);
        } else {
          send(item);  // more was typed meanwhile
        }
      } else if (data.status === "conflict") {
        if (entry.force) send(item);  // "keep mine" was chosen while this save was on its way
        else showConflict(form, item, data.text, data.revision);
      } else if (data.status === "late") {
        delete pending[item];
        lock(form);
      } else if (data.status === "too_long" || data.status === "refused") {
        // Retrying the same text cannot help: say so and keep it (the local draft stays); text
        // changed meanwhile is sent at once, and the next keystroke tries again.
        if (entry.text !== text) send(item);
        else if (document.body.contains(form)) status(form, data.status === "too_long" ? "toolong" : "refused");
      } else {
        throw new Error(data.status || String(result.code));
      }
    }).catch(function () {
      entry.inFlight = false;
      if (document.body.contains(form)) status(form, "offline");
      entry.timer = setTimeout(function () { send(item); }, RETRY);
    });
  }

  function schedule(form, immediately) {
    var item = form.dataset.item;
    var textarea = form.querySelector("textarea");
    var entry = pending[item] || {base: parseInt(form.dataset.revision || "0", 10), url: form.dataset.answerUrl, form: form};
    entry.text = textarea.value;
    entry.form = form;
    pending[item] = entry;
    keepDraft(form, entry.text, entry.base);
    if (entry.timer) clearTimeout(entry.timer);
    if (immediately) send(item);
    else entry.timer = setTimeout(function () { send(item); }, DELAY);
  }

  function lock(form) {
    var textarea = form.querySelector("textarea");
    if (textarea) { textarea.readOnly = true; textarea.setAttribute("aria-readonly", "true"); }
    status(form, "late");
  }

  function showConflict(form, item, theirs, theirRevision) {
    var box = form.querySelector("[data-conflict]");
    if (!box) return;
    status(form, "behind");
    box.hidden = false;
    box.querySelector("[data-conflict-text]").textContent = theirs;
    box.querySelector("[data-use-theirs]").onclick = function () {
      form.querySelector("textarea").value = theirs;
      form.dataset.revision = String(theirRevision);  // now up to date with the other tab
      form.dataset.saved = theirs;
      delete pending[item];
      try { localStorage.removeItem(draftKey(form)); } catch (e) { /* ignore */ }
      box.hidden = true;
      status(form, "saved", "");
    };
    box.querySelector("[data-keep-mine]").onclick = function () {
      box.hidden = true;
      schedule(form, false);
      pending[item].force = true;
      send(item);  // or, if a save is on its way, as soon as it is answered
    };
  }

  function setUp(form) {
    if (form.dataset.ready) return;
    form.dataset.ready = "1";
    var textarea = form.querySelector("textarea");
    if (!textarea) return;
    form.addEventListener("submit", function (event) { event.preventDefault(); schedule(form, true); });
    if (form.dataset.locked === "1") return;
    // Typed between the swap and this set-up (typing is listened to on the document): send it.
    if (textarea.value !== textarea.defaultValue) schedule(form, false);
    // A draft from an earlier visit that the server never got: put it back and send it
    // (once this tab knows its id is its own).
    handshake.then(function () { replayDraft(form, textarea); });
  }

  function replayDraft(form, textarea) {
    try {
      // Typed on this page already (the replay waits for the handshake): that draft is this
      // page's own, newer than anything to replay, and must stay until it is saved.
      if (pending[form.dataset.item]) return;
      var draft = JSON.parse(localStorage.getItem(draftKey(form)) || "null");
      if (!draft) return;
      if (draft.text === textarea.value) {
        localStorage.removeItem(draftKey(form));
      } else if (draft.saved) {
        if (draft.base > parseInt(form.dataset.revision || "0", 10)) {
          // This page was rendered before its own last save landed: show what the server holds.
          textarea.value = draft.text;
          form.dataset.revision = String(draft.base);
          form.dataset.saved = draft.text;
          status(form, "saved", "");
        } else {
          localStorage.removeItem(draftKey(form));  // the server has moved on since
        }
      } else {
        // Typed here and never confirmed: put it back and send it as of the revision it was
        // typed on. The server decides: this tab's own newer text is taken; if another tab
        // saved since, the candidate is asked.
        textarea.value = draft.text;
        pending[form.dataset.item] = {base: draft.base, url: form.dataset.answerUrl, form: form};
        schedule(form, true);
        status(form, "restored");  // after the send's "Saving…": it stays until the save answers
      }
    } catch (e) { /* ignore */ }
  }

  function init(root) {
    (root || document).querySelectorAll("[data-answer-form]").forEach(function (form) {
      setUp(form);
      var textarea = form.querySelector("textarea");
      if (textarea) count(textarea);  // a long restored draft shows its count at once
    });
  }
  document.addEventListener("DOMContentLoaded", function () { pruneDrafts(); init(document); });
  // Listened to on the document, so keys typed the moment a new question is swapped in count.
  function answerFormOf(target) {
    var form = target.closest && target.closest("[data-answer-form]");
    return form && target.tagName === "TEXTAREA" && form.dataset.locked !== "1" && !target.readOnly ? form : null;
  }
  // The length counter shows from 90% of the limit, and turns red past it.
  function count(textarea) {
    var el = textarea.form && textarea.form.querySelector("[data-char-count]");
    var max = parseInt(textarea.dataset.maxChars || "0", 10);
    if (!el || !max) return;
    var length = textarea.value.length;
    el.hidden = length < max * 0.9;
    el.textContent = el.dataset.template.replace("%(count)s", length.toLocaleString());
    el.classList.toggle("error", length > max);
  }
  document.addEventListener("input", function (event) {
    var form = answerFormOf(event.target);
    if (form) { count(event.target); schedule(form, false); }
  });
  document.addEventListener("focusout", function (event) {
    var form = answerFormOf(event.target);
    if (form && pending[form.dataset.item]) send(form.dataset.item);
  });
  document.addEventListener("htmx:load", function (event) { init(event.detail.elt.parentElement || document); });

  // Before the interviewer's move swaps the question out, send what is unsaved.
  document.addEventListener("htmx:oobBeforeSwap", function () {
    Object.keys(pending).forEach(function (item) { send(item); });
  });
  // Moving on or finishing (practice): send what is unsaved first, then go.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.querySelector || !form.querySelector("[data-flush-answer]")) return;
    document.querySelectorAll("[data-answer-form]").forEach(function (answerForm) {
      var textarea = answerForm.querySelector("textarea");
      var entry = pending[answerForm.dataset.item];
      if (textarea && !textarea.readOnly && (entry || textarea.value !== (answerForm.dataset.saved || textarea.defaultValue))) {
        schedule(answerForm, false);
      }
    });
    // One click moves on once: a second click (or Enter) while the answer is sent does nothing.
    if (form.dataset.submitting) { event.preventDefault(); return; }
    form.dataset.submitting = "1";
    form.querySelectorAll("[data-flush-answer]").forEach(function (button) { button.setAttribute("aria-disabled", "true"); });
    var waits = Object.keys(pending).map(function (item) { return send(item); }).filter(Boolean);
    if (!waits.length) return;
    event.preventDefault();
    var go = function () { form.submit(); };
    Promise.race([Promise.allSettled(waits), new Promise(function (resolve) { setTimeout(resolve, 3000); })]).then(go, go);
  });
  // A hard deadline (practice) reached zero on this page: send what is unsaved now (the server
  // takes it for a few seconds' grace) and stop taking keys; the server moves the mock on.
  document.addEventListener("hard-deadline", function () {
    document.querySelectorAll("[data-answer-form]").forEach(function (form) {
      var textarea = form.querySelector("textarea");
      if (!textarea || textarea.readOnly) return;
      if (pending[form.dataset.item]) send(form.dataset.item);
      textarea.readOnly = true;
      textarea.setAttribute("aria-readonly", "true");
      form.dataset.locked = "1";
      status(form, "late");
    });
  });
  window.addEventListener("pageshow", function (event) {
    if (!event.persisted) return;  // back to a page kept in memory: its buttons work again
    document.querySelectorAll("form[data-submitting]").forEach(function (form) {
      delete form.dataset.submitting;
      form.querySelectorAll("[aria-disabled]").forEach(function (button) { button.removeAttribute("aria-disabled"); });
    });
  });
  window.addEventListener("pagehide", function () {
    Object.keys(pending).forEach(function (item) { send(item); });
  });
  window.addEventListener("online", function () {
    Object.keys(pending).forEach(function (item) { send(item); });
  });
})();
