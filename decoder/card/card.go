// Package card parses the data of decoded magnetic-stripe tracks into card
// fields and tells what kind of card it is.
//
// The parsers take a track's characters between the start and end sentinels
// (without them): ParseTrack1 (ISO/IEC 7813 format B), ParseTrack2,
// ParseTrack3 (ISO/IEC 4909), ParseEMVTrack2 (EMV tag 57 in hex) and
// ParseAAMVA (driver's licences). Each returns what it could read together
// with a *FormatError when the data breaks the layout, and records where
// every field lies (Field) so that a page can highlight it. FromTracks
// combines the tracks of one swipe into a Card and classifies it.
//
// # Classification
//
// FromTracks decides the Kind from the stripe alone, in this order (the
// rules are inferred from the formats, not taken from any standard):
//
//  1. aamva: track 2 starts with an AAMVA IIN (636000–636062, 604425), or
//     track 3 holds 7-bit (track 1 style) characters next to a non-bank track
//     1 or a track 2, or track 1 starts with a state code and a '$'-separated
//     name.
//  2. test: the service code starts with 9.
//  3. private: track 1 has a format code other than B, or no format letter
//     (a format code masked with its PAN, as ID TECH readers send, counts as B).
//  4. gift: only track 2 was read; the number is short (under 12 digits) or
//     not a valid payment PAN (see 6), and does not start with 0 (that is a
//     zero-padded ID); the expiry is 4912, 0000 or absent; the service code
//     is absent or 7xx.
//  5. payment: the PAN comes from a format B track 1 or a track 2, has a
//     known brand and a valid length for it, and the service code starts
//     with 1, 2, 5 or 6 (on reader-masked data the mask hides it, and is
//     not required). Luhn is reported, not required: a payment card that
//     fails it is a bad card to report, not another kind of card (and
//     UnionPay numbers need not pass it).
//  6. private: the service code starts with 7; or the data read cleanly
//     (no FormatError) and holds a number that is not a valid payment PAN
//     (unknown brand, wrong length, or Luhn failure outside UnionPay) and
//     an expiry of 4912, 0000 or none: ID, campus and badge cards.
//  7. unknown: everything else, for example a bank-format track with an
//     unassigned service code (the MagTek test card's 321), a truncated
//     track, or track 3 alone (hotel keys and other proprietary cards).
//
// Two kinds of stripe are never taken for gift or private cards in 4 and 6,
// because they look like a payment card gone wrong, which a report must
// name: an expiry with a month no calendar has (00 or 13–99, other than the
// 0000 that stands for none), and a payment number without expiry (a PAN
// alone, or followed only by a separator or a name), a payment number being
// one of 12 digits or more (Maestro's shortest) in a payment brand's IIN
// range. UATP's range, every number that starts with 1, is left out of
// that: gift and loyalty programmes number their cards from 1 too.
//
// Card data is sensitive: nothing here logs or stores it, and error messages
// give positions, never the data.
package card

import "strings"

// Kind is what a card is, judged from its stripe.
type Kind string

// Kinds of card; see the package documentation for the rules.
const (
	KindPayment Kind = "payment"
	KindAAMVA   Kind = "aamva"
	KindGift    Kind = "gift"
	KindPrivate Kind = "private"
	KindTest    Kind = "test"
	KindUnknown Kind = "unknown"
)

// Card is what one swipe's tracks say about the card.
type Card struct {
	Kind        Kind
	Brand       Brand
	PAN         string // digits only, spaces removed, in clear: mask it for display (MaskPAN)
	PANLengthOK bool
	Luhn        bool
	// Masked is set when the reader masked the PAN: middle digits '*', or
	// zeros with all data after the expiry zeroed (MagneSafe). Such a PAN is
	// not a bad PAN, and a zeroed or '*'-masked service code and
	// discretionary data are left out of ServiceCode and Discretionary.
	Masked        bool
	FormatCode    byte // track 1 format code, 0 without track 1 or format letter
	Name          Name
	Expiry        Expiry
	ServiceCode   ServiceCode
	Discretionary string
	Licence       *Licence // AAMVA cards only
	// Mismatch lists the fields on which a format B track 1 and track 2
	// disagree, of "pan", "expiry", "service_code".
	Mismatch []string
	// For AAMVA cards the tracks hold the licence's fields (state, city, iin,
	// licence_number, birth_date, postal_code, …) and the Licence its values.
	Track1 *Track1
	Track2 *Track2
	Track3 *Track3
	Errors []*FormatError // the parsers' format errors, in track order
}

