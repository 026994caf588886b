//go:build !wasm

package webdriver

import (
	"bytes"
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"
)

// keysPage records every keydown and the name of a chosen file.
const keysPage = `<!doctype html><title>keys</title><input type=file id=f>
<button id=b style="position:absolute;left:100px;top:200px;width:50px;height:50px">b</button>
<script>
document.getElementById('b').addEventListener('click', e => window.clicked = [e.clientX, e.clientY]);
window.keys = [];
addEventListener('keydown', e => keys.push([e.key, e.code, e.shiftKey]));
document.getElementById('f').addEventListener('change', e => window.file = e.target.files[0].name);
</script>`

// start opens each browser this machine has, failing (under CI) or
// skipping without one.
func start(t *testing.T) []Browser {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	var bs []Browser
	ff, err := StartFirefox(ctx, Find(FirefoxNames...), t.TempDir())
	if err == nil {
		bs = append(bs, ff)
	} else {
		unavailable(t, err)
	}
	wk, err := StartWebKit(ctx, Find(WebKitNames...))
	if err == nil {
		bs = append(bs, wk)
	} else {
		unavailable(t, err)
	}
	t.Cleanup(func() {
		for _, b := range bs {
			b.Close()
		}
	})
	return bs
}

func unavailable(t *testing.T, err error) {
	t.Helper()
	if errors.Is(err, ErrNotFound) && os.Getenv("CI") == "" {
		t.Log(err)
		return
	}
	t.Error(err)
}

// TestDrive loads a page in each engine, types with and without Shift,
// evaluates, gives a file input a file, sizes the viewport and takes a
// screenshot.
func TestDrive(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.Write([]byte(keysPage))
	}))
	defer srv.Close()
	file := filepath.Join(t.TempDir(), "swipe.wav")
	if err := os.WriteFile(file, []byte("RIFF"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, b := range start(t) {
		t.Run(b.Name(), func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
			defer cancel()
			tab, err := b.NewTab(ctx)
			if err != nil {
				t.Fatal(err)
			}
			defer tab.Close()
			preloaded := b.Name() == "firefox"
			if err := tab.Preload(ctx, "window.early = 1"); preloaded && err != nil || !preloaded && err != ErrUnsupported {
				t.Errorf("Preload: %v", err)
			}
			if err := tab.Navigate(ctx, srv.URL); err != nil {
				t.Fatal(err)
			}
			var early int
			if err := tab.Eval(ctx, "window.early ?? 0", &early); err != nil || early == 1 != preloaded {
				t.Errorf("window.early = %d, %v after Preload", early, err)
			}
			kb := Source{Type: "key", ID: "kb"}
			kb.Actions = append(kb.Actions, KeyPress("?", 0)...)
			kb.Actions = append(kb.Actions, Key(KeyShift, "keyDown"))
			kb.Actions = append(kb.Actions, KeyPress("?", 2)...)
			kb.Actions = append(kb.Actions, Key(KeyShift, "keyUp"))
			kb.Actions = append(kb.Actions, KeyPress(KeyEnter, 2)...)
			if err := tab.Perform(ctx, kb); err != nil {
				t.Fatal(err)
			}
			var keys [][3]any
			if err := tab.Eval(ctx, "keys", &keys); err != nil {
				t.Fatal(err)
			}
			want := [][3]any{{"?", "Slash", false}, {"Shift", "ShiftLeft", true}, {"?", "Slash", true}, {"Enter", "Enter", false}}
			if !slices.Equal(keys, want) {
				t.Errorf("keys %v, want %v", keys, want)
			}
			var sum float64
			if err := tab.Eval(ctx, "Promise.resolve(40 + 2)", &sum); err != nil || sum != 42 {
				t.Errorf("a promise gave %v, %v; want 42", sum, err)
			}
			var se *scriptError
			if err := tab.Eval(ctx, "(() => { throw new Error('boom') })()", nil); !errors.As(err, &se) {
				t.Errorf("a throw gave %v, want a script error", err)
			}
			if err := tab.SetFiles(ctx, "#f", file); err != nil {
				t.Fatal(err)
			}
			var name string
			if err := tab.Eval(ctx, "window.file", &name); err != nil || name != "swipe.wav" {
				t.Errorf("file %q, %v; want swipe.wav", name, err)
			}
			if err := tab.SetViewport(ctx, 600, 1024, 2); err != nil {
				t.Fatal(err)
			}
			var size [2]int
			if err := tab.Eval(ctx, "[innerWidth, innerHeight]", &size); err != nil || size != [2]int{600, 1024} {
				t.Errorf("viewport %v, %v; want [600 1024]", size, err)
			}
			for _, pointer := range []string{"mouse", "touch"} {
				if err := tab.Perform(ctx, Tap(pointer, 125, 225)); err != nil {
					t.Fatal(err)
				}
				var at [2]int
				if err := tab.Eval(ctx, "window.clicked", &at); err != nil || at != [2]int{125, 225} {
					t.Errorf("a %s tap clicked at %v, %v; want [125 225]", pointer, at, err)
				}
				tab.Eval(ctx, "window.clicked = null", nil)
			}
			png, err := tab.Screenshot(ctx)
			if err != nil || !bytes.HasPrefix(png, []byte("\x89PNG")) {
				t.Errorf("screenshot: %d bytes, %v", len(png), err)
			}
			t.Logf("%s %s", b.Name(), b.Version())
		})
	}
}
