package ui

import (
	"strings"
	"testing"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"magcheck/decoder"
	"magcheck/internal/device"
	"magcheck/message"
	"magcheck/msr605"
	"magcheck/webhid"
)

// Every failure of a reader-writer's link has words of its own in both
// languages.
func TestSerialLabelsComplete(t *testing.T) {
	codes := []device.Code{device.CodeNoSerial, device.CodeInsecure, device.CodeCancelled, device.CodeDenied,
		device.CodeOpenFailed, device.CodeUnplugged, device.CodeSendFailed, device.CodeNoAnswer, device.CodeNoSwipe}
	for _, l := range []message.Lang{message.English, message.Chinese} {
		seen := map[string]bool{}
		for _, c := range codes {
			text := decoder.Explain(&device.Error{Link: device.Serial, Code: c}).In(l)
			if strings.Contains(text, "serial:") || seen[text] {
				t.Errorf("%s: no text of its own for %s: %q", l, c, text)
			}
			seen[text] = true
		}
	}
}

// A connected reader-writer shows its port, its answers, the mode it reads
// in (its button pressed) and that magcheck never writes; one that gave no
// answer says so.
func TestMSRRender(t *testing.T) {
	m := &msrState{Status: msr605.Status{Device: msr605.Device{Link: msr605.LinkSerial, Model: "3"}, State: msr605.StateWaiting, Mode: msr605.ModeRaw}, port: "067B:2303"}
	s := &SerialPanel{Lang: message.English, port: &msr605.Port{VendorID: 0x067B, ProductID: 0x2303}, msr: m}
	html := app.HTMLString(s.Render())
	for _, tt := range []struct{ attr, text string }{
		{`data-msr="port"`, "067B:2303"},
		{`data-msr="model"`, "3"},
		{`data-msr="firmware"`, "no answer"},
		{`class="msr-status"`, "Waiting for a swipe in raw mode: magcheck decodes the bits, so a damaged stripe shows where it fails."},
		{`class="msr-note"`, "magcheck only reads: it never sends a write or erase command."},
	} {
		if _, text := element(html, tt.attr); text != tt.text {
			t.Errorf("%s: %q, want %q", tt.attr, text, tt.text)
		}
	}
	raw, _ := element(html, `id="serial-raw"`)
	iso, _ := element(html, `id="serial-iso"`)
	if !strings.Contains(raw, `aria-pressed`) || strings.Contains(raw, `aria-pressed="false"`) || !strings.Contains(iso, `aria-pressed="false"`) ||
		strings.Contains(raw, "disabled") {
		t.Errorf("mode buttons %s %s", raw, iso)
	}
	m.State = msr605.StateQuerying
	html = app.HTMLString(m.render("hid", message.English))
	if tag, _ := element(html, `id="hid-iso"`); !strings.Contains(tag, "disabled") {
		t.Errorf("buttons usable while querying: %s", tag)
	}
	if _, text := element(html, `data-msr="firmware"`); text != "…" {
		t.Errorf("firmware while querying: %q", text)
	}
}

// An MSR605X shows as such, not as a MagTek reader: its descriptor says
// which it is.
func TestHIDPanelMSR605X(t *testing.T) {
	r := &webhid.Reader{Device: webhid.Device{VendorID: 0x0801, ProductID: 0x0003, ReportSizes: map[byte]int{0: 64}}}
	h := &HIDPanel{Lang: message.English, reader: r, msr: newMSR(msr605.LinkHID, "")}
	html := app.HTMLString(h.Render())
	if tag, _ := element(html, `id="hid-reader"`); !strings.Contains(tag, `data-mode="msr605x"`) || !strings.Contains(html, "<dd>—</dd>") {
		t.Errorf("MSR605X shown as %s:\n%s", tag, html)
	}
	for _, want := range []string{"MSR605X", `id="hid-msr"`, `id="hid-iso"`, `id="hid-raw"`} {
		if !strings.Contains(html, want) {
			t.Errorf("render lacks %q", want)
		}
	}
	// The same IDs with MagTek's report sizes are a MagTek reader.
	r = &webhid.Reader{Device: webhid.Device{VendorID: 0x0801, ProductID: 0x0003, ReportSizes: map[byte]int{1: 887}}}
	html = app.HTMLString((&HIDPanel{Lang: message.English, reader: r}).Render())
	if !strings.Contains(html, "<dd>MagTek</dd>") || strings.Contains(html, `id="hid-msr"`) {
		t.Errorf("MagTek 0801:0003 shown as:\n%s", html)
	}
}

// The page's Clear drops an unreadable answer's bytes.
func TestMSRClear(t *testing.T) {
	m := &msrState{bad: &badReport{n: 2, hex: "1B 73"}}
	s := &SerialPanel{msr: m}
	s.forget(app.Context{}, app.Action{Name: actionClear})
	h := &HIDPanel{msr: &msrState{bad: &badReport{n: 1}}}
	h.forget(app.Context{}, app.Action{Name: actionClear})
	if m.bad != nil || h.msr.bad != nil {
		t.Error("Clear kept an unreadable answer")
	}
}
