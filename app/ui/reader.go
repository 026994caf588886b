package ui

import (
	"strconv"
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"magcheck/decoder"
	"magcheck/message"
)

// readerFacts shows what the reader said about itself with the swipe: a
// HID report, or an encrypting reader's keyboard record. Its keys come
// first when they are why a host refuses every swipe. The data-* attributes
// are the test hooks; the KSN and the serial number are no card data.
func readerFacts(r *decoder.ReaderInfo, l message.Lang) app.UI {
	if r == nil {
		return nil
	}
	enc := message.No
	if r.Encrypted {
		enc = message.Yes
	}
	facts := []struct {
		label        message.Key
		value, class string
	}{
		{message.HIDProduct, strings.TrimSpace(r.Vendor + " " + r.Model), ""},
		{message.FormatLabel, r.Format, "mono"},
		{message.EncryptedLabel, l.Text(enc), ""},
		{message.HIDSerial, r.Serial, "mono"},
		{message.KSNLabel, r.KSN, "mono"},
		{message.CounterLabel, strconv.Itoa(r.Counter), "mono"},
		{message.KeyStateLabel, decoder.KeyStateText(r.KeyState, l), "key-" + string(r.KeyState)},
	}
	var rows []app.UI
	for _, f := range facts {
		if f.value != "" && (f.label != message.CounterLabel || r.KSN != "") {
			rows = append(rows, row(l.Text(f.label), f.value, f.class))
		}
	}
	return app.Section().Class("panel", "reader-facts").
		DataSet("format", r.Format).
		DataSet("key-state", string(r.KeyState)).
		DataSet("ksn", r.KSN).
		Body(app.H2().Text(l.Text(message.ReaderLabel)), app.Dl().Body(rows...))
}
