package decoder

import (
	"reflect"
	"testing"

	"magcheck/internal/device"
	"magcheck/message"
)

// A device that would not open: the fixes for the host's platform, the
// udev rule for its USB IDs among them.
func TestFixes(t *testing.T) {
	const (
		linux    = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/141.0.0.0 Safari/537.36"
		chromeOS = "Mozilla/5.0 (X11; CrOS x86_64 14541.0.0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/141.0.0.0 Safari/537.36"
		windows  = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/141.0.0.0 Safari/537.36"
		android  = "Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/141.0.0.0 Mobile Safari/537.36"
	)
	reload := "sudo udevadm control --reload-rules && sudo udevadm trigger"
	hid := func(ua string) error {
		return &device.Error{Link: device.HID, Code: device.CodeOpenFailed, VendorID: 0x0801, ProductID: 0x0011, UserAgent: ua}
	}
	port := func(ua string, vid, pid uint16) error {
		return &device.Error{Link: device.Serial, Code: device.CodeOpenFailed, VendorID: vid, ProductID: pid, UserAgent: ua}
	}
	type fix struct {
		reason, words string
		commands      []string
	}
	hidBusy := fix{"busy", message.English.Text(message.HIDOpenBusy), nil}
	portBusy := fix{"busy", message.English.Text(message.SerialOpenBusy), nil}
	for _, tc := range []struct {
		name string
		err  error
		want []fix
	}{
		{"HID on Linux", hid(linux), []fix{{"udev", message.English.Format(message.HIDOpenUdev, "0801:0011"), []string{
			`echo 'KERNEL=="hidraw*", ATTRS{idVendor}=="0801", ATTRS{idProduct}=="0011", MODE="0660", TAG+="uaccess"' | sudo tee /etc/udev/rules.d/60-magcheck-hid.rules`,
			reload}}, hidBusy}},
		{"HID on ChromeOS", hid(chromeOS), []fix{{"chromeos", message.English.Text(message.HIDOpenChromeOS), nil}, hidBusy}},
		{"HID on Windows", hid(windows), []fix{hidBusy}},
		{"serial on Linux", port(linux, 0x067B, 0x2303), []fix{
			{"dialout", message.English.Text(message.SerialOpenDialout), []string{"sudo usermod -aG dialout $USER"}},
			{"udev", message.English.Format(message.SerialOpenUdev, "067B:2303"), []string{
				`echo 'SUBSYSTEM=="tty", ATTRS{idVendor}=="067b", ATTRS{idProduct}=="2303", MODE="0660", TAG+="uaccess"' | sudo tee /etc/udev/rules.d/60-magcheck-serial.rules`,
				reload}},
			portBusy}},
		{"serial on Linux, no USB IDs", port(linux, 0, 0), []fix{
			{"dialout", message.English.Text(message.SerialOpenDialout), []string{"sudo usermod -aG dialout $USER"}}, portBusy}},
		{"serial on ChromeOS", port(chromeOS, 0x067B, 0x2303), []fix{{"chromeos", message.English.Text(message.SerialOpenChromeOS), nil}, portBusy}},
		{"serial on Android", port(android, 0x067B, 0x2303), []fix{portBusy}},
		{"other errors", &device.Error{Link: device.HID, Code: device.CodeDenied, UserAgent: linux}, nil},
		{"other port errors", &device.Error{Link: device.Serial, Code: device.CodeDenied, UserAgent: linux}, nil},
	} {
		var got []fix
		for _, f := range Fixes(tc.err) {
			got = append(got, fix{f.Reason, f.Words.In(message.English), f.Commands})
		}
		if !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%s:\n\tgot  %+v\n\twant %+v", tc.name, got, tc.want)
		}
	}
}
