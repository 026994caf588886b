//go:build !wasm

package e2e

import (
	"testing"

	"magcheck/message"
)

// What a browser without WebHID, Web Serial and microphone capture looks
// like (Safari, Firefox, Chrome on Android, an app's built-in browser):
// scripts that run before the page's own take the APIs away.
const (
	withoutDeviceAPIs = `delete Navigator.prototype.hid;
		delete Navigator.prototype.serial;
		delete MediaDevices.prototype.getUserMedia;`
	// A page opened over plain HTTP from another machine: the browser hides
	// all three, and the microphone's AudioWorklet with them.
	insecureContext = withoutDeviceAPIs + `
		delete Navigator.prototype.mediaDevices;
		delete window.AudioWorkletNode;
		Object.defineProperty(window, 'isSecureContext', {value: false});`
)

// Each panel says what this browser cannot do and what to do instead, with
// its data-*-state="unsupported" hook and no button that could not work;
// a recording still opens in the audio panel, and a keyboard swipe still
// reads.
func TestUnsupportedBrowser(t *testing.T) {
	for _, tt := range []struct {
		name, script     string
		hid, serial, mic string // the codes of the panels' messages
		hidText          message.Key
		serialText       message.Key
		micText          message.Key
	}{
		{"no-apis", withoutDeviceAPIs, "no_webhid", "no_serial", "unsupported",
			message.HIDNoWebHID, message.SerialNoSerial, message.AudioNoAudio},
		{"insecure", insecureContext, "insecure_context", "insecure_context", "insecure",
			message.HIDInsecure, message.SerialInsecure, message.AudioInsecure},
	} {
		t.Run(tt.name, func(t *testing.T) {
			p := newTestPage(t, pageTimings{}, tt.script)
			if missing := evalAs[bool](p, `!('hid' in navigator) && !('serial' in navigator) && !navigator.mediaDevices?.getUserMedia`); !missing {
				t.Fatal("the scripts left an API in place")
			}
			p.WaitFor(`#audio[data-mic-state="unsupported"]`)
			for _, panel := range []struct {
				sel, hook string
				text      message.Key
			}{
				{`#hid[data-hid-state="unsupported"]`, `[data-hid-error="` + tt.hid + `"]`, tt.hidText},
				{`#serial[data-serial-state="unsupported"]`, `[data-msr-error="` + tt.serial + `"]`, tt.serialText},
				{`#audio[data-mic-state="unsupported"][data-audio-state="idle"]`, `[data-mic-error="` + tt.mic + `"]`, tt.micText},
			} {
				sel := panel.sel + " " + panel.hook
				p.WaitFor(sel)
				if got, want := p.Text(sel), message.English.Text(panel.text); got != want {
					t.Errorf("%s says\n\t%q\nwant\n\t%q", sel, got, want)
				}
			}
			if buttons := evalAs[[]string](p, `[...document.querySelectorAll('#hid button, #serial button, #audio button')].map(b => b.id || b.textContent)`); len(buttons) != 0 {
				t.Errorf("buttons that cannot work: %q", buttons)
			}
			if notes := evalAs[int](p, `document.querySelectorAll('#hid .hid-note, #serial .hid-note').length`); notes != 0 {
				t.Errorf("%d notes on connecting a reader this browser cannot reach", notes)
			}
			p.Screenshot("unsupported-" + tt.name)

			// The recording opens without the microphone.
			name, report := audioRecording(t)
			p.OpenFile("#audio-file", name)
			p.WaitFor(`.track[data-track="2"][data-status="ok"]`)
			sameResult(t, readResult(p), p.want(p.saw(report)))
			p.WaitFor(`#audio[data-mic-state="unsupported"] #audio-wave-svg`)

			// And a reader in keyboard mode still reads.
			swipe(p, vector(t, "jq-visa-t1"), "us", false, 2)

			// In Chinese, the same advice.
			p.Click(`button[data-lang="zh"]`)
			p.WaitFor(`button[data-lang="zh"][aria-pressed="true"]`)
			for sel, k := range map[string]message.Key{
				`#hid [data-hid-error="` + tt.hid + `"]`:       tt.hidText,
				`#serial [data-msr-error="` + tt.serial + `"]`: tt.serialText,
				`#audio [data-mic-error="` + tt.mic + `"]`:     tt.micText,
			} {
				if got, want := p.Text(sel), message.Chinese.Text(k); got != want {
					t.Errorf("%s says\n\t%q\nwant\n\t%q", sel, got, want)
				}
			}
			p.Screenshot("unsupported-" + tt.name + "-zh")
		})
	}
}
