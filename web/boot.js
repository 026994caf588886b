// boot.js: when the page cannot start at all, say so. go-app's loader
// reports a WebAssembly that fails to compile, but not a browser without
// WebAssembly or an app.js that did not load: its icon would spin forever.
// Stopping the spin lets style.css show magcheck's own message, in every
// language; the label only names what is missing, in no language.
window.addEventListener("load", () => {
  if (typeof WebAssembly === "object" && typeof goappInitWebAssembly === "function") {
    return;
  }
  const icon = document.getElementById("app-wasm-loader-icon");
  const label = document.getElementById("app-wasm-loader-label");
  if (icon) {
    icon.className = "goapp-logo";
  }
  if (label) {
    label.textContent = typeof WebAssembly === "object"
      ? "app.js ✗"
      : "WebAssembly ✗";
  }
});
