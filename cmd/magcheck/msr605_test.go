package main

import (
	"encoding/hex"
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"magcheck/decoder/iso7811"
	"magcheck/internal/msrtest"
)

// msrView is the part of the JSON report a reader-writer's read fills.
type msrView struct {
	Input  string `json:"input"`
	Tracks []struct {
		Status string `json:"status"`
		Text   string `json:"text"`
	} `json:"tracks"`
	Card *struct {
		PAN      string `json:"pan"`
		PANLast4 string `json:"pan_last4"`
		Expiry   string `json:"expiry"`
	} `json:"card"`
	Findings []struct {
		Code     string `json:"code"`
		Track    int    `json:"track"`
		Evidence string `json:"evidence"`
	} `json:"findings"`
	Reader *struct {
		Vendor   string `json:"vendor"`
		Model    string `json:"model"`
		Format   string `json:"format"`
		Firmware string `json:"firmware"`
	} `json:"reader"`
	Fault string `json:"fault"`
}

func (v msrView) statuses() []string {
	var s []string
	for _, t := range v.Tracks {
		s = append(s, t.Status)
	}
	return s
}

func (v msrView) codes() []string {
	var s []string
	for _, f := range v.Findings {
		s = append(s, f.Code)
	}
	return s
}

func hexReports(ps [][]byte) string {
	var lines []string
	for _, p := range ps {
		lines = append(lines, hex.EncodeToString(p))
	}
	return strings.Join(lines, "\n") + "\n"
}

// TestDecodeMSR605 decodes what MSR605-family readers send, built from the
// manual's layouts: an MSR605's serial stream (its answers to the firmware
// and model queries, then a read) raw and in hex, in ISO and raw mode, and
// an MSR605X's reports, one a line, an answer spanning packets.
func TestDecodeMSR605(t *testing.T) {
	iso := msrtest.ISOAnswer('0', msrtest.ISO(msrtest.Track1), msrtest.ISO(msrtest.Track2), msrtest.ISO(msrtest.Track3))
	queries := append(msrtest.FirmwareAnswer("REV?2.31"), msrtest.ModelAnswer("3")...)
	// The sixth character of track 2 has a flipped bit.
	parity := msrtest.RawAnswer('0', msrtest.Track{}, msrtest.RawTrack(t, msrtest.Track2, iso7811.Numeric, 30, 30, func(b []byte) { b[30+5*5+2] ^= 1 }), msrtest.Track{})
	raw := msrtest.RawAnswer('0', msrtest.RawTrack(t, msrtest.Track1, iso7811.Alpha, 30, 30, nil),
		msrtest.RawTrack(t, msrtest.Track2, iso7811.Numeric, 30, 30, nil), msrtest.Track{})
	tests := []struct {
		name     string
		stdin    string
		args     []string
		input    string
		status   []string
		codes    []string
		model    string
		firmware string
		format   string
	}{
		{"serial ISO, raw bytes", string(append(queries, iso...)), []string{"--input", "serial"}, "serial",
			[]string{"ok", "ok", "ok"}, []string{"issuer_check_required"}, "MSR605/MSR206 (MSR206-3)", "REV?2.31", "msr605-iso"},
		{"serial ISO, hex", hex.EncodeToString(iso), []string{"--input", "serial", "--mode", "iso"}, "serial",
			[]string{"ok", "ok", "ok"}, []string{"issuer_check_required"}, "MSR605/MSR206", "", "msr605-iso"},
		{"serial raw, parity error", strings.ToUpper(hex.EncodeToString(parity)), []string{"--input", "serial"}, "serial",
			[]string{"absent", "error", "absent"}, []string{"parity_error"}, "MSR605/MSR206", "", "msr605-raw"},
		{"serial raw, forced", string(raw), []string{"--input", "serial", "--mode", "raw"}, "serial",
			[]string{"ok", "ok", "absent"}, []string{"issuer_check_required"}, "MSR605/MSR206", "", "msr605-raw"},
		{"serial refused", "1b 34", []string{"--input", "serial"}, "serial",
			[]string{"absent", "absent", "absent"}, []string{"command_refused"}, "MSR605/MSR206", "", "msr605-iso"},
		{"MSR605X reports", hexReports(append(msrtest.Packets(queries[:9], 0x41), msrtest.Packets(iso, 0x77)...)) + hexReports(msrtest.Packets(msrtest.ModelAnswer("3"), 0x12)),
			[]string{"--input", "hid", "--device", "msr605x"}, "hid",
			[]string{"ok", "ok", "ok"}, []string{"issuer_check_required"}, "MSR605X (MSR206-3)", "REV?2.31", "msr605-iso"},
		{"MSR605X raw", hexReports(msrtest.Packets(raw, 0x5A)), []string{"--input", "hid", "--device", "msr605x", "--vid", "0x0801", "--pid", "0x0003"}, "hid",
			[]string{"ok", "ok", "absent"}, []string{"issuer_check_required"}, "MSR605X", "", "msr605-raw"},
		{"MSR605X marks", hexReports(msrtest.Packets(msrtest.ISOAnswer('1', msrtest.Track{Mark: '*'}, msrtest.ISO(msrtest.Track2), msrtest.Track{Mark: '+'}), 0)),
			[]string{"--input", "hid", "--device", "msr605x"}, "hid",
			[]string{"error", "ok", "absent"}, []string{"track_read_error", "reader_status"}, "MSR605X", "", "msr605-iso"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errs := decodeCmd(t, tt.stdin, append(tt.args, "--json", "--now", "2026-01-01")...)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, errs)
			}
			var v msrView
			if err := json.Unmarshal([]byte(out), &v); err != nil {
				t.Fatalf("%v\n%s", err, out)
			}
			if v.Input != tt.input || !slices.Equal(v.statuses(), tt.status) {
				t.Errorf("input %s, tracks %v; want %s, %v", v.Input, v.statuses(), tt.input, tt.status)
			}
			for _, c := range tt.codes {
				if !slices.Contains(v.codes(), c) {
					t.Errorf("findings %v lack %s", v.codes(), c)
				}
			}
			if r := v.Reader; r == nil || r.Model != tt.model || r.Firmware != tt.firmware || r.Format != tt.format || r.Vendor != "" {
				t.Errorf("reader %+v", v.Reader)
			}
			if strings.Contains(out, "4111111111111111") || strings.Contains(out, "DOE/JANE") {
				t.Error("card data not masked")
			}
			if v.Card != nil && (v.Card.PAN != "411111******1111" || v.Card.Expiry != "2030-12") {
				t.Errorf("card %+v", v.Card)
			}
		})
	}
	// The text report too, in Chinese.
	code, out, errs := decodeCmd(t, string(iso), "--input", "serial", "--lang", "zh", "--now", "2026-01-01")
	if code != 0 || !strings.Contains(out, "串口读写器") {
		t.Errorf("exit %d: %s\n%s", code, out, errs)
	}
}

