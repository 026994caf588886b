// The card's data: the checks a POS makes of a payment card, and what
// other kinds of card are.

package decoder

import (
	"strconv"

	"magcheck/decoder/card"
	"magcheck/message"
)

// last4 is a card number's last four digits as evidence shows them.
func last4(pan string) string {
	if len(pan) < 4 {
		return pan
	}
	return "…" + pan[len(pan)-4:]
}

// cardFindings checks the card data itself.
func (d *diagnosis) cardFindings(c *card.Card) {
	track := 2
	if c.Track2 == nil && c.Track1 != nil {
		track = 1
	}
	switch {
	case c.Kind == card.KindAAMVA:
		st := ""
		if c.Licence != nil {
			st = c.Licence.State
		}
		d.add(Finding{Code: AAMVALicence, Evidence: message.New(message.EvidenceLicence, st)})
		if c.Expiry.Valid() && c.Expiry.Expired(d.now) {
			d.add(Finding{Code: Expired, Track: 2, Severity: SeverityInfo, Evidence: message.New(message.EvidenceLicenceExpiry, c.Expiry.String())})
		}
		return
	case c.ClosedLoop():
		d.closedLoop(c, track)
		return
	case c.Kind == card.KindGift:
		d.add(Finding{Code: NonPaymentCard, Detail: "gift", Track: track, Evidence: message.New(message.EvidenceKind, message.KindGift)})
		return
	case c.Kind == card.KindPrivate, c.PAN == "":
		d.add(Finding{Code: NonPaymentCard, Detail: "private", Track: track, Evidence: kindEvidence(c)})
		// On a private card only a 7xx service code means anything: other
		// digits there are the issuer's own data or placeholders.
		if c.ServiceCode.Interchange() == card.Private {
			d.add(Finding{Code: ServiceCodePrivate, Track: track, Evidence: message.New(message.EvidenceServiceCode, string(c.ServiceCode))})
		}
		return
	}
	// Payment, test and bank-format cards of unknown kind: check the
	// payment fields, since that is what the POS will do.
	pan := last4(c.PAN)
	if c.Masked {
		d.add(Finding{Code: MaskedData, Track: track, Evidence: message.New(message.EvidencePAN, card.MaskPAN(c.PAN))})
	} else {
		if !c.Luhn {
			f := Finding{Code: PANLuhnFailed, Track: track, Evidence: message.New(message.EvidenceLuhn, pan)}
			if c.Brand == card.BrandUnionPay {
				f.Severity = SeverityWarn // UnionPay numbers need not pass Luhn
				f.Evidence = message.New(message.EvidenceUnionPayLuhn, pan)
			}
			d.add(f)
		}
		if !c.PANLengthOK {
			d.add(Finding{Code: PANLengthInvalid, Track: track, Evidence: message.New(message.EvidencePANLength, len(c.PAN), keyOf(brandNames, c.Brand))})
		}
	}
	if c.Brand == card.BrandUnknown || c.Brand == "" {
		d.add(Finding{Code: BrandUnknown, Track: track, Evidence: message.New(message.EvidenceIINUnknown)})
	}
	switch {
	case c.Expiry.Raw != "" && !c.Expiry.Valid() && !c.Masked:
		d.add(Finding{Code: ExpiryInvalid, Track: track, Evidence: message.New(message.EvidenceExpiryField, c.Expiry.Raw)})
	case c.Expiry.Valid() && c.Expiry.Expired(d.now):
		d.add(Finding{Code: Expired, Track: track, Evidence: message.New(message.EvidenceExpired, c.Expiry.String(), d.now.Format("2006-01-02"))})
	}
	if len(c.Mismatch) > 0 {
		fields := make([]message.Message, len(c.Mismatch))
		for i, f := range c.Mismatch {
			fields[i] = message.New(message.Verbatim, keyOf(fieldNames, f))
		}
		d.add(Finding{Code: TrackMismatch, Evidence: message.New(message.EvidenceTracksDiffer, fields)})
	}
	d.serviceCode(c.ServiceCode, track, c.Masked)
	if missing := d.missingFinancialTrack(c); missing > 0 {
		d.add(Finding{Code: TrackAbsent, Track: missing, Evidence: message.New(message.EvidenceOneTrack, 3-missing)})
	}
	if c.Kind == card.KindPayment {
		d.add(Finding{Code: IssuerCheckRequired, Evidence: message.New(message.EvidenceIssuer, keyOf(brandNames, c.Brand), pan)})
	}
}

