package card

import (
	"strconv"
	"strings"
	"testing"

	"magcheck/internal/testvectors"
)

// seedTracks returns the tracks of every vector, as splitSwipe cuts them.
func seedTracks() [][3]string {
	var out [][3]string
	for _, v := range testvectors.All() {
		out = append(out, splitSwipe(v.Input))
	}
	return append(out,
		[3]string{"B4111 1111 1111 1111^DOE/JOHN.MR^^^12345", "4111111111111111==101", "014111111111111111=724978100000"},
		[3]string{"B5452********7189^DOE/JOHN^****101", "5452********7189=0804101", ""},
		[3]string{"B5912345678901234^840DOE/JOHN^2512101", "1234567890=4912", ""},
		[3]string{"MIABCDEFGHIJKLMDOE$JOHN^1 MAIN ST$APT 2^", "6044251234567=251219809908=", "01K1A 0B1    D               2600060BRNBLU"},
	)
}

// checkParse asserts what every track parser guarantees: a typed error
// inside the data, fields in order, a digits-only PAN, and field text that
// gives back the parsed values.
func checkParse(t *testing.T, track int, data string, err error, pan string, fields []Field, e Expiry, sc ServiceCode) {
	t.Helper()
	if err != nil {
		fe, ok := err.(*FormatError)
		if !ok || fe.Track != track || fe.Pos < 0 || fe.Pos > len(data) || fe.Reason == "" {
			t.Fatalf("error %#v for %q", err, data)
		}
	}
	checkFields(t, fields, len(data))
	if !allDigits(pan) {
		t.Fatalf("PAN %q is not all digits", pan)
	}
	for _, f := range fields {
		v := data[f.Start:f.End]
		switch {
		case f.Name == "pan" && pan != "":
			v = strings.NewReplacer(" ", "", "*", "0").Replace(v)
			if v != pan {
				t.Fatalf("pan field %q gives %q", v, pan)
			}
		case f.Name == "expiry" && e.Raw != "" && v != e.Raw:
			t.Fatalf("expiry field %q gives %q", v, e.Raw)
		case f.Name == "service_code" && sc != "" && v != string(sc):
			t.Fatalf("service_code field %q gives %q", v, sc)
		}
	}
	if e.Raw != "" && (len(e.Raw) != 4 || e.String() == "" || e.Year < 2000 || e.Year > 2099) {
		t.Fatalf("expiry %+v", e)
	}
	if sc != "" && !sc.Valid() {
		t.Fatalf("service code %q not valid", sc)
	}
}

// checkCleanPAN asserts that data read without error has a PAN of 1–19 digits.
func checkCleanPAN(t *testing.T, err error, pan string) {
	t.Helper()
	if err == nil && (pan == "" || len(pan) > 19) {
		t.Fatalf("no error for PAN %q", pan)
	}
}

func FuzzParseTrack1(f *testing.F) {
	for _, tr := range seedTracks() {
		f.Add(tr[0])
	}
	f.Add("*4266********9999^BUSH JR/GEORGE W.MR^*******************************") // ID TECH SecureMag masked track 1: * for the format code, the hidden PAN digits and all after the name
	f.Fuzz(func(t *testing.T, data string) {
		tr, err := ParseTrack1(data)
		checkParse(t, 1, data, err, tr.PAN, tr.Fields, tr.Expiry, tr.ServiceCode)
		checkCleanPAN(t, err, tr.PAN)
	})
}

func FuzzParseTrack2(f *testing.F) {
	for _, tr := range seedTracks() {
		f.Add(tr[1])
	}
	f.Fuzz(func(t *testing.T, data string) {
		tr, err := ParseTrack2(data)
		checkParse(t, 2, data, err, tr.PAN, tr.Fields, tr.Expiry, tr.ServiceCode)
		checkCleanPAN(t, err, tr.PAN)
		// Round trip through EMV tag 57: the same track in hex parses the same.
		if !strings.Contains(data, "=") || strings.Trim(data, "0123456789=") != "" || len(data) > 500 {
			return
		}
		hex := strings.ReplaceAll(data, "=", "D")
		if len(hex)%2 == 1 {
			hex += "F"
		}
		n := strconv.FormatInt(int64(len(hex)/2), 16)
		hex = "57" + strings.Repeat("0", 2-len(n)) + n + hex
		emv, emvErr := ParseEMVTrack2(hex)
		if (err == nil) != (emvErr == nil) || emv.PAN != tr.PAN || emv.Expiry != tr.Expiry ||
			emv.ServiceCode != tr.ServiceCode || emv.Discretionary != tr.Discretionary {
			t.Fatalf("track 2 %q: %+v, %v; as EMV %q: %+v, %v", data, tr, err, hex, emv, emvErr)
		}
	})
}

