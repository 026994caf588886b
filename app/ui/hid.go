package ui

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"magcheck/decoder"
	"magcheck/webhid"
)

// HIDPanel connects a MagTek or ID TECH reader in HID mode through WebHID
// and hands each decoded swipe to OnReport; the Page shows it like any
// other. A report it cannot decode is shown here as hex with its length.
// Card data is held only in the report handed on, and in the hex of an
// undecodable report until the next report, a disconnect or a new
// Generation.
type HIDPanel struct {
	app.Compo

	Lang     decoder.Lang
	OnReport func(ctx app.Context, r *decoder.Report)
	// Generation is bumped by the page when it clears: the panel then drops
	// the hex of an undecodable report.
	Generation int

	gen         int                      // the Generation last seen
	unsupported error                    // why WebHID is missing; nil when present
	reader      *webhid.Reader           // the open reader, nil when none
	props       *webhid.MagTekProperties // what an open MagTek reader said about itself
	err         error                    // the last failure, shown until the next attempt
	bad         *badReport
	stopConnect func()
}

// propertyTimeout bounds each feature-report exchange, so a reader that never
// answers leaves its properties unread instead of pending.
const propertyTimeout = 3 * time.Second

// badReport is an input report Parse refused.
// maxHexShown bounds the bytes of an undecodable report shown as hex: the
// start is what a vendor's support needs, and a huge report must not
// swamp the page.
const maxHexShown = 1024

type badReport struct {
	n        int
	hex, why string
}

// OnMount checks for WebHID, reopens a reader granted earlier and watches
// for granted readers being plugged in.
func (h *HIDPanel) OnMount(ctx app.Context) {
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

// OnUpdate drops the undecodable report's hex when the page has cleared.
func (h *HIDPanel) OnUpdate(app.Context) {
	if h.Generation != h.gen {
		h.gen, h.bad = h.Generation, nil
	}
}

// OnDismount closes the reader and stops watching.
func (h *HIDPanel) OnDismount() {
	if h.stopConnect != nil {
		h.stopConnect()
	}
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
		h.reader, h.props, h.bad = nil, nil, nil
	}
	h.err = err
}

// received decodes one input report from r.
func (h *HIDPanel) received(ctx app.Context, r *webhid.Reader, id byte, data []byte) {
	rep, err := webhid.Parse(r.Device, id, data)
	if err != nil {
		hex := webhid.Hex(data[:min(len(data), maxHexShown)])
		if len(data) > maxHexShown {
			hex += " …"
		}
		h.bad = &badReport{n: len(data), hex: hex, why: err.Error()}
		clear(data)
		return
	}
	h.bad = nil
	r2 := decoder.DecodeHID(rep, decoder.Options{})
	// The raw report holds clear card data: zero it now rather than leave
	// it in freed memory until the garbage collector reuses it.
	clear(data)
	clear(rep.Raw)
	if h.OnReport != nil {
		h.OnReport(ctx, r2)
	}
}

// Render shows the connect button, the reader, the last failure and the
// keyboard-mode note.
func (h *HIDPanel) Render() app.UI {
	l := hidLabelsFor(h.Lang)
	state := "idle"
	switch {
	case h.unsupported != nil:
		state = "unsupported"
	case h.reader != nil:
		state = "connected"
	case h.err != nil:
		state = "error"
	}
	return app.Section().ID("hid").Class("panel", "hid").DataSet("hid-state", state).Body(
		app.H2().Text(l.title),
		app.If(h.unsupported != nil, func() app.UI {
			return hidMessage(h.unsupported, l)
		}).Else(func() app.UI {
			return app.Button().Type("button").ID("hidbtn").Class("btn").Text(l.connect).OnClick(h.connect)
		}),
		app.If(h.reader != nil, func() app.UI { return readerInfo(h.reader, l) }),
		app.If(h.props != nil, func() app.UI { return propertyInfo(h.props, l) }),
		app.If(h.err != nil, func() app.UI { return hidMessage(h.err, l) }),
		app.If(h.bad != nil, func() app.UI {
			return app.Div().Class("hid-bad").DataSet("length", h.bad.n).Body(
				app.P().Text(fmt.Sprintf(l.badReport, h.bad.n)),
				app.P().Class("hid-why").Text(h.bad.why),
				app.Pre().ID("hid-hex").Class("hid-hex").Text(h.bad.hex),
			)
		}),
		app.P().Class("hid-note").Text(l.keyboardMode),
	)
}

