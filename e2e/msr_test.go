//go:build !wasm

package e2e

import (
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"magcheck/decoder"
	"magcheck/decoder/iso7811"
	"magcheck/internal/msrtest"
	"magcheck/msr605"
)

// msrCommands is what a stand-in reader-writer answers and records, shared
// by both stand-ins: each command it got (window.__msr.sent, the bytes of
// each), the read it waits on (pending: 0x72 ISO, 0x6D raw, 0 none), and
// its answers to the queries (firmware, model; null for none). swipe(bytes)
// answers the pending read and reports whether one was pending.
const msrCommands = `
	const st = {sent: [], pending: 0, firmware: [0x1B, ...[...'REV?2.31'].map(c => c.charCodeAt(0))], model: [0x1B, 0x33, 0x53]};
	const command = (c, answer) => {
		st.sent.push(c);
		if (c[0] !== 0x1B) return;
		switch (c[1]) {
		case 0x61: st.pending = 0; break;
		case 0x76: if (st.firmware) answer(st.firmware); break;
		case 0x74: if (st.model) answer(st.model); break;
		case 0x72: case 0x6D: st.pending = c[1]; break;
		}
	};
`

// fakeMSR605X stands in for navigator.hid with an MSR605X: MagTek's IDs
// 0801:0003 and the descriptor of one (64-byte input, output and feature
// reports, no report IDs). It takes commands in 64-byte packets, as feature
// or output reports (window.__msr.packets records them), and answers in
// 64-byte input reports whose padding is junk, as the device's is. Both
// stand-ins answer in a microtask, not on a timer: the browser holds a
// background tab's timers back to once a second.
const fakeMSR605X = `(() => {` + msrCommands + `
	const dev = new EventTarget();
	const report = {reportId: 0, items: [{reportSize: 8, reportCount: 64}]};
	let cmd = [];
	const deliver = b => queueMicrotask(() => {
		for (let i = 0; i === 0 || i < b.length; i += 63) {
			const n = Math.min(63, b.length - i), p = new Uint8Array(64);
			p[0] = n | (i === 0 ? 0x80 : 0) | (i + n >= b.length ? 0x40 : 0);
			p.set(b.slice(i, i + n), 1);
			for (let j = 1 + n; j < 64; j++) p[j] = (j * 7) & 0xFF;
			const ev = new Event('inputreport');
			Object.assign(ev, {device: dev, reportId: 0, data: new DataView(p.buffer)});
			dev.dispatchEvent(ev);
		}
	});
	const packet = kind => async (reportId, data) => {
		const b = Array.from(new Uint8Array(data.buffer ?? data, data.byteOffset ?? 0, data.byteLength));
		window.__msr.packets.push({kind, reportId, bytes: b});
		const h = b[0];
		if (h & 0x80) cmd = [];
		cmd.push(...b.slice(1, 1 + (h & 0x3F)));
		if (h & 0x40) { const c = cmd; cmd = []; command(c, deliver); }
	};
	Object.assign(dev, {
		vendorId: 0x0801, productId: 0x0003, productName: 'MSR605X', opened: false,
		collections: [{usagePage: 1, usage: 0, children: [], inputReports: [report], outputReports: [report], featureReports: [report]}],
		open: async () => { dev.opened = true; },
		close: async () => { dev.opened = false; },
		sendFeatureReport: packet('feature'),
		sendReport: packet('output'),
		receiveFeatureReport: async () => { throw new DOMException('Failed to receive the feature report.', 'NotAllowedError'); },
	});
	const hid = new EventTarget();
	let granted = [];
	hid.requestDevice = async () => { granted = [dev]; return [dev]; };
	hid.getDevices = async () => granted;
	Object.defineProperty(navigator, 'hid', {value: hid, configurable: true});
	window.__msr = {
		st, packets: [],
		sent: () => st.sent, pending: () => st.pending,
		swipe: b => { if (!st.pending) return false; st.pending = 0; deliver(b); return true; },
		answer: b => deliver(b),
		unplug: () => {
			const ev = new Event('disconnect');
			ev.device = dev;
			dev.opened = false;
			hid.dispatchEvent(ev);
		},
	};
})()`

