package ui

import (
	"errors"
	"strings"
	"testing"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"magcheck/decoder"
	"magcheck/webhid"
)

// Every WebHID failure and reader mode has words in both languages.
func TestHIDLabelsComplete(t *testing.T) {
	codes := []webhid.ErrorCode{webhid.CodeNoWebHID, webhid.CodeInsecure, webhid.CodeCancelled,
		webhid.CodeDenied, webhid.CodeOpenFailed, webhid.CodeUnplugged}
	modes := []string{webhid.ModeHID, webhid.ModeKeyboard, webhid.ModeUnsupported, ""}
	for _, l := range []decoder.Lang{decoder.English, decoder.Chinese} {
		hl := hidLabelsFor(l)
		for _, c := range codes {
			if hl.errors[c] == "" {
				t.Errorf("%s: no text for %s", l, c)
			}
		}
		for _, m := range modes {
			if hl.modes[m] == "" {
				t.Errorf("%s: no text for mode %q", l, m)
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
		{&webhid.Error{Code: webhid.CodeCancelled, Detail: "NotFoundError: No device selected."}, "cancelled", hidLabelsEN.errors[webhid.CodeCancelled]},
		{errors.New("context canceled"), "", "context canceled"},
	}
	for _, tt := range tests {
		html := app.HTMLString(hidMessage(tt.err, &hidLabelsEN))
		if err := app.Match(app.Text(tt.text), hidMessage(tt.err, &hidLabelsEN), 0, 0); err != nil {
			t.Errorf("%v: %v\n%s", tt.err, err, html)
		}
	}
}

// Outside the browser the panel says WebHID is missing and offers no button.
func TestHIDPanelUnsupported(t *testing.T) {
	_, err := webhid.Supported()
	h := &HIDPanel{Lang: decoder.Chinese, unsupported: err}
	html := app.HTMLString(h.Render())
	for _, want := range []string{`data-hid-state="unsupported"`, `data-hid-error="no_webhid"`, hidLabelsZH.errors[webhid.CodeNoWebHID]} {
		if !strings.Contains(html, want) {
			t.Errorf("render lacks %q:\n%s", want, html)
		}
	}
	if strings.Contains(html, `id="hidbtn"`) {
		t.Error("connect button shown without WebHID")
	}
}
