package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

func decodeCmd(t *testing.T, stdin string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = run(append([]string{"decode"}, args...), strings.NewReader(stdin), &out, &errb)
	return code, out.String(), errb.String()
}

func TestDecodeJSONShape(t *testing.T) {
	code, out, errs := decodeCmd(t, "%B4111111111111111^DOE/JANE^3012101000000000000000503000000?;4111111111111111=30121010000000000000?\r",
		"--json", "--now", "2026-11-25")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var v struct {
		Input  string `json:"input"`
		Layout string `json:"layout"`
		Tracks []struct {
			Number int      `json:"number"`
			Status string   `json:"status"`
			Text   string   `json:"text"`
			Errors []string `json:"errors"`
		} `json:"tracks"`
		Card struct {
			Kind        string `json:"kind"`
			Brand       string `json:"brand"`
			PAN         string `json:"pan"`
			PANLast4    string `json:"pan_last4"`
			PANLength   int    `json:"pan_length"`
			Luhn        bool   `json:"luhn"`
			Name        string `json:"name"`
			Expiry      string `json:"expiry"`
			ServiceCode string `json:"service_code"`
		} `json:"card"`
		Findings []struct {
			Code     string `json:"code"`
			Severity string `json:"severity"`
			Track    int    `json:"track"`
			Message  string `json:"message"`
			Action   string `json:"action"`
		} `json:"findings"`
		Verdict string `json:"verdict"`
	}
	if err := json.Unmarshal([]byte(out), &v); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if v.Input != "wedge" || v.Layout != "us" || len(v.Tracks) != 3 {
		t.Fatalf("input %q layout %q tracks %d", v.Input, v.Layout, len(v.Tracks))
	}
	wantStatus := []string{"ok", "ok", "absent"}
	for i, tr := range v.Tracks {
		if tr.Number != i+1 || tr.Status != wantStatus[i] || tr.Errors == nil {
			t.Errorf("track %d: %+v", i+1, tr)
		}
	}
	c := v.Card
	if c.Kind != "payment" || c.Brand != "visa" || c.PANLast4 != "1111" || c.PANLength != 16 || !c.Luhn ||
		c.Expiry != "2030-12" || c.ServiceCode != "101" {
		t.Errorf("card %+v", c)
	}
	if strings.Contains(out, "4111111111111111") || strings.Contains(out, "DOE") || c.PAN != "411111******1111" {
		t.Errorf("card data not masked: pan %q name %q", c.PAN, c.Name)
	}
	if len(v.Findings) != 1 || v.Findings[0].Code != "issuer_check_required" || v.Findings[0].Message == "" || v.Findings[0].Action == "" {
		t.Errorf("findings %+v", v.Findings)
	}
	if v.Verdict == "" {
		t.Error("no verdict")
	}
}

