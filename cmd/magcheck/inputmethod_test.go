package main

import (
	"encoding/json"
	"strings"
	"testing"
)

// The full-width swipe, as a Chinese input method in full-width
// mode types it (printf '％Ｂ４１１１…' | magcheck decode): the card is read,
// in the text report and the JSON, and input_method_active says why the
// POS on that computer cannot.
func TestDecodeFullWidth(t *testing.T) {
	const swipe = "％Ｂ４１１１１１１１１１１１１１１１＾ＤＯＥ／ＪＯＨＮ＾３０１２１０１００００００００００００００００００？" +
		"；４１１１１１１１１１１１１１１１＝３０１２１０１０００００００００００００？"
	code, out, errs := decodeCmd(t, swipe, "--now", "2026-11-25")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	for _, want := range []string{
		"Verdict: Most likely the reader's or host's set-up: Input method active.",
		"Track 1: read", "Track 2: read", "Card number: 411111******1111 (16)", "Expiry: 2030-12",
		"[Fail] input_method_active:", "Evidence: 93 full-width characters read as ASCII",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("report lacks %q:\n%s", want, out)
		}
	}
	code, out, errs = decodeCmd(t, swipe, "--json", "--lang", "zh", "--now", "2026-11-25")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var v struct {
		Card struct {
			PANLast4 string `json:"pan_last4"`
		} `json:"card"`
		Findings []struct {
			Code  string `json:"code"`
			Title string `json:"title"`
		} `json:"findings"`
	}
	if err := json.Unmarshal([]byte(out), &v); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if v.Card.PANLast4 != "1111" || len(v.Findings) == 0 || v.Findings[0].Code != "input_method_active" || v.Findings[0].Title != "输入法处于中文或全角状态" {
		t.Errorf("card %+v, findings %+v", v.Card, v.Findings)
	}
}