// missingFinancialTrack is the one of tracks 1 and 2 that the reader did not
// send while the other carried the card's data (0 when neither or both).
func (d *diagnosis) missingFinancialTrack(c *card.Card) int {
	switch {
	case c.Track1 == nil && c.Track2 != nil && d.r.Tracks[0].Status == StatusAbsent:
		return 1
	case c.Track2 == nil && c.Track1 != nil && d.r.Tracks[1].Status == StatusAbsent:
		return 2
	}
	return 0
}

// kindEvidence names a card's kind and, where track 1 has one, its format
// code.
func kindEvidence(c *card.Card) message.Message {
	kind := message.New(message.EvidenceKind, keyOf(kindNames, c.Kind))
	if c.FormatCode == 0 {
		return kind
	}
	code := message.New(message.EvidenceFormatCode, strconv.Quote(string(rune(c.FormatCode))))
	return message.New(message.Verbatim, []message.Message{kind, code})
}

func (d *diagnosis) serviceCode(sc card.ServiceCode, track int, masked bool) {
	if sc == "" {
		return
	}
	ev := message.New(message.EvidenceServiceCode, string(sc))
	if !sc.Assigned() {
		if !masked {
			d.add(Finding{Code: ServiceCodeInvalid, Track: track, Evidence: ev})
		}
		if !sc.Valid() {
			return
		}
	}
	switch sc.Interchange() {
	case card.Test:
		d.add(Finding{Code: ServiceCodeTest, Track: track, Evidence: ev})
	case card.Private:
		d.add(Finding{Code: ServiceCodePrivate, Track: track, Evidence: ev})
	case card.National:
		d.add(Finding{Code: ServiceCodeRestricted, Detail: "national", Track: track, Evidence: ev})
	}
	if sc.Chip() {
		d.add(Finding{Code: ServiceCodeChip, Track: track, Evidence: ev})
	}
	if a := sc.Authorization(); a == card.Online || a == card.OnlineUnlessAgreed {
		d.add(Finding{Code: ServiceCodeOnlineOnly, Track: track, Evidence: ev})
	}
	switch {
	case sc.GoodsOnly():
		d.add(Finding{Code: ServiceCodeRestricted, Detail: "goods", Track: track, Evidence: ev})
	case sc.Services() == card.ATMPIN:
		d.add(Finding{Code: ServiceCodeRestricted, Detail: "atm", Track: track, Evidence: ev})
	case sc.Services() == card.Cash:
		d.add(Finding{Code: ServiceCodeRestricted, Detail: "cash", Track: track, Evidence: ev})
	}
}

// closedLoop notes a card whose number no payment brand holds: the checks
// that only payment networks apply (check digit, expiry, service code)
// are notes on it, not faults, and its verdict sends it to its own system.
func (d *diagnosis) closedLoop(c *card.Card, track int) {
	var ev []message.Message
	switch c.PAN[0] {
	case '7':
		ev = append(ev, message.New(message.EvidenceMII7))
	case '8':
		ev = append(ev, message.New(message.EvidenceMII8))
	case '9':
		ev = append(ev, message.New(message.EvidenceMII9))
	default:
		ev = append(ev, message.New(message.EvidencePrivateRange))
	}
	if !c.Luhn {
		ev = append(ev, message.New(message.EvidenceLuhnNotUsed))
	}
	switch e := c.Expiry; {
	case e.Dummy():
		ev = append(ev, message.New(message.EvidenceNoRealExpiry, e.Raw))
	case e.Valid() && e.Expired(d.now):
		ev = append(ev, message.New(message.EvidenceExpired, e.String(), d.now.Format("2006-01-02")))
	}
	if c.ServiceCode != "" {
		ev = append(ev, message.New(message.EvidenceOwnServiceCode, string(c.ServiceCode)))
	}
	d.add(Finding{Code: ClosedLoopCard, Track: track, Evidence: message.New(message.Verbatim, ev)})
}
