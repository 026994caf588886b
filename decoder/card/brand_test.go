package card

import "testing"

func TestBrandOf(t *testing.T) {
	tests := []struct {
		pan      string
		brand    Brand
		lengthOK bool
		luhn     bool
	}{
		// Public test PANs of the PayPal, Stripe and TabaPay sandboxes (docs/card-brands.md).
		{"4111111111111111", BrandVisa, true, true},
		{"4012888888881881", BrandVisa, true, true},
		{"4222222222222", BrandVisa, true, true},
		{"4242424242424242", BrandVisa, true, true},
		{"4000000000000002", BrandVisa, true, true},
		{"5555555555554444", BrandMastercard, true, true},
		{"5105105105105100", BrandMastercard, true, true},
		{"2223003122003222", BrandMastercard, true, true},
		{"2223000048400011", BrandMastercard, true, true},
		{"378282246310005", BrandAmex, true, true},
		{"371449635398431", BrandAmex, true, true},
		{"6011111111111117", BrandDiscover, true, true},
		{"6011000990139424", BrandDiscover, true, true},
		{"30569309025904", BrandDiners, true, true},
		{"38520000023237", BrandDiners, true, true},
		{"3530111333300000", BrandJCB, true, true},
		{"3566002020360505", BrandJCB, true, true},
		{"76009244561", BrandUnknown, true, false}, // PayPal's "Dankort" number fails Luhn
		// Mastercard 2-series boundaries; 2200–2204 is Mir.
		{"2220000000000000", BrandUnknown, true, true},
		{"2221000000000009", BrandMastercard, true, true},
		{"2720990000000003", BrandMastercard, true, false},
		{"2721000000000000", BrandUnknown, true, false},
		{"2200000000000004", BrandMir, true, true},
		{"2204000000000000", BrandMir, true, true},
		{"2205000000000000", BrandUnknown, true, false},
		// Discover 622126–622925 inside UnionPay's 62.
		{"6221250000000000", BrandUnionPay, true, false},
		{"6221260000000000", BrandDiscover, true, true},
		{"6229250000000000", BrandDiscover, true, false},
		{"6229260000000000", BrandUnionPay, true, false},
		{"62123456789012", BrandUnionPay, true, false}, // 14 digits: UnionPay allows 14–19
		// 65 is Discover, 6521–6522 RuPay, a few 65 ranges Elo and Verve.
		{"6510000000000000", BrandDiscover, true, true},
		{"6520990000000000", BrandDiscover, true, true},
		{"6521000000000000", BrandRuPay, true, false},
		{"6522990000000000", BrandRuPay, true, false},
		{"6523000000000000", BrandDiscover, true, false},
		{"6500020000000000", BrandVerve, true, true},
		{"6500310000000000", BrandElo, true, false},
		{"6011000000000004", BrandDiscover, true, true},
		{"6000000000000000", BrandRuPay, true, false},
		{"6062820000000000", BrandHipercard, true, false},
		// 4571 Dankort inside Visa.
		{"4570000000000000", BrandVisa, true, false},
		{"4571000000000000", BrandDankort, true, false},
		{"4572000000000000", BrandVisa, true, true},
		{"5019000000000000", BrandDankort, true, false},
		// AAMVA IINs are not a card brand (604425 sits in RuPay's 60).
		{"6360000000000000", BrandUnknown, true, false},
		{"6360620000000000", BrandUnknown, true, false},
		{"6044250000000000", BrandRuPay, true, false},
		// Others and lengths.
		{"6799990200000001114", BrandMaestro, true, true},
		{"676100000000", BrandMaestro, true, false},
		{"5018000000000000000", BrandMaestro, true, false},
		{"9792000000000000", BrandTroy, true, false},
		{"100000000000000", BrandUATP, true, false},
		{"1800000000000000", BrandJCB, true, true},
		{"213100000000000", BrandJCB, true, false},
		{"5060990000000000000", BrandVerve, true, false},
		{"41111111111111111", BrandVisa, false, false}, // 17 digits
		{"411111111111", BrandVisa, false, false},
		{"5555555555554", BrandMastercard, false, true},
		{"3782822463100", BrandAmex, false, false},
		{"654321", BrandDiscover, false, false},
		{"0090073029910", BrandUnknown, true, false},
		{"1234567", BrandUATP, false, false},
		{"00000001", BrandUnknown, true, false},
		{"0000001", BrandUnknown, false, false},
		{"", BrandUnknown, false, false},
		{"4111 1111", BrandUnknown, false, false},
	}
	for _, tt := range tests {
		b, ok := BrandOf(tt.pan)
		if b != tt.brand || ok != tt.lengthOK {
			t.Errorf("BrandOf(%q) = %s, %v; want %s, %v", tt.pan, b, ok, tt.brand, tt.lengthOK)
		}
		if got := Luhn(tt.pan); got != tt.luhn {
			t.Errorf("Luhn(%q) = %v, want %v", tt.pan, got, tt.luhn)
		}
	}
}

// TestIINTable checks that no two rows of the same prefix length overlap,
// so that the longest prefix always decides.
func TestIINTable(t *testing.T) {
	for i, a := range iinTable {
		if len(a.lo) != len(a.hi) || a.lo > a.hi || !allDigits(a.lo+a.hi) || a.lengths == 0 {
			t.Errorf("row %d %+v is malformed", i, a)
		}
		for _, b := range iinTable[i+1:] {
			if len(a.lo) == len(b.lo) && a.lo <= b.hi && b.lo <= a.hi {
				t.Errorf("rows %+v and %+v overlap", a, b)
			}
		}
	}
}

func TestLuhn(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"79927398713", true}, {"79927398710", false}, {"18", true}, {"0", false}, {"00", true},
		{"", false}, {"4111-1111", false}, {"5452000000007189", true}, {"5452300551227189", false},
	}
	for _, tt := range tests {
		if got := Luhn(tt.in); got != tt.want {
			t.Errorf("Luhn(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}
