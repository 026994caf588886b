//go:build js && wasm

package webhid

import (
	"context"
	"errors"
	"syscall/js"

	"magcheck/internal/device"
	"magcheck/internal/promise"
	"magcheck/msr605"
)

// Reader is a HID reader the page has been granted, found by Request,
// Granted or OnConnect. (In a native build, where there is no browser,
// Supported reports false and the functions fail with
// device.CodeNoWebHID.)
type Reader struct {
	Device
	dev          js.Value     // the browser's HIDDevice
	featureSizes map[byte]int // feature report lengths from the descriptor
	outputSizes  map[byte]int // output report lengths from the descriptor
	stop         []func()     // removes the listeners Open added
	msr          *answers     // an MSR605X's messages (nil for other readers)
}

// Filters for the chooser: every MagTek and ID TECH HID interface.
var filters = []any{
	map[string]any{"vendorId": VendorMagTek},
	map[string]any{"vendorId": VendorIDTech},
}

func hid() js.Value { return js.Global().Get("navigator").Get("hid") }

// Supported reports whether the browser offers WebHID. When it does not, the
// error, a *device.Error, says why: device.CodeInsecure when the page is
// not a secure context (WebHID is hidden there), device.CodeNoWebHID
// otherwise.
func Supported() (bool, error) {
	if h := hid(); h.Truthy() {
		return true, nil
	}
	if !js.Global().Get("isSecureContext").Bool() {
		return false, linkError(device.CodeInsecure, "")
	}
	return false, linkError(device.CodeNoWebHID, "")
}

// Request shows the browser's chooser for MagTek and ID TECH readers and
// returns the one picked. The browser requires a user gesture: call it from
// a click handler, or from a goroutine that handler starts, since it calls
// requestDevice before it first waits.
func Request(ctx context.Context) (*Reader, error) {
	if ok, err := Supported(); !ok {
		return nil, err
	}
	p := hid().Call("requestDevice", map[string]any{"filters": filters})
	devs, err := await(ctx, p, device.CodeDenied)
	if err != nil {
		return nil, err
	}
	if devs.Length() == 0 {
		return nil, linkError(device.CodeCancelled, "")
	}
	return newReader(devs.Index(0)), nil
}

// Granted returns the connected readers the page was granted before; it
// needs no gesture, so the page calls it on load.
func Granted(ctx context.Context) ([]*Reader, error) {
	if ok, err := Supported(); !ok {
		return nil, err
	}
	devs, err := await(ctx, hid().Call("getDevices"), device.CodeDenied)
	if err != nil {
		return nil, err
	}
	var rs []*Reader
	for i := range devs.Length() {
		if d := devs.Index(i); isReaderVendor(d.Get("vendorId").Int()) {
			rs = append(rs, newReader(d))
		}
	}
	return rs, nil
}

func isReaderVendor(vid int) bool { return vid == VendorMagTek || vid == VendorIDTech }

// OnConnect calls f for each granted reader plugged in while the page is
// open (the browser fires connect only for granted devices). f runs on the
// browser's event callback and must not block. stop removes the listener.
func OnConnect(f func(*Reader)) (stop func()) {
	if ok, _ := Supported(); !ok {
		return func() {}
	}
	return listen(hid(), "connect", func(ev js.Value) {
		if d := ev.Get("device"); isReaderVendor(d.Get("vendorId").Int()) {
			f(newReader(d))
		}
	})
}

func newReader(d js.Value) *Reader {
	cols := d.Get("collections")
	r := &Reader{
		Device: Device{
			VendorID:    uint16(d.Get("vendorId").Int()),
			ProductID:   uint16(d.Get("productId").Int()),
			ProductName: d.Get("productName").String(),
			ReportSizes: reportSizes(cols, "inputReports"),
		},
		dev:          d,
		featureSizes: reportSizes(cols, "featureReports"),
		outputSizes:  reportSizes(cols, "outputReports"),
	}
	if IsMSR605X(r.Device) {
		r.msr = newAnswers()
	}
	return r
}

// reportSizes reads the byte length of each report of one kind (kind is
// "inputReports" or "featureReports") from the report descriptor the browser
// parsed: the sum of its items' reportSize × reportCount bits. Reports the
// browser withholds (keyboard collections) are absent from collections, so
// they are not listed.
func reportSizes(cols js.Value, kind string) map[byte]int {
	sizes := map[byte]int{}
	var walk func(cols js.Value)
	walk = func(cols js.Value) {
		for i := range cols.Length() {
			c := cols.Index(i)
			reps := c.Get(kind)
			for j := range reps.Length() {
				rep := reps.Index(j)
				bits := 0
				items := rep.Get("items")
				for k := range items.Length() {
					it := items.Index(k)
					bits += it.Get("reportSize").Int() * it.Get("reportCount").Int()
				}
				sizes[byte(rep.Get("reportId").Int())] += bits / 8
			}
			walk(c.Get("children"))
		}
	}
	if cols.Truthy() {
		walk(cols)
	}
	if len(sizes) == 0 {
		return nil
	}
	return sizes
}

