package card

import (
	"reflect"
	"testing"

	"magcheck/internal/testvectors"
)

// cardWant is what FromTracks must give for a vector. kind "" means nil.
type cardWant struct {
	kind       Kind
	brand      Brand
	pan        string
	luhn       bool
	masked     bool
	formatCode byte
	name       Name
	expiry     string
	sc         ServiceCode
	disc       string
	mismatch   []string
	errTracks  []int    // Track of each FormatError, in order
	licence    *Licence // AAMVA only
	id1        string   // Track1.PAN when track 1 is not format B (an ID number)
	t3         *Track3  // FormatCode, PAN and Raw
}

// notTrackText lists the vectors whose track data cannot be taken from the
// input as it stands.
var notTrackText = map[string]string{
	"jq-issue25-turkish-layout":   "typed through a Turkish layout: the wedge package must map the keys back first",
	"jq-issue25-turkish-capslock": "Turkish layout and Caps Lock: the wedge package must map the keys back first",
	"rs-raw-track2-inverted":      "a raw bit stream: decoded by the iso7811 package, not track text",
	"rs-raw-all-zeros":            "a raw bit stream with no transitions: not track text",
}

var (
	janeDoe  = Name{Surname: "DOE", First: "JANE", Raw: "DOE/JANE"}
	hogan    = Name{Surname: "HOGAN", First: "PAUL", Raw: "HOGAN/PAUL      "}
	msjsJohn = Name{Surname: "DOE", First: "JOHN", Raw: "DOE/JOHN "}
	caJohn   = Name{Surname: "DOE", First: "JOHN MIDDLE", Raw: "DOE$JOHN$MIDDLE"}
	caLic    = Licence{State: "CA", City: "HUNTINGTN BC", Name: "JOHN MIDDLE DOE", Address: "1234 MAPLE DR",
		Number: "781234567", IIN: "123456", BirthDate: "1993-12-23"}
	txLic = Licence{State: "TX", City: "AUSTIN", Name: "JOHN DOE", Address: "12345 SHERBOURNE ST",
		Number: "38774194", IIN: "636015", Expiry: Expiry{2015, 8, "1508"}, BirthDate: "1981-01-01",
		PostalCode: "78729", Class: "C", Sex: "M", Height: "505", Weight: "130", Hair: "BLK", Eyes: "BLK"}
	flLic = Licence{State: "FL", City: "DELRAY BEACH", Name: "JOHN DOE", Address: "4818 S FEDERAL BLVD",
		Number: "D621720820090", IIN: "636010", Expiry: Expiry{2021, 1, "2101"}, BirthDate: "1987-01-01",
		PostalCode: "33435", Class: "I", Sex: "M", Height: "600"}
)

func with(l Licence, f func(*Licence)) *Licence {
	f(&l)
	return &l
}

