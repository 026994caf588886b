package ui

import (
	"context"
	"errors"
	"strings"
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"magcheck/decoder"
	"magcheck/internal/device"
	"magcheck/internal/hexdigit"
	"magcheck/message"
	"magcheck/msr605"
	"magcheck/webhid"
)

// HIDPanel connects a MagTek or ID TECH reader in HID mode through WebHID
// and posts each decoded swipe to the page as actionReport. A report it
// cannot decode is shown here as hex with its length. Card data is held
// only in the report handed on, and in the hex of an undecodable report
// until the next report, a disconnect or actionClear.
type HIDPanel struct {
	app.Compo

	Lang message.Lang

	unsupported error                    // why WebHID is missing; nil when present
	reader      *webhid.Reader           // the open reader, nil when none
	props       *webhid.MagTekProperties // what an open MagTek reader said about itself
	err         error                    // the last failure, shown until the next attempt
	bad         *badReport
	stopConnect func()
	msr         *msrState          // an MSR605X's reading, nil for other readers
	msrCancel   context.CancelFunc // ends msr's loop
}

// propertyTimeout bounds each feature-report exchange, so a reader that never
// answers leaves its properties unread instead of pending.
const propertyTimeout = 3 * time.Second

// maxHexShown bounds the bytes of an undecodable report shown as hex: the
// start is what a vendor's support needs, and a huge report must not
// swamp the page.
const maxHexShown = 1024

// newBadReport keeps what a reader sent that could not be read: its
// length, why, and at most maxHexShown of its bytes as hex.
func newBadReport(data []byte, why error) *badReport {
	hex := webhid.Hex(data[:min(len(data), maxHexShown)])
	if len(data) > maxHexShown {
		hex += " …"
	}
	return &badReport{n: len(data), hex: hex, why: why}
}

// badReport is what a reader sent that could not be read: a HID input
// report Parse refused, or a reader-writer's answer.
type badReport struct {
	n   int
	hex string
	why error
}

// OnMount checks for WebHID, reopens a reader granted earlier and watches
// for granted readers being plugged in.
func (h *HIDPanel) OnMount(ctx app.Context) {
	ctx.Handle(actionClear, h.forget)
	if ok, err := webhid.Supported(); !ok {
		ctx.Dispatch(func(app.Context) { h.unsupported = err })
		return
	}
	h.stopConnect = webhid.OnConnect(func(r *webhid.Reader) {
		ctx.Dispatch(func(ctx app.Context) {
			if h.reader == nil {
				h.open(ctx, r)
			}
		})
	})
	ctx.Async(func() {
		rs, err := webhid.Granted(ctx)
		if err != nil || len(rs) == 0 {
			return
		}
		ctx.Dispatch(func(ctx app.Context) {
			if h.reader == nil {
				h.open(ctx, rs[0])
			}
		})
	})
}

// forget drops the undecodable report's hex when the page clears.
func (h *HIDPanel) forget(app.Context, app.Action) {
	h.bad = nil
	if h.msr != nil {
		h.msr.bad = nil
	}
}

// OnDismount closes the reader and stops watching.
func (h *HIDPanel) OnDismount() {
	if h.stopConnect != nil {
		h.stopConnect()
	}
	h.stopMSR()
	if h.reader != nil {
		h.reader.Close()
	}
}

// connect asks for a reader. The chooser needs the click's user
// activation, so Request starts in the click's turn.
func (h *HIDPanel) connect(ctx app.Context, _ app.Event) {
	h.err = nil
	ctx.Async(func() {
		r, err := webhid.Request(ctx)
		ctx.Dispatch(func(ctx app.Context) {
			if err != nil {
				h.err = err
				return
			}
			h.open(ctx, r)
		})
	})
}

// open opens r and routes its reports and its unplugging to the UI.
func (h *HIDPanel) open(ctx app.Context, r *webhid.Reader) {
	h.stopMSR()
	if h.reader != nil {
		h.reader.Close()
	}
	h.reader, h.props, h.err, h.bad = r, nil, nil, nil
	ctx.Async(func() {
		err := r.Open(ctx,
			func(id byte, data []byte) {
				ctx.Dispatch(func(ctx app.Context) { h.received(ctx, r, id, data) })
			},
			func(err error) {
				ctx.Dispatch(func(app.Context) { h.lost(r, err) })
			})
		if err != nil {
			ctx.Dispatch(func(app.Context) { h.lost(r, err) })
			return
		}
		if webhid.IsMSR605X(r.Device) {
			dispatch(ctx, func(ctx app.Context) {
				if h.reader == r {
					h.startMSR(ctx, r)
				}
			})
			return
		}
		if _, _, mode := webhid.Describe(r.VendorID, r.ProductID); r.VendorID != webhid.VendorMagTek || mode != webhid.ModeHID {
			return
		}
		// Reports keep arriving while this runs: their listener is set.
		props := webhid.ReadMagTekProperties(r.ProductID, func(req []byte) ([]byte, error) {
			c, cancel := context.WithTimeout(ctx, propertyTimeout)
			defer cancel()
			return r.Feature(c, 0, req)
		})
		ctx.Dispatch(func(app.Context) {
			if h.reader == r {
				h.props = props
			}
		})
	})
}

