package server

import (
	"io/fs"
	"testing"
	"testing/fstest"
)

func TestMemFS(t *testing.T) {
	m := memFS{
		"app.wasm":         []byte("\x00asm"),
		"style.css":        []byte("body{}"),
		"fonts/a.woff2":    []byte("a"),
		"fonts/sub/b.ttf":  []byte("bb"),
		"fonts.txt":        []byte("a file beside a folder of nearly its name"),
		".hidden/.nothing": nil,
	}
	if err := fstest.TestFS(m, "app.wasm", "style.css", "fonts/a.woff2", "fonts/sub/b.ttf", "fonts.txt", ".hidden/.nothing"); err != nil {
		t.Fatal(err)
	}
	if err := fstest.TestFS(memFS{}); err != nil {
		t.Errorf("empty: %v", err)
	}
	if _, err := fs.Stat(m, "font"); err == nil {
		t.Error("Stat(font) found a folder that is only a prefix of a name")
	}
}