// FromTracks combines the tracks of one swipe (data between the sentinels,
// "" for a track not read) and classifies the card. A track that is just "E",
// the decode-error marker of MagTek, ID TECH and Elo readers, counts as not
// read. It returns nil when no track holds data.
//
// The card's fields come from a format B track 1 first, then from track 2
// (so a track 1 that stops after the name takes expiry and service code from
// track 2), and the PAN of a non-B track 1 only when there is no track 2.
func FromTracks(t1, t2, t3 string) *Card {
	return FromParsed([3]Parsed{Parse(1, t1), Parse(2, t2), Parse(3, t3)})
}

// Parsed is one track's data and what its parser read of it: ParseTrack1,
// ParseTrack2 or ParseTrack3, run once, for a caller that must know of a
// track before FromParsed makes the Card of it.
type Parsed struct {
	Data   string
	Track1 *Track1 // for track 1
	Track2 *Track2 // for track 2
	Track3 *Track3 // for track 3
	Err    error   // the parser's *FormatError, if any
}

// Parse parses data, the characters between the sentinels, as track n
// (1–3). The decode-error marker E, like "", is a track not read: its
// Parsed holds nothing.
func Parse(n int, data string) Parsed {
	p := Parsed{Data: read(data)}
	switch {
	case p.Data == "":
	case n == 1:
		p.Track1, p.Err = ParseTrack1(p.Data)
	case n == 2:
		p.Track2, p.Err = ParseTrack2(p.Data)
	case n == 3:
		p.Track3, p.Err = ParseTrack3(p.Data)
	}
	return p
}

// FromParsed is FromTracks for tracks already parsed (t[0] is track 1),
// which it does not parse again; a licence's tracks are read as AAMVA
// data.
func FromParsed(t [3]Parsed) *Card {
	t1, t2, t3 := t[0].Data, t[1].Data, t[2].Data
	if t1 == "" && t2 == "" && t3 == "" {
		return nil
	}
	c := &Card{Brand: BrandUnknown}
	if isAAMVA(t1, t2, t3) {
		c.aamva(t1, t2, t3)
		return c
	}
	if t1 != "" {
		c.Track1 = t[0].Track1
		c.addError(t[0].Err)
		c.FormatCode = c.Track1.FormatCode
	}
	if t2 != "" {
		c.Track2 = t[1].Track2
		c.addError(t[1].Err)
	}
	if t3 != "" {
		c.Track3 = t[2].Track3
		c.addError(t[2].Err)
	}
	c.combine()
	c.Brand, c.PANLengthOK = BrandOf(c.PAN)
	c.Luhn = Luhn(c.PAN)
	c.Kind = c.classify()
	return c
}

func read(t string) string {
	if t == "E" {
		return ""
	}
	return t
}

func (c *Card) addError(err error) {
	if fe, ok := err.(*FormatError); ok {
		c.Errors = append(c.Errors, fe)
	}
}

// combine fills the card's fields from the parsed tracks.
func (c *Card) combine() {
	t1, t2 := c.Track1, c.Track2
	var b *Track1 // track 1 when it is format B (or masked as B)
	if t1 != nil {
		c.Name = t1.Name
		if t1.bank() {
			b = t1
		}
	}
	if b != nil {
		c.PAN, c.Expiry, c.ServiceCode, c.Discretionary = b.PAN, b.Expiry, b.ServiceCode, b.Discretionary
		c.Masked = b.Masked
	}
	if t2 != nil {
		if c.PAN == "" {
			c.PAN = t2.PAN
		}
		if c.Expiry.Raw == "" {
			c.Expiry = t2.Expiry
		}
		if c.ServiceCode == "" {
			c.ServiceCode = t2.ServiceCode
		}
		if c.Discretionary == "" {
			c.Discretionary = t2.Discretionary
		}
		c.Masked = c.Masked || t2.Masked
	}
	if c.PAN == "" && t1 != nil {
		c.PAN = t1.PAN
	}
	if c.Masked && strings.Trim(string(c.ServiceCode)+c.Discretionary, "0*") == "" {
		c.ServiceCode, c.Discretionary = "", ""
	}
	if b != nil && t2 != nil {
		if b.PAN != "" && t2.PAN != "" && b.PAN != t2.PAN {
			c.Mismatch = append(c.Mismatch, "pan")
		}
		if b.Expiry.Raw != "" && t2.Expiry.Raw != "" && b.Expiry.Raw != t2.Expiry.Raw {
			c.Mismatch = append(c.Mismatch, "expiry")
		}
		if b.ServiceCode != "" && t2.ServiceCode != "" && b.ServiceCode != t2.ServiceCode {
			c.Mismatch = append(c.Mismatch, "service_code")
		}
	}
}

