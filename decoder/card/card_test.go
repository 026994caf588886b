package card

import (
	"reflect"
	"testing"
)

func TestFromTracksKind(t *testing.T) {
	tests := []struct {
		name       string
		t1, t2, t3 string
		kind       Kind
		brand      Brand
		luhn       bool
	}{
		{"visa track 2", "", "4111111111111111=2512101", "", KindPayment, BrandVisa, true},
		{"visa failing Luhn is a payment card with a bad PAN", "", "4111111111111112=2512101", "", KindPayment, BrandVisa, false},
		{"UnionPay failing Luhn stays payment", "", "6212345678901234=2512201", "", KindPayment, BrandUnionPay, false},
		{"national chip card", "B2221000000000009^DOE/JOHN^2512620", "", "", KindPayment, BrandMastercard, true},
		{"test service code", "", "4111111111111111=2512901", "", KindTest, BrandVisa, true},
		{"test service code on track 1", "B9792000000000000^TEST/CARD^2512901", "", "", KindTest, BrandTroy, false},
		{"private service code", "B4111111111111111^DOE/JOHN^2512701", "", "", KindPrivate, BrandVisa, true},
		{"unassigned service code", "B4111111111111111^DOE/JOHN^2512321", "", "", KindUnknown, BrandVisa, true},
		{"no service code", "B4111111111111111^DOE/JOHN^2512", "", "", KindUnknown, BrandVisa, true},
		{"format code A", "A4111111111111111^DOE/JOHN^2512101", "", "", KindPrivate, BrandVisa, true},
		{"no format letter", "1034567^SMITH/MIKE^987654321", "987654321", "", KindPrivate, BrandUnknown, false},
		{"Caps Lock", "b4111111111111111^doe/john^2512101", "", "", KindPrivate, BrandUnknown, false},
		// Gift and loyalty: track 2 alone, a number that is no payment PAN, placeholder expiry.
		{"gift short number placeholder 4912", "", "1234567890=4912", "", KindGift, BrandUATP, false},
		{"gift bare number", "", "7012345678901234", "", KindGift, BrandUnknown, false},
		{"gift 0000", "", "7012345678901234=0000", "", KindGift, BrandUnknown, false},
		{"gift private service code", "", "5012345678=4912701", "", KindGift, BrandUnknown, false},
		{"gift wrong length for its brand", "", "60064912345678=4912", "", KindGift, BrandRuPay, true},
		{"zero-padded ID is private, not gift", "", "0090073029910=", "", KindPrivate, BrandUnknown, false},
		{"a real expiry is no gift", "", "7012345678901234=2512", "", KindUnknown, BrandUnknown, false},
		{"a track 1 is no gift", "B7012345678901234^DOE/JOHN", "7012345678901234=4912", "", KindPrivate, BrandUnknown, false},
		{"valid Luhn PAN with placeholder is no gift", "", "4111111111111111=4912", "", KindUnknown, BrandVisa, true},
		// A payment card gone wrong is neither gift nor private: a payment
		// number without expiry, or an impossible expiry month.
		{"payment number alone failing Luhn", "", "4111111111111112", "", KindUnknown, BrandVisa, false},
		{"payment number and separator only", "", "4111111111111112=", "", KindUnknown, BrandVisa, false},
		{"12-digit Visa number alone", "", "411111111111", "", KindUnknown, BrandVisa, false},
		{"12-digit Visa number, month 13", "", "411111111111=3013101", "", KindUnknown, BrandVisa, false},
		{"Luhn failure and month 13 on a payment service code", "", "4111111111111112=3013101", "", KindPayment, BrandVisa, false},
		{"Luhn failure and month 13", "", "4111111111111112=3013", "", KindUnknown, BrandVisa, false},
		{"month 00 is no placeholder", "", "7012345678901234=3000", "", KindUnknown, BrandUnknown, false},
		{"track 1 payment number without expiry", "B4111111111111112^DOE/JOHN", "", "", KindUnknown, BrandVisa, false},
		{"UATP-range number alone stays gift", "", "1234567890123", "", KindGift, BrandUATP, false},
		{"11 digits alone stay gift", "", "41111111112", "", KindGift, BrandVisa, true},
		{"payment number with 4912 stays gift", "", "4111111111111112=4912", "", KindGift, BrandVisa, false},
		// AAMVA IIN boundaries.
		{"AAMVA 636000", "", "6360001234567=251219800101", "", KindAAMVA, BrandUnknown, false},
		{"AAMVA 636062", "", "6360621234567=251219800101", "", KindAAMVA, BrandUnknown, false},
		{"not AAMVA 636063", "", "6360631234567=251219800101", "", KindUnknown, BrandUnknown, false},
		{"AAMVA 604425", "", "6044251234567=251219800101", "", KindAAMVA, BrandUnknown, false},
		{"AAMVA by 7-bit track 3", "", "123456781234567=211219931223", "!!12345 C", KindAAMVA, BrandUnknown, false},
		{"AAMVA by track 1", "TXAUSTIN^DOE$JOHN^1 MAIN ST^", "", "", KindAAMVA, BrandUnknown, false},
		{"AAMVA by track 1, 13-letter city", "MIABCDEFGHIJKLMDOE$JOHN", "", "", KindAAMVA, BrandUnknown, false},
		{"not AAMVA: no region code", "ZZAUSTIN^DOE$JOHN^1 MAIN ST^", "", "", KindPrivate, BrandUnknown, false},
		// Track 3 alone, even with odd characters, is a hotel key or other proprietary card.
		{"track 3 alone", "", "", "5163499080020445=000000000000", KindUnknown, BrandUnknown, false},
		{"hotel key track 3", "", "", "!A7#ROOM", KindUnknown, BrandUnknown, false},
		{"bank track 1 with 7-bit track 3", "B4111111111111111^DOE/JOHN^2512101", "", "ROOM 12", KindPayment, BrandVisa, true},
		// Reader masking never makes a bad PAN.
		{"MagneSafe masked", "B5452000000007189^HOGAN/PAUL      ^08040000000000000000000",
			"5452000000007189=080400000000000000", "5163000050000445=000000000000", KindPayment, BrandMastercard, true},
		{"star masked", "", "5452********7189=0804101", "", KindPayment, BrandMastercard, true},
		{"ID TECH masked, format code too", "*4266********9999^BUSH JR/GEORGE W.MR^*******************************",
			"4266********9999=***************", "", KindPayment, BrandVisa, false},
		{"ID TECH masked track 1 alone", "*4266********9999^BUSH JR/GEORGE W.MR^*******************************",
			"", "", KindPayment, BrandVisa, false},
		{"leading star, clear number", "*4266000000009999^DOE/JOHN", "", "", KindPrivate, BrandUnknown, false},
	}
	for _, tt := range tests {
		c := FromTracks(tt.t1, tt.t2, tt.t3)
		if c == nil {
			t.Errorf("%s: FromTracks = nil", tt.name)
			continue
		}
		checkCard(t, c, [3]string{tt.t1, tt.t2, tt.t3})
		if c.Kind != tt.kind || c.Brand != tt.brand || c.Luhn != tt.luhn {
			t.Errorf("%s: kind %s brand %s Luhn %v; want %s %s %v", tt.name, c.Kind, c.Brand, c.Luhn, tt.kind, tt.brand, tt.luhn)
		}
	}
}

