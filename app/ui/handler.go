package ui

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"html"
	"io/fs"
	"path"
	"strconv"
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"magcheck/internal/httprec"
	"magcheck/message"
)

// ContentSecurityPolicy is the policy the page runs under. It lets nothing
// leave the origin (connect-src 'self'), allows the Go runtime to compile
// app.wasm ('wasm-unsafe-eval') and no inline script or style: go-app's
// .Style() is refused, so components style themselves with classes from
// web/style.css. blob: covers reports built in memory and recorded audio.
// It is also written into the page as a <meta> tag for static hosts that
// cannot set headers; frame-ancestors, which a <meta> policy may not carry,
// is added by the server.
const ContentSecurityPolicy = "default-src 'self'; " +
	"script-src 'self' 'wasm-unsafe-eval'; " +
	"style-src 'self'; " +
	"img-src 'self' data: blob:; " +
	"connect-src 'self'; " +
	"media-src 'self' blob:; " +
	"worker-src 'self'; " +
	"manifest-src 'self'; " +
	"object-src 'none'; " +
	"base-uri 'none'; " +
	"form-action 'none'"

// wasmFile is where go-app's loader fetches the program from.
const wasmFile = "app.wasm"

// Register routes the page. Both the WebAssembly program and the server call
// it: the server prerenders routed paths and answers 404 for the others. The
// page has one route so that every URL the service worker caches is exact.
func Register() {
	app.Route("/", func() app.Composer { return &Page{} })
}

// Handler returns the go-app handler for the page whose static files are in
// web (style.css, the icons and app.wasm, served under /web/).
//
// Every file in web is precached by the service worker, so the page works
// offline with whatever assets it gains later. Version is a SHA-256 of
// those files, of the scripts go-app generates (wasm_exec.js, app.js, the
// worker, the manifest) and of the page head; the prerendered page comes
// from the code in app.wasm. So the version changes when something a
// browser caches changes, and a server restart alone never makes installed
// pages update.
func Handler(web fs.FS) (*app.Handler, error) {
	files, err := assets(web)
	if err != nil {
		return nil, err
	}
	wasm, err := fs.Stat(web, wasmFile)
	if err != nil {
		return nil, fmt.Errorf("magcheck: %w (build it with make wasm)", err)
	}

	h := config(files, wasm.Size())
	sum := sha256.New()
	for _, name := range files {
		b, err := fs.ReadFile(web, name)
		if err != nil {
			return nil, err
		}
		fmt.Fprintf(sum, "%q %d\n", name, len(b))
		sum.Write(b)
	}
	// The generated scripts depend on this configuration, go-app and Go; a
	// twin with a fixed version produces them without touching h.
	twin := config(files, wasm.Size())
	twin.Version = "content"
	for _, p := range []string{"/wasm_exec.js", "/app.js", "/app-worker.js", "/manifest.webmanifest", "/app.css"} {
		b, err := httprec.Get(twin, p)
		if err != nil {
			return nil, err
		}
		fmt.Fprintf(sum, "%q %d\n", p, len(b))
		sum.Write(b)
	}
	fmt.Fprintf(sum, "%q\n", []string{h.Title, h.Description, h.Lang, strings.Join(h.RawHeaders, "\n")})
	h.Version = hex.EncodeToString(sum.Sum(nil))[:20]
	return h, nil
}

// config is the handler without its version. files are the names in web/
// besides app.wasm, which go-app caches on its own.
func config(files []string, wasmSize int64) *app.Handler {
	var cacheable []string
	for _, name := range files {
		if name != wasmFile {
			cacheable = append(cacheable, "/web/"+name)
		}
	}
	return &app.Handler{
		// The manifest and the page head are written once, before the
		// browser's language is known: in the first language.
		Name:        message.English.Text(message.AppTitle),
		ShortName:   message.English.Text(message.AppName),
		Title:       message.English.Text(message.AppName),
		Description: message.English.Text(message.AppDescription),
		Lang:        "en",
		Icon: app.Icon{
			Default:  "/web/icon-192.png",
			Large:    "/web/icon-512.png",
			Maskable: "/web/icon-512.png",
			SVG:      "/web/icon.svg",
		},
		BackgroundColor: "#f8fafc",
		ThemeColor:      "#0f3d5e",
		LoadingLabel:    message.English.Text(message.AppName) + " {progress}%",
		Styles:          []string{"/web/style.css"},
		// early.js holds the keys typed before the WebAssembly runs, so it
		// must run first: neither defer nor async, which would let it run
		// late. boot.js reports a page that cannot start at all. See the
		// files.
		Scripts: []string{"/web/early.js", "/web/boot.js"},
		// The SVG icon is not precached by go-app, hence the whole of web/.
		CacheableResources: cacheable,
		RawHeaders: append([]string{
			`<meta http-equiv="Content-Security-Policy" content="` + ContentSecurityPolicy + `">`,
			`<meta name="referrer" content="no-referrer">`,
		}, earlyWords()...),
		// The loader shows progress against the raw size: with a compressed
		// transfer, Content-Length would be the compressed size.
		WasmContentLength: strconv.FormatInt(wasmSize, 10),
	}
}

// earlyWords are what web/early.js says when a key comes before the page
// runs, one <meta> per language, first language first: the script cannot
// ask the catalogue, and the server does not know the reader's language.
func earlyWords() []string {
	var tags []string
	for _, l := range message.Langs() {
		tags = append(tags, earlyMeta(string(l), l.Text(message.LangTag), l.Text(message.EarlyHeld)))
	}
	return tags
}

// earlyMeta is the <meta> for one language: data-lang is the language as
// message.Match names it, lang its tag for the text.
func earlyMeta(lang, tag, text string) string {
	return `<meta name="magcheck-early" data-lang="` + html.EscapeString(lang) + `" lang="` +
		html.EscapeString(tag) + `" content="` + html.EscapeString(text) + `">`
}

// assets lists the files of web to serve and cache, in lexical order:
// everything but hidden files and the compressed copies of app.wasm.
func assets(web fs.FS) ([]string, error) {
	var files []string
	err := fs.WalkDir(web, ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		base := path.Base(name)
		switch {
		case name == ".":
			return nil
		case strings.HasPrefix(base, "."):
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		case d.IsDir():
			return nil
		case name == wasmFile+".br" || name == wasmFile+".gz":
			return nil
		}
		files = append(files, name)
		return nil
	})
	return files, err
}
