package ui_test

import (
	"bytes"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"magcheck/app/ui"
)

// go-app serves its own copy of wasm_exec.js, the glue app.wasm is built
// against. It must be the one of the Go that builds app.wasm, or the page
// fails to start in ways no native test sees.
func TestWasmExecMatchesGOROOT(t *testing.T) {
	out, err := exec.Command("go", "env", "GOROOT").Output()
	if err != nil {
		t.Fatalf("go env GOROOT: %v", err)
	}
	want, err := os.ReadFile(filepath.Join(strings.TrimSpace(string(out)), "lib", "wasm", "wasm_exec.js"))
	if err != nil {
		t.Fatal(err)
	}
	h, err := ui.Handler(fstest.MapFS{"app.wasm": {Data: []byte("\x00asm")}})
	if err != nil {
		t.Fatal(err)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", "/wasm_exec.js", nil))
	if rec.Code != 200 {
		t.Fatalf("GET /wasm_exec.js: status %d", rec.Code)
	}
	if got := rec.Body.Bytes(); !bytes.Equal(got, want) {
		t.Errorf("go-app's /wasm_exec.js (%d bytes) differs from $GOROOT/lib/wasm/wasm_exec.js (%d bytes): "+
			"go-app or Go was upgraded without the other", len(got), len(want))
	}
}