// fakeMSR605 stands in for navigator.serial with an MSR605 on a PL2303
// adapter (067B:2303). Its readable stream hands the page what the reader
// sends, cut into chunks of a few bytes; its writable stream takes the
// page's commands (window.__msr.writes records each write). reject names
// the DOMException requestPort rejects with instead, openError the one
// open() rejects with (a port the user may not open, or one another
// program holds); unplug() fails the stream as a lost device does and
// fires disconnect.
const fakeMSR605 = `(() => {` + msrCommands + `
	const port = new EventTarget();
	let ctl = null;
	const deliver = b => queueMicrotask(() => {
		for (let i = 0, n = 1; i < b.length && ctl; i += n, n = 1 + (i % 5)) {
			ctl.enqueue(new Uint8Array(b.slice(i, i + n)));
		}
	});
	Object.assign(port, {
		readable: null, writable: null,
		getInfo: () => ({usbVendorId: 0x067B, usbProductId: 0x2303}),
		open: async opts => {
			if (window.__msr.openError) { throw new DOMException('Failed to open serial port.', window.__msr.openError); }
			window.__msr.opened = opts;
			port.readable = new ReadableStream({start(c) { ctl = c; }});
			port.writable = new WritableStream({write(chunk) {
				const b = Array.from(chunk);
				window.__msr.writes.push(b);
				for (let i = 0; i + 1 < b.length; i += 2) command(b.slice(i, i + 2), deliver);
			}});
		},
		close: async () => { window.__msr.closed = true; },
	});
	const serial = new EventTarget();
	let granted = [];
	serial.requestPort = async () => {
		if (window.__msr.reject) { throw new DOMException('No port selected by the user.', window.__msr.reject); }
		granted = [port];
		return port;
	};
	serial.getPorts = async () => granted;
	Object.defineProperty(navigator, 'serial', {value: serial, configurable: true});
	window.__msr = {
		st, writes: [], opened: null, closed: false, reject: '', openError: '',
		sent: () => st.sent, pending: () => st.pending,
		swipe: b => { if (!st.pending) return false; st.pending = 0; deliver(b); return true; },
		answer: b => deliver(b),
		unplug: () => {
			ctl.error(new DOMException('The device has been lost.', 'NetworkError'));
			ctl = null;
			const ev = new Event('disconnect');
			Object.defineProperty(ev, 'target', {value: port});
			serial.dispatchEvent(ev);
		},
	};
})()`

// newMSRPage opens the page with a stand-in reader-writer and the
// reader-writers' timeouts set: answerMS for a query's answer, readMS to
// see a swipe. A background tab's timers fire only once a second, all
// together: a query's timeout must leave the firmware answer's own end
// (msr605.Quiet, 200 ms) a second or more.
func newMSRPage(t *testing.T, answerMS, readMS int, scripts ...string) *Page {
	t.Helper()
	p := newPage(t)
	timings := "window.magcheckTimings = {idleGapMS: 60000, msrAnswerMS: " + strconv.Itoa(answerMS) + ", msrReadMS: " + strconv.Itoa(readMS) + "};"
	for _, s := range append(scripts, timings) {
		if _, err := chromedp.Call(p.ctx, page.AddScriptToEvaluateOnNewDocument,
			page.AddScriptToEvaluateOnNewDocumentParams{Source: s}); err != nil {
			t.Fatal(err)
		}
	}
	p.Reload()
	return p
}

// msrAllowed are the commands magcheck may send: reset, read ISO, read
// raw, firmware, model, communication test.
var msrAllowed = []int{'a', 'r', 'm', 'v', 't', 'e'}

// onlyReadCommands asserts that the stand-in got nothing but read and query
// commands: no write, erase or set command, ever.
func onlyReadCommands(t *testing.T, p *Page) []int {
	t.Helper()
	var letters []int
	for _, c := range evalAs[[][]int](p, "window.__msr.sent()") {
		if len(c) != 2 || c[0] != 0x1B || !slices.Contains(msrAllowed, c[1]) {
			t.Errorf("the reader got % X: not a read or query command", c)
			continue
		}
		letters = append(letters, c[1])
	}
	if len(letters) == 0 {
		t.Error("the reader got no command")
	}
	return letters
}

// swipeMSR makes the stand-in answer its pending read of mode (0x72 ISO,
// 0x6D raw) with answer, once the page has sent that read.
func swipeMSR(p *Page, mode int, answer []byte) {
	p.t.Helper()
	p.waitUntil("a read pending", "window.__msr.pending() === "+strconv.Itoa(mode))
	if !evalAs[bool](p, "window.__msr.swipe("+jsValue(ints(answer))+")") {
		p.t.Fatal("no read was pending")
	}
}