// lost forgets r after it failed to open or was unplugged.
func (h *HIDPanel) lost(r *webhid.Reader, err error) {
	if h.reader == r {
		h.stopMSR()
		h.reader, h.props, h.bad = nil, nil, nil
	}
	h.err = err
}

// startMSR reads an open MSR605X: its queries, then a read after another
// (see msrState), until stopMSR.
func (h *HIDPanel) startMSR(ctx app.Context, r *webhid.Reader) {
	h.msr = newMSR(msr605.LinkHID, "")
	h.msrCancel = h.msr.start(ctx, r.MSR605, func(m *msrState) bool { return h.msr != m })
}

// stopMSR ends an MSR605X's reading.
func (h *HIDPanel) stopMSR() {
	if h.msrCancel != nil {
		h.msrCancel()
		h.msrCancel = nil
	}
	h.msr = nil
}

// received decodes one input report from r and posts it to the page.
func (h *HIDPanel) received(ctx app.Context, r *webhid.Reader, id byte, data []byte) {
	rep, err := webhid.Parse(r.Device, id, data)
	if err != nil {
		h.bad = newBadReport(data, err)
		clear(data)
		return
	}
	h.bad = nil
	report := decoder.DecodeHID(rep, h.props, decoder.Options{})
	// The raw report holds clear card data: zero it now rather than leave
	// it in freed memory until the garbage collector reuses it.
	clear(data)
	clear(rep.Raw)
	ctx.NewActionWithValue(actionReport, report)
}

// Render shows the connect button, the reader, the last failure and the
// keyboard-mode note; without WebHID, only what to do instead: no button
// that could not work, and no advice on HID mode, which this browser
// cannot use. It branches in Go rather than through app.If: each closure
// costs the page's WebAssembly more.
func (h *HIDPanel) Render() app.UI {
	l := h.Lang
	state := "idle"
	switch {
	case h.unsupported != nil:
		state = "unsupported"
	case h.reader != nil:
		state = "connected"
	case h.err != nil:
		state = "error"
	}
	body := []app.UI{app.Elem("h2").Text(l.Text(message.HIDTitle))}
	if h.unsupported != nil {
		body = append(body, linkMessage(h.unsupported, l, "hid-error").Class("unsupported"))
	} else {
		body = append(body, app.Elem("button").Attr("type", "button").ID("hidbtn").Class("btn").Text(l.Text(message.HIDConnect)).OnClick(h.connect))
	}
	if h.reader != nil {
		body = append(body, readerInfo(h.reader, l))
	}
	if h.props != nil {
		body = append(body, propertyInfo(h.props, l))
	}
	if h.msr != nil {
		body = append(body, h.msr.render("hid", l))
	}
	if h.err != nil {
		body = append(body, hidMessage(h.err, l))
	}
	if h.bad != nil {
		body = append(body, badView(h.bad, l, message.HIDBadReport, "hid-hex"))
	}
	if h.unsupported == nil {
		body = append(body, app.Elem("p").Class("hid-note").Text(l.Text(message.HIDKeyboardMode)))
	}
	return app.Elem("section").ID("hid").Class("panel", "hid").DataSet("hid-state", state).Body(body...)
}

// modeNames word the reader modes webhid.Describe gives.
var modeNames = []struct {
	mode string
	k    message.Key
}{
	{webhid.ModeHID, message.HIDModeHID}, {webhid.ModeKeyboard, message.HIDModeKeyboard},
	{webhid.ModeUnsupported, message.HIDModeUnsupported}, {"", message.HIDModeUnknown},
}

func modeName(mode string, l message.Lang) string {
	for _, m := range modeNames {
		if m.mode == mode {
			return l.Text(m.k)
		}
	}
	return mode
}

func readerInfo(r *webhid.Reader, l message.Lang) app.UI {
	vendor, model, mode := webhid.Describe(r.VendorID, r.ProductID)
	modeText := modeName(mode, l)
	if webhid.IsMSR605X(r.Device) {
		// MagTek's IDs, not a MagTek reader: its descriptor says so.
		vendor, model, mode, modeText = "—", decoder.ModelMSR605X, "msr605x", l.Text(message.HIDModeMSR605X)
	}
	name := r.ProductName
	if name == "" {
		name = model
	}
	return app.Elem("dl").ID("hid-reader").Class("hid-reader").DataSet("mode", mode).Body(
		app.Elem("dt").Text(l.Text(message.HIDVendor)), app.Elem("dd").Text(vendor),
		app.Elem("dt").Text(l.Text(message.HIDProduct)), app.Elem("dd").Text(name),
		app.Elem("dt").Text(l.Text(message.HIDUSBID)), app.Elem("dd").Text(hexdigit.USBID(r.VendorID, r.ProductID)),
		app.Elem("dt").Text(l.Text(message.HIDMode)), app.Elem("dd").Text(modeText),
	)
}

