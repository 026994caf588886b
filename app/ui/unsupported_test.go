package ui

import (
	"strings"
	"testing"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"magcheck/app/browser"
	"magcheck/internal/device"
	"magcheck/message"
)

// Where the browser lacks WebHID, Web Serial or the microphone, or hides
// them from a page that is not a secure context, each panel says what to
// do instead and nothing else, carries its hook, and offers no button that
// could not work; the audio panel still opens recordings.
func TestPanelsUnsupported(t *testing.T) {
	tests := []struct {
		name  string
		panel func(message.Lang) app.UI
		hooks []string      // in the panel's HTML
		words []message.Key // every word it shows, in order
	}{
		{"hid no api", func(l message.Lang) app.UI {
			return &HIDPanel{Lang: l, unsupported: &device.Error{Link: device.HID, Code: device.CodeNoWebHID}}
		}, []string{`data-hid-state="unsupported"`, `data-hid-error="no_webhid"`},
			[]message.Key{message.HIDTitle, message.HIDNoWebHID}},
		{"hid insecure", func(l message.Lang) app.UI {
			return &HIDPanel{Lang: l, unsupported: &device.Error{Link: device.HID, Code: device.CodeInsecure}}
		}, []string{`data-hid-state="unsupported"`, `data-hid-error="insecure_context"`},
			[]message.Key{message.HIDTitle, message.HIDInsecure}},
		{"serial no api", func(l message.Lang) app.UI {
			return &SerialPanel{Lang: l, unsupported: &device.Error{Link: device.Serial, Code: device.CodeNoSerial}}
		}, []string{`data-serial-state="unsupported"`, `data-msr-error="no_serial"`},
			[]message.Key{message.SerialTitle, message.SerialNoSerial}},
		{"serial insecure", func(l message.Lang) app.UI {
			return &SerialPanel{Lang: l, unsupported: &device.Error{Link: device.Serial, Code: device.CodeInsecure}}
		}, []string{`data-serial-state="unsupported"`, `data-msr-error="insecure_context"`},
			[]message.Key{message.SerialTitle, message.SerialInsecure}},
		{"microphone no api", func(l message.Lang) app.UI {
			return &AudioPanel{Lang: l, noMic: micError(browser.ErrUnsupported).code}
		}, []string{`data-audio-state="idle"`, `data-mic-state="unsupported"`, `data-mic-error="unsupported"`, `id="audio-file"`, `for="audio-file"`},
			[]message.Key{message.AudioTitle, message.AudioHint, message.AudioOpen, message.AudioNoAudio}},
		{"microphone insecure", func(l message.Lang) app.UI {
			return &AudioPanel{Lang: l, noMic: micError(browser.ErrInsecure).code}
		}, []string{`data-audio-state="idle"`, `data-mic-state="unsupported"`, `data-mic-error="insecure"`, `id="audio-file"`, `for="audio-file"`},
			[]message.Key{message.AudioTitle, message.AudioHint, message.AudioOpen, message.AudioInsecure}},
	}
	for _, tt := range tests {
		for _, l := range []message.Lang{message.English, message.Chinese} {
			ui := tt.panel(l)
			html := app.HTMLString(ui)
			for _, hook := range tt.hooks {
				if !strings.Contains(html, hook) {
					t.Errorf("%s, %s: no %s:\n%s", tt.name, l, hook, html)
				}
			}
			if strings.Contains(html, "<button") {
				t.Errorf("%s, %s: a button is offered:\n%s", tt.name, l, html)
			}
			var want []string
			for _, k := range tt.words {
				want = append(want, l.Text(k))
			}
			if got, want := strings.Join(strings.Fields(visible(ui, l)), " "), strings.Join(strings.Fields(strings.Join(want, " ")), " "); got != want {
				t.Errorf("%s, %s: shows\n\t%q\nwant\n\t%q", tt.name, l, got, want)
			}
		}
	}
}

// Outside a browser there is no microphone, and the panel says so as it
// does for a browser without one.
func TestMicrophoneMissingOutsideBrowser(t *testing.T) {
	if got := micError(browser.MicrophoneSupported()).code; got != errNoAudio {
		t.Errorf("MicrophoneSupported outside a browser gives %q, want %q", got, errNoAudio)
	}
}
