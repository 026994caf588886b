//go:build !wasm

package e2e

import (
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"magcheck/decoder"
	"magcheck/webhid"
)

// fakeHID stands in for navigator.hid, since CDP cannot emulate HID
// devices: one MagTek MagneSafe V5 (0801:0011) whose descriptor declares an
// 856-byte input report. The chooser grants it at once; the test drives it
// through window.__hid: send(reportId, bytes) fires inputreport with a
// DataView over a larger buffer (so byteOffset matters), unplug() fires
// disconnect, filters holds what requestDevice was asked for.
const fakeHID = `(() => {
	const dev = new EventTarget();
	Object.assign(dev, {
		vendorId: 0x0801, productId: 0x0011, productName: 'Fake MagneSafe', opened: false,
		collections: [{usagePage: 0xFF00, usage: 1, children: [], outputReports: [], featureReports: [],
			inputReports: [{reportId: 0, items: [{reportSize: 8, reportCount: 856}]}]}],
		open: async () => { dev.opened = true; },
		close: async () => { dev.opened = false; },
	});
	const hid = new EventTarget();
	let granted = [];
	hid.requestDevice = async opts => { window.__hid.filters = opts.filters; granted = [dev]; return [dev]; };
	hid.getDevices = async () => granted;
	Object.defineProperty(navigator, 'hid', {value: hid, configurable: true});
	window.__hid = {
		filters: null,
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
	};
})()`

// v1Report is the MagneSafe V5 Example 3 report (webhid.md §4 V1).
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

// TestHIDReport connects the stand-in reader, emits the V1 report and
// checks that the page shows what webhid.Parse and Decode make of it; then
// a truncated report shows as hex, and unplugging is explained.
func TestHIDReport(t *testing.T) {
	p := newPage(t)
	if _, err := chromedp.Call(p.ctx, page.AddScriptToEvaluateOnNewDocument,
		page.AddScriptToEvaluateOnNewDocumentParams{Source: fakeHID}); err != nil {
		t.Fatal(err)
	}
	p.Reload()
	if p.Attr("#hidbtn", "type") == "" {
		t.Fatal("the page renders no HID panel (#hidbtn): HIDPanel is not wired into the Page")
	}
	p.Click("#hidbtn")
	p.WaitFor(`#hid[data-hid-state="connected"] #hid-reader[data-mode="hid"]`)
	if got := evalAs[[]map[string]int](p, "window.__hid.filters"); !slices.Equal(vendorIDs(got), []int{0x0801, 0x0ACD}) {
		t.Errorf("requestDevice filters %v, want vendorId 0x0801 and 0x0ACD", got)
	}
	p.waitUntil("the reader to be opened", "window.__hid.opened()")

	data := v1Report(t)
	rep, err := webhid.Parse(webhid.Device{VendorID: 0x0801, ProductID: 0x0011}, 0, data)
	if err != nil {
		t.Fatal(err)
	}
	wantShown := want(rep.Decode(decoder.Options{}))
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

	p.Eval("window.__hid.send(0, [0, 0, 0, 60, 37])")
	p.WaitFor(`.hid-bad[data-length="5"]`)
	if hex := p.Text("#hid-hex"); hex != "00 00 00 3C 25" {
		t.Errorf("truncated report shown as %q", hex)
	}

	p.Eval("window.__hid.unplug()")
	p.WaitFor(`#hid[data-hid-state="error"] [data-hid-error="unplugged"]`)
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