var vectorWants = map[string]cardWant{
	// Format B, but 0000 is no expiry and 000 no service code; 65… fails Luhn.
	"jq-readme-private-id": {kind: KindPrivate, brand: BrandDiscover, pan: "6543210000000000", formatCode: 'B',
		name: Name{Surname: "DOE", First: "JOHN", Raw: "DOE/JOHN                  "}, expiry: "2000-00", sc: "000",
		disc: "000000000000ABC123456789"},
	"jq-generic-short": {kind: KindPrivate, brand: BrandDiscover, pan: "654321", formatCode: 'B',
		name: Name{Surname: "DOE", First: "JOHN", Raw: "DOE/JOHN"}},
	"jq-track2-only-student-id": {kind: KindPrivate, brand: BrandUnknown, pan: "0090073029910"},
	"jq-generic-homer-lf": {kind: KindPrivate, brand: BrandRuPay, pan: "6009050000000000", formatCode: 'B',
		name: Name{Surname: "SIMPSON", First: "HOMER J", Raw: "SIMPSON/HOMER J           "}, expiry: "2000-00", sc: "000",
		disc: "X11111111100000000000000"},
	"jq-visa-t1": {kind: KindPayment, brand: BrandVisa, pan: "4111111111111111", luhn: true, formatCode: 'B',
		name: janeDoe, expiry: "2018-05", sc: "101", disc: "000000000000000503000000"},
	"jq-visa-honorific-pan-mismatch": {kind: KindPayment, brand: BrandVisa, pan: "4123456789012349", luhn: true, formatCode: 'B',
		name:   Name{Surname: "PERSON", First: "RANDOM", Title: "MR", Raw: "PERSON/RANDOM.MR                "},
		expiry: "2018-11", sc: "201", disc: "9420244000001  199      ", mismatch: []string{"pan"}},
	"jq-mastercard-honorific": {kind: KindPayment, brand: BrandMastercard, pan: "5555555555554444", luhn: true, formatCode: 'B',
		name: Name{Surname: "DOE", First: "JANE", Title: "MS", Raw: "DOE/JANE.MS"}, expiry: "2018-05", sc: "101",
		disc: "000000000000000503000000"},
	"jq-discover": {kind: KindPayment, brand: BrandDiscover, pan: "6011111111111117", luhn: true, formatCode: 'B',
		name: janeDoe, expiry: "2018-05", sc: "101", disc: "000000000000000503000000"},
	"jq-amex": {kind: KindPayment, brand: BrandAmex, pan: "378282246310005", luhn: true, formatCode: 'B',
		name: janeDoe, expiry: "2018-05", sc: "101", disc: "000000000000000503000000"},
	"jq-failure-fragment": {kind: KindUnknown, brand: BrandUnknown, formatCode: 'B', errTracks: []int{1}},
	"jq-issue30-digit-format-code": {kind: KindPrivate, brand: BrandUnknown, pan: "987654321",
		name: Name{Surname: "SMITH", First: "MIKE", Raw: "SMITH/MIKE"}, errTracks: []int{1}, id1: "1034567"},
	"jq-issue30-placeholder": {kind: KindPrivate, brand: BrandUnionPay, pan: "62772061397873", errTracks: []int{1},
		id1: "62772061397873"},
	"jq-issue27-custom-badge": {kind: KindPrivate, brand: BrandUnknown, pan: "01234", name: Name{Raw: "JOHN DOE"},
		errTracks: []int{1}, id1: "01234"},
	"scriptel-prefix-composed": {kind: KindPayment, brand: BrandVisa, pan: "4111111111111111", luhn: true, formatCode: 'B',
		name: janeDoe, expiry: "2018-05", sc: "101", disc: "000000000000000503000000"},
	// A synthetic PAN: 1… is UATP, whose numbers have 15 digits.
	"msjs-credit-chip": {kind: KindUnknown, brand: BrandUATP, pan: "1234567812345678", formatCode: 'B',
		name: msjsJohn, expiry: "2023-11", sc: "201", disc: "107631100000000580000000"},
	"msjs-credit-expired": {kind: KindUnknown, brand: BrandUATP, pan: "1234567812345678", formatCode: 'B',
		name: msjsJohn, expiry: "2018-11", sc: "201", disc: "107631100000000580000000"},
	"msjs-aamva-ca": {kind: KindAAMVA, brand: BrandUnknown, name: caJohn, expiry: "2021-12", errTracks: []int{3},
		licence: with(caLic, func(l *Licence) { l.Expiry = Expiry{2021, 12, "2112"} })},
	"msjs-aamva-ca-expired": {kind: KindAAMVA, brand: BrandUnknown, name: caJohn, expiry: "2018-12", errTracks: []int{3},
		licence: with(caLic, func(l *Licence) { l.Expiry = Expiry{2018, 12, "1812"} })},
	"msjs-error-both-tracks": {},
	"msjs-truncated-card": {kind: KindUnknown, brand: BrandUATP, pan: "1234567812345678", formatCode: 'B',
		name: msjsJohn, errTracks: []int{1}},
	"msjs-truncated-aamva": {kind: KindAAMVA, brand: BrandUnknown, name: caJohn,
		licence: &Licence{State: "CA", City: "HUNTINGTN BC", Name: "JOHN MIDDLE DOE"}},
	"msjs-garbage": {},
	"msjs-empty":   {},
	// MagTek's test card: Mastercard IIN, fails Luhn, service code 321 (3 unassigned).
	"magtek-v5-ex4-three-tracks": {kind: KindUnknown, brand: BrandMastercard, pan: "5452300551227189", formatCode: 'B',
		name: hogan, expiry: "2008-04", sc: "321", disc: "0000000725000000",
		t3: &Track3{PAN: "5163499080020445", Raw: "000000000000"}},
	"magtek-v5-ex5-masked-t2": {kind: KindPayment, brand: BrandMastercard, pan: "5452000000007189", luhn: true,
		masked: true, expiry: "2008-04"},
	"magtek-t1-error-t2-ok-composed": {kind: KindUnknown, brand: BrandMastercard, pan: "5452300551227189",
		expiry: "2008-04", sc: "321", disc: "00000007250"},
	"elo-t2-error":         {},
	"sim-t2-t3-error":      {},
	"sim-partial-composed": {kind: KindPrivate, brand: BrandUnknown, pan: "910012345", errTracks: []int{1}, id1: "910012345"},
	"sim-complete-composed": {kind: KindPrivate, brand: BrandRuPay, pan: "6085719100260423", expiry: "2049-12", sc: "120",
		disc: "00000", errTracks: []int{1}, id1: "910012345"},
	"pyaamva-tx":                 {kind: KindAAMVA, brand: BrandUnknown, name: Name{Surname: "DOE", First: "JOHN", Raw: "DOE$JOHN"}, expiry: "2015-08", licence: &txLic},
	"aamvajs-tx-trailing-spaces": {kind: KindAAMVA, brand: BrandUnknown, name: Name{Surname: "DOE", First: "JOHN", Raw: "DOE$JOHN"}, expiry: "2015-08", licence: &txLic},
	"aamvajs-fl-dob99": {kind: KindAAMVA, brand: BrandUnknown, name: Name{Surname: "DOE", First: "JOHN", Raw: "DOE$JOHN$"},
		expiry: "2021-01", licence: with(flLic, func(l *Licence) { l.BirthDate = "1987-01-08" })},
	"pyaamva-fl": {kind: KindAAMVA, brand: BrandUnknown, name: Name{Surname: "DOE", First: "JOHN", Raw: "DOE$JOHN$"},
		expiry: "2021-01", licence: &flLic},
	"pyaamva-fl2-no-t3-es": {kind: KindAAMVA, brand: BrandUnknown, name: Name{Surname: "JURKOV", First: "ROMAN", Raw: "JURKOV$ROMAN$"},
		expiry: "2021-01", licence: with(flLic, func(l *Licence) { l.Name, l.Address = "ROMAN JURKOV", "4818 N CLASSICAL BLVD" })},
	// Track 1 stops after the name: expiry and service code come from track 2.
	"chromis-t1-without-date": {kind: KindUnknown, brand: BrandUATP, pan: "1111222233334444", luhn: true, formatCode: 'B',
		name: Name{Surname: "PUBLIC", First: "JOHN", Raw: "PUBLIC/JOHN"}, expiry: "2099-12", sc: "101", disc: "0000000000000"},
	"acmetech-lowercase-name": {kind: KindUnknown, brand: BrandUATP, pan: "1234123412341234", formatCode: 'B',
		name: Name{Surname: "CardUser", First: "John", Raw: "CardUser/John"}, expiry: "2003-05", sc: "101",
		disc: "00000019301000000877000000", errTracks: []int{1}},
	"acmetech-track2-no-ss": {kind: KindUnknown, brand: BrandUATP, pan: "1234123412341234", expiry: "2003-05", sc: "101",
		disc: "193010877"},
	"dukptnet-nul-padding": {kind: KindUnknown, brand: BrandMastercard, pan: "5452300551227189", formatCode: 'B',
		name: hogan, expiry: "2008-04", sc: "321", disc: "0000000725000000"},
	"testcard-maestro-19digit": {kind: KindPayment, brand: BrandMaestro, pan: "6799990200000001114", luhn: true,
		expiry: "2018-08", sc: "101"},
	"testcard-visa": {kind: KindPayment, brand: BrandVisa, pan: "4761739001010010", luhn: true, expiry: "2018-08", sc: "101"},
}

