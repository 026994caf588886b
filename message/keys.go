package message

// The keys, grouped by where they are shown. A key whose text is a format
// says what its values are.
const (
	// The language itself.
	LangName      Key = iota // the language's own name, on its switch button
	LangTag                  // its BCP 47 tag for the html lang attribute
	ListSeparator            // between the items of a list
	Verbatim                 // %v: a value, or a list of messages, shown as it is
	Sentences                // %[1]s then %[2]s: two sentences in a row

	// The application, for the web manifest and the page head.
	AppName
	AppTitle
	AppDescription

	// The page's furniture.
	Tagline
	Ready
	Reading
	EarlyHeld // a key came before the page ran: web/early.js shows it
	OfflineReady
	OfflinePreparing
	OfflineOff
	Privacy
	AutoClear  // %d: minutes
	BootFailed // shown in both languages when app.wasm cannot start
	UpdateReady
	UpdateReload
	NoSwipe
	Reveal
	Hide
	RevealNote // %d: seconds
	Clear
	SaveText
	SaveJSON
	Print
	Paste
	PasteHint
	Decode
	PasteError
	Session
	SessionEmpty
	Swipes
	Cards
	Unidentified
	Dropped
	TrackFailed // %d: the track
	Stripe
	CaptureLabel // the accessible name of the field that takes a swipe's text from soft keyboards and input methods

	// Headings and labels shared by the page and the text report.
	ReportTitle
	VerdictLabel
	InputLabel
	LayoutLabel
	TracksLabel
	TrackN // %d: the track
	CardLabel
	KindLabel
	BrandLabel
	PANLabel
	BitsLRC     // the check character's label in the bit picture
	BitsPicture // the bit picture's accessible name; %d: the track
	BitsAt      // %d, %d: the first and last bit of a character in the stream
	LuhnOK
	LuhnBad
	LuhnMasked
	NameLabel
	ExpiryLabel
	ServiceCodeLabel
	LicenceState
	LicenceNumber
	BirthDate
	Address
	FindingsLabel
	NoFindings
	CauseLabel
	ActionLabel
	EvidenceLabel
	Position // %[1]d: byte offset in the track, %[2]s: what is wrong there
	Keystrokes
	KeysLabel
	DurationLabel
	RateLabel
	MedianGapLabel
	MaxGapLabel
	StallsLabel
	CapsLockOn
	Milliseconds // %s: a number
	PerSecond    // %s: a number
	SignalLabel
	Clipped
	MaskedNote
	RevealedNote
	// %[1]d keys, %.0[2]f characters per second, %.1[3]f ms median gap, %.0[4]f ms longest gap
	TimingLine
	// %.1[1]f in/s, %.1[2]f %% variation, %.1[3]f dB SNR, %.1[4]f %% peak,
	// %.1[5]f samples per half bit cell, %[6]d polarity
	SignalLine
	// %[1]d: the swipe, %[2]d: how many, %[3]s and %[4]s: start and end in seconds
	AudioSwipeHeading
	BitsRaw      // %d: how many bits; a track with its own encoding, as recorded
	BitsReversed // the same bits, the other way
	NoRealExpiry // %s: the expiry field as read

	// What the page knows of the reader in use: labels, then values.
	ReaderLabel
	FactVendor
	FactModel
	FactFormat
	FactSerial
	FactFirmware
	FactEncrypted
	FactKSN
	FactCounter
	FactKeyState
	FactPrefix
	FactSuffix
	FactTerminator
	Yes
	No
	NoneWord
	KeyStateProduction
	KeyStateTest
	KeyStateExhausted
	KeyStateNotInjected
	TerminatorEnter
	TerminatorTab
	TerminatorPause

	// Track statuses.
	StatusOK
	StatusError
	StatusAbsent
	StatusMalformed
	StatusNonISO

	// Severities.
	SeverityFail
	SeverityWarn
	SeverityInfo

	// Inputs.
	InputWedge
	InputKeys
	InputBits
	InputHID
	InputAudio
	InputSerial

	// Host keyboard layouts.
	LayoutUS
	LayoutFR
	LayoutDE
	LayoutDvorak
	LayoutTR
	LayoutUSIntl

	// Card kinds.
	KindPayment
	KindAAMVA
	KindGift
	KindPrivate
	KindTest
	KindUnknown

	// Card brands.
	BrandVisa
	BrandMastercard
	BrandAmex
	BrandDiscover
	BrandJCB
	BrandDiners
	BrandUnionPay
	BrandMaestro
	BrandMir
	BrandRuPay
	BrandTroy
	BrandElo
	BrandHipercard
	BrandDankort
	BrandUATP
	BrandVerve
	BrandUnknown

	// Track fields, on the stripe picture and in evidence.
	FieldFormatCode
	FieldPAN
	FieldName
	FieldCountryCode
	FieldExpiry
	FieldServiceCode
	FieldDiscretionary
	FieldRaw
	FieldState
	FieldCity
	FieldAddress
	FieldIIN
	FieldLicenceNumber
	FieldLicenceOverflow
	FieldBirthDate
	FieldPostalCode
	FieldClass
	FieldRestrictions
	FieldEndorsements
	FieldSex
	FieldHeight
	FieldWeight
	FieldHair
	FieldEyes

	// A service code in words: one phrase per digit value, then the sentence
	// of the three (%s each).
	ServiceCode1xx
	ServiceCode2xx
	ServiceCode5xx
	ServiceCode6xx
	ServiceCode7xx
	ServiceCode9xx
	ServiceCodeFirstRFU
	ServiceCodeX0x
	ServiceCodeX2x
	ServiceCodeX4x
	ServiceCodeSecondRFU
	ServiceCodeXx0
	ServiceCodeXx1
	ServiceCodeXx2
	ServiceCodeXx3
	ServiceCodeXx4
	ServiceCodeXx5
	ServiceCodeXx6
	ServiceCodeXx7
	ServiceCodeThirdRFU
	ServiceCodeSentence

	// Verdicts. Those with %s take the title of the finding they rest on.
	VerdictClean
	VerdictCard
	VerdictReader
	VerdictSetup
	VerdictHost
	VerdictInput
	VerdictCardOrReader
	// Verdicts once the visit has told card from reader.
	VerdictVisitCard    // %[1]s: the finding, %[2]s: the other cards
	VerdictVisitReader  // %[1]d: the track, %[2]d failures, %[3]d swipes
	VerdictVisitSetup   // %d: the track
	VerdictVisitRefused // %[1]s: the finding, %[2]d swipes
	VerdictNotASwipe    // the input holds no track: no finding's title, which would say the same
	// Verdicts of a swipe with no fault that is no payment card.
	VerdictNonISO     // a card with its own encoding
	VerdictClosedLoop // a loyalty, gift, fleet or private card

	// What several swipes say together.
	SwipesOne // %d
	SwipesMany
	CardsOne
	CardsMany
	SessionCounts      // %[1]s swipes, %[2]s cards, %[3]d with read failures
	SessionDropped     // %d
	OtherCardsOne      // %d
	OtherCardsMany     // %d
	SessionCardFault   // %s: the other cards
	SessionReaderFault // %[1]d: the track, %[2]d failures, %[3]d swipes
	SessionSetupFault  // %d: the track
	SessionRefused     // %[1]s: the finding, %[2]d swipes
	SessionClean
	SessionUnknown

	// Evidence: the fact a finding rests on.
	EvidenceTerminatorOnly
	EvidenceEmptyCapture
	EvidenceBlank
	EvidenceUnframed      // %d characters
	EvidenceTrackLike     // %d characters
	EvidenceEnterAfter    // %d: the track
	EvidenceTabAfter      // %d: the track
	EvidenceHostLayout    // %[1]s: the layout, %[2]s: what showed it
	EvidenceKeysRebuilt   // the keys were rebuilt from their positions
	EvidenceSentinelsAs   // %s: what the sentinels arrived as
	EvidenceDeadKeys      // %s: the dead keys
	EvidenceOutOfSet      // %[1]d characters out of set as typed, %[2]d after the repair
	EvidenceCaseInverted  //
	EvidenceNoBits        //
	EvidenceNoStart       // %d attempts
	EvidenceNoStartFound  //
	EvidenceNoTrack       //
	EvidenceReversed      //
	EvidenceReaderError   //
	EvidenceTrack         // %d: the track
	EvidencePositions     // %[1]d: the track, %[2]s: the positions
	EvidenceTiming        // as TimingLine
	EvidenceIdleEnd       //
	EvidenceKeysKept      // %d
	EvidenceTracksFailed  // %s: the tracks
	EvidenceLicence       // %s: the state
	EvidenceLicenceExpiry // %s: the date
	EvidenceKind          // %s: the kind
	EvidenceFormatCode    // %s: the format code
	EvidenceServiceCode   // %s: the code
	EvidencePAN           // %s: the masked number
	EvidenceLuhn          // %s: the last digits
	EvidenceUnionPayLuhn  // %s: the last digits
	EvidencePANLength     // %[1]d digits, %[2]s: the brand
	EvidenceIINUnknown    //
	EvidenceExpiryField   // %s: the field as read
	EvidenceExpired       // %[1]s: the expiry, %[2]s: today
	EvidenceTracksDiffer  // %s: the fields
	EvidenceOneTrack      // %d: the track that holds the card data
	EvidenceIssuer        // %[1]s: the brand, %[2]s: the last digits
	EvidenceReaderModel   // %s: the reader's model
	EvidenceUndersampled  // %.1[1]f samples per half bit cell, %[2]d Hz, %[3]d needed; in/s at most on %.0[4]f tracks 1 and 3, %.0[5]f track 2
	EvidenceTooFast       // %.1[1]f in/s, %[2]d: the limit
	EvidenceTooSlow       // %.1[1]f in/s, %[2]d: the limit
	EvidenceUneven        // %.1[1]f in/s, %.0[2]f %% variation
	EvidenceWeak          // %.0[1]f dB SNR, %.1[2]f %% peak
	EvidenceNoSwipe       // no audio swipe: too few flux transitions
	EvidenceTooWeak       //
	EvidenceSNR           // %.0f dB
	EvidencePulsesMerge   // %.1[1]f samples per half bit cell, %[2]d needed
	EvidenceNoClock       //
	EvidenceTooFewSamples // %[1].1f samples per half bit cell, %[2]d needed
	EvidenceBlankStripe   //
	EvidenceCharErrors    // %d character errors
	EvidenceNoisyTrack    //
	EvidenceBadRate       // %d Hz
	EvidenceClipped       //
	EvidenceNoisy         // MagnePrint: too noisy
	EvidenceSlow          // MagnePrint: too slow
	EvidenceFast          // MagnePrint: too fast
	EvidenceBackwards     // MagnePrint: reverse direction
	EvidenceHexNotHex     // %[1]d: the character's place in the input, %[2]q: the character
	EvidenceHexMisplaced  // %[1]d: the character's place in the input, %[2]q: the character
	EvidenceHexLength     // %[1]d bytes the length byte counts, %[2]d hex digits that follow
	EvidenceHexOdd        // %d hex digits
	EvidenceHexShort      // tag 57 without expiry date or service code
	EvidenceNoSentinels   // %d: the track
	EvidenceTracksBare    // %s: the tracks
	// What a host's input method did (input_method_active).
	EvidenceFullWidth      // %d full-width characters read as ASCII
	EvidenceIMEPunctuation // %[1]s: the punctuation, %[2]s: what it was read as
	EvidenceComposed       // %d characters a composition took
	EvidenceIMEChar        // %[1]s: the character, %[2]d: the track, %[3]d: its place
	EvidenceComposedAt     // %s: the track and places (EvidencePositions)

	// A card with its own encoding; the numbers of closed-loop cards.
	EvidenceOwnEncoding     // %[1]d bits, %.0[2]f dB SNR: an audio swipe
	EvidenceOwnEncodingBits // %d bits: a bit stream
	EvidenceMII7            // a number in MII 7's range
	EvidenceMII8            // MII 8
	EvidenceMII9            // MII 9
	EvidencePrivateRange    // a range no payment brand holds
	EvidenceLuhnNotUsed     // the check digit fails, which such systems need not check
	EvidenceNoRealExpiry    // %s: the expiry field
	EvidenceOwnServiceCode  // %s: the service code

	// Input errors, beside the paste box and in evidence.
	InputEmpty
	InputTooLarge // %d KiB
	InputBinary
	BitsUnreadable // %[1]d: the offset, %[2]s: what is wrong
	BitsBadCharacter
	BitsNoBits
	BitsUnusedByte
	BitsExpected // %s: the text expected
	BitsNumberAbove
	BitsNumber
	BitsTrailing
	BitsNoLabel

	// The HID panel.
	HIDTitle
	HIDConnect
	HIDVendor
	HIDProduct
	HIDUSBID
	HIDMode
	HIDModeHID
	HIDModeKeyboard
	HIDModeUnsupported
	HIDModeUnknown
	HIDNoWebHID
	HIDInsecure
	HIDCancelled
	HIDDenied
	HIDOpenFailed
	HIDUnplugged
	HIDFeatureFailed
	HIDBadReport // %d bytes
	HIDKeyboardMode
	HIDSoftwareID
	HIDSerial
	HIDInterface
	HIDTracks
	HIDUnread
	HIDInterfaceHID
	HIDInterfaceKeyboard
	HIDInterfaceUART
	HIDInterfaceBulleT
	HIDInterfaceOther // %d
	HIDTrackOff       // %d: the track
	HIDTrackOn
	HIDTrackRequired
	HIDTrackReserved
	HIDNoAAMVA
	HIDUnknownDevice
	HIDUnknownReport
	HIDTruncated     // %[1]d bytes, %[2]d expected
	HIDOversized     // %[1]d bytes, %[2]d expected
	HIDFieldOverflow // %[1]d, at most %[2]d
	HIDLayout        // %[1]d bytes, %[2]d expected
	HIDBadLRC        // %[1]02X, %[2]02X expected
	HIDBadChecksum   // %[1]02X, %[2]02X expected
	HIDBadETX        // %[1]02X, %[2]02X expected
	HIDTrailing      // %[1]d bytes, %[2]d expected
	BrowserSaid      // before the browser's own message, in its language
	// Why a HID reader would not open, with the fix (webhid.OpenReason).
	HIDOpenUdev     // %s: the USB ID; the udev commands follow
	HIDOpenBusy     //
	HIDOpenChromeOS //

	// MSR605-family reader-writers: the serial panel, the MSR605X in the HID
	// panel, their status bytes and what is wrong with their answers.
	SerialTitle
	SerialConnect
	SerialNote
	SerialNoSerial
	SerialInsecure
	SerialCancelled
	SerialDenied
	SerialOpenFailed
	SerialUnplugged
	SerialSendFailed
	SerialNoAnswer
	SerialNoSwipe
	MSRModel
	MSRFirmware
	MSRUnanswered
	MSRReadISO
	MSRReadRaw
	MSRQuerying
	MSRWaitingISO
	MSRWaitingRaw
	MSRStopped
	MSRNeverWrites
	MSRBadAnswer // %d bytes
	HIDModeMSR605X
	MSRStatusReadError
	MSRStatusCommandFormat
	MSRStatusInvalidCommand
	MSRStatusSwipe
	MSRStatusOther
	EvidenceMSRStatus // %[1]s: the byte, %[2]s: its meaning
	EvidenceNoTracks  // a HID report or a reader-writer's read with no track data
	MSREmpty
	MSRNoESC
	MSRNotRead
	MSRTruncated // %d: the byte
	MSRTag       // %d: the byte
	MSREscape    // %d: the byte
	MSRTooLong   // %[1]d bytes, %[2]d at most
	MSRTrailing  // %d: the byte
	MSRText      // %d: the byte
	MSRCount     // %d: how many
	MSRNoRead
	HIDPacketOrder
	HIDNoReports
	InputLine // %[1]d: the line, %[2]s: what is wrong
	HexOdd
	HexBadChar // %s: the character
	// Why a serial port would not open, with the fix (msr605.OpenReason).
	SerialOpenDialout  // the command follows
	SerialOpenUdev     // %s: the USB ID; the udev commands follow
	SerialOpenBusy     //
	SerialOpenChromeOS //

	// The audio panel.
	AudioTitle
	AudioHint
	AudioListen
	AudioStop
	AudioOpen
	AudioListening // %d Hz
	AudioWave
	AudioSpeed
	AudioCaption      // %[1]s seconds, %[2]d Hz, %[3]d pulses
	AudioCaptionSpeed // %[1]s seconds, %[2]d Hz, %.1[3]f in/s, %.0[4]f %% variation, %.0[5]f dB, %[6]d pulses
	AudioNoAudio      // no microphone capture in this browser: open a recording instead
	AudioInsecure     // the microphone hidden from a page not in a secure context
	AudioDenied
	AudioNoMic
	AudioBusy
	AudioLost
	AudioFile
	AudioTooLong
	AudioOther
	AudioNoDecoder
	AudioSilence
	AudioNoSwipe
	AudioNoSwipeLevel // %.0f dB: the loudest sound over the noise

	// Encrypting readers: their keys, their keyboard records and the
	// reader panel of a result.
	KeyANSITest            // the ANSI X9.24 example key set
	KeyIDTechDemo          // ID TECH's demo key set
	EvidenceTestKey        // %[1]s: the KSN, %[2]s: the key set
	EvidenceKeysUsedUp     //
	EvidenceCounterExpired //
	EvidenceLastKey        // %[1]s: the KSN, %[2]d: the DUKPT counter
	EvidenceNoKey          //
	EvidenceRecordCRC      // %[1]04X sent, %[2]04X computed
	EvidenceRecordLRC      // %[1]02X sent, %[2]02X computed
	EvidenceRecordSum      // %[1]02X sent, %[2]02X computed
	RecordFields           // %[1]d fields, %[2]d expected
	RecordLength           // %[1]d characters typed, %[2]d: the length field
	RecordBroken           // %[1]s: what is wrong, %[2]d: the character
	RecordNotHex
	RecordOddHex
	RecordSize
	RecordTooLong
	RecordFormatCode
	RecordMasked
	RecordETX
	RecordTooLarge

	// What a reader said beside its tracks (ReaderInfo.Evidence): a HID
	// report's facts, an encrypting reader's record, a reader-writer's
	// status; and the track its set-up turns off (track_disabled).
	EvidenceEncodeType       // %[1]02X: the reader's card encode type byte, %[2]s: its name
	EvidenceDecodeStatus     // %[1]d: the track, %[2]02X: its decode-status byte
	EvidenceTrackStatus      // %02X: ID TECH's track-status byte
	EvidenceEncryptionStatus // %04X: the Reader Encryption Status word
	EvidenceEncryptionBits   // %[1]04X: the word, %[2]s: the bits set in it
	EncryptionKeysExhausted  // the status bits, by bit: 0
	EncryptionKeyInjected    // 1
	EncryptionEnabled        // 2
	EncryptionAuthRequired   // 3
	EncryptionSwipeTimeout   // 4
	EncryptionHeadError5     // 5
	EncryptionHeadError6     // 6
	EncryptionKeySync        // 7
	EncryptionCounterExpired // 8
	EvidenceCardStatus       // %02X
	EvidenceMagnePrintStatus // %08X
	EvidenceReaderVersion    // %s: the reader's version
	EvidenceUndecoded        // %[1]d bytes, %[2]d: the byte the known fields end at
	EvidenceEncryptedLength  // %[1]d: the track, %[2]d: its encrypted length
	EvidenceFieldsSent       // %[1]02X, %[2]02X: ID TECH's fields 8 and 9
	EvidenceNotSent          // %[1]d: the track, %[2]d bytes
	EvidenceRawEncrypted     //
	EvidenceUnsplit          //
	EvidenceLengthBigEndian  //
	EvidenceAfterEnd         // %[1]d: the track, %[2]d characters
	EvidenceRecordFormat     // %s: the MagneSafe record's format code
	EvidenceTypedAs          // %s: how an ID TECH frame was typed
	TypedTextMasked          // how a frame was typed
	TypedTextMaskedBytes     //
	TypedHex                 //
	TypedHexBytes            //
	EvidenceStatusByte       // %s: a reader-writer's status byte
	EvidenceTrackOff         // %[1]02X: the Track ID Enable setting, %[2]d: the track

	// Stripe quality of an audio swipe (decoder/audio.Assess).
	StripeQualityLabel
	GradeGood
	GradeMarginal
	GradePoor
	GradeNone        // on the stripe picture, where the reason does not fit
	NotGradedShort   // too few bits to measure
	NotGradedNoise   // the noise would pass for the card's faults
	NotGradedClipped // flattened pulses
	NotGradedCoarse  // too few samples per half bit cell
	// %[1]s: the grade, %.1[2]f %% bit-to-bit, %.1[3]f %% subinterval,
	// %.0[4]f %% lowest amplitude, %[5]d leading and %[6]d trailing zeros
	StripeQualityLine
	StripeSpeedRange // %.1[1]f to %.1[2]f in/s
	StripeQualityUnknownTrack
	EvidenceWorn   // %.0[1]f–%.0[2]f %% along the stripe, %.0[3]f %% of the median amplitude
	EvidenceJitter // %.1[1]f %% bit-to-bit, %.1[2]f %% subinterval, %[3]d %% encoder and %[4]d %% reader limits

	// What the terminal said: the page's row of its messages, and the
	// report's line.
	TerminalSaidQuestion
	TerminalSaidHint
	TerminalNone
	TerminalChange
	TerminalSaidLabel
	TermLabel          // %[1]s: the gloss, %[2]s: the terminal's words
	TermWordsSeparator // between the terminal's wordings of one message
	// Each message's gloss, then what it most often means before a swipe
	// (message.Terminals).
	TermNotAuthenticated
	TermNotAuthenticatedMeaning
	TermInsertChip
	TermInsertChipMeaning
	TermReadFailed
	TermReadFailedMeaning
	TermInvalidCard
	TermInvalidCardMeaning
	TermExpired
	TermExpiredMeaning
	TermOverLimit
	TermOverLimitMeaning
	TermContactIssuer
	TermContactIssuerMeaning
	TermSignIn
	TermSignInMeaning
	// Verdicts the terminal's message gives.
	VerdictBeyond            // %s: the finding: the card and the reader are fine
	VerdictTerminalSecondary // after a verdict whose finding comes before the terminal's words
	// Evidence of a terminal finding, and the facts of the swipe it names.
	EvidenceTerminal    // %s: what the terminal said
	EvidenceTerminalAnd // %[1]s: what the terminal said, %[2]s: what the swipe showed
	FactExpiryAhead     // %s: the expiry
	FactChip            // %s: the service code
	FactNoChip          // %[1]s: the brand, %[2]s: the service code
	FactReadClean       // %s: the brand

	numKeys
)
