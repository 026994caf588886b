// Package server serves the magcheck page: go-app's prerendered page and
// generated scripts, the files of web/ from memory, app.wasm pre-compressed
// with brotli and gzip, and strict security headers on every response.
//
// A Site reads web/ once, when it is made: the version go-app puts in the
// service worker's cache name is a hash of exactly the bytes it serves.
// Rebuild app.wasm, restart the server, and installed pages update.
package server

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/andybalholm/brotli"
	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"magcheck/app/ui"
	"magcheck/internal/httprec"
)

// Header values sent with every response. The Content-Security-Policy is the
// page's own (ui.ContentSecurityPolicy) plus frame-ancestors, which only a
// header can carry. The Permissions-Policy allows what the page uses, WebHID
// readers, Web Serial reader-writers, the microphone for audio capture and
// the keyboard map to name the host's layout, and turns the other powerful
// features off. It names
// only features Chromium knows (Debian's build knows neither bluetooth nor
// web-share): an unknown one is a security warning in the console.
var securityHeaders = [][2]string{
	{"Content-Security-Policy", ui.ContentSecurityPolicy + "; frame-ancestors 'none'"},
	{"Permissions-Policy", "hid=(self), microphone=(self), keyboard-map=(self), " +
		"accelerometer=(), autoplay=(), camera=(), clipboard-read=(), clipboard-write=(), " +
		"display-capture=(), encrypted-media=(), fullscreen=(), geolocation=(), gyroscope=(), " +
		"idle-detection=(), local-fonts=(), magnetometer=(), midi=(), payment=(), picture-in-picture=(), " +
		"publickey-credentials-get=(), screen-wake-lock=(), serial=(self), usb=(), " +
		"window-management=(), xr-spatial-tracking=()"},
	{"Referrer-Policy", "no-referrer"},
	{"X-Content-Type-Options", "nosniff"},
	{"Cross-Origin-Opener-Policy", "same-origin"},
	{"Cross-Origin-Resource-Policy", "same-origin"},
}

// generated are the paths go-app makes for the page, besides /web/.
var generated = []string{"/", "/app.js", "/app-worker.js", "/manifest.webmanifest", "/app.css", "/wasm_exec.js"}

const wasmName = "app.wasm"

// Compression levels, measured on a 6.9 MB app.wasm on one core: brotli
// quality 5 takes 0.23 s for 1.63 MB, quality 11 14.5 s for 1.40 MB; gzip
// level 6 0.19 s for 1.91 MB, level 9 0.53 s for 0.4% less. Serving
// compresses at startup and uses the fast levels; a static site is built
// once and served for long, so WriteStatic uses the best.
const (
	brotliServe  = 5
	brotliStatic = 11
	brotliWindow = 24 // 16 MiB: app.wasm fits one window
)

// Site is the magcheck page with its files in memory. It is an http.Handler.
type Site struct {
	// Version names the content. go-app sends it as the ETag of every
	// response and names the service worker's cache after it.
	Version string

	files   memFS             // web/ by name: "style.css", "app.wasm"
	encoded map[string][]byte // app.wasm by content coding: "br", "gzip"
	// fromDisk marks the codings read from web/app.wasm.br or .gz rather
	// than compressed here: whoever wrote them chose their level.
	fromDisk   map[string]bool
	compressed chan struct{} // closed once encoded and fromDisk are filled
	app        *app.Handler
}

// New loads the site from web, the directory of the page's static files
// (style.css, the icons, app.wasm). It returns at once, serving app.wasm
// uncompressed until its compressed forms are ready (see Compressed).
func New(web fs.FS) (*Site, error) {
	s := &Site{
		files:      memFS{},
		encoded:    map[string][]byte{},
		fromDisk:   map[string]bool{},
		compressed: make(chan struct{}),
	}
	precompressed := map[string][]byte{}
	err := fs.WalkDir(web, ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(web, name)
		if err != nil {
			return err
		}
		for _, c := range codings {
			if name == wasmName+c.ext {
				precompressed[c.ext] = b
				return nil
			}
		}
		s.files[name] = b
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("magcheck: reading the page's files: %w", err)
	}
	// ui.Handler hashes the copy in memory, not web: the version must name
	// the bytes served even if web/ changes meanwhile.
	s.app, err = ui.Handler(s.files)
	if err != nil {
		return nil, err
	}
	s.app.Resources = resources{s}
	s.Version = s.app.Version
	ui.Register()

	go s.compress(precompressed)
	return s, nil
}

// compress fills s.encoded from precompressed (by extension: the contents
// of web/app.wasm.br and web/app.wasm.gz) when they decompress to exactly
// app.wasm, so a stale copy is never served, and by compressing app.wasm
// otherwise. Files written by make or a person may use a higher level than
// serving can afford.
func (s *Site) compress(precompressed map[string][]byte) {
	raw := s.files[wasmName]
	var wg sync.WaitGroup
	var mu sync.Mutex
	for _, c := range codings {
		wg.Go(func() {
			b, ok := precompressed[c.ext]
			if ok && !c.decodes(b, raw) {
				ok = false
			}
			if !ok {
				b = c.encode(raw, c.serve)
			}
			mu.Lock()
			defer mu.Unlock()
			s.encoded[c.name] = b
			s.fromDisk[c.name] = ok
		})
	}
	wg.Wait()
	close(s.compressed)
}

// Compressed returns a channel that is closed once app.wasm can be served
// compressed. Compressing takes under half a second of CPU, more on a busy
// machine, so New does it in the background and the server answers at once.
func (s *Site) Compressed() <-chan struct{} { return s.compressed }