func TestVectors(t *testing.T) {
	for _, v := range testvectors.All() {
		t.Run(v.ID, func(t *testing.T) {
			if why, ok := notTrackText[v.ID]; ok {
				t.Skip(why)
			}
			w, ok := vectorWants[v.ID]
			if !ok {
				t.Fatalf("no expectation for vector %s: add one, or a reason to notTrackText", v.ID)
			}
			tr := splitSwipe(v.Input)
			c := FromTracks(tr[0], tr[1], tr[2])
			if w.kind == "" {
				if c != nil {
					t.Fatalf("FromTracks = %+v, want nil", c)
				}
				return
			}
			if c == nil {
				t.Fatal("FromTracks = nil")
			}
			checkCard(t, c, tr)
			var errTracks []int
			for _, e := range c.Errors {
				errTracks = append(errTracks, e.Track)
			}
			got := cardWant{kind: c.Kind, brand: c.Brand, pan: c.PAN, luhn: c.Luhn, masked: c.Masked,
				formatCode: c.FormatCode, name: c.Name, expiry: c.Expiry.String(), sc: c.ServiceCode,
				disc: c.Discretionary, mismatch: c.Mismatch, errTracks: errTracks, licence: c.Licence}
			if c.Track1 != nil && !c.Track1.bank() && c.Kind != KindAAMVA {
				got.id1 = c.Track1.PAN
			}
			if w.t3 != nil && c.Track3 != nil {
				got.t3 = &Track3{FormatCode: c.Track3.FormatCode, PAN: c.Track3.PAN, Raw: c.Track3.Raw}
			}
			if !reflect.DeepEqual(got, w) {
				t.Errorf("FromTracks(%q)\n got %+v\nwant %+v", tr, got, w)
				if got.licence != nil && w.licence != nil {
					t.Errorf("licence\n got %+v\nwant %+v", *got.licence, *w.licence)
				}
			}
		})
	}
}

