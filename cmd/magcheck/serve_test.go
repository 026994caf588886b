package main

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"testing/fstest"

	"github.com/andybalholm/brotli"

	"magcheck/server"
)

const (
	wantCSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; " +
		"img-src 'self' data: blob:; connect-src 'self'; media-src 'self' blob:; worker-src 'self'; " +
		"manifest-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
	wantPermissions = "hid=(self), microphone=(self), keyboard-map=(self), " +
		"accelerometer=(), autoplay=(), camera=(), clipboard-read=(), clipboard-write=(), " +
		"display-capture=(), encrypted-media=(), fullscreen=(), geolocation=(), gyroscope=(), " +
		"idle-detection=(), local-fonts=(), magnetometer=(), midi=(), payment=(), picture-in-picture=(), " +
		"publickey-credentials-get=(), screen-wake-lock=(), serial=(self), usb=(), " +
		"window-management=(), xr-spatial-tracking=()"
)

// fakeWasm stands in for app.wasm: compressible, and not all alike.
func fakeWasm() []byte {
	var b bytes.Buffer
	for i := range 50000 {
		b.WriteString("\x00asm")
		b.WriteByte(byte(i * 13))
	}
	return b.Bytes()
}

func testWeb() fstest.MapFS {
	return fstest.MapFS{
		"app.wasm":     {Data: fakeWasm()},
		"style.css":    {Data: []byte("body{margin:0}")},
		"icon.svg":     {Data: []byte("<svg xmlns='http://www.w3.org/2000/svg'/>")},
		"icon-192.png": {Data: []byte("\x89PNG 192")},
		"icon-512.png": {Data: []byte("\x89PNG 512")},
	}
}

// testServer serves testWeb once app.wasm is compressed. Its client sends
// Accept-Encoding as the test sets it and decodes nothing.
func testServer(t *testing.T) (*httptest.Server, *server.Site) {
	t.Helper()
	site, err := server.New(testWeb())
	if err != nil {
		t.Fatal(err)
	}
	<-site.Compressed()
	ts := httptest.NewServer(site)
	t.Cleanup(ts.Close)
	ts.Client().Transport.(*http.Transport).DisableCompression = true
	return ts, site
}

