package decoder

import (
	"errors"
	"slices"
	"strconv"
	"strings"
	"time"

	"magcheck/decoder/card"
	"magcheck/decoder/iso7811"
	"magcheck/decoder/keyboard"
	"magcheck/decoder/wedge"
)

// diagnosis builds one Report. The checks run in the order the reference's
// cause table suggests: framing, track presence, structure, card data.
type diagnosis struct {
	r     *Report
	now   time.Time
	reads [3]*TrackRead
}

func newDiagnosis(in Input, o Options) *diagnosis {
	r := &Report{Input: in, Layout: keyboard.US}
	for i := range r.Tracks {
		r.Tracks[i] = Track{Number: i + 1, Status: StatusAbsent}
	}
	return &diagnosis{r: r, now: o.now()}
}

func (d *diagnosis) add(f Finding) {
	if f.Severity == "" {
		f.Severity = lookup(f.Code, f.Detail).severity
	}
	d.r.Findings = append(d.r.Findings, f)
}

func (d *diagnosis) has(c Code) bool {
	for _, f := range d.r.Findings {
		if f.Code == c {
			return true
		}
	}
	return false
}

func (d *diagnosis) noData() *Report {
	d.add(Finding{Code: NoData, Evidence: "empty capture"})
	return d.finish()
}

// wedgeCodes maps the splitter's issue kinds to finding codes.
var wedgeCodes = map[wedge.IssueKind]Code{
	wedge.MissingStartSentinel: MissingStartSentinel,
	wedge.MissingEndSentinel:   MissingEndSentinel,
	wedge.InvalidCharacter:     InvalidCharacter,
	wedge.TooLong:              TrackTooLong,
	wedge.LRCCharacter:         LRCPresent,
}

// capture reads a split wedge capture.
func (d *diagnosis) capture(c *wedge.Capture) {
	d.r.Layout, d.r.CapsLock = c.Layout, c.CapsLock
	d.keyboardFindings(c.Layout, c.CapsLock, c.LayoutEvidence)
	any := false
	for _, t := range c.Tracks {
		if t == nil {
			continue
		}
		any = true
		tr := TrackRead{Number: t.Number, Status: StatusOK, Text: t.Text, Start: t.Start != 0}
		if t.ReaderError {
			tr.Status = StatusError
		}
		for _, is := range t.Issues {
			tr.Errors = append(tr.Errors, TrackError{Pos: is.Pos, Code: wedgeCodes[is.Kind]})
		}
		d.read(tr)
	}
	if !any {
		if strings.TrimSpace(c.Text) == "" {
			d.add(Finding{Code: NoData, Evidence: "only whitespace or padding arrived"})
		} else {
			d.add(Finding{Code: NotASwipe, Evidence: strconv.Itoa(len(c.Text)) + " characters without track framing"})
		}
		return
	}
	if extra := c.Extra(); len(extra) > 0 {
		d.add(Finding{Code: ExtraCharacters, Evidence: quoteList(extra)})
	}
}

// quoteList shows what a reader added around the tracks. Extra text can
// hold card data (a second swipe in one paste): a piece that looks like
// track data is shown by its length only, others are cut short.
func quoteList(xs []string) string {
	q := make([]string, len(xs))
	for i, x := range xs {
		if looksLikeTrackData(x) {
			q[i] = strconv.Itoa(len(x)) + " characters of track-like data"
			continue
		}
		r := []rune(x)
		if len(r) > 16 {
			r = append(r[:16], '…')
		}
		q[i] = strconv.Quote(string(r))
	}
	return strings.Join(q, ", ")
}

// looksLikeTrackData reports separators or a run of digits: a vendor
// prefix has neither, a PAN or a second swipe has both.
func looksLikeTrackData(s string) bool {
	if strings.ContainsAny(s, "^=") {
		return true
	}
	run := 0
	for i := 0; i < len(s); i++ {
		if s[i] >= '0' && s[i] <= '9' {
			if run++; run >= 4 {
				return true
			}
		} else {
			run = 0
		}
	}
	return false
}

func (d *diagnosis) keyboardFindings(l keyboard.Layout, caps bool, evidence string) {
	if l != "" && l != keyboard.US && !d.has(KeyboardLayoutMismatch) {
		d.add(Finding{Code: KeyboardLayoutMismatch, Evidence: "host layout " + string(l) + ": " + evidence})
	}
	if caps && !d.has(CapsLock) {
		d.add(Finding{Code: CapsLock, Track: 1, Evidence: "letter case inverted"})
	}
}

