package securitytxt

import (
	"bytes"
	"encoding/hex"
	"fmt"

	"github.com/ProtonMail/go-crypto/openpgp"
	"github.com/ProtonMail/go-crypto/openpgp/clearsign"
)

// verifySignature checks a cleartext-signed file against the public keys in
// keyring (armored or binary OpenPGP). It marks the file verified only when
// a key in the keyring made a valid signature over the signed text.
func verifySignature(f *File, b, keyring []byte, add func(Problem)) {
	keys, err := readKeyring(keyring)
	if err != nil {
		add(Problem{Severity: Error, Code: "bad-keyring", Message: fmt.Sprintf("the keys given for verification do not parse: %v", err)})
		return
	}
	block, _ := clearsign.Decode(b)
	if block == nil {
		add(Problem{Severity: Error, Code: "bad-signature", Message: "the signed message could not be decoded for verification"})
		return
	}
	signer, err := openpgp.CheckDetachedSignature(keys, bytes.NewReader(block.Bytes), block.ArmoredSignature.Body, nil)
	if err != nil {
		add(Problem{Severity: Error, Code: "bad-signature", Message: fmt.Sprintf("signature does not verify with the given keys: %v", err)})
		return
	}
	f.SignatureVerified = true
	add(Problem{Severity: Info, Code: "signature-verified",
		Message: "signature verified with key " + hex.EncodeToString(signer.PrimaryKey.Fingerprint)})
}

func readKeyring(b []byte) (openpgp.EntityList, error) {
	if keys, err := openpgp.ReadArmoredKeyRing(bytes.NewReader(b)); err == nil {
		return keys, nil
	}
	return openpgp.ReadKeyRing(bytes.NewReader(b))
}
