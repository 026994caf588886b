//go:build !wasm

package e2e

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"magcheck/decoder"
	"magcheck/webhid"
)

// fakeHID stands in for navigator.hid, since CDP cannot emulate HID
// devices: one MagTek MagneSafe V5 (0801:0011) whose descriptor declares an
// 856-byte input report and a 60-byte feature report. The chooser grants it
// at once; the test drives it through window.__hid: send(reportId, bytes)
// fires inputreport with a DataView over a larger buffer (so byteOffset
// matters), unplug() fires disconnect, filters holds what requestDevice was
// asked for, reject names the DOMException requestDevice rejects with
// instead, openError names the DOMException open() rejects with (a
// device the user may not open, or one another program holds), features
// lists the feature reports sent ({id, bytes}). A reader
// granted on an earlier visit is listed by getDevices when the page sets
// window.__hidGranted before it loads; revoke() withdraws the permission as
// the site settings do: getDevices lists nothing and the reader goes.
//
// Feature reports answer MagTek's Get Property as the MagneSafe V5 manual
// lays the response out (docs/hid-reports.md): result code 0, data length, data,
// zero-filled to the 60-byte report. props holds the values: software ID,
// device serial (0x03), interface type HID (0x10) and Track ID Enable 0x94
// (0x05: tracks 2 and 3 enabled, track 1 disabled, AAMVA on). A property not
// there gets result code 2 (bad parameter); one listed in refuse makes
// receiveFeatureReport reject as a blocked report does.
const fakeHID = `(() => {
	const ascii = s => [...s].map(c => c.charCodeAt(0));
	const props = {0x00: ascii('21042840G01'), 0x03: ascii('B0F1234'), 0x10: [0x00], 0x05: [0x94]};
	const dev = new EventTarget();
	let asked = null;
	Object.assign(dev, {
		vendorId: 0x0801, productId: 0x0011, productName: 'Fake MagneSafe', opened: false,
		collections: [{usagePage: 0xFF00, usage: 1, children: [], outputReports: [],
			featureReports: [{reportId: 0, items: [{reportSize: 8, reportCount: 60}]}],
			inputReports: [{reportId: 0, items: [{reportSize: 8, reportCount: 856}]}]}],
		open: async () => {
			if (window.__hid.openError) { throw new DOMException('Failed to open the device.', window.__hid.openError); }
			dev.opened = true;
		},
		close: async () => { dev.opened = false; },
		sendFeatureReport: async (reportId, data) => {
			const bytes = Array.from(new Uint8Array(data.buffer ?? data, data.byteOffset ?? 0, data.byteLength));
			window.__hid.features.push({id: reportId, bytes});
			asked = bytes[0] === 0x00 && bytes[1] === 1 ? bytes[2] : -1;
		},
		receiveFeatureReport: async reportId => {
			if (window.__hid.refuse.includes(asked)) {
				throw new DOMException('Failed to receive the feature report.', 'NotAllowedError');
			}
			const resp = new Uint8Array(60);
			const v = props[asked];
			if (v) { resp[1] = v.length; resp.set(v, 2); } else { resp[0] = 0x02; }
			return new DataView(resp.buffer);
		},
	});
	const hid = new EventTarget();
	let granted = null; // null: as window.__hidGranted says
	hid.requestDevice = async opts => {
		window.__hid.filters = opts.filters;
		if (window.__hid.reject) { throw new DOMException('No device selected.', window.__hid.reject); }
		granted = [dev];
		return [dev];
	};
	hid.getDevices = async () => granted ?? (window.__hidGranted ? [dev] : []);
	Object.defineProperty(navigator, 'hid', {value: hid, configurable: true});
	window.__hid = {
		filters: null, reject: '', openError: '', features: [], refuse: [],
		opened: () => dev.opened,
		send: (reportId, bytes) => {
			const buf = new Uint8Array(bytes.length + 8);
			buf.set(bytes, 4);
			const ev = new Event('inputreport');
			Object.assign(ev, {device: dev, reportId, data: new DataView(buf.buffer, 4, bytes.length)});
			dev.dispatchEvent(ev);
		},
		unplug: () => {
			const ev = new Event('disconnect');
			ev.device = dev;
			dev.opened = false;
			hid.dispatchEvent(ev);
		},
		revoke: () => {
			granted = [];
			window.__hid.unplug();
		},
	};
})()`

// v1Report is public vector V1, MagneSafe V5 Example 3 (docs/hid-reports.md).
func v1Report(t *testing.T) []byte {
	t.Helper()
	text, err := os.ReadFile(filepath.Join("..", "cmd", "magcheck", "testdata", "v1-dynamag-856.hex"))
	if err != nil {
		t.Fatal(err)
	}
	b, err := webhid.ParseHex(string(text))
	if err != nil || len(b) != 856 {
		t.Fatalf("V1 vector: %d bytes, %v", len(b), err)
	}
	return b
}

