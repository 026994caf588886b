package ui

import (
	"html"
	"maps"
	"regexp"
	"strings"
	"testing"
)

// The catalogue's words reach web/early.js as attributes of one <meta>:
// quotes and markup in them stay text.
func TestEarlyMeta(t *testing.T) {
	attr := regexp.MustCompile(`([a-z-]+)="([^"]*)"`)
	for _, tt := range []struct{ lang, tag, text string }{
		{"en", "en", "magcheck is still starting."},
		{"qps", "qps-ploc", "ɱáĝçĥéçķ íš šţíĺĺ šţáŕţíñĝ."},
		{"x", `x"y`, `"quoted" <b>bold</b> & it's &amp;`},
	} {
		meta := earlyMeta(tt.lang, tt.tag, tt.text)
		got := map[string]string{}
		for _, m := range attr.FindAllStringSubmatch(meta, -1) {
			got[m[1]] = html.UnescapeString(m[2])
		}
		want := map[string]string{"name": "magcheck-early", "data-lang": tt.lang, "lang": tt.tag, "content": tt.text}
		oneTag := strings.HasPrefix(meta, "<meta ") && strings.HasSuffix(meta, ">") &&
			strings.Count(meta, "<") == 1 && strings.Count(meta, ">") == 1
		if !maps.Equal(got, want) || !oneTag {
			t.Errorf("earlyMeta(%q, %q, %q) = %s: attributes %q, want %q in one tag", tt.lang, tt.tag, tt.text, meta, got, want)
		}
	}
}
