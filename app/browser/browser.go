// Package browser binds the browser APIs the page uses that go-app does not
// wrap: the microphone (getUserMedia and an AudioWorklet), files chosen or
// dropped and the browser's own audio decoder, the service worker's cache,
// and downloads. Like webhid's binding it needs js && wasm; in a native
// build (the server's prerendering, tests) there is no browser and every
// call reports ErrUnsupported.
package browser

import "errors"

// ErrUnsupported means the browser here lacks the API: an old browser, or an
// app's built-in browser.
var ErrUnsupported = errors.New("browser: not supported here")

// ErrInsecure means the browser hides the API from this page because it is
// not a secure context: opened over plain HTTP from another machine, not
// over HTTPS or from localhost.
var ErrInsecure = errors.New("browser: not a secure context")
