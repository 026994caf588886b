package server

import (
	"bytes"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"testing"
	"testing/fstest"
)

func TestNegotiate(t *testing.T) {
	for _, tt := range []struct{ accept, want string }{
		{"", ""},
		{"identity", ""},
		{"gzip, deflate, br, zstd", "br"}, // what Chromium sends
		{"gzip, deflate", "gzip"},
		{"br", "br"},
		{"BR", "br"},
		{"x-gzip", "gzip"},
		{"gzip;q=1.0, br;q=0.5", "gzip"},
		{"gzip; q=0.5, br ; q=0.5", "br"},
		{"br;q=0, gzip", "gzip"},
		{"br;q=0, gzip;q=0", ""},
		{"*", "br"},
		{"*;q=0.1, gzip;q=0.5", "gzip"},
		{"*, br;q=0", "gzip"},
		{"br;q=abc, gzip;q=0.2", "gzip"}, // a broken weight is no weight
		{"br;q=2", ""},
		{"deflate", ""},
		{",,;;", ""},
	} {
		if got := negotiate(tt.accept); got != tt.want {
			t.Errorf("negotiate(%q) = %q, want %q", tt.accept, got, tt.want)
		}
	}
}

// wasm stands in for app.wasm: compressible, and not all alike.
func wasm() []byte {
	var b bytes.Buffer
	for i := range 20000 {
		b.WriteString("\x00asm")
		b.WriteByte(byte(i * 7))
	}
	return b.Bytes()
}

func site(t *testing.T, web fstest.MapFS) *Site {
	t.Helper()
	s, err := New(web)
	if err != nil {
		t.Fatal(err)
	}
	<-s.Compressed()
	return s
}

func get(t *testing.T, s *Site, path, accept string) (*http.Response, []byte) {
	t.Helper()
	r := httptest.NewRequest(http.MethodGet, path, nil)
	r.Header.Set("Accept-Encoding", accept)
	rec := httptest.NewRecorder()
	s.ServeHTTP(rec, r)
	res := rec.Result()
	body, _ := io.ReadAll(res.Body)
	return res, body
}

// Compressed copies in web/ are used when they hold app.wasm, and ignored
// when they are stale: the bytes served always decode to app.wasm.
func TestPrecompressed(t *testing.T) {
	raw := wasm()
	fresh := map[string][]byte{}
	for _, c := range codings {
		fresh[c.name] = c.encode(raw, 1) // a level serving never uses
	}
	stale := map[string][]byte{}
	for _, c := range codings {
		stale[c.name] = c.encode(raw[1:], 1)
	}
	for _, tt := range []struct {
		name     string
		files    map[string][]byte
		fromDisk bool
	}{
		{"fresh", fresh, true},
		{"stale", stale, false},
		{"garbage", map[string][]byte{"br": []byte("nope"), "gzip": []byte("nope")}, false},
		{"none", nil, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			web := fstest.MapFS{"app.wasm": {Data: raw}}
			for _, c := range codings {
				if b, ok := tt.files[c.name]; ok {
					web["app.wasm"+c.ext] = &fstest.MapFile{Data: b}
				}
			}
			s := site(t, web)
			for _, c := range codings {
				if s.fromDisk[c.name] != tt.fromDisk {
					t.Errorf("%s: fromDisk = %v, want %v", c.name, s.fromDisk[c.name], tt.fromDisk)
				}
				res, body := get(t, s, "/web/app.wasm", c.name)
				if got := res.Header.Get("Content-Encoding"); got != c.name {
					t.Fatalf("%s: Content-Encoding %q", c.name, got)
				}
				if tt.fromDisk && !bytes.Equal(body, tt.files[c.name]) {
					t.Errorf("%s: not the bytes of app.wasm%s", c.name, c.ext)
				}
				if !c.decodes(body, raw) {
					t.Errorf("%s: the body does not decode to app.wasm", c.name)
				}
				if res, _ := get(t, s, "/web/app.wasm"+c.ext, ""); res.StatusCode != http.StatusNotFound {
					t.Errorf("GET /web/app.wasm%s: status %d, want 404 (served only as app.wasm)", c.ext, res.StatusCode)
				}
			}
		})
	}
}

// BenchmarkNew measures what `magcheck serve` does before it can serve
// compressed app.wasm: reading web/, hashing, compressing. It uses the
// app.wasm that make built, if there is one.
func BenchmarkNew(b *testing.B) {
	raw, err := os.ReadFile("../web/app.wasm")
	if err != nil {
		b.Skip("no web/app.wasm: run make wasm")
	}
	web := fstest.MapFS{"app.wasm": {Data: raw}}
	b.SetBytes(int64(len(raw)))
	for b.Loop() {
		s, err := New(web)
		if err != nil {
			b.Fatal(err)
		}
		<-s.Compressed()
	}
}