// TestHIDReport connects the stand-in reader, checks the properties read
// over feature reports, emits the V1 report and checks that the page shows
// what webhid.Parse and decoder.DecodeHID make of it; then a truncated
// report shows as hex next to the earlier result, Clear drops that hex, and
// unplugging is explained.
func TestHIDReport(t *testing.T) {
	p := newTestPage(t, pageTimings{}, fakeHID)
	if p.Attr("#hidbtn", "type") == "" {
		t.Fatal("the page renders no HID panel (#hidbtn): HIDPanel is not wired into the Page")
	}
	p.Click("#hidbtn")
	p.WaitFor(`#hid[data-hid-state="connected"] #hid-reader[data-mode="hid"]`)
	if got := evalAs[[]map[string]int](p, "window.__hid.filters"); !slices.Equal(vendorIDs(got), []int{0x0801, 0x0ACD}) {
		t.Errorf("requestDevice filters %v, want vendorId 0x0801 and 0x0ACD", got)
	}
	p.waitUntil("the reader to be opened", "window.__hid.opened()")

	// The reader's properties, read over feature reports.
	p.WaitFor(`#hid-props [data-property="track_enable"]`)
	for prop, want := range map[string]string{
		"software_id":    "21042840G01",
		"serial":         "B0F1234",
		"interface_type": "HID",
		"track_enable":   "track 1 off, track 2 on, track 3 on",
	} {
		if got := p.Text(`#hid-props [data-property="` + prop + `"]`); got != want {
			t.Errorf("property %s shown as %q, want %q", prop, got, want)
		}
	}
	// The panel shows the setting and does not judge it: a track turned
	// off is the decoder's finding, on the swipes it concerns.
	if n := evalAs[int](p, `document.querySelectorAll('#hid-props [data-track-disabled], .hid-warn').length`); n != 0 {
		t.Errorf("the panel warns of the track setting itself (%d warnings)", n)
	}
	// What DecodeHID is given of the reader's set-up, as the page read it.
	props := &webhid.MagTekProperties{SoftwareID: "21042840G01", SerialNumber: "B0F1234", TrackIDEnable: 0x94}
	type feature struct {
		ID    int   `json:"id"`
		Bytes []int `json:"bytes"`
	}
	sent := evalAs[[]feature](p, "window.__hid.features")
	var asked []int
	for _, f := range sent {
		if f.ID != 0 || len(f.Bytes) != 60 || f.Bytes[0] != 0x00 || f.Bytes[1] != 1 || slices.ContainsFunc(f.Bytes[3:], func(b int) bool { return b != 0 }) {
			t.Errorf("feature report %d % X: want report ID 0, Get Property zero-filled to 60 bytes", f.ID, f.Bytes)
			continue
		}
		asked = append(asked, f.Bytes[2])
	}
	if !slices.Equal(asked, []int{0x00, 0x03, 0x10, 0x05}) {
		t.Errorf("asked for properties % X, want the V5 software ID, device serial, interface type, track ID enable", asked)
	}

	data := v1Report(t)
	rep, err := webhid.Parse(webhid.Device{VendorID: 0x0801, ProductID: 0x0011}, 0, data)
	if err != nil {
		t.Fatal(err)
	}
	wantShown := p.want(p.saw(decoder.DecodeHID(rep, props, decoder.Options{})))
	p.Eval("window.__hid.send(0, " + jsValue(ints(data)) + ")")
	p.WaitFor(`.track[data-track="1"][data-status="ok"]`)
	got := readResult(p)
	sameResult(t, got, wantShown)
	// Written out by hand too, so a decoder regression cannot hide behind itself.
	var status []string
	for _, tr := range got.Tracks {
		status = append(status, tr.Status)
	}
	if !slices.Equal(status, []string{"ok", "ok", "ok"}) || got.Card == nil || got.Card.Last4 != "7189" ||
		!hasCodes(got.Findings, "pan_luhn_failed", "expired", "service_code_invalid", "service_code_online_only") {
		t.Errorf("V1 shown as statuses %q, card %+v, findings %q", status, got.Card, got.Findings)
	}
	if hasCodes(got.Findings, "track_disabled") {
		t.Error("track 1 came, yet is reported turned off")
	}

	// The panel stayed mounted as the result and the visit's summary
	// appeared: the reader was not reopened and asked again.
	if n := evalAs[int](p, "window.__hid.features.length"); n != 4 {
		t.Errorf("%d feature reports sent after the swipe, want the first 4 only", n)
	}

	// A truncated report: its hex and length, and the V1 result stays.
	p.Eval("window.__hid.send(0, [0, 0, 0, 60, 37])")
	p.WaitFor(`.hid-bad[data-length="5"]`)
	if hex := p.Text("#hid-hex"); hex != "00 00 00 3C 25" {
		t.Errorf("truncated report shown as %q", hex)
	}
	if text := p.Text(".hid-bad"); !strings.Contains(text, "(5 bytes)") {
		t.Errorf("truncated report's length not said: %q", text)
	}
	sameResult(t, readResult(p), wantShown)

	// The same swipe without track 1, which the reader's set-up turns off:
	// the finding says so, with the setting as evidence.
	noTrack1 := v1Report(t)
	noTrack1[3] = 0
	rep, err = webhid.Parse(webhid.Device{VendorID: 0x0801, ProductID: 0x0011}, 0, noTrack1)
	if err != nil {
		t.Fatal(err)
	}
	wantShown = p.want(p.saw(decoder.DecodeHID(rep, props, decoder.Options{})))
	p.Eval("window.__hid.send(0, " + jsValue(ints(noTrack1)) + ")")
	p.WaitFor(`[data-code="track_disabled"]`)
	sameResult(t, readResult(p), wantShown)
	if ev := p.Text(`[data-code="track_disabled"] .evidence`); ev != "the reader's Track ID Enable setting is 0x94: track 1 off" {
		t.Errorf("track_disabled evidence %q", ev)
	}
	if tr := p.Text(`[data-code="track_disabled"] .finding-track`); tr != "Track 1" {
		t.Errorf("track_disabled on %q, want Track 1", tr)
	}

	// Clear forgets the undecodable report's bytes too.
	p.Click("#clear")
	p.WaitFor(".empty")
	p.waitUntil("the HID panel's hex to be cleared", "!document.querySelector('.hid-bad, #hid-hex')")
	assertCleared(t, p)

	p.Eval("window.__hid.unplug()")
	p.WaitFor(`#hid[data-hid-state="error"] [data-hid-error="unplugged"]`)
}

