package server

import (
	"html"
	"maps"
	"regexp"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"magcheck/message"
)

var (
	scriptTag = regexp.MustCompile(`<script[^>]*>`)
	earlyTag  = regexp.MustCompile(`<meta [^>]*name="magcheck-early"[^>]*>`)
	attr      = regexp.MustCompile(`([a-z-]+)(?:="([^"]*)")?`)
)

// attrs are the attributes of an HTML start tag, unescaped.
func attrs(tag string) map[string]string {
	a := map[string]string{}
	_, rest, _ := strings.Cut(strings.TrimSuffix(tag, ">"), " ")
	for _, m := range attr.FindAllStringSubmatch(rest, -1) {
		a[m[1]] = html.UnescapeString(m[2])
	}
	return a
}

// web/early.js holds the keys typed before the page runs, so it must run
// before app.js starts the program: a parser-blocking script in the head
// (app.js is deferred, so it runs after the parse). The words it shows are
// in the head in every language, as the catalogue has them.
func TestHeadEarly(t *testing.T) {
	s := site(t, fstest.MapFS{"app.wasm": {Data: wasm()}})
	_, body := get(t, s, "/", "")
	head, _, ok := strings.Cut(string(body), "</head>")
	if !ok {
		t.Fatalf("the page has no head:\n%s", body)
	}
	// go-app writes a tag's attributes in no fixed order.
	var scripts []string
	for _, tag := range scriptTag.FindAllString(head, -1) {
		a := attrs(tag)
		_, deferred := a["defer"]
		scripts = append(scripts, a["src"]+map[bool]string{true: " defer"}[deferred])
	}
	want := []string{"/wasm_exec.js defer", "/app.js defer", "/web/early.js", "/web/boot.js"}
	if !slices.Equal(scripts, want) {
		t.Errorf("scripts in the head:\n\t%q\nwant\n\t%q", scripts, want)
	}

	var got []map[string]string
	for _, tag := range earlyTag.FindAllString(head, -1) {
		got = append(got, attrs(tag))
	}
	langs := message.Langs()
	if len(got) != len(langs) {
		t.Fatalf("%d early messages in the head, want one for each of %q", len(got), langs)
	}
	for i, l := range langs {
		want := map[string]string{"name": "magcheck-early", "data-lang": string(l),
			"lang": l.Text(message.LangTag), "content": l.Text(message.EarlyHeld)}
		if !maps.Equal(got[i], want) {
			t.Errorf("early message %d: %q, want %q", i, got[i], want)
		}
	}
}
