package ui

import "testing"

// The label tables are slices (see words): the compiler no longer refuses
// a key given twice, so this test does.
func TestWordsUnique(t *testing.T) {
	tables := map[string][]string{}
	add := func(name string, w words[string]) {
		for _, e := range w {
			tables[name] = append(tables[name], e.k)
		}
	}
	for lang, l := range map[string]*labels{"en": &labelsEN, "zh": &labelsZH} {
		add(lang+" Status", l.Status)
		add(lang+" Severity", l.Severity)
		add(lang+" FieldNames", l.FieldNames)
		add(lang+" Kinds", l.Kinds)
		add(lang+" Brands", l.Brands)
	}
	for lang, l := range map[string]*hidLabels{"en": &hidLabelsEN, "zh": &hidLabelsZH} {
		add(lang+" HID modes", l.modes)
		for _, e := range l.errors {
			tables[lang+" HID errors"] = append(tables[lang+" HID errors"], string(e.k))
		}
	}
	for lang, l := range map[string]*audioLabels{"en": &audioLabelsEN, "zh": &audioLabelsZH} {
		add(lang+" audio errors", l.errors)
		add(lang+" audio notes", l.notes)
	}
	for name, keys := range tables {
		seen := map[string]bool{}
		for _, k := range keys {
			if seen[k] {
				t.Errorf("%s: %q twice", name, k)
			}
			seen[k] = true
		}
	}
	// Both languages name the same keys (brands apart: Chinese names only
	// the brands it writes differently).
	for _, name := range []string{"Status", "Severity", "FieldNames", "Kinds", "HID modes", "HID errors", "audio errors", "audio notes"} {
		if len(tables["en "+name]) != len(tables["zh "+name]) {
			t.Errorf("%s: %d keys in English, %d in Chinese", name, len(tables["en "+name]), len(tables["zh "+name]))
		}
	}
	if got := labelsZH.brand("visa"); got != "Visa" {
		t.Errorf("Chinese name of visa: %q", got)
	}
	if got := labelsZH.brand("unionpay"); got != "银联" {
		t.Errorf("Chinese name of unionpay: %q", got)
	}
	if got := labelsEN.brand("newbrand"); got != "newbrand" {
		t.Errorf("unknown brand: %q", got)
	}
}
