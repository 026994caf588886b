package card

import (
	"reflect"
	"testing"
)

func fe(track, pos int, reason string) *FormatError {
	return &FormatError{Track: track, Pos: pos, Reason: reason}
}

// sameErr compares a parser's error with the wanted *FormatError (nil for none).
func sameErr(err error, want *FormatError) bool {
	if want == nil {
		return err == nil
	}
	got, ok := err.(*FormatError)
	return ok && *got == *want
}

func f(name string, start, end int, sensitive bool) Field {
	return Field{Name: name, Start: start, End: end, Sensitive: sensitive}
}

var (
	fcB    = f("format_code", 0, 1, false)
	panT1  = f("pan", 1, 17, true)
	nameT1 = f("name", 18, 26, true) // DOE/JOHN after a 16-digit PAN
	john   = Name{Surname: "DOE", First: "JOHN", Raw: "DOE/JOHN"}
	visa   = "4111111111111111"
)

const (
	lowerCase = "lower-case letter: track 1 has upper case only (Caps Lock or keyboard layout?)"
	notDigit  = "account number holds a character other than a digit"
)

func TestParseTrack1(t *testing.T) {
	tests := []struct {
		data string
		want Track1
		err  *FormatError
	}{
		{"B4111111111111111^DOE/JOHN^2512101123", Track1{FormatCode: 'B', PAN: visa, Name: john,
			Expiry: Expiry{2025, 12, "2512"}, ServiceCode: "101", Discretionary: "123",
			Fields: []Field{fcB, panT1, nameT1, f("expiry", 27, 31, false), f("service_code", 31, 34, false), f("discretionary", 34, 37, true)}}, nil},
		// '^' stands in for an absent expiry and service code.
		{"B4111111111111111^DOE/JOHN^^^12345", Track1{FormatCode: 'B', PAN: visa, Name: john, Discretionary: "12345",
			Fields: []Field{fcB, panT1, nameT1, f("discretionary", 29, 34, true)}}, nil},
		{"B4111111111111111^DOE/JOHN^2512^999", Track1{FormatCode: 'B', PAN: visa, Name: john, Expiry: Expiry{2025, 12, "2512"},
			Discretionary: "999", Fields: []Field{fcB, panT1, nameT1, f("expiry", 27, 31, false), f("discretionary", 32, 35, true)}}, nil},
		{"B4111111111111111^DOE/JOHN^^201999", Track1{FormatCode: 'B', PAN: visa, Name: john, ServiceCode: "201",
			Discretionary: "999", Fields: []Field{fcB, panT1, nameT1, f("service_code", 28, 31, false), f("discretionary", 31, 34, true)}}, nil},
		// The data may stop after any field.
		{"B4111111111111111^DOE/JOHN^", Track1{FormatCode: 'B', PAN: visa, Name: john, Fields: []Field{fcB, panT1, nameT1}}, nil},
		{"B4111111111111111", Track1{FormatCode: 'B', PAN: visa, Fields: []Field{fcB, panT1}}, nil},
		// Spaces may group the PAN digits.
		{"B4111 1111 1111 1111^DOE/JOHN^2512101", Track1{FormatCode: 'B', PAN: visa, Name: john, Expiry: Expiry{2025, 12, "2512"},
			ServiceCode: "101", Fields: []Field{fcB, f("pan", 1, 20, true), f("name", 21, 29, true),
				f("expiry", 30, 34, false), f("service_code", 34, 37, false)}}, nil},
		// Old cards with a 59 PAN put a country code before the name.
		{"B5912345678901234^840DOE/JOHN^2512101", Track1{FormatCode: 'B', PAN: "5912345678901234", Name: john,
			Expiry: Expiry{2025, 12, "2512"}, ServiceCode: "101", Fields: []Field{fcB, panT1, f("country_code", 18, 21, false),
				f("name", 21, 29, true), f("expiry", 30, 34, false), f("service_code", 34, 37, false)}}, nil},
		// Reader masking: '*' digits and fields, or MagneSafe's zeros.
		{"B5452********7189^DOE/JOHN^****101", Track1{FormatCode: 'B', PAN: "5452000000007189", Name: john, ServiceCode: "101",
			Masked: true, Fields: []Field{fcB, panT1, nameT1, f("expiry", 27, 31, false), f("service_code", 31, 34, false)}}, nil},
		{"B5452000000007189^HOGAN/PAUL      ^08040000000000000000000", Track1{FormatCode: 'B', PAN: "5452000000007189",
			Name: Name{Surname: "HOGAN", First: "PAUL", Raw: "HOGAN/PAUL      "}, Expiry: Expiry{2008, 4, "0804"}, ServiceCode: "000",
			Discretionary: "0000000000000000", Masked: true, Fields: []Field{fcB, panT1, f("name", 18, 34, true),
				f("expiry", 35, 39, false), f("service_code", 39, 42, false), f("discretionary", 42, 58, true)}}, nil},
		// ID TECH masks the format code with the PAN, as in vector V4 (docs/hid-reports.md): read as format B.
		{"*4266********9999^BUSH JR/GEORGE W.MR^*******************************", Track1{FormatCode: '*', PAN: "4266000000009999",
			Name: Name{Surname: "BUSH JR", First: "GEORGE W", Title: "MR", Raw: "BUSH JR/GEORGE W.MR"}, Discretionary: "************************",
			Masked: true, Fields: []Field{f("format_code", 0, 1, false), panT1, f("name", 18, 37, true), f("expiry", 38, 42, false),
				f("service_code", 42, 45, false), f("discretionary", 45, 69, true)}}, nil},
		// A leading '*' without a masked PAN is no bank track.
		{"*4266000000009999^DOE/JOHN", Track1{Discretionary: "*4266000000009999^DOE/JOHN",
			Fields: []Field{f("discretionary", 0, 26, true)}}, fe(1, 0, "no format code letter at the start of track 1")},
		{"*ROOM**12", Track1{Discretionary: "*ROOM**12", Fields: []Field{f("discretionary", 0, 9, true)}},
			fe(1, 0, "no format code letter at the start of track 1")},
		// Zeros after the expiry but real middle digits: not masked.
		{"B4111111111111111^DOE/JOHN^2512000", Track1{FormatCode: 'B', PAN: visa, Name: john, Expiry: Expiry{2025, 12, "2512"},
			ServiceCode: "000", Fields: []Field{fcB, panT1, nameT1, f("expiry", 27, 31, false), f("service_code", 31, 34, false)}}, nil},
		// Errors, with what could be read.
		{"B4111111111111111^doe/john^2512101", Track1{FormatCode: 'B', PAN: visa, Name: Name{Surname: "doe", First: "john", Raw: "doe/john"},
			Expiry: Expiry{2025, 12, "2512"}, ServiceCode: "101", Fields: []Field{fcB, panT1, nameT1, f("expiry", 27, 31, false),
				f("service_code", 31, 34, false)}}, fe(1, 18, lowerCase)},
		{"B12345678901234567890^X/Y", Track1{FormatCode: 'B', PAN: "12345678901234567890", Name: Name{Surname: "X", First: "Y", Raw: "X/Y"},
			Fields: []Field{fcB, f("pan", 1, 21, true), f("name", 22, 25, true)}}, fe(1, 1, "account number is longer than 19 digits")},
		{"B^DOE/JOHN", Track1{FormatCode: 'B', Name: john, Fields: []Field{fcB, f("name", 2, 10, true)}}, fe(1, 1, "account number is empty")},
		{"B", Track1{FormatCode: 'B', Fields: []Field{fcB}}, fe(1, 1, "account number is empty")},
		{"B41X1^DOE/JOHN", Track1{FormatCode: 'B', Name: john, Fields: []Field{fcB, f("pan", 1, 5, true), f("name", 6, 14, true)}}, fe(1, 3, notDigit)},
		{"B4111111111111111^DOE/JOHN^25A2101", Track1{FormatCode: 'B', PAN: visa, Name: john, ServiceCode: "101",
			Fields: []Field{fcB, panT1, nameT1, f("expiry", 27, 31, false), f("service_code", 31, 34, false)}},
			fe(1, 27, "expiry date holds a character other than a digit")},
		{"B4111111111111111^DOE/JOHN^123", Track1{FormatCode: 'B', PAN: visa, Name: john,
			Fields: []Field{fcB, panT1, nameT1, f("expiry", 27, 30, false)}}, fe(1, 27, "expiry date has fewer than 4 digits")},
		{"B4111111111111111^DOE/JOHN^251210", Track1{FormatCode: 'B', PAN: visa, Name: john, Expiry: Expiry{2025, 12, "2512"},
			Fields: []Field{fcB, panT1, nameT1, f("expiry", 27, 31, false), f("service_code", 31, 33, false)}},
			fe(1, 31, "service code has fewer than 3 digits")},
		{"B4111\x01", Track1{FormatCode: 'B', Fields: []Field{fcB, f("pan", 1, 6, true)}}, fe(1, 5, "character outside the track 1 character set")},
		{"", Track1{}, fe(1, 0, "no data")},
		// Other formats: NUMBER ^ NAME ^ REST.
		{"A123^NAME^XYZ", Track1{FormatCode: 'A', PAN: "123", Name: Name{Raw: "NAME"}, Discretionary: "XYZ",
			Fields: []Field{f("format_code", 0, 1, false), f("pan", 1, 4, true), f("name", 5, 9, true), f("discretionary", 10, 13, true)}},
			fe(1, 0, "format code is not B: not an ISO 7813 bank card")},
		{"ZHOTEL ROOM 12", Track1{FormatCode: 'Z', Discretionary: "HOTEL ROOM 12", Fields: []Field{f("format_code", 0, 1, false),
			f("discretionary", 1, 14, true)}}, fe(1, 0, "format code is not B: not an ISO 7813 bank card")},
		{"1034567^SMITH/MIKE^987654321", Track1{PAN: "1034567", Name: Name{Surname: "SMITH", First: "MIKE", Raw: "SMITH/MIKE"},
			Discretionary: "987654321", Fields: []Field{f("pan", 0, 7, true), f("name", 8, 18, true), f("discretionary", 19, 28, true)}},
			fe(1, 0, "no format code letter at the start of track 1")},
		{"62772061397873^00000000^X", Track1{PAN: "62772061397873", Discretionary: "00000000^X",
			Fields: []Field{f("pan", 0, 14, true), f("discretionary", 15, 25, true)}}, fe(1, 0, "no format code letter at the start of track 1")},
		{"b4111", Track1{Discretionary: "b4111", Fields: []Field{f("discretionary", 0, 5, true)}}, fe(1, 0, lowerCase)},
	}
	for _, tt := range tests {
		got, err := ParseTrack1(tt.data)
		if !reflect.DeepEqual(*got, tt.want) || !sameErr(err, tt.err) {
			t.Errorf("ParseTrack1(%q)\n got %+v, %v\nwant %+v, %v", tt.data, *got, err, tt.want, tt.err)
		}
	}
}

