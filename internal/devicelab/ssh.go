package devicelab

import (
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"errors"
	"fmt"
	"net"

	"golang.org/x/crypto/ssh"
)

func (d *Device) startSSH(context.Context) error {
	s := d.Profile.SSH
	if s == nil || s.Port == 0 {
		return nil
	}
	_, key, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		return fmt.Errorf("devicelab: ssh host key: %w", err)
	}
	signer, err := ssh.NewSignerFromKey(key)
	if err != nil {
		return fmt.Errorf("devicelab: ssh host key: %w", err)
	}
	version := s.Version
	if version == "" {
		version = "SSH-2.0-devicelab"
	}
	return d.listen(s.Port, func(c net.Conn) {
		cfg := &ssh.ServerConfig{
			ServerVersion: version,
			MaxAuthTries:  3,
			PasswordCallback: func(m ssh.ConnMetadata, pw []byte) (*ssh.Permissions, error) {
				if d.login(m.User(), string(pw)) == loginOK {
					return &ssh.Permissions{}, nil
				}
				return nil, errors.New("access denied")
			},
		}
		if s.KeysOnly {
			cfg.PasswordCallback = nil
			cfg.PublicKeyCallback = func(ssh.ConnMetadata, ssh.PublicKey) (*ssh.Permissions, error) {
				return nil, errors.New("no key is authorised")
			}
		}
		cfg.AddHostKey(signer)
		sc, chans, reqs, err := ssh.NewServerConn(c, cfg)
		if err != nil {
			return
		}
		defer sc.Close()
		go ssh.DiscardRequests(reqs)
		for ch := range chans {
			ch.Reject(ssh.Prohibited, "the lab device offers no sessions")
		}
	})
}