// TestDecodeLogFormats: track data as POS logs hold it gives its tracks,
// card and findings in the JSON, and no reader facts (a log has none).
func TestDecodeLogFormats(t *testing.T) {
	for _, tt := range []struct {
		name, in string
		tracks   [3]string // status text of each track
		card     string    // kind brand last4 expiry service code
		findings string    // code@track …
		evidence string    // in the first finding
	}{
		{"track 2 nibbles", "B4111111111111111D30121010000000000000F0\n",
			[3]string{"", "ok ;411111******1111=3012101*************?", ""}, "payment visa 1111 2030-12 101",
			"issuer_check_required@0 track_absent@1", "brand Visa, PAN …1111"},
		{"EMV tag 57", "57 13 41 11 11 11 11 11 11 11 D3 01 21 01 00 00 00 00 00 00 0F",
			[3]string{"", "ok ;411111******1111=3012101*************?", ""}, "payment visa 1111 2030-12 101",
			"issuer_check_required@0 track_absent@1", "brand Visa, PAN …1111"},
		{"tracks without sentinels", "B4111111111111111^DOE/JANE^3012101000000000000000503000000\r\n4111111111111111=30121010000000000000\r\n",
			[3]string{"ok B411111******1111^***/****^3012101************************", "ok 411111******1111=3012101*************", ""},
			"payment visa 1111 2030-12 101",
			"missing_start_sentinel@0 missing_end_sentinel@0 issuer_check_required@0",
			"tracks 1, 2: no sentinel anywhere in the text"},
		{"damaged hex", "B4111111111111111D3O12101F", [3]string{}, "", "hex_invalid@2", `character 20, "O", is not a hex digit`},
		{"12-digit number alone", ";411111111111?", [3]string{"", "ok ;********1111?", ""}, "unknown visa 1111  ",
			"pan_luhn_failed@2 pan_length_invalid@2 track_absent@1", "PAN …1111 fails the Luhn check"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errs := decodeCmd(t, tt.in, "--json", "--now", "2026-11-25")
			if code != 0 {
				t.Fatalf("exit %d: %s", code, errs)
			}
			var v struct {
				Tracks []struct {
					Status string `json:"status"`
					Text   string `json:"text"`
				} `json:"tracks"`
				Card *struct {
					Kind        string `json:"kind"`
					Brand       string `json:"brand"`
					PANLast4    string `json:"pan_last4"`
					Expiry      string `json:"expiry"`
					ServiceCode string `json:"service_code"`
				} `json:"card"`
				Findings []struct {
					Code     string `json:"code"`
					Track    int    `json:"track"`
					Evidence string `json:"evidence"`
				} `json:"findings"`
				Reader *json.RawMessage `json:"reader"`
			}
			if err := json.Unmarshal([]byte(out), &v); err != nil {
				t.Fatalf("%v\n%s", err, out)
			}
			for i, tr := range v.Tracks {
				got := tr.Status + " " + tr.Text
				if tr.Status == "absent" {
					got = ""
				}
				if got != tt.tracks[i] {
					t.Errorf("track %d: %q, want %q", i+1, got, tt.tracks[i])
				}
			}
			card := ""
			if c := v.Card; c != nil {
				card = strings.Join([]string{c.Kind, c.Brand, c.PANLast4, c.Expiry, c.ServiceCode}, " ")
			}
			var fs []string
			for _, f := range v.Findings {
				fs = append(fs, f.Code+"@"+strconv.Itoa(f.Track))
			}
			if card != tt.card || strings.Join(fs, " ") != tt.findings || v.Findings[0].Evidence != tt.evidence || v.Reader != nil {
				t.Errorf("card %q findings %q evidence %q reader %v\nwant %q %q %q", card, fs, v.Findings[0].Evidence, v.Reader,
					tt.card, tt.findings, tt.evidence)
			}
		})
	}
}

func TestDecodeReveal(t *testing.T) {
	code, out, _ := decodeCmd(t, ";4111111111111111=30121010000000000000?", "--json", "--reveal", "--now", "2026-11-25")
	if code != 0 || !strings.Contains(out, `"pan": "4111111111111111"`) {
		t.Fatalf("exit %d\n%s", code, out)
	}
}

func TestDecodeChineseText(t *testing.T) {
	code, out, _ := decodeCmd(t, ";4111111111111111=20121010000000000000?", "--lang", "zh", "--now", "2026-11-25")
	if code != 0 || !strings.Contains(out, "卡片已过期") && !strings.Contains(out, "磁条上的有效期已过") {
		t.Fatalf("exit %d\n%s", code, out)
	}
}