// Bad captures: each refused with a clear message in the report's
// language, never a panic; bad flags are usage errors.
func TestDecodeMSR605BadInput(t *testing.T) {
	iso := msrtest.ISOAnswer('0', msrtest.ISO(msrtest.Track1), msrtest.ISO(msrtest.Track2))
	good := hexReports(msrtest.Packets(iso, 0))
	tests := []struct {
		name  string
		stdin string
		args  []string
		code  int
		want  string
	}{
		{"odd hex line", good + "c2" + strings.Repeat("00", 63) + "0\n", []string{"--input", "hid", "--device", "msr605x"}, 1,
			"Line 3: The hex has an odd number of digits."},
		{"not hex", "zz" + strings.Repeat("00", 63) + "\n", []string{"--input", "hid", "--device", "msr605x"}, 1,
			"Line 1: 'z' is not a hex digit."},
		{"short report", strings.Repeat("00", 40) + "\n", []string{"--input", "hid", "--device", "msr605x"}, 1,
			"Line 1: The report is cut short: 40 bytes where 64 were expected."},
		{"packet out of order", hexReports(msrtest.Packets(append(iso, iso...), 0)[1:]), []string{"--input", "hid", "--device", "msr605x"}, 1,
			"Line 1: A packet continues an answer whose first packet never came."},
		{"no reports", "\n\n", []string{"--input", "hid", "--device", "msr605x"}, 1, "The capture holds no report."},
		{"no read", hexReports(msrtest.Packets(msrtest.FirmwareAnswer("REV1"), 0)), []string{"--input", "hid", "--device", "msr605x"}, 1,
			"The capture holds no card read."},
		{"two reads", string(append(iso, iso...)), []string{"--input", "serial"}, 1, "The capture holds 2 card reads: cut it to one."},
		{"cut short", string(iso[:20]), []string{"--input", "serial"}, 1, "The reader's answer is cut short at byte 20."},
		{"junk", "hello there", []string{"--input", "serial"}, 1, "The reader's answer does not start with ESC (1Bh)"},
		{"odd hex stream", "1b7", []string{"--input", "serial"}, 1, "The hex has an odd number of digits."},
		{"empty", "", []string{"--input", "serial"}, 1, "the input is empty"},
		{"too large", strings.Repeat("1b", 40000), []string{"--input", "serial"}, 1, "larger than 64 KiB"},
		{"Chinese", string(iso[:20]), []string{"--input", "serial", "--lang", "zh"}, 1, "读写器的应答在第 20 字节处被截断。"},
		{"raw mode forced on ISO", string(iso), []string{"--input", "serial", "--mode", "raw"}, 1, "The tracks in the reader's answer are out of order at byte"},
		{"bad device", "", []string{"--input", "hid", "--device", "msr206"}, 2, `-device "msr206": want msr605x`},
		{"device without hid", "", []string{"--input", "serial", "--device", "msr605x"}, 2, "-device applies to -input hid"},
		{"bad mode", "", []string{"--input", "serial", "--mode", "bits"}, 2, `-mode "bits": want auto, iso or raw`},
		{"MSR605X without -device", strings.Repeat("00", 64), []string{"--input", "hid", "--vid", "0801", "--pid", "0003"}, 1,
			"an MSR605X has these IDs too: add -device msr605x"},
	}
	for _, tt := range tests {
		code, _, errs := decodeCmd(t, tt.stdin, tt.args...)
		if code != tt.code || !strings.Contains(errs, tt.want) {
			t.Errorf("%s: exit %d, %q; want %d, %q", tt.name, code, errs, tt.code, tt.want)
		}
	}
}
