package main

import (
	"bytes"
	"compress/gzip"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/andybalholm/brotli"
)

func TestRunStatic(t *testing.T) {
	dir := t.TempDir()
	writeWeb(t, dir)
	t.Chdir(dir)
	var stdout, stderr bytes.Buffer
	if code := runStatic([]string{"site"}, &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	read := func(name string) []byte {
		t.Helper()
		b, err := os.ReadFile(filepath.Join(dir, "site", name))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	for _, name := range []string{"index.html", "app.js", "app-worker.js", "manifest.webmanifest", "app.css", "wasm_exec.js",
		"web/style.css", "web/icon.svg", "web/icon-192.png", "web/icon-512.png"} {
		if len(read(name)) == 0 {
			t.Errorf("%s is empty", name)
		}
	}
	raw := fakeWasm()
	if !bytes.Equal(read("web/app.wasm"), raw) {
		t.Error("web/app.wasm differs from the source")
	}
	br, err := io.ReadAll(brotli.NewReader(bytes.NewReader(read("web/app.wasm.br"))))
	if err != nil || !bytes.Equal(br, raw) {
		t.Errorf("web/app.wasm.br does not decode to app.wasm (%v)", err)
	}
	zr, err := gzip.NewReader(bytes.NewReader(read("web/app.wasm.gz")))
	if err != nil {
		t.Fatal(err)
	}
	gz, err := io.ReadAll(zr)
	if err != nil || !bytes.Equal(gz, raw) {
		t.Errorf("web/app.wasm.gz does not decode to app.wasm (%v)", err)
	}
	if h := string(read("_headers")); !strings.Contains(h, "  Content-Security-Policy: "+wantCSP+"\n") ||
		!strings.Contains(h, "  Permissions-Policy: "+wantPermissions+"\n") {
		t.Errorf("_headers lacks the policies:\n%s", h)
	}
	// The files are the ones serve sends: the same version throughout.
	ts, site := testServer(t)
	_, worker := fetch(t, ts, "GET", "/app-worker.js", "")
	if !bytes.Equal(read("app-worker.js"), worker) {
		t.Error("app-worker.js differs from what serve sends")
	}
	if !strings.Contains(stdout.String(), site.Version) {
		t.Errorf("stdout %q does not name version %s", stdout.String(), site.Version)
	}
}

func TestRunStaticUsage(t *testing.T) {
	for _, args := range [][]string{nil, {"a", "b"}, {""}, {"-h"}} {
		var stdout, stderr bytes.Buffer
		if code := runStatic(args, &stdout, &stderr); code != 2 || !strings.Contains(stderr.String(), "usage") {
			t.Errorf("static %q: exit %d, stderr %q; want 2 and usage", args, code, stderr.String())
		}
	}
	dir := t.TempDir()
	t.Chdir(dir)
	var stdout, stderr bytes.Buffer
	if code := runStatic([]string{"site"}, &stdout, &stderr); code != 1 || !strings.Contains(stderr.String(), "make build") {
		t.Errorf("static without web/: exit %d, stderr %q; want 1 saying to build", code, stderr.String())
	}
	writeWeb(t, dir)
	if err := os.Remove(filepath.Join(dir, "web", "app.wasm")); err != nil {
		t.Fatal(err)
	}
	stderr.Reset()
	if code := runStatic([]string{"site"}, &stdout, &stderr); code != 1 || !strings.Contains(stderr.String(), "make wasm") {
		t.Errorf("static without app.wasm: exit %d, stderr %q; want 1 saying to build app.wasm", code, stderr.String())
	}
}
