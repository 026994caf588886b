package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"magcheck/internal/testvectors"
)

// TestDecodeRecords decodes the keyboard records of encrypting readers from
// a file and from standard input, as JSON: the masked tracks, the card, the
// reader facts and the findings, and nothing of the encrypted fields.
func TestDecodeRecords(t *testing.T) {
	tests := []struct {
		id, format, keyState, ksn, serial, last4 string
		tracks                                   []string
		codes                                    []string
	}{
		{"magtek-v5-ex12-kb-level3", "magtek-magnesafe-keyboard", "test", "FFFF9876543210E00008", "", "7189",
			[]string{"ok", "ok", "ok"}, []string{"test_key", "expired", "encrypted_data", "issuer_check_required", "masked_data"}},
		{"idtech-kb-secured-sample", "idtech-keyboard-enhanced", "production", "629949960E0000A00072", "T134000064", "9990",
			[]string{"ok", "ok", "absent"}, []string{"encrypted_data", "issuer_check_required", "masked_data"}},
		{"magtek-kb-keys-exhausted", "magtek-magnesafe-keyboard", "exhausted", "990001012300401FF800", "B0F1234", "",
			[]string{"absent", "absent", "absent"}, []string{"keys_exhausted"}},
		{"idtech-kb-lost-keystroke", "idtech-keyboard-enhanced", "", "", "", "9990",
			[]string{"ok", "ok", "absent"}, []string{"record_checksum_failed", "encrypted_data", "issuer_check_required", "masked_data"}},
	}
	dir := t.TempDir()
	for _, tt := range tests {
		t.Run(tt.id, func(t *testing.T) {
			var input string
			for _, v := range testvectors.Records() {
				if v.ID == tt.id {
					input = v.Input
				}
			}
			p := filepath.Join(dir, tt.id+".txt")
			if err := os.WriteFile(p, []byte(input), 0o600); err != nil {
				t.Fatal(err)
			}
			code, fromFile, errs := decodeCmd(t, "", "--json", "--now", "2026-11-25", p)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, errs)
			}
			if _, fromStdin, _ := decodeCmd(t, input, "--json", "--now", "2026-11-25"); fromStdin != fromFile {
				t.Error("standard input and file decode differently")
			}
			var v struct {
				Tracks []struct {
					Status string `json:"status"`
				} `json:"tracks"`
				Card *struct {
					PANLast4 string `json:"pan_last4"`
					LuhnText string `json:"luhn_text"`
				} `json:"card"`
				Reader struct {
					Format   string `json:"format"`
					KeyState string `json:"key_state"`
					KSN      string `json:"ksn"`
					Serial   string `json:"serial"`
				} `json:"reader"`
				Findings []struct {
					Code string `json:"code"`
				} `json:"findings"`
			}
			if err := json.Unmarshal([]byte(fromFile), &v); err != nil {
				t.Fatal(err)
			}
			var tracks, codes []string
			for _, tr := range v.Tracks {
				tracks = append(tracks, tr.Status)
			}
			for _, f := range v.Findings {
				codes = append(codes, f.Code)
			}
			r := v.Reader
			if r.Format != tt.format || r.KeyState != tt.keyState || r.KSN != tt.ksn || r.Serial != tt.serial ||
				!slices.Equal(tracks, tt.tracks) || !slices.Equal(codes, tt.codes) {
				t.Errorf("reader %+v, tracks %q, findings %q", r, tracks, codes)
			}
			if tt.last4 != "" && (v.Card == nil || v.Card.PANLast4 != tt.last4 || v.Card.LuhnText != "not checked (masked by the reader)") {
				t.Errorf("card %+v", v.Card)
			}
			// No encrypted field shows: a run of 16 hex digits of the input.
			for _, f := range strings.FieldsFunc(input, func(r rune) bool { return !strings.ContainsRune("0123456789ABCDEF", r) }) {
				if len(f) >= 40 && strings.Contains(fromFile, f[20:36]) {
					t.Errorf("the JSON holds %q of an encrypted field", f[20:36])
				}
			}
		})
	}
}