func FuzzParseTrack3(f *testing.F) {
	for _, tr := range seedTracks() {
		f.Add(tr[2])
	}
	f.Fuzz(func(t *testing.T, data string) {
		tr, err := ParseTrack3(data)
		checkParse(t, 3, data, err, tr.PAN, tr.Fields, Expiry{}, "")
		if tr.Raw != "" && !strings.HasSuffix(data, tr.Raw) {
			t.Fatalf("Raw %q is not the end of %q", tr.Raw, data)
		}
	})
}

func FuzzParseEMVTrack2(f *testing.F) {
	for _, s := range []string{"57 0f 47 61 73 90 01 01 00 10 d2 51 22 01 00 00 0f", "4761739001010010D251220100000F",
		"57094111D2512", "4111A11D2512", "", "57 00", "5413330089020011D2512201"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, hex string) {
		tr, err := ParseEMVTrack2(hex)
		// Offsets refer to the hex text, so only their order and range are checked.
		checkParse(t, 2, hex, err, tr.PAN, nil, tr.Expiry, tr.ServiceCode)
		checkFields(t, tr.Fields, len(hex))
		checkCleanPAN(t, err, tr.PAN)
	})
}

func FuzzFromTracks(f *testing.F) {
	for _, tr := range seedTracks() {
		f.Add(tr[0], tr[1], tr[2])
	}
	// Payment cards gone wrong: a number alone, 12 digits, month 13 or 00.
	f.Add("", "4111111111111112", "")
	f.Add("B4111111111111112^DOE/JOHN", "", "")
	f.Add("", "411111111111=3013101", "")
	f.Add("", "7012345678901234=3000", "")
	f.Fuzz(func(t *testing.T, t1, t2, t3 string) {
		c := FromTracks(t1, t2, t3)
		none := read(t1) == "" && read(t2) == "" && read(t3) == ""
		if (c == nil) != none {
			t.Fatalf("FromTracks(%q, %q, %q) = %v", t1, t2, t3, c)
		}
		if c == nil {
			return
		}
		checkCard(t, c, [3]string{t1, t2, t3})
		// Only a private format or service code makes a payment card
		// gone wrong a gift or private card.
		goneWrong := c.Expiry.impossible() || c.Expiry.Raw == "" && c.paymentNumber()
		privateFormat := c.Track1 != nil && !c.Track1.bank() || c.ServiceCode.Interchange() == Private
		if goneWrong && (c.Kind == KindGift || c.Kind == KindPrivate && !privateFormat) {
			t.Fatalf("FromTracks(%q, %q, %q): kind %s for expiry %q, PAN %d digits of %s", t1, t2, t3, c.Kind, c.Expiry.Raw, len(c.PAN), c.Brand)
		}
	})
}

func FuzzParseAAMVA(f *testing.F) {
	for _, tr := range seedTracks() {
		f.Add(tr[0], tr[1], tr[2])
	}
	f.Fuzz(func(t *testing.T, t1, t2, t3 string) {
		l, sc, err := parseAAMVA(t1, t2, t3)
		if l == nil || t1 == "" && t2 == "" && t3 == "" && err == nil {
			t.Fatalf("ParseAAMVA(%q, %q, %q) = %v, %v", t1, t2, t3, l, err)
		}
		for i, data := range [3]string{t1, t2, t3} {
			if s := sc[i]; s != nil {
				checkFields(t, s.fields, len(data))
				if s.err != nil && (s.err.Track != i+1 || s.err.Pos < 0 || s.err.Pos > len(data)) {
					t.Fatalf("error %v in track %d %q", s.err, i+1, data)
				}
			}
		}
		if b := l.BirthDate; b != "" && (len(b) != 10 || b[4] != '-' || b[7] != '-') {
			t.Fatalf("birth date %q", b)
		}
		if l.IIN != "" && (len(l.IIN) != 6 || !allDigits(l.IIN)) {
			t.Fatalf("IIN %q", l.IIN)
		}
	})
}
