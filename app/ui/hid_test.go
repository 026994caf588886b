package ui

import (
	"errors"
	"strings"
	"testing"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"magcheck/decoder"
	"magcheck/internal/device"
	"magcheck/message"
	"magcheck/webhid"
)

// Every WebHID failure and reader mode has words in both languages.
func TestHIDLabelsComplete(t *testing.T) {
	codes := []device.Code{device.CodeNoWebHID, device.CodeInsecure, device.CodeCancelled,
		device.CodeDenied, device.CodeOpenFailed, device.CodeUnplugged, device.CodeFeatureFailed}
	modes := []string{webhid.ModeHID, webhid.ModeKeyboard, webhid.ModeUnsupported, ""}
	for _, l := range []message.Lang{message.English, message.Chinese} {
		seen := map[string]bool{}
		for _, c := range codes {
			text := decoder.Explain(&device.Error{Link: device.HID, Code: c}).In(l)
			if strings.Contains(text, "hid:") || seen[text] {
				t.Errorf("%s: no text of its own for %s: %q", l, c, text)
			}
			seen[text] = true
		}
		for _, m := range modes {
			if text := modeName(m, l); text == m || seen[text] {
				t.Errorf("%s: no text of its own for mode %q: %q", l, m, text)
			}
		}
	}
}

func TestHIDMessage(t *testing.T) {
	tests := []struct {
		err  error
		code string
		text string
	}{
		{&device.Error{Link: device.HID, Code: device.CodeCancelled, Detail: "NotFoundError: No device selected."}, "cancelled",
			"No reader was chosen. If your reader is not in the list, it is probably in keyboard mode: just swipe a card, no connection is needed."},
		{errors.New("context canceled"), "", "context canceled"},
	}
	for _, tt := range tests {
		html := app.HTMLString(hidMessage(tt.err, message.English))
		if err := app.Match(app.Text(tt.text), hidMessage(tt.err, message.English), 0, 0); err != nil {
			t.Errorf("%v: %v\n%s", tt.err, err, html)
		}
		if tt.code != "" && !strings.Contains(html, `data-hid-error="`+tt.code+`"`) {
			t.Errorf("%v: no data-hid-error %q:\n%s", tt.err, tt.code, html)
		}
	}
}

// The reader's own settings are shown, a track turned off among them, and
// a property that could not be read says so without its neighbours
// failing. The panel does not judge them: a track turned off is the
// decoder's finding (track_disabled).
func TestPropertyInfo(t *testing.T) {
	p := &webhid.MagTekProperties{SoftwareID: "21042840G01", InterfaceType: 1, TrackIDEnable: 0x14,
		Failed: map[string]error{webhid.PropertySerial: &webhid.MagTekResultError{Code: 2}}}
	html := app.HTMLString(propertyInfo(p, message.English))
	for _, tt := range []struct{ attr, title, text string }{
		{`data-property="software_id"`, "", "21042840G01"},
		{`data-property="serial"`, "webhid: MagTek result code 0x02 (bad parameter)", "could not be read"},
		{`data-property="interface_type"`, "", "keyboard (from the next reset: the reader will type swipes)"},
		{`data-property="track_enable"`, "", "track 1 off, track 2 on, track 3 on, AAMVA and 7-bit cards not decoded"},
	} {
		tag, text := element(html, tt.attr)
		if text != tt.text || tt.title != "" && !strings.Contains(tag, `title="`+tt.title+`"`) {
			t.Errorf("%s: tag %s text %q; want title %q text %q", tt.attr, tag, text, tt.title, tt.text)
		}
	}
	if strings.Contains(html, "data-track-disabled") || strings.Contains(html, "hid-warn") {
		t.Errorf("the panel judges the track setting:\n%s", html)
	}
	// Track enable unread: no settings.
	p = &webhid.MagTekProperties{Failed: map[string]error{webhid.PropertyTrackEnable: errors.New("x")}}
	if html := app.HTMLString(propertyInfo(p, message.Chinese)); strings.Contains(html, "track 1") || strings.Contains(html, "磁道 1") {
		t.Errorf("unread track enable shown as a setting:\n%s", html)
	}
}

// The page's Clear drops the undecodable report; a new language keeps it.
func TestHIDPanelClear(t *testing.T) {
	h := &HIDPanel{bad: &badReport{n: 2, hex: "00 01"}}
	h.Lang = message.Chinese
	if h.Render(); h.bad == nil {
		t.Fatal("a new language dropped the report")
	}
	h.forget(app.Context{}, app.Action{Name: actionClear})
	if h.bad != nil {
		t.Errorf("after Clear: bad %v", h.bad)
	}
}

// element returns the opening tag holding attr in html (go-app writes
// attributes in no set order) and the text right after it.
func element(html, attr string) (tag, text string) {
	i := strings.Index(html, attr)
	if i < 0 {
		return "", ""
	}
	start := strings.LastIndexByte(html[:i], '<')
	end := i + strings.IndexByte(html[i:], '>')
	text, _, _ = strings.Cut(html[end+1:], "<")
	return html[start : end+1], strings.TrimSpace(text)
}
