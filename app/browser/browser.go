// Package browser binds the browser APIs the page uses that go-app does not
// wrap: the microphone (getUserMedia and an AudioWorklet), files chosen or
// dropped and the browser's own audio decoder, the service worker's cache,
// and downloads. Like webhid's binding it needs js && wasm; in a native
// build (the server's prerendering, tests) there is no browser and every
// call reports ErrUnsupported.
package browser

import "errors"

// ErrUnsupported means the browser here lacks the API: an old browser, or a
// page not opened over HTTPS or from localhost.
var ErrUnsupported = errors.New("browser: not supported here")

// captureWorklet is the AudioWorklet that hands the microphone's samples to
// Go in blocks of about 20 ms (web/audio-capture.js).
const (
	captureWorklet  = "/web/audio-capture.js"
	captureNodeName = "magcheck-capture"
)

// decodeRate is the rate the browser resamples a compressed recording to:
// above every MP3 rate, so nothing is lost.
const decodeRate = 48000

// revokeAfterMS is how long, in milliseconds, a download's object URL lives: the browser has
// taken the download by then.
const revokeAfterMS = 1000
