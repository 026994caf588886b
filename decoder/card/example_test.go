package card_test

import (
	"fmt"
	"time"

	"magcheck/decoder/card"
)

func ExampleFromTracks() {
	c := card.FromTracks("B4111111111111111^DOE/JANE^2512201123456", "4111111111111111=2512201123456", "")
	fmt.Println(c.Kind, c.Brand, card.MaskPAN(c.PAN), c.Luhn)
	fmt.Println(c.Name, c.Expiry, c.ServiceCode, c.ServiceCode.Chip())
	fmt.Println(c.ServiceCode.Interchange(), c.ServiceCode.Authorization(), c.ServiceCode.Services())
	// Output:
	// payment visa 411111******1111 true
	// JANE DOE 2025-12 201 true
	// international normal any
}

func ExampleFromTracks_mismatch() {
	// Track 2 holds another account number than track 1.
	c := card.FromTracks("B4123456789012349^PERSON/RANDOM.MR^1811201", "0123456789012345=18112019420244019901", "")
	fmt.Println(c.Kind, c.Name, c.Mismatch)
	// Output: payment MR RANDOM PERSON [pan]
}

func ExampleFromTracks_paymentNumberGoneWrong() {
	// A Visa number alone that fails Luhn, and a 12-digit Visa number with
	// month 13, are payment cards gone wrong, not gift or private cards.
	for _, t2 := range []string{"4111111111111112", "411111111111=3013101", "7012345678901234=4912"} {
		c := card.FromTracks("", t2, "")
		fmt.Println(c.Kind, c.Brand, len(c.PAN), c.PANLengthOK, c.Luhn, c.Expiry.Valid())
	}
	// Output:
	// unknown visa 16 true false false
	// unknown visa 12 false false false
	// gift unknown 16 true false true
}

func ExampleParseTrack1() {
	t1, err := card.ParseTrack1("B1234567812345678^DOE/JOHN ^123")
	fmt.Println(err)
	for _, f := range t1.Fields {
		fmt.Println(f.Name, f.Start, f.End, f.Sensitive)
	}
	// Output:
	// card: track 1, byte 28: expiry date has fewer than 4 digits
	// format_code 0 1 false
	// pan 1 17 true
	// name 18 27 true
	// expiry 28 31 false
}

func ExampleParseEMVTrack2() {
	t2, err := card.ParseEMVTrack2("57 0F 47 61 73 90 01 01 00 10 D2 51 22 01 00 00 0F")
	fmt.Println(card.MaskPAN(t2.PAN), t2.Expiry, t2.ServiceCode, err)
	// Output: 476173******0010 2025-12 201 <nil>
}

func ExampleParseAAMVA() {
	l, err := card.ParseAAMVA("TXAUSTIN^DOE$JOHN^12345 SHERBOURNE ST^", "63601538774194=150819810101",
		"\" 78729      C               1505130BLKBLK")
	fmt.Println(l.State, l.IIN, l.Number, l.Expiry, l.BirthDate, l.Class, l.Sex, err)
	// Output: TX 636015 38774194 2015-08 1981-01-01 C M <nil>
}

func ExampleBrandOf() {
	for _, pan := range []string{"6011000990139424", "6521000000000000", "6221260000000000", "2720990000000003", "2721000000000000"} {
		b, lengthOK := card.BrandOf(pan)
		fmt.Println(pan[:6], b, lengthOK)
	}
	// Output:
	// 601100 discover true
	// 652100 rupay true
	// 622126 discover true
	// 272099 mastercard true
	// 272100 unknown true
}

func ExampleExpiry_Expired() {
	t2, _ := card.ParseTrack2("4111111111111111=2512101")
	fmt.Println(t2.Expiry.Expired(time.Date(2025, 12, 31, 23, 59, 0, 0, time.UTC)))
	fmt.Println(t2.Expiry.Expired(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)))
	// Output:
	// false
	// true
}