// classify applies the rules in the package documentation, steps 2–7.
func (c *Card) classify() Kind {
	sc := c.ServiceCode
	validPAN := c.Brand != BrandUnknown && c.PANLengthOK && (c.Luhn || c.Brand == BrandUnionPay)
	// The expiry stands for none, and nothing says the card is a payment
	// card gone wrong (see the package documentation).
	noExpiry := c.Expiry.placeholder() && !c.Expiry.impossible() && !(c.Expiry.Raw == "" && c.paymentNumber())
	switch {
	case sc.Interchange() == Test:
		return KindTest
	case c.Track1 != nil && !c.Track1.bank():
		return KindPrivate
	case c.Track1 == nil && c.Track3 == nil && !c.Masked && c.PAN != "" && c.PAN[0] != '0' &&
		(len(c.PAN) < 12 || !validPAN) && noExpiry && (sc == "" || sc.Interchange() == Private):
		return KindGift
	case c.PAN != "" && c.Brand != BrandUnknown && c.PANLengthOK &&
		(c.Masked || sc.Valid() && strings.IndexByte("1256", sc[0]) >= 0):
		return KindPayment
	case sc.Interchange() == Private,
		c.PAN != "" && !validPAN && noExpiry && len(c.Errors) == 0:
		return KindPrivate
	}
	return KindUnknown
}

// ClosedLoop reports whether the card is a loyalty, gift, fleet or private
// card by its number: outside every payment brand's range, and either in
// MII 0, 7 (petroleum and fleet), 8 (health care and telecommunications)
// or 9 (national use), or in another range with nothing of a payment card
// about it (no payment service code, or no real expiry). Elsewhere an
// unknown number may belong to a payment brand the IIN table lacks, and
// is checked as a payment card. Such a card's check digit, expiry and
// service code are its own system's business. A masked number, and a
// driver's licence, are not judged.
func (c *Card) ClosedLoop() bool {
	if c.PAN == "" || c.Masked || c.Kind == KindAAMVA || c.Brand != BrandUnknown && c.Brand != "" {
		return false
	}
	if strings.IndexByte("0789", c.PAN[0]) >= 0 {
		return true
	}
	sc := c.ServiceCode
	return !(sc.Valid() && strings.IndexByte("1256", sc[0]) >= 0) || c.Expiry.Raw == "" || c.Expiry.Dummy()
}

// paymentNumber reports a number a POS routes to a payment brand: 12 digits
// or more in a payment brand's IIN range, UATP's left out (see the package
// documentation).
func (c *Card) paymentNumber() bool {
	return c.Brand != BrandUnknown && c.Brand != BrandUATP && len(c.PAN) >= 12
}

// aamva fills the card from a licence's tracks.
func (c *Card) aamva(t1, t2, t3 string) {
	l, sc, _ := parseAAMVA(t1, t2, t3)
	c.Kind, c.Licence, c.Expiry = KindAAMVA, l, l.Expiry
	for i, s := range sc {
		if s == nil {
			continue
		}
		if s.err != nil {
			c.Errors = append(c.Errors, s.err)
		}
		switch i {
		case 0:
			c.Name = parseAAMVAName(fieldText(t1, s.fields, "name"))
			c.Track1 = &Track1{Name: c.Name, Fields: s.fields}
		case 1:
			c.Track2 = &Track2{Expiry: l.Expiry, Fields: s.fields}
		case 2:
			c.Track3 = &Track3{Raw: fieldText(t3, s.fields, "raw"), Fields: s.fields}
		}
	}
}

// MaskChar is the character MaskPAN puts in place of hidden digits.
const MaskChar = '*'

// MaskPAN masks a PAN for display: the first 6 and last 4 digits stay when
// it has at least 13 digits, otherwise only the last 4 (none when it has 4 or
// fewer); each hidden digit becomes MaskChar, so the length shows.
func MaskPAN(pan string) string {
	head, tail := 0, 4
	switch n := len(pan); {
	case n >= 13:
		head = 6
	case n <= 4:
		tail = 0
	}
	b := []byte(pan)
	for i := head; i < len(b)-tail; i++ {
		b[i] = MaskChar
	}
	return string(b)
}