// fetch GETs path with the given Accept-Encoding and returns the response
// with its body read and closed (an open body makes ts.Close hang).
func fetch(t *testing.T, ts *httptest.Server, method, path, acceptEncoding string) (*http.Response, []byte) {
	t.Helper()
	req, err := http.NewRequest(method, ts.URL+path, nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Accept-Encoding", acceptEncoding)
	res, err := ts.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return res, body
}

func TestServeHeaders(t *testing.T) {
	ts, _ := testServer(t)
	for _, tt := range []struct {
		method, path string
		status       int
	}{
		{"GET", "/", 200},
		{"HEAD", "/", 200},
		{"GET", "/app.js", 200},
		{"GET", "/app-worker.js", 200},
		{"GET", "/manifest.webmanifest", 200},
		{"GET", "/wasm_exec.js", 200},
		{"GET", "/app.css", 200},
		{"GET", "/web/style.css", 200},
		{"GET", "/web/app.wasm", 200},
		{"GET", "/nope", 404},
		{"POST", "/", 405},
	} {
		res, _ := fetch(t, ts, tt.method, tt.path, "br")
		if res.StatusCode != tt.status {
			t.Errorf("%s %s: status %d, want %d", tt.method, tt.path, res.StatusCode, tt.status)
		}
		for name, want := range map[string]string{
			"Content-Security-Policy":      wantCSP,
			"Permissions-Policy":           wantPermissions,
			"Referrer-Policy":              "no-referrer",
			"X-Content-Type-Options":       "nosniff",
			"Cross-Origin-Opener-Policy":   "same-origin",
			"Cross-Origin-Resource-Policy": "same-origin",
		} {
			if got := res.Header.Get(name); got != want {
				t.Errorf("%s %s: %s = %q, want %q", tt.method, tt.path, name, got, want)
			}
		}
	}
}

func TestServeContentTypes(t *testing.T) {
	ts, _ := testServer(t)
	for path, want := range map[string]string{
		"/":                     "text/html",
		"/app.js":               "application/javascript",
		"/wasm_exec.js":         "application/javascript",
		"/manifest.webmanifest": "application/manifest+json",
		"/web/style.css":        "text/css; charset=utf-8",
		"/web/icon.svg":         "image/svg+xml",
		"/web/app.wasm":         "application/wasm", // instantiateStreaming insists
	} {
		res, _ := fetch(t, ts, "GET", path, "")
		if got := res.Header.Get("Content-Type"); got != want {
			t.Errorf("GET %s: Content-Type %q, want %q", path, got, want)
		}
	}
}

func TestServeWasmEncoding(t *testing.T) {
	ts, _ := testServer(t)
	raw := fakeWasm()
	decode := map[string]func([]byte) ([]byte, error){
		"": func(b []byte) ([]byte, error) { return b, nil },
		"br": func(b []byte) ([]byte, error) {
			return io.ReadAll(brotli.NewReader(bytes.NewReader(b)))
		},
		"gzip": func(b []byte) ([]byte, error) {
			r, err := gzip.NewReader(bytes.NewReader(b))
			if err != nil {
				return nil, err
			}
			return io.ReadAll(r)
		},
	}
	for _, tt := range []struct{ accept, want string }{
		{"gzip, deflate, br, zstd", "br"},
		{"gzip, deflate", "gzip"},
		{"br;q=0, gzip", "gzip"},
		{"", ""},
		{"identity", ""},
		{"deflate", ""},
	} {
		for _, path := range []string{"/web/app.wasm"} {
			res, body := fetch(t, ts, "GET", path, tt.accept)
			if got := res.Header.Get("Content-Encoding"); got != tt.want {
				t.Errorf("Accept-Encoding %q: Content-Encoding %q, want %q", tt.accept, got, tt.want)
				continue
			}
			if got := res.Header.Get("Vary"); got != "Accept-Encoding" {
				t.Errorf("Accept-Encoding %q: Vary %q", tt.accept, got)
			}
			got, err := decode[tt.want](body)
			if err != nil || !bytes.Equal(got, raw) {
				t.Errorf("Accept-Encoding %q: body does not decode to app.wasm (%v)", tt.accept, err)
			}
			if tt.want != "" && len(body) >= len(raw) {
				t.Errorf("Accept-Encoding %q: %d bytes, no smaller than %d", tt.accept, len(body), len(raw))
			}
		}
	}
}

// Each representation has its own ETag, so a cache never answers a
// conditional request for one with another; the same one gets 304.
func TestServeWasmETag(t *testing.T) {
	ts, site := testServer(t)
	tags := map[string]string{}
	for _, enc := range []string{"br", "gzip", ""} {
		res, _ := fetch(t, ts, "GET", "/web/app.wasm", enc)
		tag := res.Header.Get("ETag")
		if !strings.Contains(tag, site.Version) {
			t.Errorf("%q: ETag %s does not name version %s", enc, tag, site.Version)
		}
		for other, t2 := range tags {
			if t2 == tag {
				t.Errorf("%q and %q share the ETag %s", enc, other, tag)
			}
		}
		tags[enc] = tag

		req, _ := http.NewRequest("GET", ts.URL+"/web/app.wasm", nil)
		req.Header.Set("Accept-Encoding", enc)
		req.Header.Set("If-None-Match", tag)
		res, err := ts.Client().Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != http.StatusNotModified {
			t.Errorf("%q with If-None-Match %s: status %d, want 304", enc, tag, res.StatusCode)
		}
	}
}

func TestServeNotFound(t *testing.T) {
	ts, _ := testServer(t)
	// One route: everything else, go-app's aliases and proxied files included, is 404.
	for _, path := range []string{
		"/index.html", "/foo", "/foo/", "/app.wasm", "/goapp.wasm", "/goapp.js", "/manifest.json",
		"/robots.txt", "/sitemap.xml", "/ads.txt", "/web/", "/web/nope.css", "/web/../go.mod",
		"/web/app.wasm.br", "/web/app.wasm.gz",
	} {
		res, _ := fetch(t, ts, "GET", path, "")
		if res.StatusCode != http.StatusNotFound {
			t.Errorf("GET %s: status %d, want 404", path, res.StatusCode)
		}
	}
}

func TestServeVersionStable(t *testing.T) {
	a, err := server.New(testWeb())
	if err != nil {
		t.Fatal(err)
	}
	b, err := server.New(testWeb())
	if err != nil {
		t.Fatal(err)
	}
	if a.Version == "" || a.Version != b.Version {
		t.Errorf("two sites from the same files: versions %q and %q", a.Version, b.Version)
	}
	changed := testWeb()
	changed["style.css"] = &fstest.MapFile{Data: []byte("body{margin:1px}")}
	c, err := server.New(changed)
	if err != nil {
		t.Fatal(err)
	}
	if c.Version == a.Version {
		t.Error("the version did not change with style.css")
	}
	// The worker's cache is named after the version, so a new version is
	// what makes installed pages update.
	ts := httptest.NewServer(a)
	defer ts.Close()
	res, body := fetch(t, ts, "GET", "/app-worker.js", "")
	if !bytes.Contains(body, []byte(`"app-" + "`+a.Version+`"`)) {
		t.Errorf("app-worker.js does not name cache app-%s", a.Version)
	}
	if got := res.Header.Get("ETag"); got != `"`+a.Version+`"` {
		t.Errorf("ETag %s, want the version", got)
	}
}

func TestServePage(t *testing.T) {
	ts, _ := testServer(t)
	_, body := fetch(t, ts, "GET", "/", "")
	for _, want := range []string{
		`href="/manifest.webmanifest"`, // go-app orders attributes at random
		`href="/web/style.css"`,
		`<meta http-equiv="Content-Security-Policy"`,
		`data-ready=`,
	} {
		if !bytes.Contains(body, []byte(want)) {
			t.Errorf("the page lacks %s", want)
		}
	}
	// Nothing may come from elsewhere: go-app's default icons would.
	if bytes.Contains(body, []byte("githubusercontent")) || bytes.Contains(body, []byte(`src="http`)) {
		t.Error("the page refers to another origin")
	}
	_, worker := fetch(t, ts, "GET", "/app-worker.js", "")
	for _, want := range []string{"/web/app.wasm", "/web/icon.svg", "/web/icon-192.png", "/web/icon-512.png", "/web/style.css", "/app.js", "/"} {
		if !bytes.Contains(worker, []byte(`"`+want+`"`)) {
			t.Errorf("the service worker does not cache %s", want)
		}
	}
}

func TestPageURL(t *testing.T) {
	bound := &net.TCPAddr{IP: net.IPv4(127, 0, 0, 1), Port: 8000}
	for _, tt := range []struct{ addr, want string }{
		{"localhost:8000", "http://localhost:8000/"},
		{"127.0.0.1:8000", "http://127.0.0.1:8000/"},
		{":8000", "http://localhost:8000/"},
		{"0.0.0.0:8000", "http://localhost:8000/"},
		{"[::]:8000", "http://localhost:8000/"},
		{"localhost:0", "http://localhost:8000/"},
	} {
		if got := pageURL(tt.addr, bound); got != tt.want {
			t.Errorf("pageURL(%q) = %q, want %q", tt.addr, got, tt.want)
		}
	}
}

func TestRunServeUsage(t *testing.T) {
	for _, args := range [][]string{{"-nope"}, {"extra"}, {"-addr"}} {
		var stdout, stderr bytes.Buffer
		if code := runServe(args, &stdout, &stderr); code != 2 {
			t.Errorf("serve %q: exit %d, want 2", args, code)
		}
		if stderr.Len() == 0 {
			t.Errorf("serve %q: no usage message", args)
		}
	}
}

// writeWeb makes dir/web with the test files, as make build would.
func writeWeb(t *testing.T, dir string) {
	t.Helper()
	for name, f := range testWeb() {
		path := filepath.Join(dir, "web", name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func TestRunServeWithoutWeb(t *testing.T) {
	t.Chdir(t.TempDir())
	var stdout, stderr bytes.Buffer
	if code := runServe([]string{"-addr", "127.0.0.1:0"}, &stdout, &stderr); code != 1 {
		t.Errorf("exit %d, want 1", code)
	}
	if !strings.Contains(stderr.String(), "make build") {
		t.Errorf("stderr %q does not say to build the page", stderr.String())
	}
}

// runServe serves web/ from the working directory, prints the URL and
// stops cleanly on an interrupt.
func TestRunServe(t *testing.T) {
	dir := t.TempDir()
	writeWeb(t, dir)
	t.Chdir(dir)

	out, w := io.Pipe()
	done := make(chan int)
	var stderr bytes.Buffer
	go func() {
		done <- runServe([]string{"-addr", "127.0.0.1:0"}, w, &stderr)
		w.Close()
	}()
	line, err := bufio.NewReader(out).ReadString('\n')
	if err != nil {
		t.Fatalf("reading the URL: %v (stderr %q)", err, stderr.String())
	}
	go io.Copy(io.Discard, out)
	fields := strings.Fields(line)
	if len(fields) < 3 || !strings.HasPrefix(fields[2], "http://127.0.0.1:") {
		t.Fatalf("printed %q, want the URL", line)
	}
	url := fields[2]
	res, err := http.Get(url + "web/style.css")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if string(body) != "body{margin:0}" || res.Header.Get("Content-Security-Policy") != wantCSP {
		t.Errorf("GET web/style.css: %q, CSP %q", body, res.Header.Get("Content-Security-Policy"))
	}
	if err := syscall.Kill(os.Getpid(), syscall.SIGINT); err != nil {
		t.Fatal(err)
	}
	if code := <-done; code != 0 {
		t.Errorf("exit %d after an interrupt, want 0 (stderr %q)", code, stderr.String())
	}
}