// isoCard is the test card read in ISO mode; rawParity the same card's
// track 2 read raw, its sixth character's bits damaged.
func isoCard() []byte {
	return msrtest.ISOAnswer('0', msrtest.ISO(msrtest.Track1), msrtest.ISO(msrtest.Track2), msrtest.ISO(msrtest.Track3))
}

func rawParity(t *testing.T) []byte {
	return msrtest.RawAnswer('0', msrtest.RawTrack(t, msrtest.Track1, iso7811.Alpha, 30, 30, nil),
		msrtest.RawTrack(t, msrtest.Track2, iso7811.Numeric, 30, 30, func(b []byte) { b[30+5*5+2] ^= 1 }), msrtest.Track{})
}

// expect is what the page must show for an answer, decoded as the page
// decodes it.
func expect(p *Page, answer []byte, mode msr605.Mode, dev msr605.Device) shown {
	p.t.Helper()
	r, err := msr605.ParseRead(answer, mode)
	if err != nil {
		p.t.Fatal(err)
	}
	return p.want(p.saw(decoder.DecodeMSR605(r, dev, decoder.Options{})))
}

// readsAndErrors drives a connected reader-writer whose controls' IDs start
// with id: an ISO read, a raw read with a damaged track, a status error, an
// answer that cannot be read, Clear, a refused command.
func readsAndErrors(t *testing.T, p *Page, id string, dev msr605.Device) {
	t.Helper()
	msr := "#" + id + "-msr"
	p.WaitFor(msr + `[data-msr-state="waiting"][data-mode="iso"]`)
	if got := p.Text(msr + ` [data-msr="model"]`); got != "3" {
		t.Errorf("model shown as %q", got)
	}
	if got := p.Text(msr + ` [data-msr="firmware"]`); got != "REV?2.31" {
		t.Errorf("firmware shown as %q", got)
	}
	if got := p.Text(msr + " .msr-note"); got != "magcheck only reads: it never sends a write or erase command." {
		t.Errorf("note %q", got)
	}

	// ISO mode: the reader's tracks, the card and its findings.
	swipeMSR(p, 0x72, isoCard())
	p.WaitFor(`.track[data-track="3"][data-status="ok"]`)
	sameResult(t, readResult(p), expect(p, isoCard(), msr605.ModeISO, dev))
	waitSwipes(p, 1)

	// Raw mode: the bits decoded here, the parity error at its place.
	p.Click("#" + id + "-raw")
	p.WaitFor(msr + `[data-msr-state="waiting"][data-mode="raw"]`)
	swipeMSR(p, 0x6D, rawParity(t))
	p.WaitFor(`.track[data-track="2"][data-status="error"]`)
	got := readResult(p)
	sameResult(t, got, expect(p, rawParity(t), msr605.ModeRaw, dev))
	if !hasCodes(got.Findings, "parity_error") || got.Tracks[1].Marks == 0 {
		t.Errorf("raw read with a damaged track 2 shown as %+v", got)
	}
	// The bit picture marks the damaged character, the sixth after 30
	// clocking zeros, at its place along the stripe, and the LRC it spoils.
	p.WaitFor(`.track[data-track="2"] .bits .bit-err[data-error="parity_error"][data-from="55"]`)
	if marks := evalAs[[]string](p, `[...document.querySelectorAll('.track[data-track="2"] .bits .bit-err')].map(e => e.dataset.from + ' ' + e.dataset.error)`); len(marks) != 2 || marks[0] != "55 parity_error" || !strings.HasSuffix(marks[1], " lrc_error") {
		t.Errorf("track 2's bit picture marks %q, want the character at bit 55 and the LRC", marks)
	}
	p.Screenshot(id + "-raw")

	// A status error: the reader marks track 1 bad and says read error.
	bad := msrtest.ISOAnswer('1', msrtest.Track{Mark: '*'}, msrtest.ISO(msrtest.Track2), msrtest.Track{Mark: '+'})
	p.Click("#" + id + "-iso")
	swipeMSR(p, 0x72, bad)
	p.WaitFor(`.track[data-track="1"][data-status="error"]`)
	got = readResult(p)
	sameResult(t, got, expect(p, bad, msr605.ModeISO, dev))
	if !hasCodes(got.Findings, "track_read_error", "reader_status") {
		t.Errorf("status error shown with findings %q", got.Findings)
	}
	if ev := p.Text(`[data-code="reader_status"] .evidence`); !strings.Contains(ev, "status byte 31h: read error") {
		t.Errorf("status byte explained as %q", ev)
	}

	// An answer cut short: its bytes shown, the result kept.
	swipeMSR(p, 0x72, isoCard()[:20])
	p.WaitFor(msr + ` .hid-bad[data-length="20"]`)
	if why := p.Text(msr + " .hid-why"); why != "The reader's answer is cut short at byte 20." {
		t.Errorf("cut answer explained as %q", why)
	}
	sameResult(t, readResult(p), got)
	// Clear forgets its bytes.
	p.Click("#clear")
	p.WaitFor(".empty")
	p.waitUntil("the answer's hex to be cleared", "!document.querySelector('.msr .hid-bad')")

	// A refused command: the reader does not know the raw read.
	p.Click("#" + id + "-raw")
	swipeMSR(p, 0x6D, []byte{0x1B, '4'})
	p.WaitFor(`[data-code="command_refused"]`)
}

