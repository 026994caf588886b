package main

import (
	"encoding/hex"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"magcheck/decoder/iso7811"
	"magcheck/internal/hidtest"
	"magcheck/internal/msrtest"
	"magcheck/internal/testvectors"
	"magcheck/message/messagetest"
)

// readerCaptures are captures whose reader says things beside its tracks:
// HID reports of each layout, the keyboard records of encrypting readers,
// and what MSR605-family reader-writers send.
// english says the English reader evidence holds words the finder reads
// as English (the reader-writers' status byte is too short to).
func readerCaptures(t *testing.T) []readerCapture {
	v1, err := os.ReadFile(filepath.Join("testdata", "v1-dynamag-856.hex"))
	if err != nil {
		t.Fatal(err)
	}
	level3 := hidtest.V5Report{Size: 887 + 13, Tracks: [3]string{hidtest.Cipher(64), hidtest.Cipher(31), ""},
		Masked: [3]string{"%B5452********7189^HOGAN/PAUL      ^0804000000000000000000000?", ";5452********7189=0804?", ""},
		Status: [3]byte{0, 0, 0x80}, CardStatus: 1, EncStatus: 0x01FF, MagnePrint: 1<<17 | 1<<19,
		KSN: "FFFF9876543210E00008", Serial: "B0F1234", Version: "V05"}
	queries := append(msrtest.FirmwareAnswer("REV?2.31"), msrtest.ModelAnswer("3")...)
	iso := msrtest.ISOAnswer('1', msrtest.Track{Mark: '*'}, msrtest.ISO(msrtest.Track2), msrtest.Track{Mark: '+'})
	raw := msrtest.RawAnswer('0', msrtest.Track{}, msrtest.RawTrack(t, msrtest.Track2, iso7811.Numeric, 30, 30, func(b []byte) { b[30+5*5+2] ^= 1 }), msrtest.Track{})
	out := []readerCapture{
		{"HID V1", string(v1), []string{"--input", "hid"}, true},
		{"HID V5, every fact", hex.EncodeToString(level3.Bytes()), []string{"--input", "hid", "--report-id", "1"}, true},
		{"HID ID TECH V4", hex.EncodeToString(hidtest.V4Frame(t)), []string{"--input", "hid", "--vid", "0x0ACD", "--pid", "0x2010"}, true},
		{"HID ID TECH structure", hex.EncodeToString(hidtest.StructureReport(0, [3]byte{}, [3]byte{0, 99, 0}, hidtest.V1Track2+"\r")),
			[]string{"--input", "hid", "--vid", "0x0ACD", "--pid", "0x2010"}, true},
		{"serial ISO", string(append(queries, iso...)), []string{"--input", "serial"}, false},
		{"serial raw", hex.EncodeToString(raw), []string{"--input", "serial"}, false},
		{"serial refused", "1b 34", []string{"--input", "serial"}, false},
		{"MSR605X", hexReports(msrtest.Packets(append(queries, iso...), 0x41)), []string{"--input", "hid", "--device", "msr605x"}, false},
	}
	for _, v := range testvectors.Records() {
		out = append(out, readerCapture{"record " + v.ID, v.Input, nil, false})
	}
	return out
}

type readerCapture struct {
	name    string
	stdin   string
	args    []string
	english bool
}

// stringsOf collects the string values of a JSON document, keys left out:
// what a program that reads the report shows a person.
func stringsOf(v any, out *[]string) {
	switch v := v.(type) {
	case string:
		*out = append(*out, v)
	case []any:
		for _, x := range v {
			stringsOf(x, out)
		}
	case map[string]any:
		for _, x := range v {
			stringsOf(x, out)
		}
	}
}

// TestDecodeChineseJSON decodes every kind of capture whose reader speaks
// beside its tracks with --lang zh --json: no value of the JSON holds an
// English sentence, the reader's evidence included. The HID reports'
// evidence in English is read as English by the same finder.
func TestDecodeChineseJSON(t *testing.T) {
	records := 0
	for _, c := range readerCaptures(t) {
		var english []string
		for _, lang := range []string{"zh", "en"} {
			code, out, errs := decodeCmd(t, c.stdin, append(c.args, "--json", "--lang", lang, "--now", "2026-01-01")...)
			if code != 0 {
				t.Fatalf("%s, %s: exit %d: %s", c.name, lang, code, errs)
			}
			var doc map[string]any
			if err := json.Unmarshal([]byte(out), &doc); err != nil {
				t.Fatalf("%s, %s: %v", c.name, lang, err)
			}
			reader, _ := doc["reader"].(map[string]any)
			evidence, _ := reader["evidence"].([]any)
			switch {
			case len(evidence) > 0 && c.args == nil && lang == "zh":
				records++
			case len(evidence) == 0 && c.args != nil:
				t.Errorf("%s, %s: no reader evidence in\n%s", c.name, lang, out)
			}
			var values []string
			stringsOf(doc, &values)
			found := messagetest.EnglishSentences(strings.Join(values, "\n"))
			if lang == "zh" && len(found) > 0 {
				t.Errorf("%s: English in the Chinese JSON: %q", c.name, found)
			}
			if lang == "en" {
				var ev []string
				stringsOf(evidence, &ev)
				english = messagetest.EnglishSentences(strings.Join(ev, "\n"))
			}
		}
		if c.english && len(english) == 0 {
			t.Errorf("%s: the finder reads no English in the English reader evidence", c.name)
		}
	}
	if records < 4 {
		t.Errorf("%d keyboard records with reader evidence, want the vectors' intact ones", records)
	}
}
