package decoder

import (
	"flag"
	"os"
	"sort"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite docs/findings.md from the catalogue")

// findingsDoc renders the catalogue as docs/findings.md.
func findingsDoc() string {
	var b strings.Builder
	b.WriteString("# Finding codes\n\n")
	b.WriteString("Generated from `decoder/catalog.go` by `go test ./decoder -run TestFindingsDoc -update`; do not edit.\n")
	b.WriteString("Each finding has a stable code, a default severity (`fail`, `warn`, `info`), the part it points at,\n")
	b.WriteString("a cause and the technician's next action, in English and Simplified Chinese.\n")
	for _, c := range codeOrder {
		e, _ := find(catalog, c)
		b.WriteString("\n## `" + string(c) + "`: " + e.title.en + " / " + e.title.zh + "\n\n")
		b.WriteString("Severity `" + string(e.severity) + "`, points at `" + string(e.fault) + "`.\n\n")
		b.WriteString("- Cause: " + e.message.en + "\n")
		b.WriteString("- Action: " + e.action.en + "\n")
		b.WriteString("- 原因：" + e.message.zh + "\n")
		b.WriteString("- 处理：" + e.action.zh + "\n")
		for _, k := range variantKeys(c) {
			v, _ := find(variants, Code(k))
			detail := k[len(c)+1:]
			b.WriteString("\nVariant `" + detail + "` (" + v.title.en + " / " + v.title.zh + ", `" + string(v.severity) + "`):\n\n")
			b.WriteString("- Cause: " + v.message.en + "\n")
			b.WriteString("- Action: " + v.action.en + "\n")
			b.WriteString("- 原因：" + v.message.zh + "\n")
			b.WriteString("- 处理：" + v.action.zh + "\n")
		}
	}
	return b.String()
}

func variantKeys(c Code) []string {
	var keys []string
	for _, v := range variants {
		if k := string(v.key); strings.HasPrefix(k, string(c)+"/") {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	return keys
}

func TestFindingsDoc(t *testing.T) {
	const path = "../docs/findings.md"
	want := findingsDoc()
	if *update {
		if err := os.WriteFile(path, []byte(want), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./decoder -run TestFindingsDoc -update)", err)
	}
	if string(got) != want {
		t.Fatal("docs/findings.md is out of date: run go test ./decoder -run TestFindingsDoc -update")
	}
}

// TestCatalogueComplete checks every code has text in both languages and
// that the documentation order lists each code exactly once.
func TestCatalogueComplete(t *testing.T) {
	seen := map[Code]bool{}
	for _, c := range codeOrder {
		if seen[c] {
			t.Errorf("%s listed twice", c)
		}
		seen[c] = true
		e, ok := find(catalog, c)
		if !ok {
			t.Errorf("%s has no catalogue entry", c)
			continue
		}
		for _, s := range []text{e.title, e.message, e.action} {
			if s.en == "" || s.zh == "" {
				t.Errorf("%s: missing text %+v", c, s)
			}
		}
	}
	if len(seen) != len(catalog) {
		t.Errorf("codeOrder has %d codes, catalogue %d", len(seen), len(catalog))
	}
	for _, v := range variants {
		k := string(v.key)
		if seen[v.key] {
			t.Errorf("variant %s listed twice", k)
		}
		seen[v.key] = true
		c := Code(k[:strings.IndexByte(k, '/')])
		if _, ok := find(catalog, c); !ok {
			t.Errorf("variant %s of unknown code", k)
		}
		if v.message.en == "" || v.message.zh == "" || v.action.en == "" || v.action.zh == "" {
			t.Errorf("variant %s: missing text", k)
		}
	}
}