func TestParseTrack2(t *testing.T) {
	pan := f("pan", 0, 16, true)
	exp := f("expiry", 17, 21, false)
	sc := f("service_code", 21, 24, false)
	tests := []struct {
		data string
		want Track2
		err  *FormatError
	}{
		{"4111111111111111=2512101123", Track2{PAN: visa, Expiry: Expiry{2025, 12, "2512"}, ServiceCode: "101", Discretionary: "123",
			Fields: []Field{pan, exp, sc, f("discretionary", 24, 27, true)}}, nil},
		{"4111111111111111==101", Track2{PAN: visa, ServiceCode: "101", Fields: []Field{pan, f("service_code", 18, 21, false)}}, nil},
		{"4111111111111111=2512=", Track2{PAN: visa, Expiry: Expiry{2025, 12, "2512"}, Fields: []Field{pan, exp}}, nil},
		{"4111111111111111=2512=77", Track2{PAN: visa, Expiry: Expiry{2025, 12, "2512"}, Discretionary: "77",
			Fields: []Field{pan, exp, f("discretionary", 22, 24, true)}}, nil},
		{"4111111111111111", Track2{PAN: visa, Fields: []Field{pan}}, nil},
		{"4111111111111111=", Track2{PAN: visa, Fields: []Field{pan}}, nil},
		{"5452000000007189=080400000000000000", Track2{PAN: "5452000000007189", Expiry: Expiry{2008, 4, "0804"}, ServiceCode: "000",
			Discretionary: "00000000000", Masked: true, Fields: []Field{pan, exp, sc, f("discretionary", 24, 35, true)}}, nil},
		{"5452********7189=0804101", Track2{PAN: "5452000000007189", Expiry: Expiry{2008, 4, "0804"}, ServiceCode: "101", Masked: true,
			Fields: []Field{pan, exp, sc}}, nil},
		{"=2512101", Track2{Expiry: Expiry{2025, 12, "2512"}, ServiceCode: "101", Fields: []Field{f("expiry", 1, 5, false),
			f("service_code", 5, 8, false)}}, fe(2, 0, "account number is empty")},
		{"4111111111111111=25", Track2{PAN: visa, Fields: []Field{pan, f("expiry", 17, 19, false)}}, fe(2, 17, "expiry date has fewer than 4 digits")},
		{"4111 1111=2512", Track2{Expiry: Expiry{2025, 12, "2512"}, Fields: []Field{f("pan", 0, 9, true), f("expiry", 10, 14, false)}},
			fe(2, 4, "character other than a digit or '=' in track 2")},
		{"4111111111111111=2512101:", Track2{PAN: visa, Expiry: Expiry{2025, 12, "2512"}, ServiceCode: "101", Discretionary: ":",
			Fields: []Field{pan, exp, sc, f("discretionary", 24, 25, true)}}, fe(2, 24, "character other than a digit or '=' in track 2")},
		{"12345678901234567890=2512", Track2{PAN: "12345678901234567890", Expiry: Expiry{2025, 12, "2512"},
			Fields: []Field{f("pan", 0, 20, true), f("expiry", 21, 25, false)}}, fe(2, 0, "account number is longer than 19 digits")},
		{"", Track2{}, fe(2, 0, "no data")},
	}
	for _, tt := range tests {
		got, err := ParseTrack2(tt.data)
		if !reflect.DeepEqual(*got, tt.want) || !sameErr(err, tt.err) {
			t.Errorf("ParseTrack2(%q)\n got %+v, %v\nwant %+v, %v", tt.data, *got, err, tt.want, tt.err)
		}
	}
}

