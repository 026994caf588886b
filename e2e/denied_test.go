//go:build !wasm

package e2e

import (
	"slices"
	"strings"
	"testing"

	"magcheck/message"
)

// chromeOS makes the page's navigator.userAgent that of Chrome on a
// Chromebook.
const chromeOS = `Object.defineProperty(navigator, 'userAgent', {get: () =>
	'Mozilla/5.0 (X11; CrOS x86_64 14541.0.0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/141.0.0.0 Safari/537.36'});`

// shownFix is a cause of a device that would not open, as the page shows
// it: its data-*-reason, its words and its commands.
type shownFix struct {
	Reason   string   `json:"reason"`
	Words    string   `json:"words"`
	Commands []string `json:"commands"`
}

// readFixes reads the causes the page lists under the data attribute attr.
func readFixes(p *Page, attr string) []shownFix {
	p.t.Helper()
	return evalAs[[]shownFix](p, `[...document.querySelectorAll('[data-`+attr+`]')].map(e => ({
		reason: e.dataset.`+map[string]string{"hid-reason": "hidReason", "serial-reason": "serialReason"}[attr]+`,
		words: e.querySelector('p')?.textContent ?? '',
		commands: [...e.querySelectorAll('.command')].map(c => c.textContent),
	}))`)
}

// A HID reader and a serial port that the stand-ins refuse to open, as
// Chromium refuses a device the user may not open or another program
// holds: the panel says why it may be, with the fix, in both languages,
// each cause under its data-*-reason hook. On Linux (the test's Chromium)
// that is the udev rule for the device's USB IDs and the commands that
// load it, for a serial port also the dialout group, and another program;
// on a Chromebook, what applies there.
func TestDeniedDevices(t *testing.T) {
	reload := "sudo udevadm control --reload-rules && sudo udevadm trigger"
	hidRule := `echo 'KERNEL=="hidraw*", ATTRS{idVendor}=="0801", ATTRS{idProduct}=="0011", MODE="0660", TAG+="uaccess"' | sudo tee /etc/udev/rules.d/60-magcheck-hid.rules`
	ttyRule := `echo 'SUBSYSTEM=="tty", ATTRS{idVendor}=="067b", ATTRS{idProduct}=="2303", MODE="0660", TAG+="uaccess"' | sudo tee /etc/udev/rules.d/60-magcheck-serial.rules`
	en, zh := message.English, message.Chinese
	for _, c := range []struct {
		name, ua string
		want     func(l message.Lang) (hid, serial []shownFix)
	}{
		{"linux", "", func(l message.Lang) (hid, serial []shownFix) {
			return []shownFix{
					{"udev", l.Format(message.HIDOpenUdev, "0801:0011"), []string{hidRule, reload}},
					{"busy", l.Text(message.HIDOpenBusy), []string{}},
				}, []shownFix{
					{"dialout", l.Text(message.SerialOpenDialout), []string{"sudo usermod -aG dialout $USER"}},
					{"udev", l.Format(message.SerialOpenUdev, "067B:2303"), []string{ttyRule, reload}},
					{"busy", l.Text(message.SerialOpenBusy), []string{}},
				}
		}},
		{"chromeos", chromeOS, func(l message.Lang) (hid, serial []shownFix) {
			return []shownFix{{"chromeos", l.Text(message.HIDOpenChromeOS), []string{}}, {"busy", l.Text(message.HIDOpenBusy), []string{}}},
				[]shownFix{{"chromeos", l.Text(message.SerialOpenChromeOS), []string{}}, {"busy", l.Text(message.SerialOpenBusy), []string{}}}
		}},
	} {
		t.Run(c.name, func(t *testing.T) {
			scripts := []string{fakeHID, fakeMSR605, "window.__hid.openError = 'NotAllowedError'; window.__msr.openError = 'NetworkError';"}
			if c.ua != "" {
				scripts = append([]string{c.ua}, scripts...)
			}
			p := newMSRPage(t, 3000, 60000, scripts...)
			p.Click("#hidbtn")
			p.WaitFor(`#hid[data-hid-state="error"] [data-hid-error="open_failed"] [data-hid-reason]`)
			p.Click("#serialbtn")
			p.WaitFor(`#serial[data-serial-state="error"] [data-msr-error="open_failed"] [data-serial-reason]`)
			for _, l := range []message.Lang{en, zh} {
				p.Click(`button[data-lang="` + string(l) + `"]`)
				p.WaitFor(`button[data-lang="` + string(l) + `"][aria-pressed="true"]`)
				wantHID, wantSerial := c.want(l)
				if got := readFixes(p, "hid-reason"); !slices.EqualFunc(got, wantHID, sameFix) {
					t.Errorf("%s: HID causes\n\tgot  %+v\n\twant %+v", l, got, wantHID)
				}
				if got := readFixes(p, "serial-reason"); !slices.EqualFunc(got, wantSerial, sameFix) {
					t.Errorf("%s: serial causes\n\tgot  %+v\n\twant %+v", l, got, wantSerial)
				}
				for _, sel := range []string{`[data-hid-error="open_failed"]`, `[data-msr-error="open_failed"]`} {
					if text := p.Text(sel); !strings.Contains(text, "Failed to open") {
						t.Errorf("%s: %s does not give the browser's words: %q", l, sel, text)
					}
				}
				p.Screenshot("denied-" + c.name + "-" + string(l))
			}
			if n := evalAs[int](p, "window.__msr.writes.length"); n != 0 {
				t.Errorf("%d writes to a port that did not open", n)
			}
		})
	}
}

func sameFix(a, b shownFix) bool {
	return a.Reason == b.Reason && a.Words == b.Words && slices.Equal(a.Commands, b.Commands)
}
