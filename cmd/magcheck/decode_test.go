package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
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
		{"bad bits", "not bits", []string{"--input", "bits"}, 1, ""},
		{"bad flag", "x", []string{"--lang", "fr"}, 2, "want en or zh"},
		{"bad date", "x", []string{"--now", "25/11/2026"}, 2, "YYYY-MM-DD"},
		{"bad input kind", "x", []string{"--input", "video"}, 2, "-input"},
		{"two files", "x", []string{"a", "b"}, 2, "one FILE"},
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
