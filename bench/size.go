//go:build !wasm

package main

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"os"
	"path/filepath"
	"sync"

	"github.com/andybalholm/brotli"

	"magcheck/internal/wasmbuild"
)

// Size is one wasm file, raw and compressed as the static site ships it.
type Size struct {
	Raw    int `json:"raw"`
	Gzip   int `json:"gzip9"`
	Brotli int `json:"brotli11"`
}

// Sizes compares app.wasm with the bare shell.
type Sizes struct {
	App   Size `json:"app"`
	Shell Size `json:"shell"`
	// Ratios are app over shell.
	RatioRaw    float64 `json:"ratio_raw"`
	RatioGzip   float64 `json:"ratio_gzip"`
	RatioBrotli float64 `json:"ratio_brotli"`
	// Packages is app.wasm's code by package, biggest first (see
	// measurePackages): where growth happens.
	Packages []PackageSize `json:"packages,omitempty"`
}

// buildShell builds the shell with the flags of make wasm into the
// directory out and returns its bytes, which the browser step serves.
func buildShell(out string) ([]byte, error) {
	shellPath := filepath.Join(out, "shell.wasm")
	if out, err := wasmbuild.Command(".", shellPath, "./bench/shell", false).CombinedOutput(); err != nil {
		return nil, fmt.Errorf("building the shell: %v\n%s", err, out)
	}
	return os.ReadFile(shellPath)
}

// measureSizes compresses the page's app.wasm, in the directory web, and
// the shell.
func measureSizes(web string, shell []byte, s *Sizes) error {
	app, err := os.ReadFile(filepath.Join(web, "app.wasm"))
	if err != nil {
		return fmt.Errorf("%w (run make build first)", err)
	}
	var wg sync.WaitGroup
	for _, f := range []struct {
		b []byte
		s *Size
	}{{app, &s.App}, {shell, &s.Shell}} {
		f.s.Raw = len(f.b)
		wg.Go(func() { f.s.Brotli = brotliSize(f.b) })
		wg.Go(func() { f.s.Gzip = gzipSize(f.b) })
	}
	wg.Wait()
	s.RatioRaw = float64(s.App.Raw) / float64(s.Shell.Raw)
	s.RatioGzip = float64(s.App.Gzip) / float64(s.Shell.Gzip)
	s.RatioBrotli = float64(s.App.Brotli) / float64(s.Shell.Brotli)
	return nil
}

// brotliSize compresses as server.WriteStatic does: quality 11, a 16 MiB
// window.
func brotliSize(b []byte) int {
	var buf bytes.Buffer
	w := brotli.NewWriterOptions(&buf, brotli.WriterOptions{Quality: 11, LGWin: 24})
	w.Write(b) // a bytes.Buffer takes every write
	w.Close()
	return buf.Len()
}

func gzipSize(b []byte) int {
	var buf bytes.Buffer
	w, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression) // a valid level
	w.Write(b)
	w.Close()
	return buf.Len()
}
