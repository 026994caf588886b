package decoder

import (
	"strconv"

	"magcheck/message"
)

// FactView is one thing a View knows about the reader in use: its name
// for programs (vendor, ksn, prefix …), its label and its value in the
// View's language.
type FactView struct {
	Name  string `json:"name"`
	Label string `json:"label"`
	Value string `json:"value"`
}

var terminatorNames = []named[string]{
	{"\r", message.TerminatorEnter}, {"\n", message.TerminatorEnter}, {"\t", message.TerminatorTab},
	{"", message.TerminatorPause},
}

// readerFacts is what r says of the reader in use, in l: the device and
// its keys (from a HID report, an encrypting reader's record or a
// reader-writer), then its keyboard set-up (from reader text). The reader's
// serial number and KSN are not card data; a prefix or suffix that could
// be is shown by its length only.
func readerFacts(r *Report, l message.Lang) []FactView {
	type fact struct {
		name  string
		label message.Key
		value string
	}
	var facts []fact
	if ri := r.Reader; ri != nil {
		encrypted, counter := message.No, ""
		if ri.Encrypted {
			encrypted = message.Yes
		}
		if ri.KSN != "" {
			counter = strconv.Itoa(ri.Counter)
		}
		facts = append(facts,
			fact{"vendor", message.FactVendor, ri.Vendor},
			fact{"model", message.FactModel, ri.Model},
			fact{"format", message.FactFormat, ri.Format},
			fact{"serial", message.FactSerial, ri.Serial},
			fact{"firmware", message.FactFirmware, ri.Firmware},
			fact{"encrypted", message.FactEncrypted, l.Text(encrypted)},
			fact{"ksn", message.FactKSN, ri.KSN},
			fact{"dukpt_counter", message.FactCounter, counter})
		if ri.KeyState != KeyUnknown {
			facts = append(facts, fact{"key_state", message.FactKeyState, KeyStateText(ri.KeyState, l)})
		}
	}
	if s := r.Setup; s != nil {
		facts = append(facts,
			fact{"prefix", message.FactPrefix, setupString(s.Prefix, l)},
			fact{"suffix", message.FactSuffix, setupString(s.Suffix, l)})
		if s.Keys {
			facts = append(facts, fact{"terminator", message.FactTerminator, nameOf(terminatorNames, s.Terminator, l)})
		}
	}
	var out []FactView
	for _, f := range facts {
		if f.value != "" {
			out = append(out, FactView{f.name, l.Text(f.label), f.value})
		}
	}
	return out
}

// setupString shows a prefix or suffix: quoted, or by its length when it
// could hold card data, or "none".
func setupString(s string, l message.Lang) string {
	if s == "" {
		return l.Text(message.NoneWord)
	}
	return quoteList([]string{s}).In(l)
}