// TestMSR605XOverHID reads a stand-in MSR605X through the HID panel: told
// from a MagTek reader by its descriptor, queried, read in ISO and raw
// mode, a status error, an unreadable answer, a refused command, unplugged;
// only read and query commands sent, in 64-byte packets.
func TestMSR605XOverHID(t *testing.T) {
	p := newMSRPage(t, 3000, 60000, fakeMSR605X)
	p.Click("#hidbtn")
	p.WaitFor(`#hid[data-hid-state="connected"] #hid-reader[data-mode="msr605x"]`)
	dev := msr605.Device{Link: msr605.LinkHID, Model: "3", Firmware: "REV?2.31"}
	readsAndErrors(t, p, "hid", dev)
	p.Screenshot("msr605x-hid")

	p.Eval("window.__msr.unplug()")
	p.WaitFor(`#hid[data-hid-state="error"] [data-hid-error="unplugged"]`)
	if p.Attr("#hid-msr", "class") != "" {
		t.Error("the reader's controls stay after unplugging")
	}

	letters := onlyReadCommands(t, p)
	if !slices.Equal(letters[:3], []int{'a', 'v', 't'}) {
		t.Errorf("commands %c, want reset, firmware, model first", letters)
	}
	type packet struct {
		Kind     string `json:"kind"`
		ReportID int    `json:"reportId"`
		Bytes    []int  `json:"bytes"`
	}
	for _, pk := range evalAs[[]packet](p, "window.__msr.packets") {
		if pk.Kind != "feature" || pk.ReportID != 0 || len(pk.Bytes) != 64 || pk.Bytes[0] != 0xC2 || slices.ContainsFunc(pk.Bytes[3:], func(b int) bool { return b != 0 }) {
			t.Errorf("packet %s %d % X: want a 64-byte feature report 0, header C2, zero padding", pk.Kind, pk.ReportID, pk.Bytes)
		}
	}
}

// TestMSR605OverSerial reads a stand-in MSR605 through the Serial panel,
// its answers arriving a few bytes at a time: the port opened at 9600 8N1,
// queried, read in ISO and raw mode, a status error, an unreadable answer,
// a refused command, unplugged; nothing but read and query commands
// written.
func TestMSR605OverSerial(t *testing.T) {
	p := newMSRPage(t, 3000, 60000, fakeMSR605)
	if p.Attr("#serialbtn", "type") == "" {
		t.Fatal("the page renders no Serial panel (#serialbtn)")
	}
	order := evalAs[[]string](p, `[...document.querySelectorAll('main > section')].map(s => s.id || s.className)`)
	if i := slices.Index(order, "hid"); i < 0 || i+1 >= len(order) || order[i+1] != "serial" {
		t.Errorf("sections %q: the Serial panel does not follow the HID panel", order)
	}
	p.Click("#serialbtn")
	p.WaitFor(`#serial[data-serial-state="connected"]`)
	if got := p.Text(`#serial-msr [data-msr="port"]`); got != "067B:2303" {
		t.Errorf("port shown as %q", got)
	}
	opened := evalAs[map[string]any](p, "window.__msr.opened")
	if opened["baudRate"] != 9600.0 || opened["dataBits"] != 8.0 || opened["stopBits"] != 1.0 || opened["parity"] != "none" {
		t.Errorf("port opened with %v", opened)
	}
	dev := msr605.Device{Link: msr605.LinkSerial, Model: "3", Firmware: "REV?2.31"}
	readsAndErrors(t, p, "serial", dev)
	p.Screenshot("msr605-serial")
	p.Click(`.lang[data-lang="zh"]`)
	p.waitUntil("the Serial panel in Chinese", `document.querySelector('#serial h2').textContent === '串口读写器（MSR605、MSR206）'`)
	if got := p.Text("#serial-msr .msr-note"); got != "magcheck 只读卡：从不发送写入或擦除命令。" {
		t.Errorf("Chinese note %q", got)
	}
	p.Screenshot("msr605-serial-zh")

	p.Eval("window.__msr.unplug()")
	p.WaitFor(`#serial[data-serial-state="error"] [data-msr-error="unplugged"]`)
	letters := onlyReadCommands(t, p)
	if !slices.Equal(letters[:3], []int{'a', 'v', 't'}) {
		t.Errorf("commands %c, want reset, firmware, model first", letters)
	}
	for _, w := range evalAs[[][]int](p, "window.__msr.writes") {
		if len(w) != 2 {
			t.Errorf("write % X: want one command a write", w)
		}
	}
}