// Precached returns the paths the service worker fetches and caches when it
// installs, in lexical order. It reads them from the app-worker.js the site
// serves, so they are the ones browsers get.
func (s *Site) Precached() ([]string, error) {
	js, err := httprec.Get(s, "/app-worker.js")
	if err != nil {
		return nil, fmt.Errorf("magcheck: reading the precache list: %w", err)
	}
	// go-app writes the list into its worker template as a JSON array.
	_, list, ok := bytes.Cut(js, []byte("const resourcesToCache = "))
	if !ok {
		return nil, errors.New("magcheck: reading the precache list: app-worker.js has no resourcesToCache")
	}
	var paths []string
	if err := json.NewDecoder(bytes.NewReader(list)).Decode(&paths); err != nil {
		return nil, fmt.Errorf("magcheck: reading the precache list: %w", err)
	}
	slices.Sort(paths)
	return paths, nil
}

// ServeHTTP serves the page, the scripts go-app generates and /web/. Other
// paths get 404, other methods 405.
func (s *Site) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	for _, h := range securityHeaders {
		w.Header().Set(h[0], h[1])
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	// Only what the page uses: go-app would also proxy /robots.txt and the
	// like by fetching them from the Host the request names.
	p := r.URL.Path
	if !strings.HasPrefix(p, "/web/") && !slices.Contains(generated, p) {
		http.NotFound(w, r)
		return
	}
	s.app.ServeHTTP(w, r)
}

// resources serves /web/ for go-app, which sets Cache-Control and the ETag
// and answers If-None-Match first. It resolves paths as app.LocalDir("")
// does, without reading the disk at request time.
type resources struct{ s *Site }

func (resources) Resolve(p string) string {
	if p == "" {
		return "/"
	}
	if strings.HasPrefix(p, "web/") {
		return "/" + p
	}
	return p
}

func (rs resources) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	name := strings.TrimPrefix(r.URL.Path, "/web/")
	b, ok := rs.s.files[name]
	if !ok {
		http.NotFound(w, r)
		return
	}
	if name == wasmName {
		// Every representation varies by Accept-Encoding, the raw one too,
		// so that no cache hands brotli to a client that did not ask.
		w.Header().Set("Vary", "Accept-Encoding")
		w.Header().Set("Content-Type", "application/wasm")
		if c := rs.s.encodingFor(r.Header.Get("Accept-Encoding")); c != "" {
			b = rs.s.encoded[c]
			w.Header().Set("Content-Encoding", c)
			w.Header().Set("ETag", strings.TrimSuffix(w.Header().Get("ETag"), `"`)+"-"+c+`"`)
		}
	}
	http.ServeContent(w, r, name, time.Time{}, bytes.NewReader(b))
}

// encodingFor picks the content coding of app.wasm for an Accept-Encoding
// header: none until the compressed forms are ready.
func (s *Site) encodingFor(accept string) string {
	select {
	case <-s.compressed:
		return negotiate(accept)
	default:
		return ""
	}
}

// coding is a content coding app.wasm is served in.
type coding struct {
	name, ext     string
	serve, static int // levels: when serving, and in a static site
	encode        func(raw []byte, level int) []byte
	decoder       func(io.Reader) (io.Reader, error)
}

var codings = []coding{
	{name: "br", ext: ".br", serve: brotliServe, static: brotliStatic,
		encode: func(raw []byte, q int) []byte {
			var b bytes.Buffer
			w := brotli.NewWriterOptions(&b, brotli.WriterOptions{Quality: q, LGWin: brotliWindow})
			w.Write(raw) // writes to a bytes.Buffer cannot fail
			w.Close()
			return b.Bytes()
		},
		decoder: func(r io.Reader) (io.Reader, error) { return brotli.NewReader(r), nil },
	},
	{name: "gzip", ext: ".gz", serve: gzip.DefaultCompression, static: gzip.BestCompression,
		encode: func(raw []byte, level int) []byte {
			var b bytes.Buffer
			w, _ := gzip.NewWriterLevel(&b, level) // the level is valid
			w.Write(raw)
			w.Close()
			return b.Bytes()
		},
		decoder: func(r io.Reader) (io.Reader, error) { return gzip.NewReader(r) },
	},
}

// decodes reports whether enc decompresses to exactly raw, so that a stale
// app.wasm.br from an older build is never served.
func (c coding) decodes(enc, raw []byte) bool {
	r, err := c.decoder(bytes.NewReader(enc))
	if err != nil {
		return false
	}
	got, err := io.ReadAll(io.LimitReader(r, int64(len(raw))+1))
	return err == nil && bytes.Equal(got, raw)
}

// negotiate picks the content coding for app.wasm from an Accept-Encoding
// header (RFC 9110, 12.5.3): the acceptable coding with the highest weight,
// brotli before gzip on a tie, or "" for none.
func negotiate(accept string) string {
	weights := map[string]float64{}
	for part := range strings.SplitSeq(accept, ",") {
		name, params, _ := strings.Cut(part, ";")
		name = strings.ToLower(strings.TrimSpace(name))
		q := 1.0
		for param := range strings.SplitSeq(params, ";") {
			k, v, _ := strings.Cut(strings.TrimSpace(param), "=")
			if strings.EqualFold(k, "q") {
				f, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
				if err != nil || f < 0 || f > 1 {
					f = 0
				}
				q = f
			}
		}
		if name == "x-gzip" {
			name = "gzip"
		}
		weights[name] = q
	}
	best, bestQ := "", 0.0
	for _, c := range codings {
		q, ok := weights[c.name]
		if !ok {
			q = weights["*"]
		}
		if q > bestQ {
			best, bestQ = c.name, q
		}
	}
	return best
}
