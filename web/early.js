// early.js: no swipe is lost while the page starts. On a slow device or
// link the WebAssembly runs seconds after the page is shown, and a reader's
// keys in that time would go nowhere. This script runs in the head, before
// app.js, and holds every keydown in page memory (never storage, never the
// console) until the Go page takes them: app/ui/capture.go calls
// magcheckEarly.take() when it has added its own listener, and feeds the
// keys to its swipe detector in order, with their own timestamps.
(() => {
  "use strict";
  const cap = 4096; // keys held at most (keyboard.MaxSwipeKeys): a stuck reader cannot eat memory
  const readerGap = 30; // ms: a gap a reader makes, a person hardly ever (keyboard.ReaderMedianGap)
  const modifiers = new Set(["Shift", "Control", "Alt", "AltGraph", "Meta", "OS", "CapsLock",
    "NumLock", "ScrollLock", "Fn", "FnLock", "Hyper", "Super", "Symbol", "SymbolLock"]);
  const opts = { capture: true };
  let held = [];
  let last = -Infinity; // timeStamp of the last held key that types something
  let shown = false;

  const editable = (t) => !!t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/i.test(t.tagName || ""));

  const onKey = (ev) => {
    // The detector ignores repeats of a held key: holding them would only
    // fill the array.
    if (ev.repeat || held.length >= cap) {
      return;
    }
    const ed = editable(ev.target);
    // The event's own names, which the page reads from events too; seen
    // is the clock the page's idle check measures silence with.
    held.push({
      code: ev.code, key: ev.key, shiftKey: ev.shiftKey, altKey: ev.altKey, ctrlKey: ev.ctrlKey,
      metaKey: ev.metaKey, repeat: false, timeStamp: ev.timeStamp,
      capsLock: ev.getModifierState("CapsLock"), seen: performance.now(), editable: ed,
    });
    if (modifiers.has(ev.key)) {
      return;
    }
    // Keys at a reader's pace are a swipe: outside a text field nothing
    // must act on them (the reader's Enter on a focused button, Space
    // scrolling, a quick-find key). A person's keys and a field's pass.
    if (!ed && ev.timeStamp - last <= readerGap) {
      ev.preventDefault();
    }
    last = ev.timeStamp;
    show();
  };

  // show says, once, that the page is starting and will read the swipe:
  // in go-app's loader, which covers the page until the WebAssembly runs
  // and goes with it. The words are the catalogue's, put in the head by
  // the server (app/ui/handler.go), in the first of the browser's
  // languages the page has, as the Go page picks its own.
  const show = () => {
    if (shown) {
      return;
    }
    if (document.readyState === "loading") {
      document.addEventListener("DOMContentLoaded", show, { once: true });
      return;
    }
    shown = true;
    const loader = document.getElementById("app-wasm-loader");
    const metas = [...document.querySelectorAll('meta[name="magcheck-early"]')];
    if (!loader || metas.length === 0) {
      return;
    }
    const prefs = navigator.languages && navigator.languages.length ? navigator.languages : [navigator.language || ""];
    let meta = metas[0];
    for (const tag of prefs) {
      const m = metas.find((x) => x.dataset.lang === String(tag).trim().toLowerCase().split("-")[0]);
      if (m) {
        meta = m;
        break;
      }
    }
    const p = document.createElement("p");
    p.className = "early";
    p.dataset.early = "held";
    p.setAttribute("role", "status"); // aria-live polite: read out once shown
    p.lang = meta.lang;
    p.textContent = meta.content;
    loader.append(p);
  };

  window.addEventListener("keydown", onKey, opts);

  window.magcheckEarly = Object.freeze({
    // take stops holding keys and hands over those held, oldest first.
    // The caller empties the array it gets once it has read it.
    take() {
      window.removeEventListener("keydown", onKey, opts);
      shown = true; // a message still waiting for the document stays unsaid
      const keys = held;
      held = [];
      return keys;
    },
  });
})();
