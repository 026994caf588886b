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
	"magcheck/message"
)

// diagnosis builds one Report. The checks run from the stripe up: framing,
// track presence, structure, then card data.
type diagnosis struct {
	r     *Report
	now   time.Time
	reads [3]*TrackRead
	// im is what the host's input method did that was read as ASCII;
	// imeAt the characters it typed that stayed, by track.
	im    keyboard.InputMethod
	imeAt [3][]wedge.Issue
	// parsed is each track's card data as package card read it, once
	// (parse), for the checks that look at a track before the card is made
	// and for the card.
	parsed [3]card.Parsed
}

// parse reads data as track n's card data, or gives what was read of the
// same data before.
func (d *diagnosis) parse(n int, data string) card.Parsed {
	if p := d.parsed[n-1]; p.Data == data && data != "" {
		return p
	}
	d.parsed[n-1] = card.Parse(n, data)
	return d.parsed[n-1]
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

func (d *diagnosis) has(c Code) bool { return hasCode(d.r, c) }

func (d *diagnosis) noData() *Report {
	d.add(Finding{Code: NoData, Evidence: message.New(message.EvidenceEmptyCapture)})
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

// capture reads a split wedge capture; layout is what showed its host
// layout and Caps Lock.
func (d *diagnosis) capture(c *wedge.Capture, layout message.Message) {
	d.r.Layout, d.r.CapsLock = c.Layout, c.CapsLock
	d.r.Setup = &Setup{Prefix: c.Prefix, Suffix: c.Suffix}
	d.keyboardFindings(c.Layout, c.CapsLock, layout)
	// Text that holds tracks without a single sentinel is what POS logs
	// and copies keep (a reader's own keystrokes never count as such): a
	// track whose fields read whole is read, and its missing sentinels are
	// no fault of the track.
	stripped := d.r.Input == InputWedge && sentinelFree(c)
	var bare []message.Message
	found := false
	for _, t := range c.Tracks {
		if t == nil {
			continue
		}
		found = true
		tr := TrackRead{Number: t.Number, Status: StatusOK, Text: t.Text, Start: t.Start != 0}
		if t.ReaderError {
			tr.Status = StatusError
		}
		logCopy := stripped && whole(d.parse(t.Number, t.Data))
		if logCopy {
			bare = append(bare, message.New(message.Verbatim, t.Number))
		}
		for _, is := range t.Issues {
			if logCopy && (is.Kind == wedge.MissingStartSentinel || is.Kind == wedge.MissingEndSentinel) {
				continue
			}
			code := wedgeCodes[is.Kind]
			if is.Kind == wedge.InvalidCharacter && keyboard.InputMethodChar(is.Char) {
				// The host's input method typed it, not the card: the
				// input_method_active finding names it (inputMethod).
				code = InputMethodActive
				d.imeAt[t.Number-1] = append(d.imeAt[t.Number-1], is)
			}
			tr.Errors = append(tr.Errors, TrackError{Pos: is.Pos, Code: code})
		}
		d.read(tr)
	}
	if len(bare) > 0 {
		d.strippedFindings(bare)
	}
	if c.Hex != nil {
		d.hexFindings(c)
		if !c.Hex.Read() {
			return
		}
	}
	if !found {
		if strings.TrimSpace(c.Text) == "" {
			d.add(Finding{Code: NoData, Evidence: message.New(message.EvidenceBlank)})
		} else {
			d.add(Finding{Code: NotASwipe, Evidence: message.New(message.EvidenceUnframed, len(c.Text))})
		}
		return
	}
	if extra := c.Extra(); len(extra) > 0 {
		d.add(Finding{Code: ExtraCharacters, Evidence: quoteList(extra)})
	}
}

// sentinelFree reports a capture with tracks, none of which has a start or
// an end sentinel.
func sentinelFree(c *wedge.Capture) bool {
	n := 0
	for _, t := range c.Tracks {
		if t == nil {
			continue
		}
		if t.Start != 0 || t.End {
			return false
		}
		n++
	}
	return n > 0
}

// whole reports whether a track without sentinels holds its fields whole:
// the card parser reads them without a format error (a track 1 in another
// format than B says nothing of where it ends). One that breaks off inside
// a field was cut short, and its missing end sentinel says so.
func whole(p card.Parsed) bool {
	return p.Err == nil || p.Track1 != nil && p.Track1.FormatCode != 'B'
}

// strippedFindings says that the tracks a log or a copy kept have no
// sentinels, one finding for each sentinel, naming the tracks.
func (d *diagnosis) strippedFindings(tracks []message.Message) {
	f := Finding{Detail: "stripped", Evidence: message.New(message.EvidenceTracksBare, tracks)}
	if len(tracks) == 1 {
		f.Track = tracks[0].Args[0].(int)
		f.Evidence = message.New(message.EvidenceNoSentinels, f.Track)
	}
	f.Code = MissingStartSentinel
	d.add(f)
	f.Code = MissingEndSentinel
	d.add(f)
}

// maxHexEvidence is how many of a hex record's problems a finding names.
const maxHexEvidence = 4

// hexEvidence words one problem of a hex record.
func hexEvidence(p wedge.HexProblem) message.Message {
	switch p.Kind {
	case wedge.HexLengthByte:
		return message.New(message.EvidenceHexLength, p.Want, p.Got)
	case wedge.HexOdd:
		return message.New(message.EvidenceHexOdd, p.Got)
	}
	k := message.EvidenceHexNotHex
	if p.Kind == wedge.HexMisplaced {
		k = message.EvidenceHexMisplaced
	}
	return message.New(k, p.Pos+1, string(p.Char))
}

// hexFindings says what is wrong with track 2 written in hex: the record's
// problems, and a tag 57 that ends before its expiry date and service code
// (EMV always holds both). A record read with an odd digit count only is
// the "odd" variant.
func (d *diagnosis) hexFindings(c *wedge.Capture) {
	var ev []message.Message
	for i, p := range c.Hex.Problems {
		if i == maxHexEvidence {
			ev = append(ev, message.New(message.Verbatim, "…"))
			break
		}
		ev = append(ev, hexEvidence(p))
	}
	detail := ""
	if t := c.Tracks[1]; c.EMV && t != nil && emvShort(d.parse(2, t.Data).Track2) {
		ev = append(ev, message.New(message.EvidenceHexShort))
	} else if c.Hex.Read() {
		detail = "odd"
	}
	if len(ev) > 0 {
		d.add(Finding{Code: HexInvalid, Detail: detail, Track: 2, Evidence: message.New(message.Verbatim, ev)})
	}
}

// emvShort reports track-2 data from tag 57 without an expiry date or a
// service code.
func emvShort(t2 *card.Track2) bool {
	return t2 == nil || t2.Expiry.Raw == "" || t2.ServiceCode == ""
}

// quoteList shows what a reader added around the tracks. Extra text can
// hold card data (a second swipe in one paste): a piece that looks like
// track data is shown by its length only, others are cut short.
func quoteList(xs []string) message.Message {
	q := make([]message.Message, len(xs))
	for i, x := range xs {
		if looksLikeTrackData(x) {
			q[i] = message.New(message.EvidenceTrackLike, len(x))
			continue
		}
		r := []rune(x)
		if len(r) > 16 {
			r = append(r[:16], '…')
		}
		q[i] = message.New(message.Verbatim, strconv.Quote(string(r)))
	}
	return message.New(message.Verbatim, q)
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

func (d *diagnosis) keyboardFindings(l keyboard.Layout, caps bool, evidence message.Message) {
	if l != "" && l != keyboard.US && !d.has(KeyboardLayoutMismatch) {
		d.add(Finding{Code: KeyboardLayoutMismatch, Evidence: message.New(message.EvidenceHostLayout, keyOf(layoutNames, l), evidence)})
	}
	if caps && !d.has(CapsLock) {
		d.add(Finding{Code: CapsLock, Track: 1, Evidence: message.New(message.EvidenceCaseInverted)})
	}
}

// layoutEvidence words what showed package keyboard the host layout.
func layoutEvidence(e keyboard.Evidence) message.Message {
	var parts []message.Message
	if e.Sentinels != "" {
		parts = append(parts, message.New(message.EvidenceSentinelsAs, e.Sentinels))
	}
	if e.DeadKeys != "" {
		parts = append(parts, message.New(message.EvidenceDeadKeys, e.DeadKeys))
	}
	if e.OutOfSet != [2]int{} {
		parts = append(parts, message.New(message.EvidenceOutOfSet, e.OutOfSet[0], e.OutOfSet[1]))
	}
	if e.CapsLock {
		parts = append(parts, message.New(message.Verbatim, "⇪ a→A"))
	}
	return message.New(message.Verbatim, parts)
}

// bitTrack decodes the raw bits of track n, or with n 0 of the track its
// character set says (track 1 for 7-bit characters, else 2). Bits that no
// ISO 7811 framing explains are a card's own encoding, shown raw.
func (d *diagnosis) bitTrack(n int, bits []byte) {
	if iso7811.OwnEncoding(bits) {
		if n == 0 {
			n = 2 // a single track that says not which: where one usually is
		}
		d.ownEncoding(n, bits, message.New(message.EvidenceOwnEncodingBits, len(bits)))
		return
	}
	res, err := iso7811.Decode(bits)
	if res == nil {
		ev := message.New(message.EvidenceNoStartFound)
		if err != nil {
			ev = Explain(err)
		}
		d.noTrack(err, ev)
		if n > 0 {
			d.r.Findings[len(d.r.Findings)-1].Track = n
		}
		return
	}
	if n == 0 {
		n = 2
		if res.Format == iso7811.Alpha {
			n = 1
		}
	}
	d.bitResult(res, n, bits)
}

// noTrack records a bit stream in which no track decoded: no data when the
// stream is blank, a malformed track when the decoder found something else
// wrong.
func (d *diagnosis) noTrack(err error, evidence message.Message) {
	code := NoData
	if err != nil && !isNoData(err) {
		code = TrackMalformed
	}
	d.add(Finding{Code: code, Evidence: evidence})
}

// bitResult records a track decoded from bits as track n, its character
// errors placed in the text and its characters along the stream.
func (d *diagnosis) bitResult(res *iso7811.Result, n int, bits []byte) {
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
	d.r.Tracks[n-1].Bits = trackBits(res, bits)
	if res.Reversed {
		d.add(Finding{Code: ReversedSwipe, Track: n, Evidence: message.New(message.EvidenceReversed)})
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
		d.add(Finding{Code: TrackReadError, Track: tr.Number, Evidence: message.New(message.EvidenceReaderError)})
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
		case MissingEndSentinel, InvalidCharacter, InputMethodActive:
			malformed = true
		case ParityError, LRCError:
			t.Status = StatusError
		}
		if c != InputMethodActive { // one finding for the swipe (inputMethod)
			d.add(Finding{Code: c, Track: tr.Number, Evidence: positions(tr.Number, byCode[c])})
		}
	}
	if malformed && t.Status == StatusOK {
		t.Status = StatusMalformed
	}
}

// positions names a track and where in it something is wrong: at most
// eight places, then an ellipsis.
func positions(track int, ps []int) message.Message {
	var b strings.Builder
	for i, p := range ps {
		if p < 0 {
			continue
		}
		if i == 8 {
			b.WriteString(" …")
			break
		}
		if b.Len() > 0 {
			b.WriteByte(',')
		}
		b.WriteString(strconv.Itoa(p))
	}
	if b.Len() == 0 {
		return message.New(message.EvidenceTrack, track)
	}
	return message.New(message.EvidencePositions, track, b.String())
}

// timing adds what the keystroke rhythm says.
func (d *diagnosis) timing(sw keyboard.Swipe) {
	t := sw.Rebuilt.Timing
	ev := message.New(message.EvidenceTiming, t.Keys, t.CharsPerSecond, t.MedianGap, t.MaxGap)
	switch {
	case !sw.Reader && t.Keys >= 2 && t.MedianGap > keyboard.ReaderMedianGap:
		d.add(Finding{Code: HumanTyping, Evidence: ev})
	case t.Stalls > 0 || (t.Keys >= 10 && t.CharsPerSecond < slowReaderCPS):
		d.add(Finding{Code: SlowKeystrokes, Evidence: ev})
	}
	if sw.Reader && sw.Rebuilt.Terminator == "" && d.anyTrack() {
		d.add(Finding{Code: NoTerminator, Evidence: message.New(message.EvidenceIdleEnd)})
	}
	if sw.Truncated {
		d.add(Finding{Code: CaptureTruncated, Evidence: message.New(message.EvidenceKeysKept, len(sw.Keys))})
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

// inputMethod says, in one finding, what the host's input method did: the
// full-width characters and punctuation read as ASCII, compositions that
// took the reader's letters, and the characters it typed that stayed,
// where they are. A composed character is placed, not quoted: it stands
// for letters of the card.
func (d *diagnosis) inputMethod() {
	var ev []message.Message
	if n := d.im.FullWidth; n > 0 {
		ev = append(ev, message.New(message.EvidenceFullWidth, n))
	}
	if p := d.im.Punctuation; p != "" {
		ascii, _ := keyboard.Narrow(p)
		ev = append(ev, message.New(message.EvidenceIMEPunctuation, p, ascii))
	}
	if n := d.im.Composed; n > 0 {
		ev = append(ev, message.New(message.EvidenceComposed, n))
	}
	for i, issues := range d.imeAt {
		var composed []int
		for _, is := range issues {
			if keyboard.IsComposed(is.Char) {
				composed = append(composed, is.Pos)
				continue
			}
			ev = append(ev, message.New(message.EvidenceIMEChar, strconv.QuoteRune(is.Char), i+1, is.Pos))
		}
		if len(composed) > 0 {
			ev = append(ev, message.New(message.EvidenceComposedAt, positions(i+1, composed)))
		}
	}
	if len(ev) > 0 {
		d.add(Finding{Code: InputMethodActive, Evidence: message.New(message.Verbatim, ev)})
	}
}

// finish parses the card, adds card findings, sorts and concludes.
func (d *diagnosis) finish() *Report {
	d.inputMethod()
	var tracks [3]card.Parsed
	var off [3]int
	for i := range tracks {
		var data string
		data, off[i] = d.data(i)
		tracks[i] = d.parse(i+1, data)
	}
	if c := card.FromParsed(tracks); c != nil {
		d.readerMasked(c)
		d.r.Card = c
		d.placeFields(c, off)
		d.cardFindings(c)
	}
	if d.has(TrackReadError) && d.allReadsFailed() {
		d.retag(TrackReadError, "all")
	}
	sortFindings(d.r.Findings)
	d.r.Fault = faultOf(d.r)
	return d.r
}

// sortFindings puts fs in report order: fail, warn, info; then by track,
// the whole swipe first; else as raised.
func sortFindings(fs []Finding) {
	slices.SortStableFunc(fs, func(a, b Finding) int {
		if c := a.Severity.rank() - b.Severity.rank(); c != 0 {
			return c
		}
		return a.Track - b.Track
	})
}

// readerMasked marks c's number masked when the reader said it masked the
// tracks (TrackRead.Masked), whatever its mask character: the number's
// check digit then says nothing, and a zeroed or masked service code and
// discretionary data are the mask, not the card's.
func (d *diagnosis) readerMasked(c *card.Card) {
	if c.Masked || c.PAN == "" {
		return
	}
	for _, tr := range d.reads {
		if tr != nil && tr.Masked {
			c.Masked = true
			if strings.Trim(string(c.ServiceCode)+c.Discretionary, "0*#X") == "" {
				c.ServiceCode, c.Discretionary = "", ""
			}
			return
		}
	}
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
	var tracks []message.Message
	out := d.r.Findings[:0]
	for _, f := range d.r.Findings {
		if f.Code == c {
			tracks = append(tracks, message.New(message.Verbatim, f.Track))
			continue
		}
		out = append(out, f)
	}
	d.r.Findings = out
	d.add(Finding{Code: c, Detail: detail, Evidence: message.New(message.EvidenceTracksFailed, tracks)})
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