func TestParseTrack3(t *testing.T) {
	tests := []struct {
		data string
		want Track3
		err  *FormatError
	}{
		{"014111111111111111=724978100000", Track3{FormatCode: "01", PAN: visa, Raw: "724978100000",
			Fields: []Field{f("format_code", 0, 2, false), f("pan", 2, 18, true), f("raw", 19, 31, true)}}, nil},
		{"5163499080020445=000000000000", Track3{PAN: "5163499080020445", Raw: "000000000000",
			Fields: []Field{f("pan", 0, 16, true), f("raw", 17, 29, true)}}, nil},
		{"99123=456", Track3{PAN: "99123", Raw: "456", Fields: []Field{f("pan", 0, 5, true), f("raw", 6, 9, true)}}, nil},
		{"1234567890", Track3{Raw: "1234567890", Fields: []Field{f("raw", 0, 10, true)}}, nil},
		{"02", Track3{FormatCode: "02", Fields: []Field{f("format_code", 0, 2, false)}}, fe(3, 2, "account number is empty")},
		{"!!12345 C", Track3{Raw: "!!12345 C", Fields: []Field{f("raw", 0, 9, true)}}, fe(3, 0, "character other than a digit or '=' in track 3")},
		{"", Track3{}, fe(3, 0, "no data")},
	}
	for _, tt := range tests {
		got, err := ParseTrack3(tt.data)
		if !reflect.DeepEqual(*got, tt.want) || !sameErr(err, tt.err) {
			t.Errorf("ParseTrack3(%q)\n got %+v, %v\nwant %+v, %v", tt.data, *got, err, tt.want, tt.err)
		}
	}
}

