package oscal

import (
	"crypto/sha1"
	"fmt"
)

// namespaceURL is RFC 9562's name space for URLs.
var namespaceURL = [16]byte{0x6b, 0xa7, 0xb8, 0x11, 0x9d, 0xad, 0x11, 0xd1, 0x80, 0xb4, 0x00, 0xc0, 0x4f, 0xd4, 0x30, 0xc8}

// bydesignNS is the name space of every UUID bydesign derives, itself
// derived from the project's URL so no one else's names collide with ours.
var bydesignNS = uuidV5(namespaceURL, "https://github.com/bydesign-iot/bydesign/oscal")

// uuidV5 derives a name-based UUID (RFC 9562 version 5, SHA-1): the same
// name always gives the same UUID, so exports are byte-stable and a record
// keeps its UUID across revisions.
func uuidV5(ns [16]byte, name string) [16]byte {
	h := sha1.New()
	h.Write(ns[:])
	h.Write([]byte(name))
	var u [16]byte
	copy(u[:], h.Sum(nil))
	u[6] = u[6]&0x0f | 0x50 // version 5
	u[8] = u[8]&0x3f | 0x80 // RFC 9562 variant
	return u
}

// UUID returns the stable UUID bydesign uses for a named record, such as
// "catalog" or "profile:uk-psti".
func UUID(name string) string {
	return UUIDString(uuidV5(bydesignNS, name))
}

// UUIDString formats a UUID in its canonical lower-case form.
func UUIDString(u [16]byte) string {
	return fmt.Sprintf("%x-%x-%x-%x-%x", u[0:4], u[4:6], u[6:8], u[8:10], u[10:16])
}