// TestVectorsCovered makes sure every expectation and every reason in
// notTrackText names a vector.
func TestVectorsCovered(t *testing.T) {
	for id := range vectorWants {
		if _, ok := testvectors.Lookup(id); !ok {
			t.Errorf("expectation for unknown vector %s", id)
		}
	}
	for id := range notTrackText {
		if _, ok := testvectors.Lookup(id); !ok {
			t.Errorf("notTrackText names unknown vector %s", id)
		}
	}
}

// checkCard asserts what must hold for any card: fields inside their track
// and in order, a digits-only PAN, and values from the known sets.
func checkCard(t testing.TB, c *Card, tr [3]string) {
	t.Helper()
	if !allDigits(c.PAN) {
		t.Errorf("PAN %q holds a non-digit", c.PAN)
	}
	if c.Luhn != Luhn(c.PAN) {
		t.Errorf("Luhn = %v for %q", c.Luhn, c.PAN)
	}
	if b, ok := BrandOf(c.PAN); c.Kind != KindAAMVA && (b != c.Brand || ok != c.PANLengthOK) {
		t.Errorf("Brand %s/%v, BrandOf says %s/%v", c.Brand, c.PANLengthOK, b, ok)
	}
	switch c.Kind {
	case KindPayment, KindAAMVA, KindGift, KindPrivate, KindTest, KindUnknown:
	default:
		t.Errorf("Kind %q", c.Kind)
	}
	if (c.Kind == KindAAMVA) != (c.Licence != nil) {
		t.Errorf("Kind %s with Licence %v", c.Kind, c.Licence)
	}
	for _, m := range c.Mismatch {
		if m != "pan" && m != "expiry" && m != "service_code" {
			t.Errorf("Mismatch %q", m)
		}
	}
	for _, e := range c.Errors {
		if e == nil || e.Track < 1 || e.Track > 3 || e.Pos < 0 || e.Pos > len(tr[e.Track-1]) {
			t.Errorf("error %v out of range", e)
		}
	}
	if c.Track1 != nil {
		checkFields(t, c.Track1.Fields, len(tr[0]))
	}
	if c.Track2 != nil {
		checkFields(t, c.Track2.Fields, len(tr[1]))
	}
	if c.Track3 != nil {
		checkFields(t, c.Track3.Fields, len(tr[2]))
	}
}

// checkFields asserts fields are named, non-empty, inside the data and in order.
func checkFields(t testing.TB, fs []Field, n int) {
	t.Helper()
	prev := 0
	for _, f := range fs {
		if f.Name == "" || f.Start < prev || f.End <= f.Start || f.End > n {
			t.Errorf("field %+v out of order or range (previous end %d, data length %d)", f, prev, n)
		}
		prev = f.End
	}
}