// A reader-writer that does not answer the queries, and a read no card
// comes to, are said plainly; picking a mode reads again.
func TestMSR605Timeouts(t *testing.T) {
	// Silent: no answer to the queries, nor to the read.
	p := newMSRPage(t, 600, 1500, fakeMSR605)
	p.Eval("window.__msr.st.firmware = null; window.__msr.st.model = null;")
	p.Click("#serialbtn")
	p.WaitFor(`#serial-msr [data-msr-error="no_answer"]`)
	if got := p.Text(`#serial-msr [data-msr="firmware"]`); got != "no answer" {
		t.Errorf("firmware shown as %q", got)
	}
	p.WaitFor(`#serial-msr[data-msr-state="stopped"] [data-msr-error="no_answer"]`)
	if got := p.Text(`#serial-msr [data-msr-error="no_answer"]`); !strings.Contains(got, "The reader did not answer.") {
		t.Errorf("no answer explained as %q", got)
	}
	p.Screenshot("msr605-no-answer")

	// Answering, but no card comes: the read ends, the reader is reset,
	// and a mode picked reads again.
	p = newMSRPage(t, 3000, 1500, fakeMSR605)
	p.Click("#serialbtn")
	p.WaitFor(`#serial-msr[data-msr-state="stopped"] [data-msr-error="no_swipe"]`)
	if got := p.Text(`#serial-msr [data-msr-error="no_swipe"]`); !strings.Contains(got, "No card was swiped while magcheck waited.") {
		t.Errorf("no swipe explained as %q", got)
	}
	p.waitUntil("the reset after the timeout", "window.__msr.sent().at(-1)[1] === 0x61 && window.__msr.pending() === 0")
	p.Screenshot("msr605-timeout")
	p.Click("#serial-raw")
	p.WaitFor(`#serial-msr[data-msr-state="waiting"][data-mode="raw"]`)
	swipeMSR(p, 0x6D, rawParity(t))
	p.WaitFor(`[data-code="parity_error"]`)
	onlyReadCommands(t, p)
}

// Without Web Serial the panel says so and offers no button; a chooser
// closed or refused is explained.
func TestSerialMissingAndRefused(t *testing.T) {
	p := newMSRPage(t, 3000, 60000, "delete Navigator.prototype.serial;")
	if evalAs[bool](p, "'serial' in navigator") {
		t.Fatal("navigator.serial is still there")
	}
	p.WaitFor(`#serial[data-serial-state="unsupported"] [data-msr-error="no_serial"]`)
	if got := p.Text(`[data-msr-error="no_serial"]`); !strings.Contains(got, "Serial reader-writers (MSR605, MSR206) need Web Serial, which this browser lacks.") {
		t.Errorf("missing Web Serial explained as %q", got)
	}
	if p.Attr("#serialbtn", "type") != "" {
		t.Error("connect button shown without Web Serial")
	}

	p = newMSRPage(t, 3000, 60000, fakeMSR605)
	for _, tt := range []struct{ exception, code, text string }{
		{"NotFoundError", "cancelled", "No port was chosen."},
		{"SecurityError", "permission_denied", "The browser refused access to the serial port."},
	} {
		p.Eval("window.__msr.reject = " + jsValue(tt.exception))
		p.Click("#serialbtn")
		sel := `#serial[data-serial-state="error"] [data-msr-error="` + tt.code + `"]`
		p.WaitFor(sel)
		if got := p.Text(sel); !strings.Contains(got, tt.text) || !strings.Contains(got, tt.exception) {
			t.Errorf("%s shown as %q", tt.exception, got)
		}
	}
	if n := evalAs[int](p, "window.__msr.writes.length"); n != 0 {
		t.Errorf("%d writes without a port", n)
	}
}
