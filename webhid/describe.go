package webhid

// Reader modes returned by Describe.
const (
	// ModeHID: the reader sends card data as vendor HID input reports,
	// which Parse decodes.
	ModeHID = "hid"
	// ModeKeyboard: the reader types its data as a keyboard; browsers
	// withhold keyboard input reports from WebHID, so use the keyboard-wedge
	// path (a MagTek reader can be switched to HID with its interface-type
	// property).
	ModeKeyboard = "keyboard"
	// ModeUnsupported: a reader family whose protocol magcheck does not
	// decode (e.g. MagTek's TLV-based DynaFlex/DynaProx).
	ModeUnsupported = "unsupported"
)

// product is one known USB product ID.
type product struct {
	vid, pid uint16
	model    string
	mode     string
	size     int // the input report size its layout expects; 0 if none
}

// products lists the product IDs from the vendors' manuals and, for MagTek's
// newer readers, MagTek's WebHID demo (docs/hid-reports.md). A V5 size of
// 887 also admits the older 856-byte report.
var products = []product{
	{VendorMagTek, 0x0001, "USB swipe reader", ModeKeyboard, 0},
	{VendorMagTek, 0x0002, "SureSwipe", ModeHID, 337},
	// 0x0003 is a MagTek insert reader and also the ID of MSR605X clones:
	// the mode stays unknown and the report size decides.
	{VendorMagTek, 0x0003, "insert reader or MSR605X clone", "", 0},
	{VendorMagTek, 0x0011, "MagneSafe V5", ModeHID, 887},
	{VendorMagTek, 0x0013, "MagneSafe V5 insert reader", ModeHID, 887},
	{VendorMagTek, 0x0014, "MagneSafe wireless reader", ModeHID, 887},
	{VendorMagTek, 0x0019, "MagneSafe V5", ModeHID, 887},
	{VendorMagTek, 0x001A, "mDynamo", ModeHID, 887},
	{VendorMagTek, 0x001C, "tDynamo", ModeHID, 887},
	{VendorMagTek, 0x001E, "eDynamo", ModeHID, 887},
	{VendorMagTek, 0x001F, "iDynamo 6", ModeHID, 887},
	{VendorMagTek, 0x0020, "iDynamo 5 Gen III", ModeHID, 887},
	{VendorMagTek, 0x2020, "DynaFlex", ModeUnsupported, 0},
	{VendorMagTek, 0x2021, "DynaFlex (boot)", ModeUnsupported, 0},
	{VendorMagTek, 0x2022, "DynaFlex (boot)", ModeUnsupported, 0},
	{VendorMagTek, 0x2023, "DynaProx", ModeUnsupported, 0},
	{VendorMagTek, 0x2024, "DynaProx II Go", ModeUnsupported, 0},
	{VendorMagTek, 0x5357, "bootloader", ModeUnsupported, 0},
	{VendorIDTech, 0x2010, "SecureMag", ModeHID, 0},
	{VendorIDTech, 0x2020, "SecureMag", ModeHID, 337},
	{VendorIDTech, 0x2030, "SecureMag", ModeKeyboard, 0},
}

// Describe names a reader from its USB IDs. vendor is "" for a vendor magcheck
// does not know; model and mode are "" for an unknown product of a known
// vendor. mode is ModeHID, ModeKeyboard or ModeUnsupported.
func Describe(vid, pid uint16) (vendor, model, mode string) {
	switch vid {
	case VendorMagTek:
		vendor = "MagTek"
	case VendorIDTech:
		vendor = "ID TECH"
	default:
		return "", "", ""
	}
	p := lookup(vid, pid)
	return vendor, p.model, p.mode
}

func lookup(vid, pid uint16) product {
	for _, p := range products {
		if p.vid == vid && p.pid == pid {
			return p
		}
	}
	return product{}
}