// Open opens r and delivers its input reports to onReport (the report ID,
// 0 when the reader uses none, and a copy of the data without that ID). An
// MSR605X's reports are its answers to commands: they go to MSR605, not to
// onReport.
// onGone is called once with device.CodeUnplugged if the reader is disconnected
// while open. Both run on the browser's event callback and must not block.
func (r *Reader) Open(ctx context.Context, onReport func(id byte, data []byte), onGone func(error)) error {
	d := r.dev
	if !d.Get("opened").Bool() {
		if _, err := await(ctx, d.Call("open"), device.CodeOpenFailed); err != nil {
			if e, ok := errors.AsType[*device.Error](err); ok && e.Code == device.CodeOpenFailed {
				e.VendorID, e.ProductID = r.VendorID, r.ProductID
				e.UserAgent = js.Global().Get("navigator").Get("userAgent").String()
			}
			return err
		}
	}
	r.stop = append(r.stop, listen(d, "inputreport", func(ev js.Value) {
		if r.msr != nil {
			r.msr.packet(viewBytes(ev.Get("data")))
			return
		}
		onReport(byte(ev.Get("reportId").Int()), viewBytes(ev.Get("data")))
	}))
	r.stop = append(r.stop, listen(hid(), "disconnect", func(ev js.Value) {
		if ev.Get("device").Equal(d) {
			if r.msr != nil {
				r.msr.unplugged()
			}
			r.Close()
			onGone(linkError(device.CodeUnplugged, ""))
		}
	}))
	return nil
}

// Feature sends request as feature report id, zero-filled to the length the
// descriptor declares for it, then reads that feature report back and
// returns it without a report-ID byte. The reader must be open. It fails with
// ErrNoFeatureReport when the descriptor declares no such report, and with
// a *device.Error (code device.CodeFeatureFailed) when the browser refuses either step.
//
// It refuses an MSR605X, which takes nothing but MSR605's commands.
func (r *Reader) Feature(ctx context.Context, id byte, request []byte) ([]byte, error) {
	if err := featureAllowed(r.Device); err != nil {
		return nil, err
	}
	size := r.featureSizes[id]
	req, err := featureRequest(request, size)
	if err != nil {
		return nil, err
	}
	buf := js.Global().Get("Uint8Array").New(len(req))
	js.CopyBytesToJS(buf, req)
	if _, err := await(ctx, r.dev.Call("sendFeatureReport", id, buf), device.CodeFeatureFailed); err != nil {
		return nil, err
	}
	dv, err := await(ctx, r.dev.Call("receiveFeatureReport", id), device.CodeFeatureFailed)
	if err != nil {
		return nil, err
	}
	return featureResponse(id, viewBytes(dv), size), nil
}

// MSR605 sends command c to an open MSR605X and, when c is answered, waits
// for the answer, joined from its input reports. It fails with ctx's error
// when ctx ends first, with device.CodeUnplugged when the reader goes, and with
// the *ReportError of packets that do not join up.
func (r *Reader) MSR605(ctx context.Context, c msr605.Command) ([]byte, error) {
	if r.msr == nil {
		return nil, errNotMSR605X
	}
	r.msr.drop()
	if err := r.sendMSR605(ctx, c); err != nil {
		return nil, err
	}
	if !c.Answered() {
		return nil, nil
	}
	select {
	case a := <-r.msr.ch:
		return a.msg, a.err
	case <-r.msr.gone:
		return nil, linkError(device.CodeUnplugged, "")
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// errNotMSR605X: MSR605 was called for another reader.
var errNotMSR605X = linkError(device.CodeFeatureFailed, "not an MSR605X")

// sendMSR605 sends c in the MSR605X's packets: as feature reports with
// report ID 0 when the descriptor declares a 64-byte one, else as output
// reports. Its packets are the only bytes magcheck sends an MSR605X.
func (r *Reader) sendMSR605(ctx context.Context, c msr605.Command) error {
	method := "sendFeatureReport"
	if r.featureSizes[0] != MSR605XPacket && r.outputSizes[0] == MSR605XPacket {
		method = "sendReport"
	}
	for _, p := range MSR605XPackets(c) {
		buf := js.Global().Get("Uint8Array").New(len(p))
		js.CopyBytesToJS(buf, p)
		var v js.Value
		if method == "sendReport" {
			v = r.dev.Call("sendReport", 0, buf)
		} else {
			v = r.dev.Call("sendFeatureReport", 0, buf)
		}
		if _, err := await(ctx, v, device.CodeFeatureFailed); err != nil {
			return err
		}
	}
	return nil
}

// viewBytes copies the bytes of a DataView.
func viewBytes(dv js.Value) []byte {
	b := make([]byte, dv.Get("byteLength").Int())
	js.CopyBytesToGo(b, js.Global().Get("Uint8Array").New(dv.Get("buffer"), dv.Get("byteOffset"), dv.Get("byteLength")))
	return b
}

// Close stops listening and closes the device; the grant remains.
func (r *Reader) Close() {
	for _, stop := range r.stop {
		stop()
	}
	r.stop = nil
	if d := r.dev; d.Truthy() && d.Get("opened").Bool() {
		d.Call("close")
	}
}

// listen adds an event listener and returns the function that removes it.
func listen(target js.Value, event string, f func(ev js.Value)) func() {
	fn := js.FuncOf(func(_ js.Value, args []js.Value) any {
		f(args[0])
		return nil
	})
	target.Call("addEventListener", event, fn)
	return func() {
		target.Call("removeEventListener", event, fn)
		fn.Release()
	}
}

// await waits for promise p. A rejection becomes a *device.Error
// (device.Rejected), its code other unless the rejection says otherwise.
func await(ctx context.Context, p js.Value, other device.Code) (js.Value, error) {
	v, err := promise.Await(ctx, p)
	if r, ok := errors.AsType[*promise.Rejection](err); ok {
		return v, device.Rejected(device.HID, r.Name, r.Error(), other)
	}
	return v, err
}