func TestParseEMVTrack2(t *testing.T) {
	emvVisa := Track2{PAN: "4761739001010010", Expiry: Expiry{2025, 12, "2512"}, ServiceCode: "201", Discretionary: "00000"}
	tests := []struct {
		hex    string
		want   Track2
		fields []Field
		err    *FormatError
	}{
		// Tag, length, spaces, lower case and the 'F' pad; offsets into the text as given.
		{"57 0f 47 61 73 90 01 01 00 10 d2 51 22 01 00 00 0f", emvVisa, []Field{f("pan", 6, 29, true),
			f("expiry", 31, 37, false), f("service_code", 37, 41, false), f("discretionary", 42, 49, true)}, nil},
		{"4761739001010010D251220100000F", emvVisa, []Field{f("pan", 0, 16, true), f("expiry", 17, 21, false),
			f("service_code", 21, 24, false), f("discretionary", 24, 29, true)}, nil},
		{"4111111111111111D2512101", Track2{PAN: visa, Expiry: Expiry{2025, 12, "2512"}, ServiceCode: "101"},
			[]Field{f("pan", 0, 16, true), f("expiry", 17, 21, false), f("service_code", 21, 24, false)}, nil},
		// "57" with a length that does not fit is data, not the tag.
		{"57094111D2512", Track2{PAN: "57094111", Expiry: Expiry{2025, 12, "2512"}},
			[]Field{f("pan", 0, 8, true), f("expiry", 9, 13, false)}, nil},
		{"4111G", Track2{}, nil, fe(2, 4, "not a hexadecimal digit")},
		{"4111A11D2512", Track2{}, nil, fe(2, 4, "hex letter other than the 'D' separator or the final 'F' pad")},
		{"4111111111111111", Track2{}, nil, fe(2, 15, "no 'D' separator after the account number")},
		{"57 00", Track2{}, nil, fe(2, 5, "no data")},
		{"", Track2{}, nil, fe(2, 0, "no data")},
		{"4111111111111111 D2 5", Track2{PAN: visa}, []Field{f("pan", 0, 16, true), f("expiry", 18, 21, false)},
			fe(2, 18, "expiry date has fewer than 4 digits")},
	}
	for _, tt := range tests {
		got, err := ParseEMVTrack2(tt.hex)
		tt.want.Fields = tt.fields
		if !reflect.DeepEqual(*got, tt.want) || !sameErr(err, tt.err) {
			t.Errorf("ParseEMVTrack2(%q)\n got %+v, %v\nwant %+v, %v", tt.hex, *got, err, tt.want, tt.err)
		}
	}
}

func TestFormatErrorText(t *testing.T) {
	if got, want := fe(2, 17, "expiry date has fewer than 4 digits").Error(), "card: track 2, byte 17: expiry date has fewer than 4 digits"; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
}