// bitTrack decodes one track's raw bits.
func (d *diagnosis) bitTrack(bits []byte) {
	res, err := iso7811.Decode(bits)
	if res == nil {
		ev := "no start sentinel found"
		if err != nil {
			ev = err.Error()
		}
		d.noTrack(err, ev)
		return
	}
	n := 2
	if res.Format == iso7811.Alpha {
		n = 1
	}
	d.bitResult(res, n)
}

// noTrack records a bit stream in which no track decoded: no data when the
// stream is blank, a malformed track when the decoder found something else
// wrong.
func (d *diagnosis) noTrack(err error, evidence string) {
	code := NoData
	if err != nil && !isNoData(err) {
		code = TrackMalformed
	}
	d.add(Finding{Code: code, Evidence: evidence})
}

// bitResult records a track decoded from bits as track n, its character
// errors placed in the text.
func (d *diagnosis) bitResult(res *iso7811.Result, n int) {
	tr := TrackRead{Number: n, Status: StatusOK, Text: res.Text, Start: true}
	for _, e := range res.Errors {
		code := ParityError
		switch e.Kind {
		case iso7811.LRCError:
			code = LRCError
		case iso7811.MissingEndSentinel:
			code = MissingEndSentinel
		}
		pos := e.Pos
		if pos >= len(res.Text) {
			pos = -1 // the LRC is not part of the shown text
		}
		tr.Errors = append(tr.Errors, TrackError{Pos: pos, Code: code})
	}
	d.read(tr)
	if res.Reversed {
		d.add(Finding{Code: ReversedSwipe, Track: n, Evidence: "decoded from the reversed bit stream"})
	}
}

func isNoData(err error) bool { return errors.Is(err, iso7811.ErrNoData) }

// read records one delivered track and its framing findings.
func (d *diagnosis) read(tr TrackRead) {
	if tr.Number < 1 || tr.Number > 3 {
		return
	}
	t := &d.r.Tracks[tr.Number-1]
	t.Status, t.Text, t.Errors = tr.Status, tr.Text, tr.Errors
	d.reads[tr.Number-1] = &tr
	switch tr.Status {
	case StatusAbsent:
		return
	case StatusError:
		d.add(Finding{Code: TrackReadError, Track: tr.Number, Evidence: "reader reported a decode error"})
		return
	}
	// Where a track came with errors, one finding per kind, with positions.
	byCode := map[Code][]int{}
	var order []Code
	for _, e := range tr.Errors {
		if _, ok := byCode[e.Code]; !ok {
			order = append(order, e.Code)
		}
		byCode[e.Code] = append(byCode[e.Code], e.Pos)
	}
	malformed := false
	for _, c := range order {
		switch c {
		case MissingEndSentinel, InvalidCharacter:
			malformed = true
		case ParityError, LRCError:
			t.Status = StatusError
		}
		d.add(Finding{Code: c, Track: tr.Number, Evidence: positions(tr.Number, byCode[c])})
	}
	if malformed && t.Status == StatusOK {
		t.Status = StatusMalformed
	}
}

func positions(track int, ps []int) string {
	var b strings.Builder
	b.WriteString("track ")
	b.WriteString(strconv.Itoa(track))
	sep := " pos "
	for i, p := range ps {
		if p < 0 {
			continue
		}
		if i == 8 {
			b.WriteString(" …")
			break
		}
		b.WriteString(sep)
		b.WriteString(strconv.Itoa(p))
		sep = ","
	}
	return b.String()
}

// timing adds what the keystroke rhythm says.
func (d *diagnosis) timing(sw keyboard.Swipe) {
	t := sw.Rebuilt.Timing
	ev := strconv.Itoa(t.Keys) + " keys, " + strconv.FormatFloat(t.CharsPerSecond, 'f', 0, 64) +
		" chars/s, median gap " + strconv.FormatFloat(t.MedianGap, 'f', 1, 64) + " ms, longest " +
		strconv.FormatFloat(t.MaxGap, 'f', 0, 64) + " ms"
	switch {
	case !sw.Reader && t.Keys >= 2 && t.MedianGap > keyboard.ReaderMedianGap:
		d.add(Finding{Code: HumanTyping, Evidence: ev})
	case t.Stalls > 0 || (t.Keys >= 10 && t.CharsPerSecond < slowReaderCPS):
		d.add(Finding{Code: SlowKeystrokes, Evidence: ev})
	}
	if sw.Reader && sw.Rebuilt.Terminator == "" && d.anyTrack() {
		d.add(Finding{Code: NoTerminator, Evidence: "swipe ended by an idle gap"})
	}
	if sw.Truncated {
		d.add(Finding{Code: CaptureTruncated, Evidence: strconv.Itoa(len(sw.Keys)) + " keys kept"})
	}
}

