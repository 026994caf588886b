package httprec

import (
	"io"
	"net/http"
	"testing"
)

func TestGet(t *testing.T) {
	for _, tt := range []struct {
		name    string
		h       http.HandlerFunc
		body    string
		wantErr bool
	}{
		{"implicit 200", func(w http.ResponseWriter, r *http.Request) {
			io.WriteString(w, r.Method+" "+r.URL.Path)
		}, "GET /app.js", false},
		{"explicit 200", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/javascript")
			w.WriteHeader(http.StatusOK)
			io.WriteString(w, "ok")
		}, "ok", false},
		{"empty", func(http.ResponseWriter, *http.Request) {}, "", false},
		{"404", func(w http.ResponseWriter, r *http.Request) { http.NotFound(w, r) }, "", true},
		{"first status counts", func(w http.ResponseWriter, r *http.Request) {
			io.WriteString(w, "ok")
			w.WriteHeader(http.StatusInternalServerError)
		}, "ok", false},
	} {
		b, err := Get(tt.h, "/app.js")
		if (err != nil) != tt.wantErr || string(b) != tt.body {
			t.Errorf("%s: Get = %q, %v; want %q, error %v", tt.name, b, err, tt.body, tt.wantErr)
		}
	}
}