func TestFromTracksCombine(t *testing.T) {
	tests := []struct {
		name       string
		t1, t2, t3 string
		want       Card // Track1–3 and Errors are not compared
	}{
		{"track 1 wins, differences listed", "B4111111111111111^DOE/JOHN^2512101", "4111111111111111=2612201999", "",
			Card{Kind: KindPayment, Brand: BrandVisa, PAN: visa, PANLengthOK: true, Luhn: true, FormatCode: 'B', Name: john,
				Expiry: Expiry{2025, 12, "2512"}, ServiceCode: "101", Discretionary: "999", Mismatch: []string{"expiry", "service_code"}}},
		{"track 1 without date takes track 2's", "B4111111111111111^DOE/JOHN", "4111111111111111=2512101", "",
			Card{Kind: KindPayment, Brand: BrandVisa, PAN: visa, PANLengthOK: true, Luhn: true, FormatCode: 'B', Name: john,
				Expiry: Expiry{2025, 12, "2512"}, ServiceCode: "101"}},
		{"track 1 error marker", "E", "4111111111111111=2512101", "",
			Card{Kind: KindPayment, Brand: BrandVisa, PAN: visa, PANLengthOK: true, Luhn: true,
				Expiry: Expiry{2025, 12, "2512"}, ServiceCode: "101"}},
		{"masked service code and discretionary data are dropped", "", "5452000000007189=080400000000000000", "",
			Card{Kind: KindPayment, Brand: BrandMastercard, PAN: "5452000000007189", PANLengthOK: true, Luhn: true, Masked: true,
				Expiry: Expiry{2008, 4, "0804"}}},
		{"ID TECH masked tracks: format code '*' is read as B, masks dropped",
			"*4266********9999^BUSH JR/GEORGE W.MR^*******************************", "4266********9999=***************", "",
			Card{Kind: KindPayment, Brand: BrandVisa, PAN: "4266000000009999", PANLengthOK: true, Masked: true, FormatCode: '*',
				Name: Name{Surname: "BUSH JR", First: "GEORGE W", Title: "MR", Raw: "BUSH JR/GEORGE W.MR"}}},
		{"non-B track 1 keeps its name, PAN from track 2", "910012345^DOE/JOHN", "6085719100260423=491212000000", "",
			Card{Kind: KindPrivate, Brand: BrandRuPay, PAN: "6085719100260423", PANLengthOK: true, Name: john,
				Expiry: Expiry{2049, 12, "4912"}, ServiceCode: "120", Discretionary: "00000"}},
	}
	for _, tt := range tests {
		c := FromTracks(tt.t1, tt.t2, tt.t3)
		if c == nil {
			t.Errorf("%s: FromTracks = nil", tt.name)
			continue
		}
		got := *c
		got.Track1, got.Track2, got.Track3, got.Errors = nil, nil, nil, nil
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s:\n got %+v\nwant %+v", tt.name, got, tt.want)
		}
	}
}