// slowReaderCPS is below what even a slowed-down reader types (readers type
// about 100–1000 characters per second).
const slowReaderCPS = 50

func (d *diagnosis) anyTrack() bool {
	for _, t := range d.r.Tracks {
		if t.Status != StatusAbsent {
			return true
		}
	}
	return false
}

// data returns a track's characters between the sentinels, or "" when the
// track is not usable for card parsing.
func (d *diagnosis) data(i int) (string, int) {
	tr := d.reads[i]
	if tr == nil || d.r.Tracks[i].Status != StatusOK || tr.Text == "" {
		return "", 0
	}
	s, off := tr.Text, 0
	if tr.Start {
		s, off = s[1:], 1
	}
	return strings.TrimSuffix(s, "?"), off
}

// finish parses the card, adds card findings, sorts and concludes.
func (d *diagnosis) finish() *Report {
	var data [3]string
	var off [3]int
	for i := range data {
		data[i], off[i] = d.data(i)
	}
	if c := card.FromTracks(data[0], data[1], data[2]); c != nil {
		d.r.Card = c
		d.placeFields(c, off)
		d.cardFindings(c)
	}
	if d.has(TrackReadError) && d.allReadsFailed() {
		d.retag(TrackReadError, "all")
	}
	slices.SortStableFunc(d.r.Findings, func(a, b Finding) int {
		if c := a.Severity.rank() - b.Severity.rank(); c != 0 {
			return c
		}
		return a.Track - b.Track
	})
	d.r.Fault = faultOf(d.r)
	return d.r
}

func (d *diagnosis) allReadsFailed() bool {
	for _, t := range d.r.Tracks {
		if t.Status != StatusAbsent && t.Status != StatusError {
			return false
		}
	}
	return true
}

// retag folds every finding of code c into one with the given detail, when
// the whole swipe failed the same way.
func (d *diagnosis) retag(c Code, detail string) {
	var tracks []string
	out := d.r.Findings[:0]
	for _, f := range d.r.Findings {
		if f.Code == c {
			tracks = append(tracks, strconv.Itoa(f.Track))
			continue
		}
		out = append(out, f)
	}
	d.r.Findings = out
	d.add(Finding{Code: c, Detail: detail, Evidence: "tracks " + strings.Join(tracks, ", ") + ": reader reported decode errors"})
}