func readerInfo(r *webhid.Reader, l *hidLabels) app.UI {
	vendor, model, mode := webhid.Describe(r.VendorID, r.ProductID)
	name := r.ProductName
	if name == "" {
		name = model
	}
	return app.Dl().ID("hid-reader").Class("hid-reader").DataSet("mode", mode).Body(
		app.Dt().Text(l.vendor), app.Dd().Text(vendor),
		app.Dt().Text(l.product), app.Dd().Text(name),
		app.Dt().Text(l.pid), app.Dd().Text(fmt.Sprintf("%04X:%04X", r.VendorID, r.ProductID)),
		app.Dt().Text(l.mode), app.Dd().Text(l.modes.get(mode)),
	)
}

// propertyInfo shows what a MagTek reader said about itself; a track the
// reader's set-up disables is a cause of failed swipes, so it is said plainly.
func propertyInfo(p *webhid.MagTekProperties, l *hidLabels) app.UI {
	value := func(name, text string) app.UI {
		if err := p.Failed[name]; err != nil {
			return app.Dd().Class("hid-unread").DataSet("property", name).Title(err.Error()).Text(l.unread)
		}
		return app.Dd().DataSet("property", name).Text(text)
	}
	iface := fmt.Sprintf(l.interfaceOther, p.InterfaceType)
	if int(p.InterfaceType) < len(l.interfaces) {
		iface = l.interfaces[p.InterfaceType]
	}
	tracks, aamva := webhid.DecodeTrackIDEnable(p.TrackIDEnable)
	var setting []string
	var warnings []app.UI
	if p.Failed[webhid.PropertyTrackEnable] == nil {
		for i, t := range tracks {
			setting = append(setting, fmt.Sprintf(l.trackSetting[min(int(t), len(l.trackSetting)-1)], i+1))
			if t == webhid.TrackDisabled {
				warnings = append(warnings, app.P().Class("hid-warn").DataSet("track-disabled", i+1).
					Text(fmt.Sprintf(l.trackDisabled, i+1)))
			}
		}
		if !aamva {
			setting = append(setting, l.noAAMVA)
		}
	}
	return app.Div().ID("hid-props").Class("hid-props").Body(
		app.Dl().Class("hid-reader").Body(
			app.Dt().Text(l.softwareID), value(webhid.PropertySoftwareID, p.SoftwareID),
			app.Dt().Text(l.serial), value(webhid.PropertySerial, p.SerialNumber),
			app.Dt().Text(l.iface), value(webhid.PropertyInterface, iface),
			app.Dt().Text(l.tracks), value(webhid.PropertyTrackEnable, strings.Join(setting, ", ")),
		),
		app.Range(warnings).Slice(func(i int) app.UI { return warnings[i] }),
	)
}

// hidMessage explains err: a *webhid.Error by its code, anything else as is.
func hidMessage(err error, l *hidLabels) app.UI {
	code, text, detail := "", err.Error(), ""
	if we, ok := errors.AsType[*webhid.Error](err); ok {
		code, detail = string(we.Code), we.Detail
		if t, ok := l.errors.find(we.Code); ok {
			text = t
		}
	}
	return app.Div().Class("hid-error").DataSet("hid-error", code).Aria("live", "polite").Body(
		app.P().Text(text),
		app.If(detail != "", func() app.UI { return app.P().Class("hid-detail").Text(detail) }),
	)
}

// hidLabels are the HID panel's words in one language.
type hidLabels struct {
	title, connect             string
	vendor, product, pid, mode string
	modes                      words[string]
	errors                     words[webhid.ErrorCode]
	badReport, keyboardMode    string

	// MagTek properties
	softwareID, serial, iface, tracks string
	unread                            string
	interfaces                        []string // by interface type
	interfaceOther                    string   // %d: an unknown interface type
	trackSetting                      []string // %d: the track; by TrackSetting, the last for reserved values
	trackDisabled, noAAMVA            string
}

func hidLabelsFor(l decoder.Lang) *hidLabels {
	if l == decoder.Chinese {
		return &hidLabelsZH
	}
	return &hidLabelsEN
}

