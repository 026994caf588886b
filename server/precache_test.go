package server

import (
	"io/fs"
	"net/http"
	"os"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
)

// The service worker installs only if every path it precaches is served:
// Precached lists the generated files and all of web/, and nothing the
// site would answer with an error.
func TestPrecached(t *testing.T) {
	web := fstest.MapFS{}
	repo := os.DirFS("../web")
	files, err := fs.Glob(repo, "*")
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range files {
		// Hidden files are served but not cached (see ui.Handler).
		if b, err := fs.ReadFile(repo, name); err == nil && !strings.HasPrefix(name, ".") {
			web[name] = &fstest.MapFile{Data: b}
		}
	}
	delete(web, "app.wasm.br")
	delete(web, "app.wasm.gz")
	web["app.wasm"] = &fstest.MapFile{Data: wasm()}
	web["sub/extra.js"] = &fstest.MapFile{Data: []byte("// an asset added later")}

	s := site(t, web)
	paths, err := s.Precached()
	if err != nil {
		t.Fatal(err)
	}
	if !slices.IsSorted(paths) || len(slices.Compact(slices.Clone(paths))) != len(paths) {
		t.Errorf("Precached() = %q, want sorted paths, each once", paths)
	}
	for _, p := range generated {
		if p != "/app-worker.js" && !slices.Contains(paths, p) {
			t.Errorf("Precached() lacks %s", p)
		}
	}
	for name := range web {
		if !slices.Contains(paths, "/web/"+name) {
			t.Errorf("Precached() lacks /web/%s", name)
		}
	}
	for _, p := range paths {
		if res, _ := get(t, s, p, "gzip, br"); res.StatusCode != http.StatusOK {
			t.Errorf("GET %s: status %d, want 200", p, res.StatusCode)
		}
	}
}
