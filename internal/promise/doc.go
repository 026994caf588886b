// Package promise waits for JavaScript promises from Go compiled to
// WebAssembly: the one awaiter of the page's browser bindings (WebHID, the
// microphone, files, the service worker's cache). It needs js && wasm;
// elsewhere only Rejection is there.
package promise

// A Rejection is the reason a promise was rejected: for a DOMException its
// name ("NotAllowedError") and message, as the browser words them. It is
// plain Go, so code built for a native test can name it too.
type Rejection struct {
	Name, Message string
}

func (r *Rejection) Error() string {
	if r.Name == "" {
		return r.Message
	}
	return r.Name + ": " + r.Message
}
