// Package httprec runs an http.Handler in process and keeps what it writes,
// so that the site can render its own pages without a network.
//
// It is the small part of net/http/httptest that the programs need.
// httptest is for tests: importing it registers its -httptest.serve flag in
// any program, the WebAssembly page included.
package httprec

import (
	"bytes"
	"fmt"
	"net/http"
)

// Get serves a GET request for target, a path such as "/app.js", with h and
// returns the body of the response. A status other than 200 OK is an error.
func Get(h http.Handler, target string) ([]byte, error) {
	r, err := http.NewRequest(http.MethodGet, target, nil)
	if err != nil {
		return nil, err
	}
	var w recorder
	h.ServeHTTP(&w, r)
	if w.code != 0 && w.code != http.StatusOK {
		return nil, fmt.Errorf("GET %s: status %d", target, w.code)
	}
	return w.body.Bytes(), nil
}

// recorder is the http.ResponseWriter Get serves into. As with a server,
// the status is the first one written, 200 OK if none is.
type recorder struct {
	code   int
	header http.Header
	body   bytes.Buffer
}

func (w *recorder) Header() http.Header {
	if w.header == nil {
		w.header = http.Header{}
	}
	return w.header
}

func (w *recorder) WriteHeader(code int) {
	if w.code == 0 {
		w.code = code
	}
}

func (w *recorder) Write(b []byte) (int, error) {
	w.WriteHeader(http.StatusOK)
	return w.body.Write(b)
}