// TestDecodeTerminalSaid reads a clean swipe of a card with no chip beside
// what the terminal said: in Chinese, the verdict names 磁条卡认证 and its
// action the four items; the JSON holds the message, the finding and the
// provider fault; another message gives another finding.
func TestDecodeTerminalSaid(t *testing.T) {
	const swipe = "%B4111111111111111^DOE/JOHN^3012101000000000000000000?;4111111111111111=30121010000000000000?"
	code, out, errs := decodeCmd(t, swipe, "--lang", "zh", "--terminal-said", "not_authenticated", "--now", "2026-12-07")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	for _, want := range []string{
		"结论: 卡片和读卡器都正常：需要进行磁条卡认证。\n",
		"终端提示: 磁条卡未认证（请先进行磁条卡认证）\n",
		"[失败] magstripe_verification_required:",
		"持卡人姓名、身份证号、卡号和在发卡行预留的手机号",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("the Chinese report lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "issuer_check_required") {
		t.Errorf("the issuer note stays beside the verification:\n%s", out)
	}

	var v struct {
		TerminalSaid     string `json:"terminal_said"`
		TerminalSaidText string `json:"terminal_said_text"`
		Fault            string `json:"fault"`
		Findings         []struct {
			Code, Severity string
		} `json:"findings"`
	}
	for _, tt := range []struct{ said, finding, fault string }{
		{"not_authenticated", "magstripe_verification_required", "provider"},
		{"insert_chip", "terminal_magstripe_refused", "provider"},
		{"read_failed", "terminal_reader_suspect", "reader"},
		{"expired", "terminal_clock_suspect", "setup"},
		{"contact_issuer", "issuer_declined", "host"},
	} {
		code, out, errs = decodeCmd(t, swipe, "--json", "--terminal-said", tt.said, "--now", "2026-12-07")
		if code != 0 || json.Unmarshal([]byte(out), &v) != nil {
			t.Fatalf("%s: exit %d: %s\n%s", tt.said, code, errs, out)
		}
		if v.TerminalSaid != tt.said || v.Fault != tt.fault || len(v.Findings) == 0 ||
			v.Findings[0].Code != tt.finding || v.Findings[0].Severity != "fail" {
			t.Errorf("%s: terminal_said %q, fault %q, findings %+v; want %s first, fault %s",
				tt.said, v.TerminalSaid, v.Fault, v.Findings, tt.finding, tt.fault)
		}
	}
	if v.TerminalSaidText != "Declined: contact the issuing bank (交易失败，请联系发卡行 / 请持卡人与发卡行联系)" {
		t.Errorf("terminal_said_text %q", v.TerminalSaidText)
	}

	// Without the flag, the JSON says no message was chosen.
	code, out, _ = decodeCmd(t, swipe, "--json", "--now", "2026-12-07")
	if code != 0 || !strings.Contains(out, `"terminal_said": "",`) || strings.Contains(out, "terminal_said_text") {
		t.Errorf("no message: exit %d\n%s", code, out)
	}
}

func TestDecodeBadInput(t *testing.T) {
	big := strings.Repeat("1", 64<<10+1)
	tests := []struct {
		name, stdin string
		args        []string
		code        int
		msg         string
	}{
		{"empty", "", nil, 1, "empty"},
		{"whitespace", " \r\n\x00", nil, 1, "empty"},
		{"binary", "\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x03\x00\x3e\x00", nil, 1, "binary"},
		{"too large", big, nil, 1, "larger than 64 KiB"},
		{"too large HID report", big, []string{"--input", "hid"}, 1, "larger than 64 KiB"},
		{"bad bits", "not bits", []string{"--input", "bits"}, 1, ""},
		{"bad flag", "x", []string{"--lang", "fr"}, 2, "want en or zh"},
		{"bad date", "x", []string{"--now", "25/11/2026"}, 2, "YYYY-MM-DD"},
		{"bad input kind", "x", []string{"--input", "video"}, 2, "-input"},
		{"two files", "x", []string{"a", "b"}, 2, "one FILE"},
		{"unknown terminal message", "x", []string{"--terminal-said", "declined"}, 2,
			`-terminal-said "declined": want one of not_authenticated, insert_chip, read_failed, invalid_card, expired, over_limit, contact_issuer, sign_in`},
		{"terminal message in Chinese", "x", []string{"--terminal-said", "磁条卡未认证"}, 2, "want one of not_authenticated"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errs := decodeCmd(t, tt.stdin, tt.args...)
			if code != tt.code || out != "" || !strings.Contains(errs, tt.msg) || !strings.HasPrefix(errs, "magcheck decode") && tt.code == 1 {
				t.Errorf("exit %d, stdout %q, stderr %q", code, out, errs)
			}
		})
	}
}

func TestDecodeFileAndBits(t *testing.T) {
	p := filepath.Join(t.TempDir(), "t2.txt")
	if err := os.WriteFile(p, []byte("bytes=[255,255,255,151,222,246,253,190,141,247,7,127,255,255,255,255,192];bits=130"), 0o600); err != nil {
		t.Fatal(err)
	}
	code, out, errs := decodeCmd(t, "", "--input", "bits", "--json", "--reveal", p)
	if code != 0 || !strings.Contains(out, `"text": ";0004048712?"`) {
		t.Fatalf("exit %d %s\n%s", code, errs, out)
	}
	if code, _, errs := decodeCmd(t, "", filepath.Join(t.TempDir(), "missing")); code != 1 || !strings.Contains(errs, "no such file") {
		t.Fatalf("missing file: exit %d %s", code, errs)
	}
}

