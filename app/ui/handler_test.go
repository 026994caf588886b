package ui_test

import (
	"errors"
	"io/fs"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"magcheck/app/ui"
)

func handlerWeb() fstest.MapFS {
	return fstest.MapFS{
		"app.wasm":     {Data: []byte("\x00asm\x01\x00\x00\x00")},
		"app.wasm.br":  {Data: []byte("not used for the version")},
		"style.css":    {Data: []byte("body{}")},
		"icon.svg":     {Data: []byte("<svg/>")},
		"icon-192.png": {Data: []byte("png192")},
		"icon-512.png": {Data: []byte("png512")},
		".hidden":      {Data: []byte("editor backup")},
	}
}

func TestHandlerIsLocal(t *testing.T) {
	h, err := ui.Handler(handlerWeb())
	if err != nil {
		t.Fatal(err)
	}
	// go-app's defaults are remote URLs, which would break offline use and
	// the Content-Security-Policy.
	for name, v := range map[string]string{
		"Icon.Default": h.Icon.Default, "Icon.Large": h.Icon.Large,
		"Icon.Maskable": h.Icon.Maskable, "Icon.SVG": h.Icon.SVG,
	} {
		if !strings.HasPrefix(v, "/web/") {
			t.Errorf("%s = %q, want a file under /web/", name, v)
		}
	}
	want := []string{"/web/icon-192.png", "/web/icon-512.png", "/web/icon.svg", "/web/style.css"}
	if !slices.Equal(h.CacheableResources, want) {
		t.Errorf("CacheableResources = %q, want %q", h.CacheableResources, want)
	}
	if h.WasmContentLength != "8" {
		t.Errorf("WasmContentLength = %q, want the raw size 8", h.WasmContentLength)
	}
	if len(h.RawHeaders) == 0 || !strings.Contains(h.RawHeaders[0], ui.ContentSecurityPolicy) {
		t.Errorf("RawHeaders = %q, want the CSP meta tag first", h.RawHeaders)
	}
	if strings.Contains(ui.ContentSecurityPolicy, "frame-ancestors") {
		t.Error("a <meta> policy may not carry frame-ancestors: Chromium reports it as an error")
	}
}

func TestHandlerVersion(t *testing.T) {
	version := func(web fs.FS) string {
		t.Helper()
		h, err := ui.Handler(web)
		if err != nil {
			t.Fatal(err)
		}
		return h.Version
	}
	base := version(handlerWeb())
	if again := version(handlerWeb()); again != base {
		t.Errorf("Version changed between two builds of the same content: %s, %s", base, again)
	}
	// Neither the compressed copies nor hidden files are content.
	other := handlerWeb()
	other["app.wasm.br"] = &fstest.MapFile{Data: []byte("stale")}
	other[".hidden"] = &fstest.MapFile{Data: []byte("other")}
	if v := version(other); v != base {
		t.Errorf("Version changed with app.wasm.br or a hidden file: %s, want %s", v, base)
	}
	for _, name := range []string{"app.wasm", "style.css", "icon.svg"} {
		changed := handlerWeb()
		changed[name] = &fstest.MapFile{Data: append([]byte("x"), changed[name].Data...)}
		if v := version(changed); v == base {
			t.Errorf("Version did not change with %s", name)
		}
	}
	added := handlerWeb()
	added["worklet.js"] = &fstest.MapFile{Data: []byte("")}
	if v := version(added); v == base {
		t.Error("Version did not change with a new file")
	}
}

func TestHandlerNeedsWasm(t *testing.T) {
	web := handlerWeb()
	delete(web, "app.wasm")
	_, err := ui.Handler(web)
	if !errors.Is(err, fs.ErrNotExist) || !strings.Contains(err.Error(), "make wasm") {
		t.Errorf("Handler without app.wasm: %v, want fs.ErrNotExist saying to build it", err)
	}
}
