package server

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"magcheck/internal/httprec"
)

// WriteStatic writes the site into dir as files for any static HTTPS host:
// the prerendered page as index.html, the scripts go-app generates, web/
// with app.wasm and its .br and .gz copies for hosts that serve
// pre-compressed files, and _headers, the security headers in the format
// Netlify and Cloudflare Pages read (other hosts need them set by hand).
// Files of the same names in dir are replaced.
func (s *Site) WriteStatic(dir string) error {
	<-s.compressed
	files := map[string][]byte{"_headers": headersFile()}
	for _, p := range generated {
		b, err := httprec.Get(s, p)
		if err != nil {
			return fmt.Errorf("magcheck: generating the static site: %w", err)
		}
		name := strings.TrimPrefix(p, "/")
		if name == "" {
			name = "index.html"
		}
		files[name] = b
	}
	for name, b := range s.files {
		files["web/"+name] = b
	}
	raw := s.files[wasmName]
	for _, c := range codings {
		b := s.encoded[c.name]
		if c.static != c.serve && !s.fromDisk[c.name] {
			b = c.encode(raw, c.static)
		}
		files["web/"+wasmName+c.ext] = b
	}
	for name, b := range files {
		path := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(path, b, 0o644); err != nil {
			return err
		}
	}
	return nil
}

// headersFile lists the security headers for every path, and the type of
// app.wasm, which WebAssembly.instantiateStreaming insists on.
func headersFile() []byte {
	var b strings.Builder
	b.WriteString("# Response headers for static hosts that read this file (Netlify, Cloudflare Pages).\n/*\n")
	for _, h := range securityHeaders {
		fmt.Fprintf(&b, "  %s: %s\n", h[0], h[1])
	}
	b.WriteString("/web/app.wasm\n  Content-Type: application/wasm\n")
	return []byte(b.String())
}