var hidLabelsEN = hidLabels{
	title:   "HID readers (MagTek, ID TECH)",
	connect: "Connect a HID reader",
	vendor:  "Vendor", product: "Product", pid: "USB ID", mode: "Mode",
	modes: words[string]{
		{webhid.ModeHID, "HID: reports decoded here"},
		{webhid.ModeKeyboard, "keyboard: swipe without connecting"},
		{webhid.ModeUnsupported, "not supported by magcheck"},
		{"", "unknown model"},
	},
	errors: words[webhid.ErrorCode]{
		{webhid.CodeNoWebHID, "This browser cannot talk to HID readers (WebHID). Use Chrome or Edge on a desktop computer; Firefox, Safari and Android browsers do not offer it. Readers in keyboard mode still work here without connecting."},
		{webhid.CodeInsecure, "HID readers can only be used when the page is opened over HTTPS or from localhost. Open magcheck from its HTTPS address or from the local copy."},
		{webhid.CodeCancelled, "No reader was chosen. If your reader is not in the list, it is probably in keyboard mode: just swipe a card, no connection is needed."},
		{webhid.CodeDenied, "The browser refused access to the reader. Click the button again and choose the reader; check that no browser policy blocks HID devices."},
		{webhid.CodeOpenFailed, "The reader could not be opened. Close other programs that use it (the POS software, another tab), unplug and replug it, and try again. On Linux the reader needs a udev rule giving your user access."},
		{webhid.CodeUnplugged, "The reader was unplugged. Plug it back in; a reader granted before reconnects by itself, otherwise click Connect again. Swipe the card again: a swipe in progress was lost."},
		{webhid.CodeFeatureFailed, "The reader's settings could not be read. Swipes still work."},
	},
	badReport:    "The reader sent a report magcheck cannot decode (%d bytes). Its bytes, for the vendor's support:",
	keyboardMode: "A reader in keyboard mode types its data and does not appear in the browser's list: just swipe a card. To use HID mode, switch the reader with the vendor's configuration utility (MagTek: set the interface type to HID; ID TECH: select USB HID in its configuration tool), then reconnect it.",

	softwareID: "Software", serial: "Serial number", iface: "Interface", tracks: "Tracks",
	unread: "could not be read",
	interfaces: []string{"HID", "keyboard (from the next reset: the reader will type swipes)",
		"UART (iDynamo)", "BulleT (Bluetooth)"},
	interfaceOther: "type %d",
	trackSetting:   []string{"track %d off", "track %d on", "track %d required", "track %d: reserved value"},
	trackDisabled:  "Track %d disabled in the reader: it will not send this track from any card. If the POS needs it, enable it with MagTek's configuration utility.",
	noAAMVA:        "AAMVA and 7-bit cards not decoded",
}

var hidLabelsZH = hidLabels{
	title:   "HID 读卡器（MagTek、ID TECH）",
	connect: "连接 HID 读卡器",
	vendor:  "厂商", product: "产品", pid: "USB ID", mode: "模式",
	modes: words[string]{
		{webhid.ModeHID, "HID：报告在此解码"},
		{webhid.ModeKeyboard, "键盘：无需连接，直接刷卡"},
		{webhid.ModeUnsupported, "magcheck 不支持"},
		{"", "未知型号"},
	},
	errors: words[webhid.ErrorCode]{
		{webhid.CodeNoWebHID, "此浏览器无法与 HID 读卡器通信（不支持 WebHID）。请在电脑上使用 Chrome 或 Edge；Firefox、Safari 和安卓浏览器不支持。键盘模式的读卡器无需连接，仍可在此使用。"},
		{webhid.CodeInsecure, "只有通过 HTTPS 或 localhost 打开本页时才能使用 HID 读卡器。请从 magcheck 的 HTTPS 地址或本地副本打开。"},
		{webhid.CodeCancelled, "未选择读卡器。如果列表中没有您的读卡器，它多半处于键盘模式：直接刷卡即可，无需连接。"},
		{webhid.CodeDenied, "浏览器拒绝访问读卡器。请再次点击按钮并选择读卡器；并确认没有浏览器策略禁止 HID 设备。"},
		{webhid.CodeOpenFailed, "无法打开读卡器。请关闭正在使用它的其他程序（收银软件、其他标签页），拔下后重新插入再试。在 Linux 上需要 udev 规则授予当前用户访问权限。"},
		{webhid.CodeUnplugged, "读卡器已拔出。请重新插入；之前授权过的读卡器会自动重连，否则请再次点击连接。请重新刷卡：进行中的刷卡已丢失。"},
		{webhid.CodeFeatureFailed, "无法读取读卡器的设置。刷卡不受影响。"},
	},
	badReport:    "读卡器发送了 magcheck 无法解码的报告（%d 字节）。以下字节可提供给厂商技术支持：",
	keyboardMode: "键盘模式的读卡器会直接输入数据，不会出现在浏览器的设备列表中：直接刷卡即可。如需 HID 模式，请用厂商的配置工具切换（MagTek：将接口类型设为 HID；ID TECH：在配置工具中选择 USB HID），然后重新连接。",

	softwareID: "软件", serial: "序列号", iface: "接口", tracks: "磁道",
	unread: "无法读取",
	interfaces: []string{"HID", "键盘（下次复位后生效：读卡器将以键盘方式输入）",
		"UART（iDynamo）", "BulleT（蓝牙）"},
	interfaceOther: "类型 %d",
	trackSetting:   []string{"磁道 %d 关闭", "磁道 %d 开启", "磁道 %d 必需", "磁道 %d：保留值"},
	trackDisabled:  "读卡器设置中禁用了磁道 %d：任何卡的该磁道都不会发送。如果收银系统需要它，请用 MagTek 配置工具启用。",
	noAAMVA:        "不解码 AAMVA 和 7 位卡",
}