func TestFromTracksNothing(t *testing.T) {
	for _, tr := range [][3]string{{"", "", ""}, {"E", "E", "E"}, {"E", "", ""}, {"", "E", "E"}} {
		if c := FromTracks(tr[0], tr[1], tr[2]); c != nil {
			t.Errorf("FromTracks(%q) = %+v, want nil", tr, c)
		}
	}
}

func TestFromTracksAAMVAFields(t *testing.T) {
	t1 := "TXAUSTIN^DOE$JOHN^12345 SHERBOURNE ST^"
	t2 := "63601538774194=150819810101"
	t3 := "\" 78729      C               1505130BLKBLK"
	c := FromTracks(t1, t2, t3)
	want := [3][]Field{
		{f("state", 0, 2, false), f("city", 2, 8, true), f("name", 9, 17, true), f("address", 18, 37, true)},
		{f("iin", 0, 6, false), f("licence_number", 6, 14, true), f("expiry", 15, 19, false), f("birth_date", 19, 27, true)},
		{f("postal_code", 2, 13, true), f("class", 13, 15, false), f("sex", 29, 30, true), f("height", 30, 33, true),
			f("weight", 33, 36, true), f("hair", 36, 39, true), f("eyes", 39, 42, true)},
	}
	got := [3][]Field{c.Track1.Fields, c.Track2.Fields, c.Track3.Fields}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("fields\n got %v\nwant %v", got, want)
	}
	if c.PAN != "" || c.Track2.PAN != "" || c.Track2.Expiry != c.Licence.Expiry || c.Expiry != c.Licence.Expiry {
		t.Errorf("a licence has no PAN and one expiry: %+v", c)
	}
}

func TestParseAAMVA(t *testing.T) {
	tests := []struct {
		name       string
		t1, t2, t3 string
		want       Licence
		err        *FormatError
	}{
		{"13-letter city needs no separator", "MIABCDEFGHIJKLMDOE$JOHN^1 MAIN ST$APT 2^", "", "",
			Licence{State: "MI", City: "ABCDEFGHIJKLM", Name: "JOHN DOE", Address: "1 MAIN ST$APT 2"}, nil},
		{"not a state", "XX^DOE$JOHN", "", "", Licence{}, fe(1, 0, "track 1 does not start with a US state or Canadian province code")},
		{"expiry only", "", "63603212345=2512", "", Licence{IIN: "636032", Number: "12345", Expiry: Expiry{2025, 12, "2512"}}, nil},
		{"no separator", "", "63603212345", "", Licence{IIN: "636032", Number: "12345"}, nil},
		{"overflow", "", "6360321234567890123=251219800101" + "45=", "",
			Licence{IIN: "636032", Number: "123456789012345", Expiry: Expiry{2025, 12, "2512"}, BirthDate: "1980-01-01"}, nil},
		{"bad birth date", "", "636032123=251219801301", "", Licence{IIN: "636032", Number: "123", Expiry: Expiry{2025, 12, "2512"}},
			fe(2, 14, "birth date is not a valid date")},
		{"month 99 needs a valid expiry month", "", "636032123=211319879908", "", Licence{IIN: "636032", Number: "123", Expiry: Expiry{2021, 13, "2113"}},
			fe(2, 14, "birth date is not a valid date")},
		{"Florida month 99", "", "6360100462172082009=2101198799080=", "",
			Licence{IIN: "636010", Number: "D621720820090", Expiry: Expiry{2021, 1, "2101"}, BirthDate: "1987-01-08"}, nil},
		{"no IIN", "", "63603=2512", "", Licence{}, fe(2, 0, "track 2 does not start with a 6-digit IIN and a number")},
		{"letter in track 2", "", "6360321A=2512", "", Licence{}, fe(2, 0, "track 2 does not start with a 6-digit IIN and a number")},
		{"long number", "", "63603212345678901234=2512", "", Licence{IIN: "636032", Number: "12345678901234", Expiry: Expiry{2025, 12, "2512"}},
			fe(2, 6, "licence number is longer than 13 digits")},
		{"short track 3", "", "", "!!12345", Licence{PostalCode: "12345"}, nil},
		{"female", "", "", "01K1A 0B1    D               2600060BRNBLU", Licence{PostalCode: "K1A 0B1", Class: "D", Sex: "F",
			Height: "600", Weight: "060", Hair: "BRN", Eyes: "BLU"}, nil},
		{"California layout", "", "", "!!12345    C     M507190BRNBRN D12345678912", Licence{}, fe(3, 29, "track 3 does not follow the AAMVA layout")},
		{"nothing", "", "", "", Licence{}, &FormatError{Reason: "no data"}},
	}
	for _, tt := range tests {
		got, err := ParseAAMVA(tt.t1, tt.t2, tt.t3)
		if !reflect.DeepEqual(*got, tt.want) || !sameErr(err, tt.err) {
			t.Errorf("%s:\n got %+v, %v\nwant %+v, %v", tt.name, *got, err, tt.want, tt.err)
		}
	}
}
