package card

import (
	"testing"
	"time"
)

func TestExpiry(t *testing.T) {
	utc := time.UTC
	plus1 := time.FixedZone("UTC+1", 3600)
	tests := []struct {
		raw     string
		now     time.Time
		valid   bool
		expired bool
		str     string
	}{
		{"2512", time.Date(2025, 12, 31, 23, 59, 59, 999999999, utc), true, false, "2025-12"},
		{"2512", time.Date(2026, 1, 1, 0, 0, 0, 0, utc), true, true, "2025-12"},
		{"2502", time.Date(2025, 2, 28, 23, 59, 0, 0, utc), true, false, "2025-02"},
		{"2502", time.Date(2025, 3, 1, 0, 0, 0, 0, utc), true, true, "2025-02"},
		{"2401", time.Date(2023, 12, 31, 0, 0, 0, 0, utc), true, false, "2024-01"},
		{"2401", time.Date(2024, 2, 1, 0, 0, 0, 0, utc), true, true, "2024-01"},
		// The month is judged in now's location: 23:30 UTC on 31 Dec is
		// already January at UTC+1.
		{"2512", time.Date(2026, 1, 1, 0, 30, 0, 0, plus1), true, true, "2025-12"},
		{"2512", time.Date(2025, 12, 31, 23, 30, 0, 0, plus1), true, false, "2025-12"},
		// Invalid months are never expired.
		{"2500", time.Date(2030, 1, 1, 0, 0, 0, 0, utc), false, false, "2025-00"},
		{"2513", time.Date(2030, 1, 1, 0, 0, 0, 0, utc), false, false, "2025-13"},
		{"0000", time.Date(2030, 1, 1, 0, 0, 0, 0, utc), false, false, "2000-00"},
		// Gift-card placeholder: a valid date far ahead.
		{"4912", time.Date(2026, 6, 1, 0, 0, 0, 0, utc), true, false, "2049-12"},
		{"9912", time.Date(2026, 6, 1, 0, 0, 0, 0, utc), true, false, "2099-12"},
	}
	for _, tt := range tests {
		e := parseExpiry(tt.raw)
		if e.Valid() != tt.valid || e.Expired(tt.now) != tt.expired || e.String() != tt.str || e.Raw != tt.raw {
			t.Errorf("%s at %v: Valid %v Expired %v String %q; want %v %v %q",
				tt.raw, tt.now, e.Valid(), e.Expired(tt.now), e.String(), tt.valid, tt.expired, tt.str)
		}
	}
	var zero Expiry
	if zero.Valid() || zero.Expired(time.Now()) || zero.String() != "" || !zero.placeholder() {
		t.Error("zero Expiry must be absent: not valid, not expired, empty string, a placeholder")
	}
	for raw, want := range map[string]bool{"4912": true, "0000": true, "2513": true, "2512": false, "9912": false} {
		if got := parseExpiry(raw).placeholder(); got != want {
			t.Errorf("placeholder(%s) = %v, want %v", raw, got, want)
		}
	}
	for raw, want := range map[string]bool{"0000": false, "2500": true, "2513": true, "9999": true, "2512": false, "4912": false} {
		if got := parseExpiry(raw).impossible(); got != want {
			t.Errorf("impossible(%s) = %v, want %v", raw, got, want)
		}
	}
	if zero.impossible() {
		t.Error("an absent expiry is not impossible")
	}
}

func TestServiceCodeDigits(t *testing.T) {
	interchange := [10]string{"rfu", "international", "international", "rfu", "rfu", "national", "national", "private", "rfu", "test"}
	authorization := [10]string{"normal", "rfu", "online", "rfu", "online_bilateral", "rfu", "rfu", "rfu", "rfu", "rfu"}
	services := [10]string{"any_pin", "any", "goods_services", "atm_pin", "cash", "goods_services_pin",
		"any_pin_if_feasible", "goods_services_pin_if_feasible", "rfu", "rfu"}
	for d := range 10 {
		c := byte('0' + d)
		if got := ServiceCode([]byte{c, '0', '0'}).Interchange(); string(got) != interchange[d] {
			t.Errorf("first digit %c: Interchange %q, want %q", c, got, interchange[d])
		}
		if got := ServiceCode([]byte{'1', c, '0'}).Authorization(); string(got) != authorization[d] {
			t.Errorf("second digit %c: Authorization %q, want %q", c, got, authorization[d])
		}
		if got := ServiceCode([]byte{'1', '0', c}).Services(); string(got) != services[d] {
			t.Errorf("third digit %c: Services %q, want %q", c, got, services[d])
		}
		if got, want := ServiceCode([]byte{c, '0', '1'}).Chip(), c == '2' || c == '6'; got != want {
			t.Errorf("first digit %c: Chip %v", c, got)
		}
	}
	for _, bad := range []ServiceCode{"", "10", "1011", "1a1", "   ", "-01"} {
		if bad.Valid() || bad.Chip() || bad.Interchange() != "" || bad.Authorization() != "" ||
			bad.Services() != "" {
			t.Errorf("%q must be invalid with empty meanings", bad)
		}
	}
}

func TestName(t *testing.T) {
	tests := []struct {
		raw   string
		aamva bool
		want  Name
		str   string
	}{
		{"DOE/JOHN                  ", false, Name{"DOE", "JOHN", "", "DOE/JOHN                  "}, "JOHN DOE"},
		{"PERSON/RANDOM.MR", false, Name{"PERSON", "RANDOM", "MR", "PERSON/RANDOM.MR"}, "MR RANDOM PERSON"},
		{"SIMPSON/HOMER J", false, Name{"SIMPSON", "HOMER J", "", "SIMPSON/HOMER J"}, "HOMER J SIMPSON"},
		{"PUBLIC/JOHN", false, Name{"PUBLIC", "JOHN", "", "PUBLIC/JOHN"}, "JOHN PUBLIC"},
		{"D/", false, Name{"D", "", "", "D/"}, "D"},
		{"/JOHN.DR", false, Name{"", "JOHN", "DR", "/JOHN.DR"}, "DR JOHN"},
		{"JOHN DOE", false, Name{Raw: "JOHN DOE"}, "JOHN DOE"},
		{"  JOHN   DOE ", false, Name{Raw: "  JOHN   DOE "}, "JOHN DOE"},
		{"", false, Name{}, ""},
		{"DOE$JOHN$MIDDLE", true, Name{"DOE", "JOHN MIDDLE", "", "DOE$JOHN$MIDDLE"}, "JOHN MIDDLE DOE"},
		{"DOE$JOHN$", true, Name{"DOE", "JOHN", "", "DOE$JOHN$"}, "JOHN DOE"},
		{"DOE", true, Name{"DOE", "", "", "DOE"}, "DOE"},
	}
	for _, tt := range tests {
		n := parseISOName(tt.raw)
		if tt.aamva {
			n = parseAAMVAName(tt.raw)
		}
		if n != tt.want || n.String() != tt.str {
			t.Errorf("%q: %+v %q; want %+v %q", tt.raw, n, n.String(), tt.want, tt.str)
		}
	}
}

func TestMaskPAN(t *testing.T) {
	tests := []struct{ in, want string }{
		{"4111111111111111", "411111******1111"},
		{"6799990200000001114", "679999*********1114"},
		{"4222222222222", "422222***2222"},
		{"411111111111", "********1111"},
		{"910012345", "*****2345"},
		{"12345", "*2345"},
		{"1234", "****"},
		{"1", "*"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := MaskPAN(tt.in); got != tt.want {
			t.Errorf("MaskPAN(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