// placeFields moves the card parser's field offsets (relative to the data)
// into track text offsets.
func (d *diagnosis) placeFields(c *card.Card, off [3]int) {
	var fields [3][]card.Field
	if c.Track1 != nil {
		fields[0] = c.Track1.Fields
	}
	if c.Track2 != nil {
		fields[1] = c.Track2.Fields
	}
	if c.Track3 != nil {
		fields[2] = c.Track3.Fields
	}
	for i, fs := range fields {
		if len(fs) == 0 || d.r.Tracks[i].Status != StatusOK {
			continue
		}
		placed := make([]card.Field, len(fs))
		for j, f := range fs {
			f.Start += off[i]
			f.End += off[i]
			placed[j] = f
		}
		d.r.Tracks[i].Fields = placed
	}
}

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
		if c.License != nil {
			st = c.License.State
		}
		d.add(Finding{Code: AAMVALicence, Evidence: "AAMVA licence/ID " + st})
		if c.Expiry.Valid() && c.Expiry.Expired(d.now) {
			d.add(Finding{Code: Expired, Track: 2, Severity: SeverityInfo, Evidence: "licence expiry " + c.Expiry.String()})
		}
		return
	case c.Kind == card.KindGift:
		d.add(Finding{Code: NonPaymentCard, Detail: "gift", Track: track, Evidence: "kind gift/loyalty"})
		return
	case c.Kind == card.KindPrivate, c.PAN == "":
		d.add(Finding{Code: NonPaymentCard, Detail: "private", Track: track, Evidence: "kind " + string(c.Kind) + formatEvidence(c)})
		// On a private card only a 7xx service code means anything: other
		// digits there are the issuer's own data or placeholders.
		if c.ServiceCode.Valid() && c.ServiceCode.Interchange() == "private" {
			d.add(Finding{Code: ServiceCodePrivate, Track: track, Evidence: "service code " + string(c.ServiceCode)})
		}
		return
	}
	// Payment, test and bank-format cards of unknown kind: check the
	// payment fields, since that is what the POS will do.
	pan := last4(c.PAN)
	if c.Masked {
		d.add(Finding{Code: MaskedData, Track: track, Evidence: "PAN " + card.MaskPAN(c.PAN)})
	} else {
		if !c.Luhn {
			f := Finding{Code: PANLuhnFailed, Track: track, Evidence: "PAN " + pan + " fails the Luhn check"}
			if c.Brand == card.BrandUnionPay {
				f.Severity = SeverityWarn // UnionPay numbers need not pass Luhn
				f.Evidence += " (UnionPay: not always Luhn)"
			}
			d.add(f)
		}
		if !c.PANLengthOK {
			d.add(Finding{Code: PANLengthInvalid, Track: track, Evidence: strconv.Itoa(len(c.PAN)) + " digits for brand " + string(c.Brand)})
		}
	}
	if c.Brand == card.BrandUnknown || c.Brand == "" {
		d.add(Finding{Code: BrandUnknown, Track: track, Evidence: "IIN not in the table"})
	}
	switch {
	case c.Expiry.Raw != "" && !c.Expiry.Valid() && !c.Masked:
		d.add(Finding{Code: ExpiryInvalid, Track: track, Evidence: "expiry field " + c.Expiry.Raw})
	case c.Expiry.Valid() && c.Expiry.Expired(d.now):
		d.add(Finding{Code: Expired, Track: track, Evidence: "expiry " + c.Expiry.String() + ", today " + d.now.Format("2006-01-02")})
	}
	if len(c.Mismatch) > 0 {
		d.add(Finding{Code: TrackMismatch, Evidence: "tracks 1 and 2 differ in " + strings.Join(c.Mismatch, ", ")})
	}
	d.serviceCode(c.ServiceCode, track, c.Masked)
	if missing := d.missingFinancialTrack(c); missing > 0 {
		d.add(Finding{Code: TrackAbsent, Track: missing, Evidence: "card data on track " + strconv.Itoa(3-missing) + " only"})
	}
	if c.Kind == card.KindPayment {
		d.add(Finding{Code: IssuerCheckRequired, Evidence: "brand " + string(c.Brand) + ", PAN " + pan})
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

func formatEvidence(c *card.Card) string {
	if c.FormatCode == 0 {
		return ""
	}
	return ", track 1 format code " + strconv.Quote(string(rune(c.FormatCode)))
}

func (d *diagnosis) serviceCode(sc card.ServiceCode, track int, masked bool) {
	if sc == "" {
		return
	}
	ev := "service code " + string(sc)
	if !sc.Valid() || sc.Interchange() == "rfu" || sc.Authorization() == "rfu" || sc.Services() == "rfu" {
		if !masked {
			d.add(Finding{Code: ServiceCodeInvalid, Track: track, Evidence: ev})
		}
		if !sc.Valid() {
			return
		}
	}
	switch sc.Interchange() {
	case "test":
		d.add(Finding{Code: ServiceCodeTest, Track: track, Evidence: ev})
	case "private":
		d.add(Finding{Code: ServiceCodePrivate, Track: track, Evidence: ev})
	case "national":
		d.add(Finding{Code: ServiceCodeRestricted, Detail: "national", Track: track, Evidence: ev})
	}
	if sc.Chip() {
		d.add(Finding{Code: ServiceCodeChip, Track: track, Evidence: ev})
	}
	if a := sc.Authorization(); a == "online" || a == "online_bilateral" {
		d.add(Finding{Code: ServiceCodeOnlineOnly, Track: track, Evidence: ev})
	}
	switch sc.Services() {
	case "goods_services", "goods_services_pin", "goods_services_pin_if_feasible":
		d.add(Finding{Code: ServiceCodeRestricted, Detail: "goods", Track: track, Evidence: ev})
	case "atm_pin":
		d.add(Finding{Code: ServiceCodeRestricted, Detail: "atm", Track: track, Evidence: ev})
	case "cash":
		d.add(Finding{Code: ServiceCodeRestricted, Detail: "cash", Track: track, Evidence: ev})
	}
}