func TestDecodeHID(t *testing.T) {
	v1Hex, err := os.ReadFile(filepath.Join("testdata", "v1-dynamag-856.hex"))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	write := func(name string, b []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, b, 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	v1Raw := make([]byte, 0, 856)
	for _, f := range strings.Fields(string(v1Hex)) {
		b, err := strconv.ParseUint(f, 16, 8)
		if err != nil {
			t.Fatal(err)
		}
		v1Raw = append(v1Raw, byte(b))
	}
	if len(v1Raw) != 856 {
		t.Fatalf("V1 vector holds %d bytes, want 856", len(v1Raw))
	}
	hexFile := write("v1.hex", v1Hex)
	prefixed := write("v1-0x.txt", []byte("0x"+strings.Join(strings.Fields(string(v1Hex)), ", 0x")))
	rawFile := write("v1.bin", v1Raw)
	v1Codes := []string{"pan_luhn_failed", "expired", "service_code_invalid", "service_code_online_only"}
	tests := []struct {
		name   string
		args   []string
		status []string
		codes  []string
	}{
		{"V1 as hex text", []string{hexFile}, []string{"ok", "ok", "ok"}, v1Codes},
		{"V1 as 0x-prefixed hex, explicit IDs", []string{"--vid", "0x0801", "--pid", "0011", "--report-id", "0", prefixed}, []string{"ok", "ok", "ok"}, v1Codes},
		{"V1 as raw bytes", []string{rawFile}, []string{"ok", "ok", "ok"}, v1Codes},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errs := decodeCmd(t, "", append([]string{"--input", "hid", "--json", "--now", "2026-01-01"}, tt.args...)...)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, errs)
			}
			var v struct {
				Input  string `json:"input"`
				Tracks []struct {
					Status string `json:"status"`
				} `json:"tracks"`
				Card struct {
					PANLast4 string `json:"pan_last4"`
				} `json:"card"`
				Findings []struct {
					Code string `json:"code"`
				} `json:"findings"`
				Reader struct{ Vendor, Format string } `json:"reader"`
			}
			if err := json.Unmarshal([]byte(out), &v); err != nil {
				t.Fatalf("%v\n%s", err, out)
			}
			var status, codes []string
			for _, tr := range v.Tracks {
				status = append(status, tr.Status)
			}
			for _, f := range v.Findings {
				codes = append(codes, f.Code)
			}
			if v.Input != "hid" || !slices.Equal(status, tt.status) || !slices.Equal(codes, tt.codes) || v.Card.PANLast4 != "7189" {
				t.Errorf("input %q, statuses %q, codes %q, last 4 %q", v.Input, status, codes, v.Card.PANLast4)
			}
			if v.Reader.Vendor != "MagTek" || v.Reader.Format != "magtek-v5-856" {
				t.Errorf("reader %+v", v.Reader)
			}
		})
	}
}

func TestDecodeHIDBadInput(t *testing.T) {
	tests := []struct {
		name, stdin string
		args        []string
		code        int
		msg         string
	}{
		{"truncated report", "00 00 00 3C 25 1F 00 25 42", nil, 1,
			"webhid: report: truncated (9 bytes, want 856) (device 0801:0011, report ID 0, 9 bytes: 00 00 00 3C 25 1F 00 25 42)"},
		{"unknown device", "\x01\x02\x03", []string{"--vid", "1234", "--pid", "0x5678"}, 1,
			"webhid: not a supported card reader (device 1234:5678, report ID 0, 3 bytes: 01 02 03)"},
		{"long report shows its first 16 bytes", strings.Repeat("AB", 20), []string{"--pid", "0x0003"}, 1,
			"20 bytes: AB AB AB AB AB AB AB AB AB AB AB AB AB AB AB AB …)"},
		{"odd hex digit count", "00 0", nil, 1, "looks like hex but is not: encoding/hex: odd length hex string"},
		{"empty", "", nil, 1, "empty"},
		{"bad vendor ID", "00", []string{"--vid", "zz"}, 2, "want hex"},
		{"report ID beyond a byte", "00", []string{"--report-id", "0x100"}, 2, "at most 8 bits"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errs := decodeCmd(t, tt.stdin, append([]string{"--input", "hid"}, tt.args...)...)
			if code != tt.code || out != "" || !strings.Contains(errs, tt.msg) {
				t.Errorf("exit %d, stdout %q, stderr %q", code, out, errs)
			}
		})
	}
}