// Properties the reader will not give say so, and swipes go on.
func TestHIDPropertiesRefused(t *testing.T) {
	p := newTestPage(t, pageTimings{}, fakeHID, "window.__hid.refuse = [0x00, 0x03, 0x10, 0x05];")
	p.Click("#hidbtn")
	p.WaitFor(`#hid-props [data-property="track_enable"]`)
	for _, prop := range []string{"software_id", "serial", "interface_type", "track_enable"} {
		sel := `#hid-props .hid-unread[data-property="` + prop + `"]`
		if got := p.Text(sel); got != "could not be read" {
			t.Errorf("refused property %s shown as %q", prop, got)
		}
		if title := p.Attr(sel, "title"); !strings.Contains(title, "NotAllowedError") {
			t.Errorf("refused property %s: reason %q", prop, title)
		}
	}
	// Without the setting, a swipe without track 1 is not said to have it
	// turned off.
	noTrack1 := v1Report(t)
	noTrack1[3] = 0
	p.Eval("window.__hid.send(0, " + jsValue(ints(noTrack1)) + ")")
	p.WaitFor(`.track[data-track="2"][data-status="ok"]`)
	if n := evalAs[int](p, `document.querySelectorAll('[data-code="track_disabled"]').length`); n != 0 {
		t.Errorf("track_disabled raised without the track setting (%d)", n)
	}
}

// The chooser closed without a reader, and the browser refusing access,
// are each explained.
func TestHIDChooserFailures(t *testing.T) {
	p := newTestPage(t, pageTimings{}, fakeHID)
	for _, tt := range []struct{ exception, code, text string }{
		{"NotFoundError", "cancelled", "No reader was chosen. If your reader is not in the list, it is probably in keyboard mode"},
		{"SecurityError", "permission_denied", "The browser refused access to the reader."},
	} {
		p.Eval("window.__hid.reject = " + jsValue(tt.exception))
		p.Click("#hidbtn")
		sel := `#hid[data-hid-state="error"] [data-hid-error="` + tt.code + `"]`
		p.WaitFor(sel)
		if got := p.Text(sel); !strings.Contains(got, tt.text) || !strings.Contains(got, tt.exception) {
			t.Errorf("%s shown as %q, want %q and the browser's detail", tt.exception, got, tt.text)
		}
		if p.Attr("#hid-reader", "data-mode") != "" {
			t.Errorf("%s: a reader is shown", tt.exception)
		}
	}
}

// Without WebHID the panel says so, offers no button and points to the
// keyboard-wedge path, which still works.
func TestHIDMissing(t *testing.T) {
	p := newTestPage(t, pageTimings{}, "delete Navigator.prototype.hid;")
	if evalAs[bool](p, "'hid' in navigator") {
		t.Fatal("navigator.hid is still there")
	}
	p.WaitFor(`#hid[data-hid-state="unsupported"] [data-hid-error="no_webhid"]`)
	if got := p.Text(`[data-hid-error="no_webhid"]`); !strings.Contains(got, "HID mode needs Chrome or Edge on a computer") ||
		!strings.Contains(got, "put the reader in keyboard mode") || !strings.Contains(got, "swipe a card on this page: no connection is needed") {
		t.Errorf("missing WebHID explained as %q", got)
	}
	if p.Attr("#hidbtn", "type") != "" {
		t.Error("connect button shown without WebHID")
	}
	swipe(p, vector(t, "jq-visa-t1"), "us", false, 1)
}

func vendorIDs(filters []map[string]int) []int {
	var ids []int
	for _, f := range filters {
		ids = append(ids, f["vendorId"])
	}
	return ids
}

func ints(b []byte) []int {
	n := make([]int, len(b))
	for i, c := range b {
		n[i] = int(c)
	}
	return n
}
