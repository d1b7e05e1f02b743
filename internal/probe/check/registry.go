// Package check holds the probe's first-party checks, one per file, each
// behind probe.Check. All lists them explicitly; a test walks the list and
// resolves every practice and provision id against the built-in catalog.
package check

import "github.com/bydesign-iot/bydesign/internal/probe"

// All returns every first-party check in registry order. The engine runs
// them by phase: default credentials first, floods last.
func All() []probe.Check {
	return []probe.Check{
		OpenPorts{},
		Cleartext{},
		VersionDisclosure{},
		DefaultCredentials{},
		MQTTAnonymous{},
		FTPAnonymous{},
		TelnetNoLogin{},
		HTTPConfigPages{},
		RTSPNoAuth{},
		UPnPExposure{},
		UPnPDescription{},
		TLSConfig{}, SecurityTxt{},
		BruteForce{},
		Flood{},
	}
}

// Practice ids from the catalog, named once.
const (
	pNoDefaultPasswords = "no-default-passwords"
	pAttackSurface      = "attack-surface-minimisation"
	pPersonalData       = "personal-data-encryption"
	pNetworkSecurity    = "network-security"
	pResilience         = "boot-recovery-resilience"
	pInputValidation    = "input-validation"
	pDeviceID           = "device-identification"
)
