package tlsfixture

import (
	"strings"
	"testing"
)

func TestParseSSLScanXML(t *testing.T) {
	in := `<?xml version="1.0" encoding="UTF-8"?>
<document title="SSLScan Results" version="2.0.7" web="http://github.com/rbsec/sslscan">
 <ssltest host="127.0.0.1" sniname="127.0.0.1" port="4433">
  <protocol type="tls" version="1.0" enabled="1" />
  <cipher status="preferred" sslversion="TLSv1.3" bits="128" cipher="TLS_AES_128_GCM_SHA256" id="0x1301" strength="acceptable" />
  <cipher status="accepted" sslversion="TLSv1.0" bits="128" cipher="AES128-SHA" id="0x002F" strength="acceptable" />
  <cipher status="rejected" sslversion="TLSv1.2" bits="128" cipher="X" id="0xC02F" strength="acceptable" />
 </ssltest>
</document>`
	got, err := ParseSSLScanXML([]byte(in))
	if err != nil {
		t.Fatal(err)
	}
	want := map[Pair]bool{{"TLS1.3", 0x1301}: true, {"TLS1.0", 0x002F}: true}
	if len(got) != len(want) {
		t.Fatalf("got %v, want %v", got, want)
	}
	for p := range want {
		if !got[p] {
			t.Errorf("missing %v in %v", p, got)
		}
	}
	bad := strings.Replace(in, `id="0x002F"`, `id="zz"`, 1)
	if _, err := ParseSSLScanXML([]byte(bad)); err == nil || !strings.Contains(err.Error(), `cipher id "zz"`) {
		t.Errorf("bad id: err = %v", err)
	}
}