// The words of a MagTek reader's interface types and track settings.
var (
	interfaceNames = []message.Key{message.HIDInterfaceHID, message.HIDInterfaceKeyboard,
		message.HIDInterfaceUART, message.HIDInterfaceBulleT}
	trackSettings = []message.Key{message.HIDTrackOff, message.HIDTrackOn,
		message.HIDTrackRequired, message.HIDTrackReserved} // by TrackSetting, the last for reserved values
)

// propertyInfo shows what a MagTek reader said about itself. What a track
// it turns off means for a swipe is the decoder's to say (track_disabled,
// from the properties DecodeHID is given).
func propertyInfo(p *webhid.MagTekProperties, l message.Lang) app.UI {
	value := func(name, text string) app.UI {
		if err := p.Failed[name]; err != nil {
			return app.Elem("dd").Class("hid-unread").DataSet("property", name).Title(err.Error()).Text(l.Text(message.HIDUnread))
		}
		return app.Elem("dd").DataSet("property", name).Text(text)
	}
	iface := l.Format(message.HIDInterfaceOther, p.InterfaceType)
	if int(p.InterfaceType) < len(interfaceNames) {
		iface = l.Text(interfaceNames[p.InterfaceType])
	}
	tracks, aamva := webhid.DecodeTrackIDEnable(p.TrackIDEnable)
	var setting []string
	if p.Failed[webhid.PropertyTrackEnable] == nil {
		for i, t := range tracks {
			setting = append(setting, l.Format(trackSettings[min(int(t), len(trackSettings)-1)], i+1))
		}
		if !aamva {
			setting = append(setting, l.Text(message.HIDNoAAMVA))
		}
	}
	return app.Elem("div").ID("hid-props").Class("hid-props").Body(
		app.Elem("dl").Class("hid-reader").Body(
			app.Elem("dt").Text(l.Text(message.HIDSoftwareID)), value(webhid.PropertySoftwareID, p.SoftwareID),
			app.Elem("dt").Text(l.Text(message.HIDSerial)), value(webhid.PropertySerial, p.SerialNumber),
			app.Elem("dt").Text(l.Text(message.HIDInterface)), value(webhid.PropertyInterface, iface),
			app.Elem("dt").Text(l.Text(message.HIDTracks)), value(webhid.PropertyTrackEnable, strings.Join(setting, l.Text(message.ListSeparator))),
		),
	)
}

// hidMessage explains err in l: a *device.Error by its code, with the
// browser's own words beside it, marked as English, for support.
func hidMessage(err error, l message.Lang) app.UI { return linkMessage(err, l, "hid-error") }

// linkMessage explains a failure of a reader's link in l, its code in the
// data attribute attr: a *device.Error, with the browser's own words beside
// it, marked as English, for support. A device that would not open lists
// the likely causes with their fix (decoder.Fixes), each under
// data-hid-reason or data-serial-reason by its link.
func linkMessage(err error, l message.Lang, attr string) app.HTMLElem {
	code, detail, reason := "", "", ""
	if e, ok := errors.AsType[*device.Error](err); ok {
		code, detail, reason = string(e.Code), e.Detail, string(e.Link)+"-reason"
	}
	body := []app.UI{app.Elem("p").Text(decoder.Explain(err).In(l))}
	if fixes := decoder.Fixes(err); len(fixes) > 0 {
		items := make([]app.UI, len(fixes))
		for i, f := range fixes {
			fix := []app.UI{app.Elem("p").Text(f.Words.In(l))}
			for _, c := range f.Commands {
				fix = append(fix, app.Elem("pre").Class("command").Body(app.Elem("code").Text(c)))
			}
			items[i] = app.Elem("li").DataSet(reason, f.Reason).Body(fix...)
		}
		body = append(body, app.Elem("ul").Class("fixes").Body(items...))
	}
	if detail != "" {
		body = append(body, browserSaid(detail, l).Class("hid-detail"))
	}
	return app.Elem("div").Class("hid-error").DataSet(attr, code).Aria("live", "polite").Body(body...)
}

// browserSaid shows what a browser API said, in the browser's own
// (English) words, marked as such: for a technician's notes or support.
func browserSaid(detail string, l message.Lang) app.HTMLElem {
	return app.Elem("p").Body(
		app.Text(l.Text(message.BrowserSaid)+" "),
		app.Elem("span").Lang("en").Text(detail),
	)
}
